/**
 * Times and dates as the timeline shows them, in the computer's local time zone. Formatting
 * objects are made once: building an Intl formatter costs far more than using one.
 *
 * Times follow the Time format setting (12- or 24-hour, or the system locale's choice). The
 * setting is read through a Svelte subscriber, so every time on screen is written again when
 * it changes, without the components passing it down. Dates, day names and times in other
 * languages than English come from Intl in the current language (lib/intl-locale.ts), read
 * the same way.
 */
import { createSubscriber } from 'svelte/reactivity'
import type { TimeFormat } from '../../../shared/bridge/model'
import { intlLocale } from './intl-locale'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

let chosenFormat: TimeFormat = 'system'
let changed = (): void => {}
const track = createSubscriber((update) => {
  changed = update
  return () => {
    changed = () => {}
  }
})
let systemTwelve: boolean | null = null

/** Whether the system locale writes times with AM and PM (en-US does; en-GB and de do not). */
export function localeUsesTwelveHours(locale?: string): boolean {
  const options = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions()
  return options.hour12 ?? (options.hourCycle === 'h11' || options.hourCycle === 'h12')
}

/** The Time format setting, from the preferences. */
export function setTimeFormat(format: TimeFormat): void {
  if (format === chosenFormat) return
  chosenFormat = format
  changed()
}

/** Whether times are written 12-hour, as the setting (or the system) says. */
export function twelveHours(): boolean {
  track()
  if (chosenFormat !== 'system') return chosenFormat === '12h'
  systemTwelve ??= localeUsesTwelveHours()
  return systemTwelve
}

/**
 * `HH:MM` (24-hour) or `H:MM AM` (12-hour), local time, in English; other languages write the
 * same clock their own way through Intl (`午後9:05`, `9:05 p. m.`). `twelve` defaults to the
 * setting.
 */
export function formatTime(ts: number, twelve: boolean = twelveHours()): string {
  const locale = intlLocale()
  if (locale === 'en' || locale.startsWith('en-')) {
    // Intl's English puts a narrow no-break space before AM: the app has always written a space.
    const date = new Date(ts)
    const hours = date.getHours()
    if (!twelve) return `${pad(hours)}:${pad(date.getMinutes())}`
    return `${hours % 12 || 12}:${pad(date.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`
  }
  return formatter(`time|${twelve}`, locale, {
    hour: twelve ? 'numeric' : '2-digit',
    minute: '2-digit',
    ...(twelve ? { hour12: true } : { hourCycle: 'h23' }),
  }).format(ts)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Building an Intl formatter costs far more than using one: one per locale and shape. */
function formatter(
  shape: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${shape}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, format)
  }
  return format
}

const relatives = new Map<string, Intl.RelativeTimeFormat>()

/** `Today` or `Yesterday` in the locale's words, capitalized as a label starts. */
function relativeDay(days: 0 | -1, locale: string): string {
  let format = relatives.get(locale)
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    relatives.set(locale, format)
  }
  const text = format.format(days, 'day')
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1)
}

/** A number that is the same for two times on the same local calendar day, and only then. */
export function dayKey(ts: number): number {
  const date = new Date(ts)
  return date.getFullYear() * 10_000 + (date.getMonth() + 1) * 100 + date.getDate()
}

/** `Today`, `Yesterday`, `Monday 3 March`, or with the year when it is not this year. */
export function formatDay(ts: number, now: number = Date.now()): string {
  const locale = intlLocale()
  const key = dayKey(ts)
  if (key === dayKey(now)) return relativeDay(0, locale)
  // Noon-to-noon steps keep daylight-saving days (23 or 25 hours) from skipping a date.
  const noon = new Date(now)
  noon.setHours(12, 0, 0, 0)
  if (key === dayKey(noon.getTime() - DAY_MS)) return relativeDay(-1, locale)
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear()
  return formatter(sameYear ? 'day' : 'day-year', locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ts)
}

/** The full date and time, for a tooltip and for screen readers (in the chosen clock). */
export function formatDateTime(ts: number): string {
  const twelve = twelveHours()
  const locale = intlLocale()
  // English keeps the styles it always had; with the clock forced, the styles garble some
  // languages' dates (Japanese "2026/3/4水曜日"), which the fields write right.
  const english = locale === 'en' || locale.startsWith('en-')
  return formatter(
    `full|${twelve}`,
    locale,
    english
      ? { dateStyle: 'full', timeStyle: 'short', hour12: twelve }
      : {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          weekday: 'long',
          hour: 'numeric',
          minute: '2-digit',
          hour12: twelve,
        },
  ).format(ts)
}

/** Whole seconds from `now` until `at`, never negative (a countdown shows 0, not -1). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}

/** Whether two times are far enough apart to start a new group in the timeline. */
export function minutesApart(a: number, b: number, minutes: number): boolean {
  return Math.abs(b - a) > minutes * MINUTE_MS
}
