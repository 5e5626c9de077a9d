/**
 * What a screen reader hears of a busy room: new messages from others and people coming and
 * going, through one polite live region, at most one announcement per interval. The first
 * thing after a quiet spell is said at once; what comes during the interval is summed up when
 * it ends ("3 new messages from Ada and Bob. Cleo joined."), in the current language.
 */
import { t } from './i18n'
import { formatList } from './intl-locale'

export type Arrival =
  | { kind: 'chat'; name: string; text: string }
  | { kind: 'joined' | 'left' | 'renamed'; name: string; text: string }

/** At most one announcement per this many ms. */
export const ANNOUNCE_INTERVAL_MS = 2_500
/** A single message is read out up to this many characters. */
const MAX_QUOTE = 200
/** Names listed before "and N others". */
const MAX_NAMES = 3

export interface AnnouncerClock {
  now: () => number
  schedule: (run: () => void, ms: number) => () => void
}

const REAL_CLOCK: AnnouncerClock = {
  now: () => Date.now(),
  schedule: (run, ms) => {
    const timer = setTimeout(run, ms)
    return () => clearTimeout(timer)
  },
}

export class Announcer {
  #queue: Arrival[] = []
  #last = -Infinity
  #cancel: (() => void) | null = null

  constructor(
    private readonly say: (text: string) => void,
    private readonly intervalMs = ANNOUNCE_INTERVAL_MS,
    private readonly clock: AnnouncerClock = REAL_CLOCK,
  ) {}

  add(arrival: Arrival): void {
    this.#queue.push(arrival)
    if (this.#cancel) return
    const wait = this.#last + this.intervalMs - this.clock.now()
    if (wait <= 0) this.#flush()
    else this.#cancel = this.clock.schedule(() => this.#flush(), wait)
  }

  /** Forgets what is queued (a new timeline, a room left). */
  clear(): void {
    this.#cancel?.()
    this.#cancel = null
    this.#queue = []
  }

  #flush(): void {
    this.#cancel = null
    const text = summarize(this.#queue)
    this.#queue = []
    if (text === '') return
    this.#last = this.clock.now()
    this.say(text)
  }
}

/** One sentence (or a few) for everything that arrived. */
export function summarize(arrivals: readonly Arrival[]): string {
  const chats = arrivals.filter((a) => a.kind === 'chat')
  const parts: string[] = []
  const [only] = chats
  if (chats.length === 1 && only) {
    parts.push(t('announcer.message', { name: only.name, text: only.text.slice(0, MAX_QUOTE) }))
  } else if (chats.length > 1) {
    const names = nameList(chats.map((c) => c.name))
    parts.push(t('announcer.messages', { count: chats.length, names }))
  }
  for (const kind of ['joined', 'left'] as const) {
    const names = arrivals.filter((a) => a.kind === kind).map((a) => a.name)
    if (names.length === 0) continue
    // The verb agrees with how many people (German "ist"/"sind", Arabic's dual).
    const count = new Set(names).size
    const list = nameList(names)
    parts.push(
      kind === 'joined'
        ? t('announcer.joined', { count, names: list })
        : t('announcer.left', { count, names: list }),
    )
  }
  const renamed = arrivals.filter((a) => a.kind === 'renamed')
  const [rename] = renamed
  if (renamed.length === 1 && rename) parts.push(rename.text)
  else if (renamed.length > 1) parts.push(t('announcer.renamed', { count: renamed.length }))
  return parts
    .map((part) => (ENDS_SENTENCE.test(part) ? part : t('announcer.sentence', { text: part })))
    .join(' ')
}

/** Text that already ends a sentence (a question in a message, Chinese and Japanese stops). */
const ENDS_SENTENCE = /[.!?…。！？؟]$/

/** "Ada", "Ada and Bob", "Ada, Bob and Cleo", "Ada, Bob, Cleo and 2 others" (each name once). */
export function nameList(names: readonly string[]): string {
  const unique = [...new Set(names)]
  if (unique.length <= MAX_NAMES) return formatList(unique)
  const rest = unique.length - MAX_NAMES
  return formatList([...unique.slice(0, MAX_NAMES), t('announcer.others', { count: rest })])
}
