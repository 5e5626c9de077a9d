import type { TimelineEntry, TimelinePatch } from '../../shared/bridge'
import type { ChatEvent, WelcomeMessage } from '../../shared/protocol'
import type { ChatEntry, RoomConnection, TimelineChange } from '../connection'
import { QuoteFetcher } from './quote-fetcher'
import { pendingEntries, toViewEntry, type PendingChat, type ViewContext } from './timeline-view'

/** Names remembered of people seen (present or not), for reactions and read positions. */
const MAX_NAMES = 4_096
/** Least time between two resets for chats that went in between others (rare: an own chat the
 * hub stamped during a gap). A hub that sends such chats without end would otherwise have the
 * whole timeline rebuilt, here and in the window, for every one of its frames. */
const RESET_INTERVAL_MS = 50

/**
 * The connection's timeline as patches for the window: appends as `confirmed`, a page of
 * history as `older` (with `start` once the first message is loaded), changed chats (ops, and
 * replies whose original changed or was fetched) as `updated`, anything else as a reset.
 * Replies whose original is not loaded get it fetched (quote-fetcher.ts).
 */
export class TimelinePublisher {
  private readonly names = new Map<string, string>()
  private readonly quotes: QuoteFetcher
  private pendingStamp = Date.now()
  /** Your files still being hashed or uploaded: pending rows before their chat is sent. */
  private uploads: readonly PendingChat[] = []
  private namedFrom: WelcomeMessage | null = null
  /** A reset waits (RESET_INTERVAL_MS); what changes meanwhile is in it when it goes. */
  private resetTimer: ReturnType<typeof setTimeout> | null = null
  private lastReset = -Infinity
  readonly context: ViewContext

  constructor(
    private readonly connection: RoomConnection,
    private readonly ownName: string,
    private readonly emit: (patch: TimelinePatch) => void,
  ) {
    const timeline = connection.timeline
    this.context = {
      clientId: connection.clientId,
      // A seq of another numbering (before the room's history was reset) names another chat.
      chatAt: (seq, epoch) =>
        epoch === null || epoch === timeline.position?.epoch ? timeline.chatAt(seq) : undefined,
      nameOf: (clientId) => this.names.get(clientId) ?? null,
    }
    this.quotes = new QuoteFetcher((seq) => connection.fetchChat(seq))
    timeline.on('change', (change) => this.onChange(change))
    connection.on('outbox', () => this.emit(this.pendingPatch()))
  }

  /** Someone's name, as last seen (members, chats, ops). */
  learnName(clientId: string, name: string): void {
    if (this.names.get(clientId) === name) return
    this.names.delete(clientId)
    this.names.set(clientId, name)
    if (this.names.size > MAX_NAMES) this.names.delete(this.names.keys().next().value as string)
  }

  nameOf(clientId: string): string | null {
    return this.names.get(clientId) ?? null
  }

  /** A chat is being written now: pending entries show this time. */
  stamp(): void {
    this.pendingStamp = Date.now()
  }

  stop(): void {
    this.quotes.stop()
    if (this.resetTimer) clearTimeout(this.resetTimer)
    this.resetTimer = null
  }

  /** The whole timeline, as a reset patch. */
  full(): TimelinePatch {
    const timeline = this.connection.timeline
    const start = timeline.start
    return {
      reset: true,
      confirmed: this.views(timeline.entries),
      pending: this.pendingList(),
      ...(start ? { start } : {}),
    }
  }

  private onChange(change: TimelineChange): void {
    const timeline = this.connection.timeline
    switch (change.type) {
      case 'trim':
        return // the window bounds its own copy
      case 'add': {
        if (change.older) {
          const start = timeline.start
          this.emit({
            reset: false,
            confirmed: [],
            pending: this.pendingList(),
            older: this.views(change.entries),
            ...(start ? { start } : {}),
          })
          return
        }
        const appended = change.index + change.entries.length === timeline.entries.length
        if (!appended) return this.resetSoon()
        this.emit({
          reset: false,
          confirmed: this.views(change.entries),
          pending: this.pendingList(),
        })
        return
      }
      case 'update': {
        const seqs = new Set(change.entries.map((entry) => entry.chat.seq))
        const updated = new Map<string, ChatEntry>()
        for (const entry of change.entries) updated.set(entry.key, entry)
        for (const reply of this.repliesTo(seqs)) updated.set(reply.key, reply)
        return this.emitUpdated([...updated.values()])
      }
      case 'known':
        return this.emitUpdated(this.repliesTo(new Set(change.chats.map((chat) => chat.seq))))
    }
  }

  /** The whole timeline again, at once unless one was sent in the last RESET_INTERVAL_MS. */
  private resetSoon(): void {
    if (this.resetTimer) return
    // Monotonic: a wall clock stepped back would hold the next reset for as long.
    const now = performance.now()
    if (now - this.lastReset >= RESET_INTERVAL_MS) {
      this.lastReset = now
      return this.emit(this.full())
    }
    this.resetTimer = setTimeout(
      () => {
        this.resetTimer = null
        this.lastReset = performance.now()
        this.emit(this.full())
      },
      this.lastReset + RESET_INTERVAL_MS - now,
    )
  }

  private emitUpdated(entries: readonly ChatEntry[]): void {
    if (entries.length === 0) return
    this.emit({
      reset: false,
      confirmed: [],
      pending: this.pendingList(),
      updated: this.views(entries),
    })
  }

  /** Loaded chats that reply to one of `seqs` (their quotes change with the original). */
  private repliesTo(seqs: ReadonlySet<number>): ChatEntry[] {
    const timeline = this.connection.timeline
    return [...seqs].flatMap((seq) => timeline.repliesTo(seq))
  }

  /** View entries; the originals of replies not known are asked for. */
  private views(entries: readonly Parameters<typeof toViewEntry>[0][]): TimelineEntry[] {
    // A welcome's members are named before its history is shown (its reactions name them).
    const welcome = this.connection.welcome
    if (welcome !== this.namedFrom) {
      this.namedFrom = welcome
      for (const member of welcome?.members ?? []) this.learnName(member.clientId, member.name)
    }
    return entries.map((entry) => {
      if (entry.kind === 'chat') this.noticeChat(entry.chat, entry.epoch)
      return toViewEntry(entry, this.context)
    })
  }

  private noticeChat(chat: ChatEvent, epoch: string): void {
    this.learnName(chat.from, chat.name)
    const original = chat.replyTo
    const timeline = this.connection.timeline
    if (
      original !== undefined &&
      epoch === timeline.position?.epoch &&
      !timeline.chatAt(original)
    ) {
      this.quotes.want(original)
    }
  }

  /** The files being uploaded changed (one started, failed, was cancelled or is now sent). */
  setUploads(uploads: readonly PendingChat[]): void {
    this.uploads = uploads
    this.emit(this.pendingPatch())
  }

  pendingPatch(): TimelinePatch {
    return { reset: false, confirmed: [], pending: this.pendingList() }
  }

  private pendingList(): TimelineEntry[] {
    const outbox = this.connection.outboxEntries
    // An upload whose chat is in the outbox is shown by its outbox entry (the same key).
    const queued = new Set(outbox.map((entry) => entry.id))
    return pendingEntries(
      [...outbox, ...this.uploads.filter((upload) => !queued.has(upload.id))],
      this.ownName,
      this.pendingStamp,
      this.context,
    )
  }
}
