import type { ChatEvent, LeaveReason, Member, WelcomeMessage } from '../../shared/protocol'
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
 * append when `index` was the old length); `trim` removes `count` entries from the start (the
 * timeline is bounded). Apply them in the order they are emitted.
 */
export type TimelineChange =
  | { type: 'add'; index: number; entries: readonly TimelineEntry[] }
  | { type: 'trim'; count: number }

type TimelineEvents = { change: [TimelineChange] }

export const DEFAULT_TIMELINE_SIZE = 1_000

/**
 * The room as this client shows it: chats in hub order (by seq) with no duplicates, join and
 * leave notices, and a gap marker wherever the room could not give back everything missed.
 * Keeps at most `maxEntries` (the oldest go first).
 *
 * Chats are identified by (sender, message id), as the hub does, not by seq: seq numbers mean
 * something only within one epoch, and sometimes not even across a hub that lost its tail.
 * Entries are grouped in "segments" within which seq numbers can be compared; a new segment
 * starts whenever the numbering can no longer be trusted to line up.
 */
export class Timeline extends Emitter<TimelineEvents> {
  private items: TimelineEntry[] = []
  /** The segment of each entry, index for index. */
  private segments: number[] = []
  private readonly chatKeys = new Set<string>()
  private current: ResumePosition | null
  private segment = 0
  private nextNotice = 1

  constructor(
    private readonly maxEntries: number = DEFAULT_TIMELINE_SIZE,
    private readonly now: () => number = () => Date.now(),
    start: ResumePosition | null = null,
  ) {
    super()
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('the timeline must keep at least one entry')
    }
    this.current = start ? { ...start } : null
  }

  get entries(): readonly TimelineEntry[] {
    return this.items
  }

  /** What to send as `hello.resume`, or null before the first welcome. */
  get position(): ResumePosition | null {
    return this.current ? { ...this.current } : null
  }

  /** Merges a welcome's history; returns the chats that were new to the timeline. */
  applyWelcome(welcome: WelcomeMessage): ChatEvent[] {
    const previous = this.current
    const epoch = welcome.room.epoch
    let incoming: readonly ChatEvent[] = welcome.history
    let gap: 'history' | 'epoch' | null = null
    if (previous && previous.epoch !== epoch) {
      gap = 'epoch'
    } else if (previous && previous.lastSeq > welcome.lastSeq) {
      // The hub has fewer chats than we saw in the same epoch: its numbers may now denote
      // other chats, so ours cannot be compared with them.
      gap = 'epoch'
    } else if (previous) {
      incoming = welcome.history.filter((event) => event.seq > previous.lastSeq)
      const first = incoming[0]
      if (welcome.gap || (first !== undefined && first.seq !== previous.lastSeq + 1))
        gap = 'history'
    }
    if (gap === 'epoch') this.segment += 1
    const added: TimelineEntry[] = []
    // A marker says something is missing between what was shown and what follows; with
    // nothing shown yet, there is nothing to separate.
    if (gap && this.items.length > 0) {
      added.push({ kind: 'gap', key: this.noticeKey(), at: this.now(), reason: gap })
    }
    const chats: ChatEvent[] = []
    for (const event of incoming) {
      const key = chatKey(event)
      if (this.chatKeys.has(key)) continue
      this.chatKeys.add(key)
      chats.push(event)
      added.push({ kind: 'chat', key, epoch, chat: event })
    }
    this.current = { epoch, lastSeq: welcome.lastSeq }
    this.insert(this.items.length, added)
    return chats
  }

  /**
   * Adds a chat received live. False when it is already shown, or older than everything shown
   * (a hub re-acknowledging an old resend). A chat older than the newest one shown but not in
   * the timeline — an own chat the hub had stamped during a gap — goes where its seq says.
   */
  addChat(event: ChatEvent): boolean {
    const key = chatKey(event)
    if (this.chatKeys.has(key) || !this.current) return false
    const entry: TimelineEntry = { kind: 'chat', key, epoch: this.current.epoch, chat: event }
    if (event.seq > this.current.lastSeq) {
      this.current.lastSeq = event.seq
      this.chatKeys.add(key)
      this.insert(this.items.length, [entry])
      return true
    }
    for (let index = this.items.length - 1; index >= 0; index--) {
      const item = this.items[index] as TimelineEntry
      if (this.segments[index] !== this.segment) return false
      if (item.kind === 'chat' && item.chat.seq < event.seq) {
        this.chatKeys.add(key)
        this.insert(index + 1, [entry])
        return true
      }
    }
    return false
  }

  addNotice(notice: NoticeInput): void {
    this.insert(this.items.length, [{ ...notice, key: this.noticeKey(), at: this.now() }])
  }

  private insert(index: number, entries: TimelineEntry[]): void {
    if (entries.length === 0) return
    this.items.splice(index, 0, ...entries)
    this.segments.splice(index, 0, ...entries.map(() => this.segment))
    this.emit('change', { type: 'add', index, entries })
    const excess = this.items.length - this.maxEntries
    if (excess > 0) {
      this.segments.splice(0, excess)
      for (const dropped of this.items.splice(0, excess)) {
        if (dropped.kind === 'chat') this.chatKeys.delete(dropped.key)
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
