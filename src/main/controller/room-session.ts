import { EventEmitter } from 'node:events'
import type { ConnectionView, TimelineEntry, TimelinePatch } from '../../shared/bridge'
import type { Member } from '../../shared/protocol'
import {
  chatKey,
  newMessageId,
  RoomConnection,
  wsSocketFactory,
  type ClosedState,
  type ConnectionState,
  type OutboxEntry,
  type SocketFactory,
  type TimelineEntry as ConnectionEntry,
} from '../connection'
import { MemberList } from './member-list'
import type { RoomSession, SessionEvents, SessionOptions, SessionView } from './session'
import { TypingIndicators } from './typing-indicators'

/** How many timeline entries the app keeps (the window keeps as many). */

/** Notices kept for the first listener (see ConnectionSession.notice). */
const MAX_EARLY_NOTICES = 10
export const TIMELINE_SIZE = 10_000
/** How long leaving waits for queued messages to go out. */
const LEAVE_DRAIN_MS = 2_000

function leftText(name: string, reason: string | null): string {
  if (reason === 'lost') return `${name} left (connection lost)`
  if (reason === 'removed') return `${name} was disconnected by the room`
  return `${name} left`
}

/** The connection's timeline entry as the window shows it. */
export function toViewEntry(entry: ConnectionEntry, clientId: string): TimelineEntry {
  switch (entry.kind) {
    case 'chat':
      return {
        kind: 'chat',
        key: entry.key,
        seq: entry.chat.seq,
        id: entry.chat.id,
        from: entry.chat.from,
        name: entry.chat.name,
        text: entry.chat.text,
        ts: entry.chat.ts,
        own: entry.chat.from === clientId,
        status: 'sent',
        error: null,
      }
    case 'joined':
      return {
        kind: 'notice',
        key: entry.key,
        ts: entry.at,
        event: 'joined',
        name: entry.member.name,
        text: `${entry.member.name} joined`,
      }
    case 'renamed':
      return {
        kind: 'notice',
        key: entry.key,
        ts: entry.at,
        event: 'renamed',
        name: entry.member.name,
        text: `Now called ${entry.member.name}`,
      }
    case 'left':
      return {
        kind: 'notice',
        key: entry.key,
        ts: entry.at,
        event: 'left',
        name: entry.name,
        text: leftText(entry.name, entry.reason),
      }
    case 'gap':
      return {
        kind: 'gap',
        key: entry.key,
        ts: entry.at,
        text:
          entry.reason === 'epoch'
            ? "The room's history was reset; earlier messages may not line up with these."
            : 'Some messages are missing here: the room no longer keeps them.',
      }
  }
}

function pendingEntries(
  entries: readonly OutboxEntry[],
  clientId: string,
  name: string,
  now: number,
): TimelineEntry[] {
  return entries.map((entry) => ({
    kind: 'chat',
    // The key the confirmed entry will have, so the row stays put when the hub confirms it.
    key: chatKey({ from: clientId, id: entry.id }),
    seq: null,
    id: entry.id,
    from: clientId,
    name,
    text: entry.text,
    ts: now,
    own: true,
    status: entry.state === 'failed' ? 'failed' : 'pending',
    error: entry.error?.message ?? null,
  }))
}

function connectionView(state: ConnectionState): ConnectionView {
  switch (state.status) {
    case 'idle':
    case 'connecting':
      return { status: 'connecting', attempt: 0, nextRetryAt: null, reason: null }
    case 'connected':
      return { status: 'connected', attempt: 0, nextRetryAt: null, reason: null }
    case 'reconnecting':
      return {
        status: 'reconnecting',
        attempt: state.attempt,
        nextRetryAt: state.retryAt,
        reason: state.lastError,
      }
    case 'closed':
      return { status: 'closed', attempt: 0, nextRetryAt: null, reason: state.message }
  }
}

/**
 * A room session for the app: the shared RoomConnection (reconnect, resume, outbox, timeline)
 * seen as what the window shows. Timeline changes become append-only patches; anything that
 * is not an append (history merged in the middle after a resume) becomes a reset.
 *
 * The view costs what changed: members are kept in the window's order as they come and go
 * (member-list.ts), typing in a small set that only counts as a change when someone starts or
 * stops (typing-indicators.ts), and the view itself is built once per change.
 */
export class ConnectionSession extends EventEmitter<SessionEvents> implements RoomSession {
  private readonly connection: RoomConnection
  private readonly members: MemberList
  private readonly typing = new TypingIndicators(() => this.changed())
  private shown: SessionView | null = null
  private pendingStamp = Date.now()
  private readonly clientId: string
  /** Notices raised before anyone listened (see notice). */
  private early: string[] = []
  readonly ready: Promise<void>

  /** `socketFactory`: how sockets are opened (tests play the hub through fake ones). */
  constructor(
    private readonly options: SessionOptions,
    socketFactory: SocketFactory = wsSocketFactory,
  ) {
    super()
    this.clientId = options.identity.clientId
    this.members = new MemberList(this.clientId)
    this.connection = new RoomConnection({
      candidates: options.urls,
      name: options.name,
      identity: options.identity,
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.verifyPeer ? { verifyPeer: options.verifyPeer } : {}),
      socketFactory,
      timelineSize: TIMELINE_SIZE,
      ...(options.resolveCandidates ? { resolveCandidates: options.resolveCandidates } : {}),
    })
    const c = this.connection
    // newListener is EventEmitter's own event, outside SessionEvents.
    const untyped: EventEmitter = this as unknown as EventEmitter
    untyped.on('newListener', (event: string | symbol) => {
      if (event !== 'notice' || this.early.length === 0) return
      // After the listener is in place (newListener runs just before it is added).
      queueMicrotask(() => {
        for (const message of this.early.splice(0)) this.emit('notice', message)
      })
    })
    c.on('state', () => this.changed())
    c.on('welcome', () => {
      // The whole room again (a first welcome, or after a reconnect): the one full sort.
      this.members.reset(c.members)
      this.typing.retain((id) => this.members.has(id))
      this.changed()
    })
    // A join of someone already here (as a hub may tell it) is a rename at most.
    const present = ({ member }: { member: Member }): void => {
      this.members.set(member)
      this.typing.rename(member.clientId, member.name)
      this.changed()
    }
    c.on('joined', present)
    c.on('renamed', present)
    c.on('left', ({ clientId }) => {
      this.members.delete(clientId)
      this.typing.stop(clientId)
      this.changed()
    })
    c.on('typing', ({ clientId, name, active }) => {
      // Only people in the room type: the list stays as small as the room.
      if (!this.members.has(clientId)) return
      const changed = active ? this.typing.start(clientId, name) : this.typing.stop(clientId)
      if (changed) this.changed()
    })
    c.on('chat', (chat) => {
      if (this.typing.stop(chat.from)) this.changed()
      if (chat.from !== this.clientId) this.emit('incoming', { name: chat.name, text: chat.text })
    })
    c.on('outbox', () => this.emit('timeline', this.pendingPatch()))
    c.on('error', (error) => {
      // Errors about one message show on that message (the outbox); the rest are told.
      if (error.id === undefined) this.notice(error.message)
    })
    c.on('closed', () => {
      this.typing.clear()
      this.changed()
    })
    c.timeline.on('change', (change) => {
      if (change.type !== 'add') return // the window bounds its own copy
      const appended = change.index + change.entries.length === c.timeline.entries.length
      if (!appended) {
        this.emit('timeline', this.timeline())
        return
      }
      this.emit('timeline', {
        reset: false,
        confirmed: change.entries.map((entry) => toViewEntry(entry, this.clientId)),
        pending: this.pendingList(),
      })
    })
    this.ready = c.connect().then(
      () => undefined,
      (error: Error) => {
        throw error
      },
    )
    this.ready.catch(() => {})
  }

  get ended(): ClosedState | null {
    const state = this.connection.state
    return state.status === 'closed' ? state : null
  }

  get view(): SessionView {
    if (this.shown) return this.shown
    const c = this.connection
    const room = c.room
    const state = c.state
    this.shown = {
      fingerprint: state.status === 'connected' ? state.fingerprint : null,
      room: room ? { id: room.id, name: room.name, hostName: room.hostName } : null,
      connection: connectionView(state),
      members: this.members.list,
      typing: this.typing.list,
      maxTextLength: c.maxTextLength,
    }
    return this.shown
  }

  /** Work done so far keeping the members in order (comparisons), for the cost tests. */
  get memberComparisons(): number {
    return this.members.comparisons
  }

  timeline(): TimelinePatch {
    return {
      reset: true,
      confirmed: this.connection.timeline.entries.map((entry) => toViewEntry(entry, this.clientId)),
      pending: this.pendingList(),
    }
  }

  send(text: string): string {
    const id = newMessageId()
    this.pendingStamp = Date.now()
    this.connection.send(text, id).catch(() => {
      // The outbox keeps failed messages with their reason; the window shows them.
    })
    return id
  }

  retry(id: string): void {
    this.connection.retry(id).catch(() => {})
  }

  discard(id: string): void {
    this.connection.discard(id)
  }

  setTyping(active: boolean): void {
    this.connection.typing(active)
  }

  retryNow(): void {
    this.connection.retryNow()
  }

  async close(): Promise<void> {
    await Promise.race([
      this.connection.drain(),
      new Promise((resolve) => setTimeout(resolve, LEAVE_DRAIN_MS).unref()),
    ])
    await this.connection.close()
    if (this.typing.clear()) this.changed()
  }

  private pendingList(): TimelineEntry[] {
    return pendingEntries(
      this.connection.outboxEntries,
      this.clientId,
      this.options.name,
      this.pendingStamp,
    )
  }

  private pendingPatch(): TimelinePatch {
    return { reset: false, confirmed: [], pending: this.pendingList() }
  }

  /** Something the view shows changed: it is built again when next read. */
  private changed(): void {
    this.shown = null
    this.emit('change')
  }

  /**
   * Tells the window something about the room. Frames that arrive with the welcome are read
   * before whoever joined has attached to this session: what they raise is kept (a few) and
   * given to the first listener, not lost.
   */
  private notice(message: string): void {
    if (this.listenerCount('notice') > 0) this.emit('notice', message)
    else if (this.early.length < MAX_EARLY_NOTICES) this.early.push(message)
  }
}

export function createRoomSession(options: SessionOptions): RoomSession {
  return new ConnectionSession(options)
}
