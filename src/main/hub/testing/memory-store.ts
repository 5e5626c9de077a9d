import {
  DELETED_TEXT,
  LIMITS,
  type ChatEvent,
  type ReadPosition,
  type SearchMatch,
  type TimelineEvent,
} from '../../../shared/protocol'
import { ChatStates } from '../chat-states'
import type { RoomMeta } from '../room-directory'
import { newToken } from '../room-lock'
import type { Recovery } from '../room-store'
import type {
  SearchQuery,
  StoreBudget,
  TimelineStore,
  TimelineStoreOptions,
} from '../timeline-store'

/**
 * What a MemoryStore keeps "on disk": give the same one to the next open and the room comes
 * back as a restarted hub finds it. Records are JSON strings, as a file would hold them.
 */
export class MemoryDisk {
  /** JSON records by seq, in seq order. */
  readonly records = new Map<number, string>()
  reads: ReadPosition[] = []
  meta: RoomMeta | null = null
  /** How many times reads were saved (tests look). */
  readsSaved = 0
  /** The store last opened on this disk. */
  store: MemoryStore | null = null
}

export interface MemoryStoreOptions {
  name: string
  budget: StoreBudget
  keep: number
  onRecord?: (event: TimelineEvent) => void
  disk?: MemoryDisk
  /** Milliseconds each search slice runs before yielding to the event loop. */
  sliceMs?: number
}

/**
 * The TimelineStore contract in memory, for tests of the hub and as the stand-in for what the
 * old chat log cannot keep (see legacy-store-adapter.ts). Paging, budget and search behave as
 * the contract says; nothing here is fast or compact.
 */
export class MemoryStore implements TimelineStore {
  readonly meta: RoomMeta
  readonly recovery: Recovery | null = null
  readonly loaded: TimelineEvent[]
  onDrop?: ((droppedUpTo: number) => void) | undefined
  private readonly disk: MemoryDisk
  /** Kept events by seq (ascending insertion). */
  private readonly events = new Map<number, TimelineEvent>()
  private chatSeqs: number[] = []
  private pending = new Map<number, string>()
  private droppedChats = false
  private bytes = 0
  /** Searches that started (tests look). */
  searches = 0
  /** Searches that ended because they were aborted. */
  aborted = 0
  /** While set, searches wait for it before they scan (a search made to take long). */
  searchGate: Promise<void> | null = null

  constructor(private readonly options: MemoryStoreOptions) {
    this.disk = options.disk ?? new MemoryDisk()
    this.disk.meta ??= {
      v: 1,
      id: newToken(),
      name: options.name,
      epoch: newToken(),
      createdAt: Date.now(),
    }
    this.meta = this.disk.meta
    for (const json of this.disk.records.values()) {
      this.index(JSON.parse(json) as TimelineEvent, json)
    }
    const first = this.chatSeqs[0]
    this.droppedChats = first !== undefined && first > 1
    for (const event of this.events.values()) options.onRecord?.(event)
    this.loaded = [...this.events.values()].slice(-options.keep)
    this.disk.store = this
  }

  append(json: string): void {
    const event = JSON.parse(json) as TimelineEvent
    this.pending.set(event.seq, json)
    this.index(event, json)
    this.enforceBudget()
  }

  flush(): boolean {
    for (const [seq, json] of this.pending) this.disk.records.set(seq, json)
    this.pending.clear()
    return true
  }

  redact(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const event = this.events.get(seq)
      if (event?.type === 'chat') {
        this.replace({ ...event, text: DELETED_TEXT, deleted: true })
      } else if (event?.type === 'edit') {
        this.replace({ ...event, text: DELETED_TEXT })
      }
    }
  }

  read(seqs: readonly number[]): TimelineEvent[] {
    const out: TimelineEvent[] = []
    for (const seq of seqs) {
      const event = this.events.get(seq)
      if (event) out.push(event)
    }
    return out
  }

  isChat(seq: number): boolean {
    return this.events.get(seq)?.type === 'chat'
  }

  chatFrom(seq: number): string | undefined {
    const event = this.events.get(seq)
    return event?.type === 'chat' ? event.from : undefined
  }

  chatsBefore(before: number, limit: number): number[] {
    const below = this.chatSeqs.filter((seq) => seq < before)
    return below.slice(Math.max(0, below.length - limit))
  }

  chatsAfter(after: number, limit: number): number[] {
    return this.chatSeqs.filter((seq) => seq > after).slice(0, limit)
  }

  get firstChatSeq(): number | null {
    return this.chatSeqs[0] ?? null
  }

  get trimmed(): boolean {
    return this.droppedChats
  }

  async search(
    query: SearchQuery,
    current: (chat: ChatEvent) => string | null,
    signal: AbortSignal,
  ): Promise<{ matches: SearchMatch[]; more: boolean }> {
    this.searches += 1
    if (this.searchGate) await this.searchGate
    if (signal.aborted) {
      this.aborted += 1
      throw signal.reason
    }
    const words = query.text.toLowerCase().split(/\s+/).filter(Boolean)
    const matches: SearchMatch[] = []
    const sliceMs = this.options.sliceMs ?? 5
    let sliceStart = performance.now()
    for (let i = this.chatSeqs.length - 1; i >= 0; i--) {
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise((resolve) => setImmediate(resolve))
        sliceStart = performance.now()
      }
      if (signal.aborted) throw signal.reason
      const seq = this.chatSeqs[i] as number
      if (query.before !== undefined && seq >= query.before) continue
      const chat = this.events.get(seq) as ChatEvent
      const text = current(chat)
      if (text === null) continue
      const lower = text.toLowerCase()
      if (!words.every((word) => lower.includes(word))) continue
      if (matches.length === query.limit) return { matches, more: true }
      matches.push({ seq, from: chat.from, name: chat.name, ts: chat.ts, ...snippet(text, words) })
    }
    return { matches, more: false }
  }

  loadReads(): ReadPosition[] {
    return this.disk.reads.map((position) => ({ ...position }))
  }

  saveReads(positions: readonly ReadPosition[]): void {
    this.disk.reads = positions.map((position) => ({ ...position }))
    this.disk.readsSaved += 1
  }

  close(): void {
    this.flush()
  }

  private index(event: TimelineEvent, json: string): void {
    this.events.set(event.seq, event)
    this.bytes += json.length
    if (event.type === 'chat') this.chatSeqs.push(event.seq)
  }

  private replace(event: TimelineEvent): void {
    this.events.set(event.seq, event)
    const json = JSON.stringify(event)
    for (const records of [this.disk.records, this.pending]) {
      if (records.has(event.seq)) records.set(event.seq, json)
    }
  }

  /** Drops the oldest events while over either budget, and says up to where. */
  private enforceBudget(): void {
    let droppedUpTo = 0
    while (
      this.events.size > this.options.budget.events ||
      this.bytes > this.options.budget.bytes
    ) {
      const [seq, event] = this.events.entries().next().value as [number, TimelineEvent]
      this.events.delete(seq)
      this.bytes -= JSON.stringify(event).length
      if (event.type === 'chat') {
        this.chatSeqs.shift()
        this.droppedChats = true
      }
      this.disk.records.delete(seq)
      this.pending.delete(seq)
      droppedUpTo = seq
    }
    if (droppedUpTo > 0) this.onDrop?.(droppedUpTo)
  }
}

/** A snippet of `text` around the first word found, with every word's places in it. */
function snippet(text: string, words: string[]): Pick<SearchMatch, 'snippet' | 'highlights'> {
  const max = LIMITS.maxSnippetLength
  const lower = text.toLowerCase()
  const first = Math.min(...words.map((word) => lower.indexOf(word)).filter((at) => at >= 0))
  const chars = Array.from(text)
  let start = 0
  if (chars.length > max) {
    // Code points as the unit: a snippet never splits a surrogate pair.
    const firstChar = Array.from(text.slice(0, first)).length
    start = Math.max(0, Math.min(firstChar - 20, chars.length - max))
  }
  const body = chars.slice(start, start + max).join('')
  const prefix = start > 0 ? '…' : ''
  const out = prefix + body + (start + max < chars.length ? '…' : '')
  const highlights: Array<[number, number]> = []
  const lowerOut = out.toLowerCase()
  for (const word of words) {
    for (let at = lowerOut.indexOf(word); at >= 0 && highlights.length < LIMITS.maxHighlights;) {
      highlights.push([at, at + word.length])
      at = lowerOut.indexOf(word, at + word.length)
    }
  }
  highlights.sort((a, b) => a[0] - b[0])
  return { snippet: out, highlights }
}

/**
 * A store in memory holding `loaded` (as if on disk), the chat states rebuilt from it as the
 * hub does, and every record appended from now on (`appended`), for tests of the room.
 */
export function memoryTimeline(
  loaded: readonly TimelineEvent[] = [],
  limits: { maxReactionEmoji: number; maxReactionsPerMessage: number; dedupeWindow: number },
  budget: StoreBudget = { events: 1_000_000, bytes: 1 << 30 },
): { store: MemoryStore; states: ChatStates; disk: MemoryDisk; appended: string[] } {
  const disk = new MemoryDisk()
  for (const event of loaded) disk.records.set(event.seq, JSON.stringify(event))
  const states = new ChatStates(limits)
  const store = new MemoryStore({
    name: 'Room',
    budget,
    keep: limits.dedupeWindow,
    disk,
    onRecord: (event) => states.apply(event),
  })
  store.onDrop = (upTo) => states.dropUpTo(upTo)
  const appended: string[] = []
  const append = store.append.bind(store)
  store.append = (json) => {
    appended.push(json)
    append(json)
  }
  return { store, states, disk, appended }
}

/** An `openStore` for Hub.start keeping the room on `disk`: the next hub given the same disk
 * finds the room as a restarted hub would. */
export function memoryStoreOn(
  disk: MemoryDisk,
  sliceMs?: number,
): (options: TimelineStoreOptions) => MemoryStore {
  return (options) =>
    new MemoryStore({
      name: options.name,
      budget: options.budget,
      keep: options.keep,
      disk,
      ...(options.onRecord ? { onRecord: options.onRecord } : {}),
      ...(sliceMs !== undefined ? { sliceMs } : {}),
    })
}
