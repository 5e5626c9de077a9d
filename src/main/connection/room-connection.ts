import {
  CLOSE_CODES,
  FINAL_CLOSE_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  SCHEMAS,
  SUBPROTOCOL,
  describeIssues,
  type ChatEvent,
  type ErrorMessage,
  type HubMessage,
  type JoinedMessage,
  type LeftMessage,
  type Member,
  type RenamedMessage,
  type TypingEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { TokenBucket } from '../hub/token-bucket'
import { helloTranscript, type ClientIdentity } from '../security/identity'
import { clientFinishLogin, clientStartLogin } from '../security/passphrase'
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff'
import { Emitter } from './emitter'
import { ConnectionError } from './errors'
import { Outbox, type OutboxEntry } from './outbox'
import { SYSTEM_CLOCK, type Clock, type RoomSocket, type SocketFactory } from './socket'
import { DEFAULT_TIMELINE_SIZE, Timeline, type ResumePosition } from './timeline'

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

/** What a connection learned of the hub before `hello`: its certificate and its room id. */
export interface PeerInfo {
  url: string
  /** SHA-256 of the certificate (64 hex digits), or null over plain ws. */
  fingerprint: string | null
  /** The room id the hub's challenge names. */
  roomId: string
}

/** Why a connection ended for good. */
export type ClosedReason =
  /** This client left (`close()`). */
  | 'left'
  /** The host closed the room. */
  | 'ended'
  /** The hub refused the hello (invalid name or client id). */
  | 'refused'
  /** The room is full. */
  | 'full'
  /** The room speaks another protocol version. */
  | 'incompatible'
  /** The same client id joined from somewhere else. */
  | 'replaced'
  /** The first connection could not reach the room at any candidate address. */
  | 'unreachable'
  /** The room's certificate is not the trusted one (`verifyPeer` refused it). */
  | 'untrusted'
  /** The room needs a passphrase: none was given, or it was wrong (see `errorCode`). */
  | 'passphrase'
  /** Too many passphrase attempts from this address; `retryAfterMs` says when to try again. */
  | 'throttled'
  /** The hub did not accept this client's proof of its id. */
  | 'unproven'

/**
 * The one observable state of a connection.
 * - `idle`: created, `connect()` not called yet;
 * - `connecting`: the first connection, trying `url`;
 * - `connected`: in the room;
 * - `reconnecting`: the connection dropped; attempt `attempt` runs at `retryAt` (a wall-clock
 *   time in ms), or is running now when `retryAt` is null;
 * - `closed`: for good, with a sentence a person can read.
 */
export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; url: string }
  | {
      status: 'connected'
      url: string
      room: WelcomeMessage['room']
      /** The certificate this connection presented (null: plain ws, not encrypted). */
      fingerprint: string | null
    }
  | { status: 'reconnecting'; attempt: number; retryAt: number | null; lastError: string }
  | {
      status: 'closed'
      reason: ClosedReason
      message: string
      closeCode: number | null
      /** The hub's error code, when its refusal said one (`wrong_passphrase`, ...). */
      errorCode?: string
      /** For `throttled`: how long to wait, in ms. */
      retryAfterMs?: number
      /** For `untrusted`: what the refused connection presented. */
      peer?: PeerInfo
    }

export type ClosedState = Extract<ConnectionState, { status: 'closed' }>

type RoomConnectionEvents = {
  state: [ConnectionState]
  /** Every welcome, the first and each after a reconnect. */
  welcome: [WelcomeMessage]
  /** A chat new to the timeline: live, or missed and given back by a resume (not the history
   * of a first visit, which is the recent past). */
  chat: [ChatEvent]
  joined: [JoinedMessage]
  renamed: [RenamedMessage]
  left: [LeftMessage]
  typing: [TypingEvent]
  /** Errors from the hub not about a particular chat, and frames the client could not read. */
  error: [ErrorMessage]
  /** The host is closing the room (its last word). */
  closing: [string]
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

/** How long a hello sent on an abandoned socket may still reach the hub and take our place. */
const STALE_HELLO_WINDOW_MS = 60_000
/** How long leaving waits for the hub to answer the close frame. */
const CLOSE_WAIT_MS = 2_000

interface Round {
  urls: string[]
  index: number
  failures: string[]
}

/**
 * A connection to a room that loses nothing: it connects to the first candidate that answers,
 * reconnects by itself (exponential backoff with jitter) and resumes where it left off, keeps
 * every chat in an outbox until the hub acknowledges it and resends it with the same id after
 * a reconnect (the hub's dedupe makes that safe), and maintains the room's timeline.
 *
 * Plain TypeScript over a small socket interface (socket.ts), so that it is not tied to Node.
 */
export class RoomConnection extends Emitter<RoomConnectionEvents> {
  readonly timeline: Timeline
  private readonly outbox = new Outbox()
  private readonly clock: Clock
  private readonly random: () => number
  private readonly backoff: BackoffOptions
  private readonly candidates: string[]
  /** This client's id (derived from its identity's public key). */
  readonly clientId: string
  private readonly connectTimeoutMs: number
  private readonly ackTimeoutMs: number

  private current: ConnectionState = { status: 'idle' }
  private firstConnect: Promise<WelcomeMessage> | null = null
  private settleFirst: { resolve: (w: WelcomeMessage) => void; reject: (e: Error) => void } | null =
    null
  /** The socket of the current session (after its welcome). */
  private socket: RoomSocket | null = null
  /** The socket of the candidate being tried, and how to give up on it. */
  private trying: { socket: RoomSocket; cancel: () => void } | null = null
  private round: Round | null = null
  private welcomeMessage: WelcomeMessage | null = null
  private everConnected = false
  private lastGoodUrl: string | null = null
  private attempt = 0
  private cancelRetry: (() => void) | null = null
  private cancelPump: (() => void) | null = null
  private cancelAckCheck: (() => void) | null = null
  private reconnectGeneration = 0
  private bucket: TokenBucket | null = null
  private pausedUntil = 0
  private hostClosing: string | null = null
  private lastRefusal: ErrorMessage | null = null
  /** When hellos were sent on sockets given up before their welcome (see onSessionClosed). */
  private staleHellos: number[] = []
  private readonly presence = new Map<string, Member>()

  constructor(private readonly options: RoomConnectionOptions) {
    super()
    this.clientId = options.identity.clientId
    this.candidates = [...new Set(options.candidates.map(String))]
    if (this.candidates.length === 0)
      throw new RangeError('at least one candidate address is needed')
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.random = options.random ?? Math.random
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000
    this.timeline = new Timeline(
      options.timelineSize ?? DEFAULT_TIMELINE_SIZE,
      () => this.clock.now(),
      options.resume ?? null,
    )
    this.outbox.on('change', () => this.emit('outbox'))
  }

  get state(): ConnectionState {
    return this.current
  }
  get room(): WelcomeMessage['room'] | null {
    return this.welcomeMessage?.room ?? null
  }
  /** The last welcome received. */
  get welcome(): WelcomeMessage | null {
    return this.welcomeMessage
  }
  /** Who is in the room, as far as this client knows. */
  get members(): Member[] {
    return [...this.presence.values()]
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
    return this.welcomeMessage?.limits.maxTextLength ?? LIMITS.maxTextLength
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
    this.setState({ status: 'connecting', url: this.candidates[0] as string })
    this.startRound(this.candidates)
    return this.firstConnect
  }

  /** Writes a chat. It is delivered exactly once, in order; the promise resolves with the
   * hub's stamped copy, or rejects if the hub refuses it or the connection ends first. */
  send(text: string, id: string = newMessageId()): Promise<ChatEvent> {
    const refused = this.outbox.has(id) || this.current.status === 'closed'
    const promise = this.outbox.add(id, text)
    // The outbox has refused it already (a duplicate id, or the end): the entry there is not this one.
    if (refused) return promise
    const problem = this.checkText(text)
    if (problem) this.outbox.fail(id, { code: 'CONN_ERR_INVALID', message: problem })
    else this.pump()
    return promise
  }

  /** Sends a failed chat again (same id), after everything written before. */
  retry(id: string): Promise<ChatEvent> {
    const promise = this.outbox.retry(id)
    this.pump()
    return promise
  }

  /** Drops a failed chat (or a pending one never sent). True when it was removed. */
  discard(id: string): boolean {
    return this.outbox.discard(id)
  }

  typing(active: boolean): void {
    if (this.socket && this.current.status === 'connected') {
      this.socket.send(JSON.stringify({ type: 'typing', active }))
    }
  }

  /** While waiting to reconnect: try now instead (a "Retry now" button). */
  retryNow(): void {
    if (this.current.status !== 'reconnecting' || !this.cancelRetry) return
    this.cancelRetry()
    this.cancelRetry = null
    this.reconnectNow()
  }

  /**
   * The network changed (the OS came online, an interface appeared): while waiting to
   * reconnect, try at once, and count attempts from 1 again since earlier failures said
   * nothing about the new network. Connected or connecting, nothing changes: a connection that
   * did not survive is found out by its unacknowledged chats (ackTimeoutMs).
   */
  networkChanged(): void {
    if (this.current.status !== 'reconnecting' || !this.cancelRetry) return
    this.attempt = 1
    this.retryNow()
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
    const socket = this.socket
    this.socket = null
    this.finish('left', 'You left the room.', 1000)
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

  // ---------------------------------------------------------------- connecting

  private startRound(urls: string[]): void {
    this.round = { urls, index: 0, failures: [] }
    this.tryCandidate()
  }

  private tryCandidate(): void {
    const round = this.round
    if (!round) return
    const url = round.urls[round.index]
    if (url === undefined) return this.roundFailed(round)
    if (this.current.status === 'connecting' && this.current.url !== url) {
      this.setState({ status: 'connecting', url })
    }

    const socket = this.options.socketFactory(url, SUBPROTOCOL)
    let helloSent = false
    let peer: PeerInfo | null = null
    let loginState: string | null = null
    let refusal: ErrorMessage | null = null
    let closing: string | null = null
    let error: string | null = null
    const cancelTimer = this.clock.schedule(() => {
      if (this.trying?.socket !== socket) return
      this.trying = null
      this.abandon(socket, helloSent)
      this.candidateFailed(`no answer from ${url} within ${seconds(this.connectTimeoutMs)} s`)
    }, this.connectTimeoutMs)
    this.trying = { socket, cancel: cancelTimer }

    // Nothing is sent before the hub's challenge: it names the room, and by then the
    // certificate is known and can be checked.
    socket.onopen = null
    socket.onerror = (reason) => {
      error ??= reason
    }
    /** Ends the attempt, and the connection, for a reason found on this side. */
    const giveUp = (reason: ClosedReason, message: string, extra: Partial<ClosedState> = {}) => {
      cancelTimer()
      detach(socket)
      this.trying = null
      socket.close(1000, 'bye')
      this.finish(reason, message, null, extra)
    }
    socket.onmessage = (data) => {
      const message = this.parse(data)
      if (!message) return
      if (message.type === 'challenge') {
        if (peer) return
        peer = { url, fingerprint: socket.peerFingerprint ?? null, roomId: message.roomId }
        const untrusted = this.options.verifyPeer?.(peer) ?? null
        if (untrusted !== null) return giveUp('untrusted', untrusted, { peer })
        const passphrase = this.options.passphrase
        let login: string | undefined
        if (message.passphrase) {
          if (passphrase === undefined || passphrase === '') {
            return giveUp('passphrase', 'This room needs a passphrase.', {
              errorCode: 'passphrase_required',
            })
          }
          const started = clientStartLogin(passphrase)
          loginState = started.state
          login = started.request
        }
        socket.send(JSON.stringify(this.hello(message.nonce, peer.fingerprint, login)))
        helloSent = true
      } else if (message.type === 'login') {
        if (!peer || loginState === null || this.options.passphrase === undefined) return
        const finish = clientFinishLogin(
          this.options.passphrase,
          loginState,
          message.response,
          peer.fingerprint,
        )
        loginState = null
        if (finish === null) {
          return giveUp('passphrase', 'Wrong passphrase.', { errorCode: 'wrong_passphrase' })
        }
        socket.send(JSON.stringify({ type: 'login_finish', finish }))
      } else if (message.type === 'welcome') {
        // Only after our hello: a welcome before the challenge skipped the certificate check.
        if (!helloSent) return
        cancelTimer()
        this.trying = null
        this.adopt(socket, url, message, peer?.fingerprint ?? socket.peerFingerprint ?? null)
      } else if (message.type === 'error') {
        refusal = message
      } else if (message.type === 'closing') {
        closing = message.message
      }
    }
    socket.onclose = ({ code, reason }) => {
      cancelTimer()
      detach(socket)
      if (this.trying?.socket !== socket) return
      this.trying = null
      if (closing !== null || code === CLOSE_CODES.goingAway) {
        return this.finish('ended', closing ?? 'The host closed the room.', code)
      }
      const final = finalReason(code)
      const detail = refusal?.message ?? (reason || describeClose(code))
      if (final)
        return this.finish(final, closedMessage(final, detail), code, refusalExtra(refusal))
      this.candidateFailed(
        helloSent
          ? `${url}: ${detail}`
          : `cannot connect to ${url}: ${error ?? describeClose(code)}`,
      )
    }
  }

  private candidateFailed(message: string): void {
    const round = this.round
    if (!round) return
    round.failures.push(message)
    round.index += 1
    this.tryCandidate()
  }

  private roundFailed(round: Round): void {
    this.round = null
    const last = round.failures.at(-1) ?? 'no address to try'
    if (this.everConnected) return this.scheduleReconnect(last)
    const message =
      round.failures.length === 1
        ? sentence(last)
        : `Cannot reach the room at any of its ${round.failures.length} addresses: ${round.failures.join('; ')}.`
    this.finish('unreachable', message, null)
  }

  private hello(nonce: string, fingerprint: string | null, login: string | undefined): object {
    const resume = this.timeline.position
    const { identity } = this.options
    const sig = identity.sign(
      helloTranscript({ nonce, fingerprint, clientId: this.clientId, login }),
    )
    return {
      type: 'hello',
      v: PROTOCOL_VERSION,
      name: this.options.name,
      clientId: this.clientId,
      key: identity.publicKey,
      sig,
      ...(login !== undefined ? { login } : {}),
      ...(resume ? { resume } : {}),
    }
  }

  /** The socket answered `hello` with `welcome`: it carries the session from now on. */
  private adopt(
    socket: RoomSocket,
    url: string,
    welcome: WelcomeMessage,
    fingerprint: string | null,
  ): void {
    const reconnected = this.everConnected
    this.socket = socket
    this.everConnected = true
    this.lastGoodUrl = url
    this.attempt = 0
    this.round = null
    this.hostClosing = null
    this.lastRefusal = null
    this.welcomeMessage = welcome
    socket.onmessage = (data) => this.onSessionMessage(socket, data)
    socket.onclose = ({ code, reason }) => this.onSessionClosed(socket, code, reason)
    socket.onerror = null
    // Pace a little under the room's limit, so that the hub never has to refuse us: a refusal
    // followed by an accepted later chat would put the two out of order.
    const { chatsPerSecond, chatBurst } = welcome.limits
    this.bucket = new TokenBucket(chatsPerSecond * 0.9, Math.max(1, chatBurst - 2), () =>
      this.clock.now(),
    )
    this.pausedUntil = 0

    const before = new Map(this.presence)
    this.presence.clear()
    for (const member of welcome.members) this.presence.set(member.clientId, member)

    this.setState({ status: 'connected', url, room: welcome.room, fingerprint })
    // A first visit's history is the recent past, not news; what a resume brings back was
    // missed, and is.
    const resuming = this.timeline.position !== null
    const added = this.timeline.applyWelcome(welcome)
    if (resuming) for (const event of added) this.emit('chat', event)
    if (reconnected) this.noticePresenceChanges(before)
    for (const event of welcome.history) {
      if (event.from === this.clientId) this.outbox.acknowledge(event.id, event)
    }
    this.emit('welcome', welcome)
    this.settleFirst?.resolve(welcome)
    this.settleFirst = null
    this.pump()
  }

  /** Who came and went while we were away, as notices (the hub does not replay them). */
  private noticePresenceChanges(before: Map<string, Member>): void {
    const me = this.clientId
    for (const [id, member] of before) {
      if (id !== me && !this.presence.has(id)) {
        this.timeline.addNotice({ kind: 'left', clientId: id, name: member.name, reason: null })
      }
    }
    for (const [id, member] of this.presence) {
      const earlier = before.get(id)
      if (id === me) continue
      if (!earlier) this.timeline.addNotice({ kind: 'joined', member })
      else if (earlier.name !== member.name) this.timeline.addNotice({ kind: 'renamed', member })
    }
  }

  // ---------------------------------------------------------------- in the room

  private onSessionMessage(socket: RoomSocket, data: string): void {
    if (socket !== this.socket) return
    const message = this.parse(data)
    if (!message) return
    switch (message.type) {
      case 'chat': {
        const added = this.timeline.addChat(message)
        if (message.from === this.clientId) this.outbox.acknowledge(message.id, message)
        if (added) this.emit('chat', message)
        return
      }
      case 'error':
        return this.onHubError(message)
      case 'closing':
        this.hostClosing = message.message
        this.emit('closing', message.message)
        return
      case 'joined':
        this.presence.set(message.member.clientId, message.member)
        this.timeline.addNotice({ kind: 'joined', member: message.member })
        this.emit('joined', message)
        return
      case 'renamed':
        this.presence.set(message.member.clientId, message.member)
        this.timeline.addNotice({ kind: 'renamed', member: message.member })
        this.emit('renamed', message)
        return
      case 'left':
        this.presence.delete(message.clientId)
        this.timeline.addNotice({
          kind: 'left',
          clientId: message.clientId,
          name: message.name,
          reason: message.reason,
        })
        this.emit('left', message)
        return
      case 'typing':
        this.emit('typing', message)
        return
      case 'welcome':
        return
    }
  }

  private onHubError(message: ErrorMessage): void {
    if (message.code === 'rate_limited') {
      // Go back: resend, in order, from the refused chat on, once the hub has room again.
      this.outbox.goBack(message.id)
      this.pausedUntil = this.clock.now() + (message.retryAfterMs ?? 200)
      this.schedulePump(message.retryAfterMs ?? 200)
      return
    }
    if (message.id !== undefined && this.outbox.has(message.id)) {
      this.outbox.fail(message.id, { code: message.code, message: message.message })
      return
    }
    this.lastRefusal = message
    this.emit('error', message)
  }

  private onSessionClosed(socket: RoomSocket, code: number, reason: string): void {
    if (socket !== this.socket) return
    detach(socket)
    this.dropSession()
    if (this.hostClosing !== null || code === CLOSE_CODES.goingAway) {
      return this.finish('ended', this.hostClosing ?? 'The host closed the room.', code)
    }
    const final = finalReason(code)
    // A hello we sent on a socket we gave up on may have reached the hub only now, replacing
    // this connection with that dead one: that is not somebody else taking our place.
    if (final === 'replaced' && this.consumeStaleHello()) {
      return this.scheduleReconnect('the connection was replaced by an earlier attempt')
    }
    if (final) {
      const detail = this.lastRefusal?.message ?? (reason || describeClose(code))
      return this.finish(final, closedMessage(final, detail), code, refusalExtra(this.lastRefusal))
    }
    this.scheduleReconnect(describeClose(code))
  }

  /** Forgets the session's socket; whatever it had not had acknowledged is to be resent. */
  private dropSession(): void {
    this.socket = null
    this.bucket = null
    this.cancelPump?.()
    this.cancelPump = null
    this.cancelAckCheck?.()
    this.cancelAckCheck = null
    this.outbox.goBack()
  }

  // ---------------------------------------------------------------- reconnecting

  private scheduleReconnect(lastError: string): void {
    this.attempt += 1
    const delay = backoffDelay(this.attempt, this.random, this.backoff)
    this.cancelRetry = this.clock.schedule(() => {
      this.cancelRetry = null
      this.reconnectNow()
    }, delay)
    this.setState({
      status: 'reconnecting',
      attempt: this.attempt,
      retryAt: this.clock.now() + delay,
      lastError,
    })
  }

  private reconnectNow(): void {
    const lastError = this.current.status === 'reconnecting' ? this.current.lastError : ''
    this.setState({ status: 'reconnecting', attempt: this.attempt, retryAt: null, lastError })
    const generation = ++this.reconnectGeneration
    void this.reconnectCandidates().then((urls) => {
      if (generation !== this.reconnectGeneration || this.current.status !== 'reconnecting') return
      this.startRound(urls)
    })
  }

  /** Discovery's answer first, then the address that worked last, then the original list. */
  private async reconnectCandidates(): Promise<string[]> {
    const fallback = [...(this.lastGoodUrl ? [this.lastGoodUrl] : []), ...this.candidates]
    const resolve = this.options.resolveCandidates
    const roomId = this.welcomeMessage?.room.id
    let found: readonly string[] = []
    if (resolve && roomId) {
      let cancel = (): void => {}
      const timeout = new Promise<readonly string[]>((done) => {
        cancel = this.clock.schedule(() => done([]), this.connectTimeoutMs)
      })
      try {
        found = await Promise.race([resolve(roomId), timeout])
      } catch {
        found = []
      } finally {
        cancel()
      }
    }
    return [...new Set([...found.map(String), ...fallback])]
  }

  private consumeStaleHello(): boolean {
    const now = this.clock.now()
    this.staleHellos = this.staleHellos.filter((at) => now - at < STALE_HELLO_WINDOW_MS)
    return this.staleHellos.shift() !== undefined
  }

  /** Gives up on a socket we no longer trust; nothing it does from now on is heard. */
  private abandon(socket: RoomSocket, helloSent: boolean): void {
    detach(socket)
    if (helloSent) this.staleHellos.push(this.clock.now())
    if (socket.terminate) socket.terminate()
    else socket.close(4000, 'reconnecting')
  }

  // ---------------------------------------------------------------- the outbox

  private checkText(text: string): string | null {
    const parsed = SCHEMAS.text.safeParse(text)
    if (!parsed.success) return `the message ${describeIssues(parsed.error)}`
    if (parsed.data.length > this.maxTextLength) {
      return `the message must be at most ${this.maxTextLength} characters`
    }
    return null
  }

  private schedulePump(delayMs: number): void {
    if (this.cancelPump) return
    this.cancelPump = this.clock.schedule(() => {
      this.cancelPump = null
      this.pump()
    }, delayMs)
  }

  /** Sends pending chats in order, as fast as the room's rate allows. */
  private pump(): void {
    const socket = this.socket
    const bucket = this.bucket
    if (!socket || !bucket || this.current.status !== 'connected') return
    const now = this.clock.now()
    if (now < this.pausedUntil) return this.schedulePump(this.pausedUntil - now)
    for (const entry of this.outbox.pending()) {
      const problem = this.checkText(entry.text)
      if (problem) {
        this.outbox.fail(entry.id, { code: 'CONN_ERR_INVALID', message: problem })
        continue
      }
      if (!bucket.take()) {
        this.schedulePump(Math.max(10, bucket.retryAfterMs()))
        break
      }
      socket.send(JSON.stringify({ type: 'chat', id: entry.id, text: entry.text }))
      this.outbox.markSent(entry.id, now)
    }
    this.scheduleAckCheck()
  }

  private scheduleAckCheck(): void {
    if (this.cancelAckCheck || !this.socket) return
    const oldest = this.outbox.oldestSentAt()
    if (oldest === null) return
    const due = Math.max(0, oldest + this.ackTimeoutMs - this.clock.now())
    this.cancelAckCheck = this.clock.schedule(() => {
      this.cancelAckCheck = null
      const socket = this.socket
      const sentAt = this.outbox.oldestSentAt()
      if (!socket || sentAt === null) return
      if (this.clock.now() - sentAt < this.ackTimeoutMs) return this.scheduleAckCheck()
      this.dropSession()
      this.abandon(socket, false)
      this.scheduleReconnect(`no acknowledgement for ${seconds(this.ackTimeoutMs)} s`)
    }, due)
  }

  // ---------------------------------------------------------------- the end

  private finish(
    reason: ClosedReason,
    message: string,
    closeCode: number | null,
    extra: Partial<ClosedState> = {},
  ): void {
    if (this.current.status === 'closed') return
    this.reconnectGeneration += 1
    this.round = null
    this.cancelRetry?.()
    this.cancelRetry = null
    if (this.trying) {
      this.trying.cancel()
      this.abandon(this.trying.socket, false)
      this.trying = null
    }
    const socket = this.socket
    this.dropSession()
    if (socket) this.abandon(socket, false)
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

  private parse(text: string): HubMessage | null {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      value = undefined
    }
    const parsed = SCHEMAS.hubMessage.safeParse(value)
    if (!parsed.success) {
      this.emit('error', {
        type: 'error',
        code: 'invalid_message',
        message: `unreadable message from the hub: ${describeIssues(parsed.error)}`,
      })
      return null
    }
    return parsed.data
  }
}

function detach(socket: RoomSocket): void {
  socket.onopen = null
  socket.onmessage = null
  socket.onerror = null
  socket.onclose = null
}

function finalReason(code: number): ClosedReason | null {
  if (!FINAL_CLOSE_CODES.has(code)) return null
  switch (code) {
    case CLOSE_CODES.replaced:
      return 'replaced'
    case CLOSE_CODES.roomFull:
      return 'full'
    case CLOSE_CODES.incompatibleVersion:
      return 'incompatible'
    case CLOSE_CODES.goingAway:
      return 'ended'
    case CLOSE_CODES.identityUnproven:
      return 'unproven'
    case CLOSE_CODES.passphrase:
      return 'passphrase'
    case CLOSE_CODES.tooManyAttempts:
      return 'throttled'
    default:
      return 'refused'
  }
}

/** What a hub's refusal adds to the closed state. */
function refusalExtra(refusal: ErrorMessage | null): Partial<ClosedState> {
  if (!refusal) return {}
  return {
    errorCode: refusal.code,
    ...(refusal.retryAfterMs !== undefined ? { retryAfterMs: refusal.retryAfterMs } : {}),
  }
}

function closedMessage(reason: ClosedReason, detail: string): string {
  switch (reason) {
    case 'replaced':
      return 'You joined this room from somewhere else, so this connection was closed.'
    case 'full':
      return sentence(detail)
    case 'incompatible':
      return `This room speaks another version of LAN Room (${detail}).`
    case 'ended':
      return 'The host closed the room.'
    case 'passphrase':
      return /wrong/i.test(detail) ? 'Wrong passphrase.' : 'This room needs a passphrase.'
    case 'throttled':
      return `Too many passphrase attempts: ${detail}.`
    case 'unproven':
      return `The room did not accept this app's identity: ${detail}.`
    default:
      return `The room refused to let you in: ${detail}.`
  }
}

/** Capital first letter, full stop at the end. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '')
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + '.'
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)
}

/** A readable phrase for a close code. */
export function describeClose(code: number): string {
  switch (code) {
    case 1000:
      return 'the connection was closed'
    case CLOSE_CODES.goingAway:
      return 'the host closed the room'
    case CLOSE_CODES.unsupportedData:
      return 'the hub does not accept binary frames'
    case CLOSE_CODES.invalidPayload:
      return 'a frame was not valid UTF-8'
    case CLOSE_CODES.messageTooBig:
      return 'a frame was too large'
    case CLOSE_CODES.replaced:
      return 'you joined the room from somewhere else'
    case CLOSE_CODES.helloTimeout:
      return 'no hello was sent in time'
    case CLOSE_CODES.roomFull:
      return 'the room is full'
    case CLOSE_CODES.incompatibleVersion:
      return 'the room speaks another protocol version'
    case CLOSE_CODES.slowConsumer:
      return 'the connection was too slow to keep up'
    case CLOSE_CODES.badHello:
      return 'the hub refused the hello'
    case CLOSE_CODES.tooManyErrors:
      return 'too many malformed messages'
    case CLOSE_CODES.identityUnproven:
      return 'the hub did not accept the identity proof'
    case CLOSE_CODES.passphrase:
      return 'the passphrase was missing or wrong'
    case CLOSE_CODES.tooManyAttempts:
      return 'too many passphrase attempts'
    default:
      return `the connection was lost (code ${code})`
  }
}
