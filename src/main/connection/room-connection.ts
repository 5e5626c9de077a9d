import {
  SCHEMAS,
  describeIssues,
  type ChatEvent,
  type ErrorMessage,
  type HubMessage,
  type Member,
  type WelcomeMessage,
} from '../../shared/protocol'
import type { ClientIdentity } from '../security/identity'
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
import { clipMessage } from './close-reason'
import { Dialer, type Welcomed } from './dialer'
import { Emitter } from './emitter'
import { ConnectionError } from './errors'
import { Outbox, type OutboxEntry } from './outbox'
import { Sender } from './sender'
import { Session, type SessionEvents } from './session'
import { SYSTEM_CLOCK, abandonSocket, type Clock, type SocketFactory } from './socket'
import type { ClosedState, ConnectionEnd, ConnectionState, PeerInfo } from './state'
import { DEFAULT_TIMELINE_SIZE, Timeline, type ResumePosition } from './timeline'

/** Unreadable frames from the hub are reported at most this often (see parse). */
const UNREADABLE_REPORT_MS = 10_000
export type { ClosedReason, ClosedState, ConnectionState, PeerInfo } from './state'
export { describeClose } from './close-reason'

export interface RoomConnectionOptions {
  /** Where the room may be (`ws://host:port/ws`), tried in order until one answers. */
  candidates: readonly (string | URL)[]
  name: string
  /** Who this client is: its key pair. The client id is derived from the public key, and every
   * hello proves it by signing the hub's fresh nonce. */
  identity: ClientIdentity
  /** The room's passphrase, for a room that has one (proved with OPAQUE; never sent). */
  passphrase?: string
  /**
   * Checks the certificate each connection presents, before anything is sent on it: returns
   * null to go on, or a sentence saying why not (the connection then ends as `untrusted`).
   * `fingerprint` is null over plain ws. Default: anything is accepted.
   */
  verifyPeer?: (peer: PeerInfo) => string | null
  /** Opens sockets: `wsSocketFactory` in Node. */
  socketFactory: SocketFactory
  /** Where this client left off in this room in an earlier session, to be given what it
   * missed. Default: none (a first visit). */
  resume?: ResumePosition
  /**
   * Finds the room again by its id before each reconnect attempt (the host may have come back
   * at another address): discovery, in the app and the CLI. What it returns is tried first,
   * then the address that worked last and the original candidates. It gets `connectTimeoutMs`
   * to answer. Default: none (the original candidates).
   */
  resolveCandidates?: (roomId: string) => Promise<readonly string[]>
  /** How long one candidate gets to open and answer `hello` with `welcome`. Default 5000. */
  connectTimeoutMs?: number
  /**
   * A connection on which a chat has waited this long for its acknowledgement is taken for
   * dead and replaced. A LAN answers in milliseconds; a stalled TCP connection (Wi-Fi roaming,
   * a sleeping laptop) can otherwise look open for minutes. Default 10000.
   */
  ackTimeoutMs?: number
  /** Reconnect delays. Default DEFAULT_BACKOFF (300 ms doubling, at most 5 s, with jitter). */
  backoff?: Partial<BackoffOptions>
  /** How many entries the timeline keeps. Default 1000. */
  timelineSize?: number
  /** Random source for the backoff jitter, in [0, 1). Default Math.random. */
  random?: () => number
  clock?: Clock
}

/** The session's events (chats, presence, typing, the hub's errors and `closing`), and: */
type RoomConnectionEvents = Omit<SessionEvents, 'closed'> & {
  state: [ConnectionState]
  /** Every welcome, the first and each after a reconnect. */
  welcome: [WelcomeMessage]
  /** Also: frames the client could not read (as `invalid_message`). */
  error: [ErrorMessage]
  closed: [ClosedState]
  /** The outbox changed (read `outboxEntries`). */
  outbox: []
}

let counter = 0
/** A message id unique for this client: time, a counter and randomness. */
export function newMessageId(): string {
  counter = (counter + 1) % 1_000_000
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/** How long leaving waits for the hub to answer the close frame. */
const CLOSE_WAIT_MS = 2_000

/**
 * A connection to a room that loses nothing: it connects to the first candidate that answers,
 * reconnects by itself (exponential backoff with jitter) and resumes where it left off, keeps
 * every chat in an outbox until the hub acknowledges it and resends it with the same id after
 * a reconnect (the hub's dedupe makes that safe), and maintains the room's timeline.
 *
 * The parts, each in a file of its own: the dialer (candidates, rounds, backoff) runs a
 * handshake on each socket (certificate check, passphrase login, signed hello); the socket
 * that is welcomed carries the session (presence, timeline), and the sender writes the outbox
 * to it. This class holds the one observable state and says how the connection ended.
 *
 * Plain TypeScript over a small socket interface (socket.ts), so that it is not tied to Node.
 */
export class RoomConnection extends Emitter<RoomConnectionEvents> {
  readonly timeline: Timeline
  /** This client's id (derived from its identity's public key). */
  readonly clientId: string
  private readonly outbox = new Outbox()
  private readonly clock: Clock
  /** Unreadable hub frames: when one was last reported, and how many came since. */
  private readonly unreadable = { reportedAt: -Infinity, since: 0 }
  private readonly dialer: Dialer
  private readonly session: Session
  private readonly sender: Sender
  private readonly firstUrl: string

  private current: ConnectionState = { status: 'idle' }
  private firstConnect: Promise<WelcomeMessage> | null = null
  private settleFirst: { resolve: (w: WelcomeMessage) => void; reject: (e: Error) => void } | null =
    null

  constructor(options: RoomConnectionOptions) {
    super()
    this.clientId = options.identity.clientId
    const candidates = [...new Set(options.candidates.map(String))]
    const firstUrl = candidates[0]
    if (firstUrl === undefined) throw new RangeError('at least one candidate address is needed')
    this.firstUrl = firstUrl
    const clock = options.clock ?? SYSTEM_CLOCK
    this.clock = clock
    this.timeline = new Timeline(
      options.timelineSize ?? DEFAULT_TIMELINE_SIZE,
      () => clock.now(),
      options.resume ?? null,
    )
    this.outbox.on('change', () => this.emit('outbox'))
    const parse = (data: string): HubMessage | null => this.parse(data)

    this.sender = new Sender(
      { outbox: this.outbox, clock, ackTimeoutMs: options.ackTimeoutMs ?? 10_000 },
      (socket, lastError) => {
        this.dropSession()
        abandonSocket(socket)
        this.dialer.scheduleReconnect(lastError)
      },
    )

    this.session = new Session({
      clientId: this.clientId,
      timeline: this.timeline,
      parse,
      acknowledged: (chat) => this.outbox.acknowledge(chat.id, chat),
      chatRefused: (error) => this.sender.refused(error),
    })
    this.session.on('chat', (event) => this.emit('chat', event))
    this.session.on('joined', (message) => this.emit('joined', message))
    this.session.on('renamed', (message) => this.emit('renamed', message))
    this.session.on('left', (message) => this.emit('left', message))
    this.session.on('typing', (message) => this.emit('typing', message))
    this.session.on('error', (message) => this.emit('error', message))
    this.session.on('closing', (message) => this.emit('closing', message))
    this.session.on('closed', (end, cause) => this.onSessionClosed(end, cause))

    this.dialer = new Dialer(
      {
        candidates,
        handshake: {
          name: options.name,
          identity: options.identity,
          ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
          ...(options.verifyPeer ? { verifyPeer: options.verifyPeer } : {}),
          resume: () => this.timeline.position,
          parse,
        },
        socketFactory: options.socketFactory,
        ...(options.resolveCandidates ? { resolveCandidates: options.resolveCandidates } : {}),
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
        random: options.random ?? Math.random,
        clock,
      },
      {
        trying: (url) => {
          if (this.current.status === 'connecting' && this.current.url !== url) {
            this.setState({ status: 'connecting', url })
          }
        },
        welcome: (welcomed) => this.adopt(welcomed),
        end: (end) => this.finish(end),
        reconnecting: (attempt, retryAt, lastError) =>
          this.setState({ status: 'reconnecting', attempt, retryAt, lastError }),
      },
    )
  }

  get state(): ConnectionState {
    return this.current
  }
  get room(): WelcomeMessage['room'] | null {
    return this.session.welcome?.room ?? null
  }
  /** The last welcome received. */
  get welcome(): WelcomeMessage | null {
    return this.session.welcome
  }
  /** Who is in the room, as far as this client knows. */
  get members(): Member[] {
    return this.session.members
  }
  /** A snapshot of the outbox, oldest first. */
  get outboxEntries(): readonly OutboxEntry[] {
    return this.outbox.entries
  }
  /** Chats written and not yet acknowledged (failed ones not counted). */
  get pendingCount(): number {
    return this.outbox.undelivered
  }
  get failedCount(): number {
    return this.outbox.failed
  }
  get maxTextLength(): number {
    return this.sender.maxTextLength
  }
  /** Where this client is in the room; keep it to resume in a later session. */
  get resumePosition(): ResumePosition | null {
    return this.timeline.position
  }

  /**
   * Connects; resolves with the first welcome. Rejects with a ConnectionError when no candidate
   * can be reached or the room refuses (the state is then `closed` and says why). After that,
   * drops are handled by reconnecting, and only a final end shows as `closed`.
   */
  connect(): Promise<WelcomeMessage> {
    if (this.firstConnect) return this.firstConnect
    this.firstConnect = new Promise<WelcomeMessage>((resolve, reject) => {
      this.settleFirst = { resolve, reject }
    })
    this.firstConnect.catch(() => {})
    this.setState({ status: 'connecting', url: this.firstUrl })
    this.dialer.dial()
    return this.firstConnect
  }

  /** Writes a chat. It is delivered exactly once, in order; the promise resolves with the
   * hub's stamped copy, or rejects if the hub refuses it or the connection ends first. */
  send(text: string, id: string = newMessageId()): Promise<ChatEvent> {
    const refused = this.outbox.has(id) || this.current.status === 'closed'
    const promise = this.outbox.add(id, text)
    // The outbox has refused it already (a duplicate id, or the end): the entry there is not this one.
    if (refused) return promise
    const problem = this.sender.check(text)
    if (problem) this.outbox.fail(id, { code: 'CONN_ERR_INVALID', message: problem })
    else this.sender.pump()
    return promise
  }

  /** Sends a failed chat again (same id), after everything written before. */
  retry(id: string): Promise<ChatEvent> {
    const promise = this.outbox.retry(id)
    this.sender.pump()
    return promise
  }

  /** Drops a failed chat (or a pending one never sent). True when it was removed. */
  discard(id: string): boolean {
    return this.outbox.discard(id)
  }

  typing(active: boolean): void {
    if (this.current.status === 'connected') this.session.send({ type: 'typing', active })
  }

  /** While waiting to reconnect: try now instead (a "Retry now" button). */
  retryNow(): void {
    if (this.current.status === 'reconnecting') this.dialer.retryNow()
  }

  /**
   * The network changed (the OS came online, an interface appeared): while waiting to
   * reconnect, try at once, and count attempts from 1 again since earlier failures said
   * nothing about the new network. Connected or connecting, nothing changes: a connection that
   * did not survive is found out by its unacknowledged chats (ackTimeoutMs).
   */
  networkChanged(): void {
    if (this.current.status === 'reconnecting') this.dialer.networkChanged()
  }

  /** Resolves true once nothing is waiting in the outbox (failed chats aside), or false if
   * the connection closes first. */
  drain(): Promise<boolean> {
    if (this.current.status === 'closed') return Promise.resolve(this.outbox.undelivered === 0)
    if (this.outbox.undelivered === 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.outbox.undelivered === 0 || this.current.status === 'closed') {
          offOutbox()
          offClosed()
          resolve(this.outbox.undelivered === 0)
        }
      }
      const offOutbox = this.on('outbox', check)
      const offClosed = this.on('closed', check)
    })
  }

  /** Leaves the room (close code 1000); resolves once the hub has the close or after 2 s. */
  close(): Promise<void> {
    if (this.current.status === 'closed') return Promise.resolve()
    const socket = this.session.release()
    this.finish({ reason: 'left', message: 'You left the room.', closeCode: 1000 })
    if (!socket) return Promise.resolve()
    return new Promise((resolve) => {
      const cancel = this.clock.schedule(() => {
        socket.onclose = null
        socket.terminate?.()
        resolve()
      }, CLOSE_WAIT_MS)
      socket.onmessage = null
      socket.onerror = null
      socket.onclose = () => {
        cancel()
        resolve()
      }
      socket.close(1000, 'bye')
    })
  }

  /** A socket got into the room: it carries the session from now on. */
  private adopt({ socket, url, welcome, fingerprint, reconnected }: Welcomed): void {
    const before = this.session.begin(socket, welcome)
    this.sender.start(socket, welcome.limits)
    this.setState({ status: 'connected', url, room: welcome.room, fingerprint })
    this.session.catchUp(welcome, before, reconnected)
    this.emit('welcome', welcome)
    this.settleFirst?.resolve(welcome)
    this.settleFirst = null
    this.sender.pump()
  }

  private onSessionClosed(end: ConnectionEnd | null, cause: string): void {
    this.dropSession()
    // A hello we sent on a socket we gave up on may have reached the hub only now, replacing
    // this connection with that dead one: that is not somebody else taking our place.
    if (end?.reason === 'replaced' && this.dialer.consumeStaleHello()) {
      return this.dialer.scheduleReconnect('the connection was replaced by an earlier attempt')
    }
    if (end) return this.finish(end)
    this.dialer.scheduleReconnect(cause)
  }

  /** Forgets the session's socket; whatever it had not had acknowledged is to be resent. */
  private dropSession(): void {
    this.session.release()
    this.sender.stop()
  }

  private finish({ reason, message: said, closeCode, extra = {} }: ConnectionEnd): void {
    if (this.current.status === 'closed') return
    this.dialer.stop()
    const socket = this.session.release()
    this.dropSession()
    if (socket) abandonSocket(socket)
    const message = clipMessage(said)
    const code =
      reason === 'unreachable'
        ? 'CONN_ERR_UNREACHABLE'
        : reason === 'left' || reason === 'ended'
          ? 'CONN_ERR_CLOSED'
          : 'CONN_ERR_REFUSED'
    const error = new ConnectionError(code, message)
    this.outbox.freeze(new ConnectionError('CONN_ERR_CLOSED', message))
    const state: ClosedState = { ...extra, status: 'closed', reason, message, closeCode }
    this.setState(state)
    this.emit('closed', state)
    this.settleFirst?.reject(error)
    this.settleFirst = null
  }

  private setState(state: ConnectionState): void {
    this.current = state
    this.emit('state', state)
  }

  /**
   * A frame from the hub, validated; one that is not valid is dropped. It is reported as an
   * `error` event at most once every UNREADABLE_REPORT_MS, with how many came since: a hub
   * sending thousands must not become thousands of notices.
   */
  private parse(text: string): HubMessage | null {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      value = undefined
    }
    const parsed = SCHEMAS.hubMessage.safeParse(value)
    if (!parsed.success) {
      const unreadable = this.unreadable
      unreadable.since += 1
      const now = this.clock.now()
      if (now - unreadable.reportedAt < UNREADABLE_REPORT_MS) return null
      const more = unreadable.since > 1 ? ` (and ${unreadable.since - 1} more before it)` : ''
      unreadable.reportedAt = now
      unreadable.since = 0
      this.emit('error', {
        type: 'error',
        code: 'invalid_message',
        message: `unreadable message from the hub${more}: ${describeIssues(parsed.error)}`,
      })
      return null
    }
    return parsed.data
  }
}
