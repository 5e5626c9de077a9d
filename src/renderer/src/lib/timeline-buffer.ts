/**
 * The room's timeline as the window keeps it: `confirmed ++ pending`, applied from main's
 * patches, bounded in memory. Plain data (no Svelte): the state class wraps it.
 *
 * - A patch costs O(its size), not O(timeline): appends go to the end of an array; the oldest
 *   entries are dropped in chunks (the array is compacted only when at least half of it is
 *   dropped), so each entry is moved at most a constant number of times.
 * - Confirmed entries are deduplicated by key. Main never sends a key twice on purpose, but
 *   a patch queued before `getTimeline` answered may arrive after the answer and repeat it.
 */
import type { TimelineEntry, TimelinePatch } from './bridge'
import { NameCensus } from './names'

/** Confirmed entries kept at most; older ones are dropped (main keeps fewer anyway). */
export const MAX_CONFIRMED = 10_000
/** Entries dropped at a time once over the bound, so that dropping is rare and cheap. */
export const DROP_CHUNK = 500

export interface TimelineChange {
  reset: boolean
  /** Confirmed entries added at the end (duplicates not counted). */
  appended: number
  /** Confirmed entries dropped from the start to stay within the bound. */
  dropped: number
}

export class TimelineBuffer {
  #items: TimelineEntry[] = []
  /** Index in #items of the first entry still kept. */
  #head = 0
  /** Key → position counted from the last reset (dropped entries included). */
  readonly #keys = new Map<string, number>()
  #pending: TimelineEntry[] = []
  #dropped = 0
  #generation = 0
  readonly #senders = new NameCensus()
  readonly #trimTo: number

  constructor(
    readonly max: number = MAX_CONFIRMED,
    chunk: number = DROP_CHUNK,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer')
    this.#trimTo = max - Math.max(1, Math.min(chunk, Math.ceil(max / 2)))
  }

  /** Confirmed entries kept. */
  get confirmedLength(): number {
    return this.#items.length - this.#head
  }

  /** Everything shown: confirmed then pending. */
  get length(): number {
    return this.confirmedLength + this.#pending.length
  }

  /** Increases with every reset: positions from before one mean nothing after it. */
  get generation(): number {
    return this.#generation
  }

  /** Entries dropped from the start since the last reset. */
  get dropped(): number {
    return this.#dropped
  }

  /** Names used by more than one sender among the chats kept (as nameKey). Live view. */
  get collidingNames(): ReadonlySet<string> {
    return this.#senders.colliding
  }

  at(index: number): TimelineEntry | undefined {
    const confirmed = this.confirmedLength
    if (index < 0) return undefined
    if (index < confirmed) return this.#items[this.#head + index]
    return this.#pending[index - confirmed]
  }

  /** The position of an entry by key, or -1. */
  indexOfKey(key: string): number {
    const position = this.#keys.get(key)
    if (position !== undefined) return position - this.#dropped
    const pending = this.#pending.findIndex((entry) => entry.key === key)
    return pending < 0 ? -1 : this.confirmedLength + pending
  }

  apply(patch: TimelinePatch): TimelineChange {
    if (patch.reset) this.#clear()
    let appended = 0
    for (const entry of patch.confirmed) {
      if (this.#keys.has(entry.key)) continue
      this.#keys.set(entry.key, this.#dropped + this.confirmedLength)
      this.#items.push(entry)
      if (entry.kind === 'chat') this.#senders.add(entry.from, entry.name)
      appended++
    }
    const dropped = this.confirmedLength > this.max ? this.#dropFront() : 0
    // Pending is replaced wholesale. An entry already confirmed is left out: for a moment a
    // patch may list the same message in both, and a key must be shown once.
    const seen = new Set<string>()
    this.#pending = patch.pending.filter((entry) => {
      if (this.#keys.has(entry.key) || seen.has(entry.key)) return false
      seen.add(entry.key)
      return true
    })
    return { reset: patch.reset, appended, dropped }
  }

  #clear(): void {
    this.#items = []
    this.#head = 0
    this.#keys.clear()
    this.#senders.clear()
    this.#pending = []
    this.#dropped = 0
    this.#generation++
  }

  #dropFront(): number {
    const count = this.confirmedLength - this.#trimTo
    const end = this.#head + count
    for (let i = this.#head; i < end; i++) {
      const entry = this.#items[i] as TimelineEntry
      this.#keys.delete(entry.key)
      if (entry.kind === 'chat') this.#senders.remove(entry.from, entry.name)
    }
    this.#head = end
    this.#dropped += count
    if (this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return count
  }
}
