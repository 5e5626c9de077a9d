import {
  LIMITS,
  SCHEMAS,
  describeIssues,
  jsonTextHasMoreTokens,
  type ChatEvent,
  type DeleteEvent,
  type EditEvent,
  type ErrorMessage,
  type FileDeclaration,
  type HubMessage,
  type Member,
  type PageMessage,
  type ReactEvent,
  type ReadPosition,
  type ResultsMessage,
  type TimelineEvent,
  type UnreactEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { DEFAULT_BACKOFF } from './backoff'
import { clipMessage } from './close-reason'
import { Dialer, type Welcomed } from './dialer'
import type { HandshakeConfig } from './handshake'
import { Emitter } from './emitter'
import { ConnectionError } from './errors'
import { fileTargetFor } from './file-target'
import type { FileTarget } from '../files/target'
import { Outbox, type OutboxEntry, type OutboxOp } from './outbox'
import { ReadReporter } from './read-reporter'
import { HistoryQueries } from './history-queries'
import { newMessageId } from './message-id'
import { Requests } from './requests'
import type {
  HistoryQuery,
  RoomConnectionOptions,
  SearchQuery,
  SendOptions,
} from './room-connection-options'
import { Sender } from './sender'
import { Session, type SessionEvents } from './session'
import { SYSTEM_CLOCK, abandonSocket, detach, type Clock, type RoomSocket } from './socket'
import type { ClosedState, ConnectionEnd, ConnectionState } from './state'
import { DEFAULT_TIMELINE_SIZE, Timeline, type OlderResult, type ResumePosition } from './timeline'

/** Unreadable frames from the hub are reported at most this often (see parse). */
const UNREADABLE_REPORT_MS = 10_000
export type { ClosedReason, ClosedState, ConnectionState, PeerInfo } from './state'
export { describeClose } from './close-reason'
export type {
  HistoryQuery,
  RoomConnectionOptions,
  SearchQuery,
  SendOptions,
} from './room-connection-options'

/** The session's events (chats, ops, read positions, presence, typing, the hub's errors and
 * `closing`), and: */
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

export { newMessageId } from './message-id'

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
  private readonly handshake: HandshakeConfig
  /** The connection a rename is replacing, until the new one is in. */
  private replaced: RoomSocket | null = null
  private readonly session: Session
  private readonly sender: Sender
  private readonly requests: Requests
  private readonly queries: HistoryQueries
  private readonly readReporter: ReadReporter
  private readonly firstUrl: string
  private readonly hostStopIsDrop: boolean

  private current: ConnectionState = { status: 'idle' }
  /** Where and with which certificate the last welcome came (file transfers go there). */
  private lastPeer: { url: string; fingerprint: string | null } | null = null
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
    this.hostStopIsDrop = options.hostStopIsDrop ?? false
    const clock = options.clock ?? SYSTEM_CLOCK
    this.clock = clock
    this.timeline = new Timeline(
      options.timelineSize ?? DEFAULT_TIMELINE_SIZE,
      () => clock.now(),
      options.resume ?? null,
    )
    this.outbox.on('change', () => this.emit('outbox'))
    // Before the welcome a frame may be the welcome, far larger than anything after it.
    const parse = (data: string): HubMessage | null => this.parse(data, LIMITS.maxHubFrameTokens)
    const parseFirst = (data: string): HubMessage | null =>
      this.parse(data, LIMITS.maxWelcomeTokens)

    this.sender = new Sender(
      { outbox: this.outbox, clock, ackTimeoutMs: options.ackTimeoutMs ?? 10_000 },
      (socket, lastError) => {
        this.dropSession()
        abandonSocket(socket)
        this.dialer.scheduleReconnect(lastError)
      },
    )

    this.requests = new Requests(clock, options.requestTimeoutMs ?? 15_000)
    this.queries = new HistoryQueries({
      timeline: this.timeline,
      requests: this.requests,
      connected: () => this.current.status === 'connected',
      features: () => this.features,
      send: (frame) => this.session.send(frame),
    })
    this.readReporter = new ReadReporter(clock)
    this.session = new Session({
      clientId: this.clientId,
      timeline: this.timeline,
      parse,
      acknowledged: (event) => this.outbox.acknowledge(event.id, event),
      chatRefused: (error) => this.sender.refused(error),
      answered: (message) => this.requests.answer(message),
      requestRefused: (error) => this.requests.refused(error),
    })
    this.session.on('chat', (event) => this.emit('chat', event))
    this.session.on('op', (event) => this.emit('op', event))
    this.session.on('reads', (positions) => this.emit('reads', positions))
    this.session.on('expired', (seqs) => this.emit('expired', seqs))
    this.session.on('joined', (message) => this.emit('joined', message))
    this.session.on('renamed', (message) => this.emit('renamed', message))
    this.session.on('left', (message) => this.emit('left', message))
    this.session.on('typing', (message) => this.emit('typing', message))
    this.session.on('error', (message) => this.emit('error', message))
    this.session.on('closing', (message) => this.emit('closing', message))
    this.session.on('closed', (end, cause) => this.onSessionClosed(end, cause))

    // Kept to change the name the next hello carries (rename).
    this.handshake = {
      name: options.name,
      identity: options.identity,
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.verifyPeer ? { verifyPeer: options.verifyPeer } : {}),
      resume: () => this.timeline.position,
      parse: parseFirst,
    }
    this.dialer = new Dialer(
      {
        candidates,
        handshake: this.handshake,
        socketFactory: options.socketFactory,
        ...(options.resolveCandidates ? { resolveCandidates: options.resolveCandidates } : {}),
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        hostStopIsDrop: this.hostStopIsDrop,
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
        reconnecting: (attempt, retryAt, lastError) => {
          this.dropReplaced()
          this.setState({ status: 'reconnecting', attempt, retryAt, lastError })
        },
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
  /** What the room's hub does beyond plain chat (the last welcome's `features`). */
  get features(): readonly string[] {
    return this.session.welcome?.features ?? []
  }
  /** How far each member has read, as the hub told (the most recently changed first). */
  get reads(): ReadPosition[] {
    return this.session.reads
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

  /**
   * Writes a chat (`options`: its id, or the id and what it carries besides its text: a reply,
   * mentions). It is delivered exactly once, in order; the promise resolves with the hub's
   * stamped copy, or rejects if the hub refuses it or the connection ends first.
   */
  send(text: string, options: string | SendOptions = {}): Promise<ChatEvent> {
    const { id = newMessageId(), ...extra } =
      typeof options === 'string' ? { id: options } : options
    const op: OutboxOp = { type: 'chat', text }
    if (extra.replyTo !== undefined) op.replyTo = extra.replyTo
    if (extra.mentions !== undefined && extra.mentions.length > 0) op.mentions = extra.mentions
    if (extra.mentionsRoom) op.mentionsRoom = true
    return this.enqueue(id, op) as Promise<ChatEvent>
  }

  /** Shares a finished upload of this client (`file.id`): a chat carrying `file`, in the
   * outbox exactly like `send`; its text is the caption, or the file's name. */
  sendFile(options: { file: FileDeclaration; caption?: string; replyTo?: number; id?: string }): {
    id: string
    sent: Promise<ChatEvent>
  } {
    const id = options.id ?? newMessageId()
    const op: OutboxOp = {
      type: 'chat',
      text: options.caption ?? options.file.name,
      file: options.file,
    }
    if (options.replyTo !== undefined) op.replyTo = options.replyTo
    return { id, sent: this.enqueue(id, op) as Promise<ChatEvent> }
  }

  /** The room's file endpoints (feature `files`), or null. The credential is read at each
   * request: a reconnect's welcome brings a new one, and refused transfers go on with it. */
  fileTarget(): FileTarget | null {
    const welcome = this.session.welcome
    if (!welcome?.files || !welcome.features?.includes('files') || !this.lastPeer) return null
    return fileTargetFor(this.lastPeer.url, this.lastPeer.fingerprint, () =>
      this.current.status === 'closed' ? null : (this.session.welcome?.files?.token ?? null),
    )
  }

  /**
   * Reacts to the chat at `target` with one emoji. Like a chat, it goes through the outbox:
   * delivered exactly once, in order with chats, resent with the same id after a reconnect.
   * Resolves with the hub's stamped event; rejects with `HUB_<code>` when the hub refuses it
   * (unknown_target, no_change, too_many_reactions), which removes it from the outbox.
   */
  react(target: number, emoji: string, id: string = newMessageId()): Promise<ReactEvent> {
    return this.enqueue(id, { type: 'react', target, emoji }) as Promise<ReactEvent>
  }

  /** Takes back a reaction (see `react`; `no_change` when there was none). */
  unreact(target: number, emoji: string, id: string = newMessageId()): Promise<UnreactEvent> {
    return this.enqueue(id, { type: 'unreact', target, emoji }) as Promise<UnreactEvent>
  }

  /** Replaces the text of an own chat (see `react`; `not_author`, `unknown_target`). */
  edit(target: number, text: string, id: string = newMessageId()): Promise<EditEvent> {
    return this.enqueue(id, { type: 'edit', target, text }) as Promise<EditEvent>
  }

  /** Takes back an own chat (see `react`; `not_author`, `unknown_target`, `no_change`). */
  delete(target: number, id: string = newMessageId()): Promise<DeleteEvent> {
    return this.enqueue(id, { type: 'delete', target }) as Promise<DeleteEvent>
  }

  /** A page of chats before or after a seq: see HistoryQueries.history for the errors. */
  history(query: HistoryQuery, limit: number): Promise<PageMessage> {
    return this.queries.history(query, limit)
  }

  /** Searches the room's history (see `history` for the errors). Newest first. */
  search(query: SearchQuery): Promise<ResultsMessage> {
    return this.queries.search(query)
  }

  /** Pages back into the timeline (see HistoryQueries.loadOlder). */
  loadOlder(limit: number): Promise<OlderResult> {
    return this.queries.loadOlder(limit)
  }

  /** The chat at `seq`, from the timeline or the hub (see HistoryQueries.fetchChat). */
  fetchChat(seq: number): Promise<ChatEvent | null> {
    return this.queries.fetchChat(seq)
  }

  /**
   * This person has read up to `seq` (at most the last seq received): the hub is told, only
   * forward, coalesced and paced (a hub that does not list `read` is told nothing). Whether
   * to report at all is the caller's choice (the app's read receipts setting).
   */
  markRead(seq: number): void {
    const last = this.timeline.position?.lastSeq ?? 0
    this.readReporter.report(Math.min(seq, last))
  }

  /** Sends a failed chat again (same id), after everything written before. */
  retry(id: string): Promise<ChatEvent> {
    const promise = this.outbox.retry(id) as Promise<ChatEvent>
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

  /**
   * Changes the name the room knows you by. The protocol has no rename message: a new connection
   * with the same client id and the new name takes this one's place, and the others see
   * `renamed` (closing this one first would tell them you left). What is queued meanwhile goes
   * out on the new connection. Not connected: the next connection carries the name.
   */
  rename(name: string): void {
    if (name === this.handshake.name) return
    this.handshake.name = name
    if (this.current.status !== 'connected' || this.replaced) return
    const socket = this.session.release()
    this.dropSession()
    if (!socket) return
    // The hub closes it (4001, replaced) once the new hello arrives: nothing of it is heard.
    detach(socket)
    this.replaced = socket
    this.dialer.redial()
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

  /** Queues a chat or an op in the outbox (see `send`). */
  private enqueue(id: string, op: OutboxOp): Promise<TimelineEvent> {
    const refused = this.outbox.has(id) || this.current.status === 'closed'
    const promise = this.outbox.add(id, op)
    // The outbox has refused it already (a duplicate id, or the end): the entry there is not this one.
    if (refused) return promise
    const problem = this.sender.checkOp(op)
    if (problem) this.outbox.fail(id, problem)
    else this.sender.pump()
    return promise
  }

  /** A socket got into the room: it carries the session from now on. */
  private adopt({ socket, url, welcome, fingerprint, reconnected }: Welcomed): void {
    this.dropReplaced()
    const before = this.session.begin(socket, welcome)
    this.sender.start(socket, welcome)
    this.setState({ status: 'connected', url, room: welcome.room, fingerprint })
    this.lastPeer = { url, fingerprint }
    this.session.catchUp(welcome, before, reconnected)
    this.emit('welcome', welcome)
    this.settleFirst?.resolve(welcome)
    this.settleFirst = null
    this.sender.pump()
    this.readReporter.start(socket, welcome.features)
  }

  private onSessionClosed(end: ConnectionEnd | null, cause: string): void {
    this.dropSession()
    // A hello we sent on a socket we gave up on may have reached the hub only now, replacing
    // this connection with that dead one: that is not somebody else taking our place.
    if (end?.reason === 'replaced' && this.dialer.consumeStaleHello()) {
      return this.dialer.scheduleReconnect('the connection was replaced by an earlier attempt')
    }
    // A transfer that resumes waits out a host's graceful stop as it would a crash: the host
    // may be restarting (see RoomConnectionOptions.hostStopIsDrop).
    if (end?.reason === 'ended' && this.hostStopIsDrop) {
      return this.dialer.scheduleReconnect(end.message)
    }
    if (end) return this.finish(end)
    this.dialer.scheduleReconnect(cause)
  }

  /** The connection a rename replaced, once the new one is in (or could not be made). */
  private dropReplaced(): void {
    if (!this.replaced) return
    abandonSocket(this.replaced)
    this.replaced = null
  }

  /** Forgets the session's socket; whatever it had not had acknowledged is to be resent. */
  private dropSession(): void {
    this.session.release()
    this.sender.stop()
    this.readReporter.stop()
    this.requests.abandon('the connection to the room was lost')
  }

  private finish({ reason, message: said, closeCode, extra = {} }: ConnectionEnd): void {
    if (this.current.status === 'closed') return
    this.dropReplaced()
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
  private parse(text: string, maxTokens: number): HubMessage | null {
    // Counted before parsing: JSON of many small values costs far more to parse than its size
    // says (LIMITS.maxWelcomeTokens).
    const tooMany = jsonTextHasMoreTokens(text, maxTokens)
    let value: unknown
    try {
      value = tooMany ? undefined : JSON.parse(text)
    } catch {
      value = undefined
    }
    const parsed = tooMany ? null : SCHEMAS.hubMessage.safeParse(value)
    if (!parsed?.success) {
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
        message: `unreadable message from the hub${more}: ${
          parsed
            ? describeIssues(parsed.error)
            : `more than ${maxTokens} objects, arrays and commas`
        }`,
      })
      return null
    }
    return parsed.data
  }
}
