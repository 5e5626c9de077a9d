import {
  type ChatEvent,
  type LeaveReason,
  type Member,
  type OpEvent,
  type TimelineEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { applyOp, mergeBySeq, sameState, sortedBySeq } from './chat-ops'
import { Emitter } from './emitter'

/** Where a client left off in a room: what `hello.resume` carries. */
export interface ResumePosition {
  epoch: string
  lastSeq: number
}

/**
 * One line of the room as this client shows it. `key` is stable for the entry's lifetime, for
 * keyed rendering. Notices carry the local time they were learned (`at`); chats carry the
 * hub's timestamp inside `chat`.
 */
export type TimelineEntry =
  | { kind: 'chat'; key: string; epoch: string; chat: ChatEvent }
  | { kind: 'joined'; key: string; at: number; member: Member }
  | { kind: 'renamed'; key: string; at: number; member: Member }
  | {
      kind: 'left'
      key: string
      at: number
      clientId: string
      name: string
      /** null: it happened while this client was disconnected, for a reason it was not told. */
      reason: LeaveReason | null
    }
  | {
      kind: 'gap'
      key: string
      at: number
      /** `history`: more was missed than the room keeps; `epoch`: the room's numbering was
       * reset (its history file was lost or damaged), so old and new do not line up. */
      reason: 'history' | 'epoch'
    }

/** A join, leave or rename to add to the timeline (it gets its key and time there). */
export type NoticeInput =
  | { kind: 'joined'; member: Member }
  | { kind: 'renamed'; member: Member }
  | { kind: 'left'; clientId: string; name: string; reason: LeaveReason | null }

/**
 * How the entries changed, for incremental rendering: `add` inserts `entries` at `index` (an
 * append when `index` was the old length; `older` when it is a page of history put before the
 * first chat); `trim` removes `count` entries from the start (the timeline is bounded);
 * `update` replaces entries by key where they are (reactions, edits, deletes: one change for a
 * whole batch of ops); `known` tells of chats learned outside the timeline (a replied-to
 * original fetched for its quote) or changed there. Apply them in the order they are emitted.
 */
export type TimelineChange =
  | { type: 'add'; index: number; entries: readonly TimelineEntry[]; older?: true }
  | { type: 'trim'; count: number }
  | { type: 'update'; entries: readonly ChatEntry[] }
  | { type: 'known'; chats: readonly ChatEvent[] }

export type ChatEntry = Extract<TimelineEntry, { kind: 'chat' }>

type TimelineEvents = { change: [TimelineChange] }

/** How many entries the timeline keeps as messages arrive (the oldest go first). */
export const DEFAULT_TIMELINE_SIZE = 1_000
/** How many more entries paging back may add beyond that: a person can scroll back through at
 * least this many older messages. */
export const MAX_OLDER_ENTRIES = 10_000
/** Ops kept for chats that are not loaded (the oldest targets are forgotten first). */
export const MAX_PENDING_OPS = 2_000
/** Chats known outside the timeline (originals of replies), the oldest learned forgotten first. */
export const MAX_KNOWN_CHATS = 500

/** What a page of history changed. */
export interface OlderResult {
  /** Chats put before the first one (ascending). */
  added: number
  /** The page was not taken in: the room's numbering changed since it was asked for, or the
   * timeline holds as many older messages as it may. */
  refused: boolean
}

/**
 * The room as this client shows it: chats in hub order (by seq) with no duplicates, join and
 * leave notices, and a gap marker wherever the room could not give back everything missed.
 * Keeps at most `maxEntries` as messages arrive (the oldest go first); paging back
 * (`prependOlder`) may add up to MAX_OLDER_ENTRIES more.
 *
 * Chats are identified by (sender, message id), as the hub does, not by seq: seq numbers mean
 * something only within one epoch, and sometimes not even across a hub that lost its tail.
 * Entries are grouped in "segments" within which seq numbers can be compared; a new segment
 * starts whenever the numbering can no longer be trusted to line up.
 *
 * Reactions, edits and deletes ("ops") are timeline events with seqs of their own: each is
 * applied once, in seq order, to the chat it targets, whose entry is replaced with the chat's
 * new state (the materialized form the hub sends: `edited`, `deleted`, `reactions`). Reactions
 * are sets keyed by (emoji, client id), so an op the chat already includes changes nothing.
 */
export class Timeline extends Emitter<TimelineEvents> {
  /** The room's host, who may delete any file chat (the last welcome's). */
  private hostId: string | null = null
  private items: TimelineEntry[] = []
  /** The segment of each entry, index for index. */
  private segments: number[] = []
  private readonly chatKeys = new Set<string>()
  /** The current segment's chats by seq (ops target them by seq). */
  private readonly bySeq = new Map<number, ChatEntry>()
  /** Ops whose chat is not loaded, by target seq (bounded: MAX_PENDING_OPS in all). */
  private readonly waiting = new Map<number, OpEvent[]>()
  private waitingCount = 0
  /** Replies loaded in the current segment: original's seq → the replies' seqs. */
  private readonly replies = new Map<number, Set<number>>()
  /** Chats of the current segment known outside the timeline (quoted originals). */
  private readonly known = new Map<number, ChatEvent>()
  private current: ResumePosition | null
  private segment = 0
  private nextNotice = 1
  /** How many entries are kept now: maxEntries, raised by paging back. */
  private bound: number
  /** The start of the room's history is loaded (null: not known to be). */
  private reachedStart: { trimmed: boolean } | null = null

  constructor(
    private readonly maxEntries: number = DEFAULT_TIMELINE_SIZE,
    private readonly now: () => number = () => Date.now(),
    start: ResumePosition | null = null,
  ) {
    super()
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('the timeline must keep at least one entry')
    }
    this.bound = maxEntries
    this.current = start ? { ...start } : null
  }

  get entries(): readonly TimelineEntry[] {
    return this.items
  }

  /** What to send as `hello.resume`, or null before the first welcome. */
  get position(): ResumePosition | null {
    return this.current ? { ...this.current } : null
  }

  /** The oldest chat loaded of the room's current numbering, or null when none is. */
  get firstSeq(): number | null {
    for (let index = 0; index < this.items.length; index++) {
      const item = this.items[index] as TimelineEntry
      if (item.kind === 'chat' && this.segments[index] === this.segment) return item.chat.seq
    }
    return null
  }

  /** The start of the room's history is loaded: nothing older to ask for (null: it is not). */
  get start(): { trimmed: boolean } | null {
    if (this.reachedStart) return this.reachedStart
    // The room's first chat is shown, or the room has none at all.
    if (this.current?.lastSeq === 0 || this.firstSeq === 1) return { trimmed: false }
    return null
  }

  /** Whether paging back may add more. */
  get canLoadOlder(): boolean {
    return this.start === null && this.items.length < this.maxEntries + MAX_OLDER_ENTRIES
  }

  /** How many ops wait for chats that are not loaded (at most MAX_PENDING_OPS). */
  get waitingOps(): number {
    return this.waitingCount
  }

  /** Whether the chat at `seq` (current numbering) is in the timeline. */
  isLoaded(seq: number): boolean {
    return this.bySeq.has(seq)
  }

  /** Loaded chats that answer the chat at `seq` (their quotes show it). */
  repliesTo(seq: number): ChatEntry[] {
    const found: ChatEntry[] = []
    for (const reply of this.replies.get(seq) ?? []) {
      const entry = this.bySeq.get(reply)
      if (entry) found.push(entry)
    }
    return found
  }

  /** The chat at `seq` in the room's current numbering, loaded or known; undefined if neither. */
  chatAt(seq: number): ChatEvent | undefined {
    return this.bySeq.get(seq)?.chat ?? this.known.get(seq)
  }

  /**
   * Merges a welcome: its history (chats new to the timeline are appended; those shown already
   * take the state the hub sent) and, when resuming, the ops missed (`events`), by seq. Returns
   * the events new to the timeline in seq order: the chats added and the ops applied.
   */
  applyWelcome(welcome: WelcomeMessage): TimelineEvent[] {
    this.hostId = welcome.members.find((member) => member.host)?.clientId ?? null
    const previous = this.current
    const epoch = welcome.room.epoch
    let incoming: readonly ChatEvent[] = welcome.history
    let ops: readonly OpEvent[] = []
    let gap: 'history' | 'epoch' | null = null
    if (previous && previous.epoch !== epoch) {
      gap = 'epoch'
    } else if (previous && previous.lastSeq > welcome.lastSeq) {
      // The hub has fewer events than we saw in the same epoch: its numbers may now denote
      // other chats, so ours cannot be compared with them.
      gap = 'epoch'
    } else if (previous) {
      // What we had of these is the past; the hub's copy is its state now.
      this.refresh(welcome.history.filter((event) => event.seq <= previous.lastSeq))
      incoming = welcome.history.filter((event) => event.seq > previous.lastSeq)
      if (welcome.resumed) {
        ops = (welcome.events ?? []).filter(
          (op) => op.seq > previous.lastSeq && op.seq <= welcome.lastSeq,
        )
      }
      const first = Math.min(incoming[0]?.seq ?? Infinity, ops[0]?.seq ?? Infinity)
      if (welcome.gap || (first !== Infinity && first !== previous.lastSeq + 1)) gap = 'history'
    }
    if (gap === 'epoch') this.newSegment()
    this.current = { epoch, lastSeq: welcome.lastSeq }
    const added: TimelineEntry[] = []
    // A marker says something is missing between what was shown and what follows; with
    // nothing shown yet, there is nothing to separate.
    if (gap && this.items.length > 0) {
      added.push({ kind: 'gap', key: this.noticeKey(), at: this.now(), reason: gap })
    }
    const chats: ChatEvent[] = []
    const shown: ChatEvent[] = []
    for (const event of incoming) {
      const entry = this.admit(event, epoch)
      if (!entry) {
        shown.push(event)
        continue
      }
      chats.push(event)
      added.push(entry)
    }
    // Chats shown already, sent again in the new numbering: ops find them by their new seq.
    if (gap === 'epoch') this.adopt(shown, epoch)
    this.insert(this.items.length, added)
    const applied = this.applyBatch(sortedBySeq(ops))
    return mergeBySeq(chats, applied)
  }

  /**
   * Adds a chat received live. False when it is already shown, or older than everything shown
   * (a hub re-acknowledging an old resend). A chat older than the newest one shown but not in
   * the timeline — an own chat the hub had stamped during a gap — goes where its seq says.
   */
  addChat(event: ChatEvent): boolean {
    const key = chatKey(event)
    if (!this.current) return false
    if (this.chatKeys.has(key)) {
      // Shown before the numbering changed, and sent again in it (a clustered hub behind the
      // one before reads it now): found by its new seq from now on.
      if (!this.bySeq.has(event.seq) && event.seq > this.current.lastSeq) {
        this.current.lastSeq = event.seq
        this.adopt([event], this.current.epoch)
        this.catchUpWaiting(event.seq)
      }
      return false
    }
    // Another chat at this seq already: a hub numbers each chat once, so this one is not shown
    // (a hostile hub's second "seq 2" would otherwise be printed, and counted, as another).
    if (this.bySeq.has(event.seq)) return false
    if (event.seq > this.current.lastSeq) {
      this.current.lastSeq = event.seq
      const entry = this.admit(event, this.current.epoch)
      if (entry) this.insert(this.items.length, [entry])
      this.catchUpWaiting(event.seq)
      return entry !== null
    }
    for (let index = this.items.length - 1; index >= 0; index--) {
      const item = this.items[index] as TimelineEntry
      if (this.segments[index] !== this.segment) return false
      if (item.kind === 'chat' && item.chat.seq < event.seq) {
        const entry = this.admit(event, this.current.epoch)
        if (!entry) return false
        this.insert(index + 1, [entry])
        this.catchUpWaiting(event.seq)
        return true
      }
    }
    return false
  }

  /**
   * Ops received live, in the order received: each one newer than everything seen is applied
   * (to its chat when loaded, else kept for it), the rest are repeats. All the entries they
   * change are replaced in one `update`. Returns the ops applied.
   */
  applyOps(ops: readonly OpEvent[]): OpEvent[] {
    const current = this.current
    if (!current) return []
    const fresh: OpEvent[] = []
    for (const op of ops) {
      if (op.seq <= current.lastSeq) continue
      current.lastSeq = op.seq
      fresh.push(op)
    }
    return this.applyBatch(fresh)
  }

  /**
   * A page of older chats (ascending), asked for before `before` in `epoch`: those older than
   * the first chat loaded go before it; those loaded already take the page's state (it is the
   * hub's state when it answered, which includes every op received before it). `first`: the
   * page reaches the start of what the hub keeps (`trimmed`: the budget dropped older chats).
   */
  prependOlder(
    chats: readonly ChatEvent[],
    page: { epoch: string; first: boolean; trimmed: boolean },
  ): OlderResult {
    const current = this.current
    if (!current || current.epoch !== page.epoch) return { added: 0, refused: true }
    const firstSeq = this.firstSeq
    const room = this.maxEntries + MAX_OLDER_ENTRIES - this.items.length
    const older: ChatEntry[] = []
    const seen: ChatEvent[] = []
    let last = 0
    for (const chat of chats) {
      // Ascending and unique, or not at all: a hub's disorder must not scramble the timeline.
      if (chat.seq <= last) continue
      last = chat.seq
      if (firstSeq === null || chat.seq < firstSeq) {
        if (this.chatKeys.has(chatKey(chat))) continue
        older.push({ kind: 'chat', key: chatKey(chat), epoch: current.epoch, chat })
      } else {
        seen.push(chat)
      }
    }
    if (older.length > room) {
      // Full: the newest of the page join (they are the ones next to what is shown).
      older.splice(0, older.length - Math.max(0, room))
      if (room <= 0) return { added: 0, refused: true }
    } else if (page.first) {
      this.reachedStart = { trimmed: page.trimmed }
    }
    this.refresh(seen)
    for (const entry of older) {
      this.chatKeys.add(entry.key)
      this.index(entry)
      // The page's state includes every op received before it.
      this.dropWaiting(entry.chat.seq)
    }
    this.bound = Math.max(this.bound, this.items.length + older.length)
    this.insert(this.firstIndexOfSegment(), older, true)
    return { added: older.length, refused: false }
  }

  /**
   * Chats learned outside the timeline (a replied-to original fetched by seq): kept (bounded) so
   * that quotes can show them and ops keep them current. Loaded chats take the state instead.
   */
  remember(chats: readonly ChatEvent[], epoch: string): void {
    if (this.current?.epoch !== epoch) return
    const learned: ChatEvent[] = []
    const loaded: ChatEvent[] = []
    for (const chat of chats) {
      if (this.bySeq.has(chat.seq)) {
        loaded.push(chat)
        continue
      }
      this.known.delete(chat.seq)
      this.known.set(chat.seq, chat)
      this.dropWaiting(chat.seq)
      learned.push(chat)
    }
    while (this.known.size > MAX_KNOWN_CHATS) {
      const oldest = this.known.keys().next().value as number
      this.known.delete(oldest)
    }
    this.refresh(loaded)
    if (learned.length > 0) this.emit('change', { type: 'known', chats: learned })
  }

  addNotice(notice: NoticeInput): void {
    this.insert(this.items.length, [{ ...notice, key: this.noticeKey(), at: this.now() }])
  }

  /** A chat's entry, when it is not shown yet (null when it is). */
  private admit(chat: ChatEvent, epoch: string): ChatEntry | null {
    const key = chatKey(chat)
    if (this.chatKeys.has(key)) return null
    this.chatKeys.add(key)
    const entry: ChatEntry = { kind: 'chat', key, epoch, chat }
    if (epoch === this.current?.epoch || this.current === null) this.index(entry)
    return entry
  }

  /** A chat of the current segment is loaded: found by its seq, and by the seq it answers. */
  private index(entry: ChatEntry): void {
    const { seq, replyTo } = entry.chat
    this.bySeq.set(seq, entry)
    this.known.delete(seq)
    if (replyTo === undefined) return
    const set = this.replies.get(replyTo)
    if (set) set.add(seq)
    else this.replies.set(replyTo, new Set([seq]))
  }

  private unindex(entry: ChatEntry): void {
    const { seq, replyTo } = entry.chat
    if (this.bySeq.get(seq) !== entry) return
    this.bySeq.delete(seq)
    if (replyTo === undefined) return
    const set = this.replies.get(replyTo)
    set?.delete(seq)
    if (set?.size === 0) this.replies.delete(replyTo)
  }

  /**
   * The hub no longer has the files of these file chats (the `expired` message): they show as
   * expired from now on. Returns the seqs that changed (loaded file chats not yet expired).
   */
  expire(targets: readonly number[]): number[] {
    const changed: ChatEntry[] = []
    const done: number[] = []
    for (const seq of targets) {
      const entry = this.bySeq.get(seq)
      const file = entry?.chat.file
      if (entry && file && !file.expired) {
        const next: ChatEntry = {
          ...entry,
          chat: { ...entry.chat, file: { ...file, expired: true } },
        }
        this.replace(entry, next)
        changed.push(next)
        done.push(seq)
      }
      const known = this.known.get(seq)
      if (known?.file && !known.file.expired) {
        this.known.set(seq, { ...known, file: { ...known.file, expired: true } })
      }
    }
    if (changed.length > 0) this.emit('change', { type: 'update', entries: changed })
    return done
  }

  /** Ops in seq order: each applied to its chat, or kept for a chat not loaded. One `update`
   * (and one `known`) for the whole batch. Returns the ops taken (valid ones). */
  private applyBatch(ops: readonly OpEvent[]): OpEvent[] {
    const changed = new Map<string, ChatEntry>()
    const changedKnown = new Map<number, ChatEvent>()
    const taken: OpEvent[] = []
    for (const op of ops) {
      // An op comes after what it targets; anything else is a hub's mistake.
      if (op.target >= op.seq) continue
      taken.push(op)
      const entry = this.bySeq.get(op.target)
      if (entry) {
        const chat = applyOp(entry.chat, op, this.hostId)
        if (chat === entry.chat) continue
        const next: ChatEntry = { ...entry, chat }
        this.replace(entry, next)
        changed.set(next.key, next)
        continue
      }
      const known = this.known.get(op.target)
      if (known) {
        const chat = applyOp(known, op, this.hostId)
        this.known.set(op.target, chat)
        changedKnown.set(op.target, chat)
        continue
      }
      this.keepWaiting(op)
    }
    if (changed.size > 0) this.emit('change', { type: 'update', entries: [...changed.values()] })
    if (changedKnown.size > 0) {
      this.emit('change', { type: 'known', chats: [...changedKnown.values()] })
    }
    return taken
  }

  /**
   * Chats shown before the numbering changed and sent again in it, in a welcome or live (a
   * hub that lost its tail kept them; a clustered hub behind the one before sends them under
   * the same seqs as it reads them): they stay where they are shown, take the hub's state and
   * seq, and are found by it from now on.
   */
  private adopt(chats: readonly ChatEvent[], epoch: string): void {
    const changed: ChatEntry[] = []
    for (const chat of chats) {
      const key = chatKey(chat)
      const index = this.items.findLastIndex((item) => item.kind === 'chat' && item.key === key)
      const entry = this.items[index]
      if (entry?.kind !== 'chat') continue
      this.unindex(entry)
      const next: ChatEntry = { ...entry, epoch, chat }
      this.items[index] = next
      this.index(next)
      changed.push(next)
    }
    if (changed.length > 0) this.emit('change', { type: 'update', entries: changed })
  }

  /** Loaded chats take the state the hub sent (materialized), replacing ours. */
  private refresh(chats: readonly ChatEvent[]): void {
    const changed: ChatEntry[] = []
    for (const chat of chats) {
      const entry = this.bySeq.get(chat.seq)
      if (!entry || entry.key !== chatKey(chat)) continue
      this.dropWaiting(chat.seq)
      if (sameState(entry.chat, chat)) continue
      const next: ChatEntry = { ...entry, chat }
      this.replace(entry, next)
      changed.push(next)
    }
    if (changed.length > 0) this.emit('change', { type: 'update', entries: changed })
  }

  /** A chat arrived that ops were kept for: they apply now (they came after it). */
  private catchUpWaiting(seq: number): void {
    const ops = this.waiting.get(seq)
    if (!ops) return
    this.dropWaiting(seq)
    this.applyBatch(ops)
  }

  private keepWaiting(op: OpEvent): void {
    const list = this.waiting.get(op.target)
    if (list) list.push(op)
    else this.waiting.set(op.target, [op])
    this.waitingCount += 1
    while (this.waitingCount > MAX_PENDING_OPS) {
      const [target, dropped] = this.waiting.entries().next().value as [number, OpEvent[]]
      this.waiting.delete(target)
      this.waitingCount -= dropped.length
    }
  }

  private dropWaiting(seq: number): void {
    const list = this.waiting.get(seq)
    if (!list) return
    this.waiting.delete(seq)
    this.waitingCount -= list.length
  }

  private replace(entry: ChatEntry, next: ChatEntry): void {
    this.bySeq.set(next.chat.seq, next)
    // Ops mostly touch recent chats: look from the end.
    const index = this.items.lastIndexOf(entry)
    if (index >= 0) this.items[index] = next
  }

  /** Seq numbers no longer line up: what was learned by them is forgotten. */
  private newSegment(): void {
    this.segment += 1
    this.bySeq.clear()
    this.replies.clear()
    this.waiting.clear()
    this.waitingCount = 0
    this.known.clear()
    this.reachedStart = null
  }

  private firstIndexOfSegment(): number {
    const index = this.segments.indexOf(this.segment)
    return index < 0 ? this.items.length : index
  }

  private insert(index: number, entries: TimelineEntry[], older?: true): void {
    if (entries.length === 0) return
    this.items.splice(index, 0, ...entries)
    this.segments.splice(index, 0, ...entries.map(() => this.segment))
    this.emit(
      'change',
      older ? { type: 'add', index, entries, older } : { type: 'add', index, entries },
    )
    const excess = this.items.length - this.bound
    if (excess > 0) {
      this.segments.splice(0, excess)
      for (const dropped of this.items.splice(0, excess)) {
        if (dropped.kind !== 'chat') continue
        this.chatKeys.delete(dropped.key)
        this.unindex(dropped)
        // What was trimmed can be paged back in.
        this.reachedStart = null
      }
      this.emit('change', { type: 'trim', count: excess })
    }
  }

  private noticeKey(): string {
    return `n${this.nextNotice++}`
  }
}

/** A chat's identity, as the hub deduplicates: sender and message id. */
export function chatKey(event: Pick<ChatEvent, 'from' | 'id'>): string {
  return `c:${event.from}:${event.id}`
}
