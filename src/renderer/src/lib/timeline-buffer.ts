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
  /** Older entries put before the first confirmed one (applied before `appended`). */
  prepended: number
  /** Positions (after this change) of entries replaced in place. */
  updated: number[]
}

export class TimelineBuffer {
  #items: TimelineEntry[] = []
  /** Index in #items of the first entry still kept. */
  #head = 0
  /** Key → position counted from the last reset (dropped entries included). */
  readonly #keys = new Map<string, number>()
  #pending: TimelineEntry[] = []
  /** Stored position minus #origin is an entry's index; prepends lower it, drops raise it. */
  #origin = 0
  #dropped = 0
  #generation = 0
  /** The start of the room's history is loaded (`trimmed`: the hub dropped older ones). */
  #start: { trimmed: boolean } | null = null
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

  /** Set once the oldest entries of the room are loaded: nothing older to ask for. */
  get start(): { trimmed: boolean } | null {
    return this.#start
  }

  /** Notes that nothing older exists (main said so without a patch). */
  markStart(trimmed: boolean): void {
    this.#start ??= { trimmed }
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
    if (position !== undefined) return position - this.#origin
    const pending = this.#pending.findIndex((entry) => entry.key === key)
    return pending < 0 ? -1 : this.confirmedLength + pending
  }

  /** The position of the confirmed chat with this hub seq, or -1 (newest first: a linear scan
   * that finds recent messages soonest; asked only when a person picks a message). */
  indexOfSeq(seq: number): number {
    for (let index = this.confirmedLength - 1; index >= 0; index--) {
      const entry = this.#items[this.#head + index] as TimelineEntry
      if (entry.kind === 'chat' && entry.seq === seq) return index
    }
    return -1
  }

  apply(patch: TimelinePatch): TimelineChange {
    if (patch.reset) this.#clear()
    const prepended = patch.older ? this.#prepend(patch.older) : 0
    let appended = 0
    for (const entry of patch.confirmed) {
      if (this.#keys.has(entry.key)) continue
      this.#keys.set(entry.key, this.#origin + this.confirmedLength)
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
    if (patch.start) this.#start = { trimmed: patch.start.trimmed }
    const updated = patch.updated ? this.#update(patch.updated) : []
    return { reset: patch.reset, appended, dropped, prepended, updated }
  }

  /** Puts older entries before the first confirmed one, in their order; skips known keys. */
  #prepend(older: readonly TimelineEntry[]): number {
    const seen = new Set<string>()
    const fresh = older.filter((entry) => {
      if (this.#keys.has(entry.key) || seen.has(entry.key)) return false
      seen.add(entry.key)
      return true
    })
    // Never past the bound: the newest of the page are the ones next to what is shown.
    const room = Math.max(0, this.max - this.confirmedLength)
    const taken = fresh.length > room ? fresh.slice(fresh.length - room) : fresh
    if (taken.length === 0) return 0
    this.#origin -= taken.length
    taken.forEach((entry, i) => {
      this.#keys.set(entry.key, this.#origin + i)
      if (entry.kind === 'chat') this.#senders.add(entry.from, entry.name)
    })
    if (this.#head >= taken.length) {
      this.#head -= taken.length
      for (let i = 0; i < taken.length; i++) this.#items[this.#head + i] = taken[i] as TimelineEntry
    } else {
      // Pages are rare and bounded: copying the kept entries once per page is fine.
      this.#items = [...taken, ...this.#items.slice(this.#head)]
      this.#head = 0
    }
    return taken.length
  }

  /** Replaces entries by key, wherever they are; returns their positions. */
  #update(entries: readonly TimelineEntry[]): number[] {
    const positions: number[] = []
    for (const entry of entries) {
      const position = this.#keys.get(entry.key)
      if (position !== undefined) {
        const index = position - this.#origin
        const old = this.#items[this.#head + index] as TimelineEntry
        if (old.kind === 'chat') this.#senders.remove(old.from, old.name)
        if (entry.kind === 'chat') this.#senders.add(entry.from, entry.name)
        this.#items[this.#head + index] = entry
        positions.push(index)
        continue
      }
      const pending = this.#pending.findIndex((other) => other.key === entry.key)
      if (pending >= 0) {
        this.#pending[pending] = entry
        positions.push(this.confirmedLength + pending)
      }
    }
    return positions
  }

  #clear(): void {
    this.#items = []
    this.#head = 0
    this.#keys.clear()
    this.#senders.clear()
    this.#pending = []
    this.#dropped = 0
    this.#origin = 0
    this.#start = null
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
    this.#origin += count
    // What was the start of the history is gone from here: it can be asked for again.
    this.#start = null
    if (this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return count
  }
}
