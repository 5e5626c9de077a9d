import { EventEmitter } from 'node:events'
import type { ConnectionView, MemberView, TimelineEntry, TimelinePatch } from '../../shared/bridge'
import type { Member } from '../../shared/protocol'
import {
  chatKey,
  newMessageId,
  RoomConnection,
  wsSocketFactory,
  type ClosedState,
  type ConnectionState,
  type OutboxEntry,
  type TimelineEntry as ConnectionEntry,
} from '../connection'
import type { RoomSession, SessionEvents, SessionOptions, SessionView } from './session'

/** How many timeline entries the app keeps (the window keeps as many). */
export const TIMELINE_SIZE = 10_000
/** A typing indicator nobody refreshed is dropped after this long, whatever the hub says. */
const TYPING_EXPIRY_MS = 8_000
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

function orderMembers(members: Member[], clientId: string): MemberView[] {
  const rank = (m: Member): number => (m.clientId === clientId ? 0 : m.host ? 1 : 2)
  return members
    .map((m) => ({ ...m, you: m.clientId === clientId }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) || a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId),
    )
}

/**
 * A room session for the app: the shared RoomConnection (reconnect, resume, outbox, timeline)
 * seen as what the window shows. Timeline changes become append-only patches; anything that
 * is not an append (history merged in the middle after a resume) becomes a reset.
 */
export class ConnectionSession extends EventEmitter<SessionEvents> implements RoomSession {
  private readonly connection: RoomConnection
  private readonly typingTimers = new Map<string, { name: string; timer: NodeJS.Timeout }>()
  private pendingStamp = Date.now()
  private readonly clientId: string
  readonly ready: Promise<void>

  constructor(private readonly options: SessionOptions) {
    super()
    this.clientId = options.identity.clientId
    this.connection = new RoomConnection({
      candidates: options.urls,
      name: options.name,
      identity: options.identity,
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.verifyPeer ? { verifyPeer: options.verifyPeer } : {}),
      socketFactory: wsSocketFactory,
      timelineSize: TIMELINE_SIZE,
      ...(options.resolveCandidates ? { resolveCandidates: options.resolveCandidates } : {}),
    })
    const c = this.connection
    c.on('state', () => this.emit('change'))
    c.on('welcome', () => this.emit('change'))
    c.on('joined', () => this.emit('change'))
    c.on('renamed', () => this.emit('change'))
    c.on('left', ({ clientId }) => {
      this.stopTyping(clientId)
      this.emit('change')
    })
    c.on('typing', ({ clientId, name, active }) => {
      if (active) this.startTyping(clientId, name)
      else this.stopTyping(clientId)
      this.emit('change')
    })
    c.on('chat', (chat) => {
      if (this.typingTimers.has(chat.from)) {
        this.stopTyping(chat.from)
        this.emit('change')
      }
      if (chat.from !== this.clientId) this.emit('incoming', { name: chat.name, text: chat.text })
    })
    c.on('outbox', () => this.emit('timeline', this.pendingPatch()))
    c.on('error', (error) => {
      // Errors about one message show on that message (the outbox); the rest are told.
      if (error.id === undefined) this.emit('notice', error.message)
    })
    c.on('closed', () => {
      for (const id of [...this.typingTimers.keys()]) this.stopTyping(id)
      this.emit('change')
    })
    c.timeline.on('change', (change) => {
      if (change.type === 'trim') return // the window bounds its own copy
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
    const c = this.connection
    const room = c.room
    const state = c.state
    return {
      fingerprint: state.status === 'connected' ? state.fingerprint : null,
      room: room ? { id: room.id, name: room.name, hostName: room.hostName } : null,
      connection: connectionView(c.state),
      members: orderMembers(c.members, this.clientId),
      typing: [...this.typingTimers.entries()].map(([clientId, { name }]) => ({ clientId, name })),
      maxTextLength: c.maxTextLength,
    }
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
    for (const id of [...this.typingTimers.keys()]) this.stopTyping(id)
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

  private startTyping(clientId: string, name: string): void {
    const existing = this.typingTimers.get(clientId)
    if (existing) clearTimeout(existing.timer)
    const timer = setTimeout(() => {
      this.typingTimers.delete(clientId)
      this.emit('change')
    }, TYPING_EXPIRY_MS)
    timer.unref()
    this.typingTimers.set(clientId, { name, timer })
  }

  private stopTyping(clientId: string): void {
    const existing = this.typingTimers.get(clientId)
    if (!existing) return
    clearTimeout(existing.timer)
    this.typingTimers.delete(clientId)
  }
}

export function createRoomSession(options: SessionOptions): RoomSession {
  return new ConnectionSession(options)
}
