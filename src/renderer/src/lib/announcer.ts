/**
 * What a screen reader hears of a busy room: new messages from others and people coming and
 * going, through one polite live region, at most one announcement per interval. The first
 * thing after a quiet spell is said at once; what comes during the interval is summed up when
 * it ends ("3 new messages from Ada and Bob. Cleo joined.").
 */
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
    parts.push(`${only.name}: ${only.text.slice(0, MAX_QUOTE)}`)
  } else if (chats.length > 1) {
    parts.push(`${chats.length} new messages from ${nameList(chats.map((c) => c.name))}`)
  }
  for (const kind of ['joined', 'left'] as const) {
    const names = arrivals.filter((a) => a.kind === kind).map((a) => a.name)
    if (names.length > 0) parts.push(`${nameList(names)} ${kind}`)
  }
  const renamed = arrivals.filter((a) => a.kind === 'renamed')
  const [rename] = renamed
  if (renamed.length === 1 && rename) parts.push(rename.text)
  else if (renamed.length > 1) parts.push(`${renamed.length} people changed their names`)
  return parts.map((part) => (/[.!?…]$/.test(part) ? part : `${part}.`)).join(' ')
}

/** "Ada", "Ada and Bob", "Ada, Bob and Cleo", "Ada, Bob, Cleo and 2 others" (each name once). */
export function nameList(names: readonly string[]): string {
  const unique = [...new Set(names)]
  if (unique.length <= MAX_NAMES) {
    const last = unique.pop() ?? ''
    return unique.length === 0 ? last : `${unique.join(', ')} and ${last}`
  }
  const rest = unique.length - MAX_NAMES
  return `${unique.slice(0, MAX_NAMES).join(', ')} and ${rest === 1 ? '1 other' : `${rest} others`}`
}
