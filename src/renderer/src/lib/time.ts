/**
 * Times and dates as the timeline shows them, in the computer's local time zone. Formatting
 * objects are made once: building an Intl formatter costs far more than using one.
 */

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

/** `HH:MM`, 24-hour, local time. */
export function formatTime(ts: number): string {
  const date = new Date(ts)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A number that is the same for two times on the same local calendar day, and only then. */
export function dayKey(ts: number): number {
  const date = new Date(ts)
  return date.getFullYear() * 10_000 + (date.getMonth() + 1) * 100 + date.getDate()
}

let withYear: Intl.DateTimeFormat | null = null
let withoutYear: Intl.DateTimeFormat | null = null
let full: Intl.DateTimeFormat | null = null

/** `Today`, `Yesterday`, `Monday 3 March`, or with the year when it is not this year. */
export function formatDay(ts: number, now: number = Date.now()): string {
  const key = dayKey(ts)
  if (key === dayKey(now)) return 'Today'
  // Noon-to-noon steps keep daylight-saving days (23 or 25 hours) from skipping a date.
  const noon = new Date(now)
  noon.setHours(12, 0, 0, 0)
  if (key === dayKey(noon.getTime() - DAY_MS)) return 'Yesterday'
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear()
  if (sameYear) {
    withoutYear ??= new Intl.DateTimeFormat(undefined, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    })
    return withoutYear.format(ts)
  }
  withYear ??= new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
  return withYear.format(ts)
}

/** The full date and time, for a tooltip and for screen readers. */
export function formatDateTime(ts: number): string {
  full ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' })
  return full.format(ts)
}

/** Whole seconds from `now` until `at`, never negative (a countdown shows 0, not -1). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}

/** Whether two times are far enough apart to start a new group in the timeline. */
export function minutesApart(a: number, b: number, minutes: number): boolean {
  return Math.abs(b - a) > minutes * MINUTE_MS
}
