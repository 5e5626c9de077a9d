import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { WebSocket, type RawData } from 'ws'
import {
  CLIENT_MESSAGE_TYPES,
  CLOSE_CODES,
  ERROR_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  createSchemas,
  describeIssues,
  type ChatEvent,
  type ClosingMessage,
  type ErrorCode,
  type ErrorMessage,
  type HelloMessage,
  type HubMessage,
  type LeaveReason,
  type Limits,
  type Member,
  type RoomInfo,
  type Schemas,
  type WelcomeMessage,
} from '../../shared/protocol'
import { HubError } from './hub-error'
import { encodeTextFrame, frameJson, textFrameHeader, textFramePayload } from './frame'
import { hasMoreJsonTokens } from './json-tokens'
import { SILENT_LOGGER, type Logger } from './logger'
import { Outbound, type UniqueBudget } from './outbound'
import { RoomStore } from './room-store'
import { HubServer, type Refusal } from './server'
import { TokenBucket } from './token-bucket'
import { checkHelloProof } from '../security/identity'
import {
  createPassphraseVerifier,
  serverFinishLogin,
  serverStartLogin,
  type PassphraseVerifier,
} from '../security/passphrase'
import type { TlsCredentials } from '../security/tls'

export interface HubOptions {
  /** Room name shown to people. Also selects the room in `dataDir`: same name, same room. */
  roomName: string
  /** Display name of the person hosting. */
  hostName: string
  /** Directory for room state and history. Required: a room without history is not one. */
  dataDir: string
  /** Port to listen on. Default DEFAULT_PORT, falling back to a free port when it is taken;
   * an explicit port that is taken is an error (HUB_ERR_PORT_IN_USE). 0 picks a free port. */
  port?: number
  /** Address to bind. Default '0.0.0.0' (every IPv4 interface). */
  bind?: string
  /** Chats per second per member; 0 turns rate limiting off. Default LIMITS.chatsPerSecond. */
  rateLimit?: number
  /** Overrides for LIMITS (tests use smaller ones). */
  limits?: Partial<Limits>
  /** Client id of the host's own connection, marked `host: true` in the member list. */
  hostClientId?: string
  /**
   * The certificate and key to serve TLS (https/wss) with, or `false` for plain http/ws.
   * Required, so that turning encryption off is always a visible choice (`--no-tls`): plain is
   * for tests and benchmarks. See `loadOrCreateTlsCredentials`.
   */
  tls: TlsCredentials | false
  /** A passphrase members must prove (OPAQUE) before they get a welcome. Default none. */
  passphrase?: string
  logger?: Logger
}

export { HubError } from './hub-error'
export { isOwnOrigin } from './server'

interface Connection {
  readonly id: number
  readonly ws: WebSocket
  readonly out: Outbound
  readonly remote: string
  member: Member | null
  alive: boolean
  badFrames: number
  bucket: TokenBucket
  /** Typing messages beyond this bucket are ignored (LIMITS.typingPerSecond). */
  typingBucket: TokenBucket
  /** Pings beyond this bucket close the connection: they exist to make us write. */
  pingBucket: TokenBucket
  helloTimer: NodeJS.Timeout | null
  closing: boolean
  /** The close code the hub chose, when it closed the connection itself. */
  closedWith: number | null
  /** ws closed the connection for a protocol violation (invalid UTF-8, oversized frame). */
  protocolError: boolean
  /** The challenge sent on connecting: what this connection's hello must sign. */
  readonly nonce: string
  /** The client's address, for passphrase attempts. */
  readonly address: string
  /** A passphrase login under way: the hello it belongs to and OPAQUE's server state. */
  login: { hello: HelloMessage; state: string } | null
  typing: { active: boolean; lastRelay: number; timer: NodeJS.Timeout | null }
}

/** Closes by which the hub removed a member for what it sent or failed to read. */
const REMOVAL_CODES: ReadonlySet<number> = new Set<number>([
  CLOSE_CODES.unsupportedData,
  CLOSE_CODES.invalidPayload,
  CLOSE_CODES.messageTooBig,
  CLOSE_CODES.slowConsumer,
  CLOSE_CODES.tooManyErrors,
])

/** Pings a peer may send: a keepalive needs far fewer; a flood is an attempt to make us write. */
const PINGS_PER_SECOND = 10
const PING_BURST = 60

/** How soon frames held back for a full socket are tried again. */
const HELD_BACK_RETRY_MS = 1
/** …and at least this often while none of them takes anything. */
const HELD_BACK_MAX_RETRY_MS = 50

const COMMA = Buffer.from(',')
/** How a welcome's JSON ends when `history` is its last field (see sendWelcome). */
const HISTORY_END = Buffer.from(']}')

const CLOSING: ClosingMessage = {
  type: 'closing',
  reason: 'host_stopped',
  message: 'The host closed the room.',
}

/**
 * The room hub: an HTTP server with `GET /info` and a WebSocket endpoint at `/ws`
 * (subprotocol `lanroom.v1`). One hub hosts one room. See docs/protocol.md.
 */
export class Hub {
  readonly limits: Limits
  private readonly schemas: Schemas
  private readonly log: Logger
  private readonly server: HubServer
  private readonly store: RoomStore
  private readonly connections = new Set<Connection>()
  /** Bytes of frames made for one member alone, all members together. */
  private readonly uniqueBudget: UniqueBudget = { used: 0 }
  /** Members by client id: the connection currently speaking for each. */
  private readonly members = new Map<string, Connection>()
  /** The most recent chats (up to max(historySize, dedupeWindow)), in sequence order. */
  private recent: ChatEvent[]
  /** (client id, message id) → chat, for every chat in `recent`. */
  private readonly dedupe = new Map<string, ChatEvent>()
  /**
   * The last historySize chats, each serialized and framed once: the frame is broadcast when
   * the chat is stamped, and it and its payload are then shared, without a copy, by every
   * welcome and repeated acknowledgement that includes the chat. A welcome thus costs a list
   * of references rather than megabytes of JSON per hello.
   */
  private readonly chatBytes = new WeakMap<ChatEvent, { frame: Buffer; payload: Buffer }>()
  private lastSeq: number
  private readonly dirty = new Set<Connection>()
  /** Members with frames held back because their socket was full (see Outbound.flush). */
  private readonly heldBack = new Set<Connection>()
  private heldBackTimer: NodeJS.Timeout | null = null
  private heldBackDelay = HELD_BACK_RETRY_MS
  private flushScheduled = false
  private heartbeat: NodeJS.Timeout | null = null
  private nextConnectionId = 1
  private stopping: Promise<void> | null = null
  private readonly rateLimit: number
  private readonly keep: number
  /** Passphrase attempts per client address (see LIMITS.passphraseAttemptBurst). */
  private readonly attempts = new Map<string, TokenBucket>()
  private readonly fingerprintValue: string | null

  private constructor(
    private readonly options: HubOptions,
    store: RoomStore,
    limits: Limits,
    schemas: Schemas,
    private readonly verifier: PassphraseVerifier | null,
  ) {
    this.fingerprintValue = options.tls ? options.tls.fingerprint : null
    this.limits = limits
    this.schemas = schemas
    this.log = options.logger ?? SILENT_LOGGER
    this.store = store
    this.keep = Math.max(limits.historySize, limits.dedupeWindow)
    this.recent = store.loaded.slice(-this.keep)
    for (const event of this.recent) this.dedupe.set(dedupeKey(event.from, event.id), event)
    this.lastSeq = this.recent.at(-1)?.seq ?? 0
    this.rateLimit = options.rateLimit ?? limits.chatsPerSecond
    this.server = new HubServer(
      { tls: options.tls, limits, log: this.log },
      {
        info: () => this.info(),
        refusal: () => this.refusal(),
        connection: (ws, socket, req) => this.onConnection(ws, socket, req),
      },
    )
  }

  /** Opens (or creates) the room in the data directory and starts listening. */
  static async start(options: HubOptions): Promise<Hub> {
    const limits: Limits = { ...LIMITS, ...options.limits }
    const schemas = createSchemas(limits)
    const roomName = schemas.roomName.safeParse(options.roomName)
    if (!roomName.success) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', `room name ${describeIssues(roomName.error)}`)
    }
    const hostName = schemas.displayName.safeParse(options.hostName)
    if (!hostName.success) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', `host name ${describeIssues(hostName.error)}`)
    }
    // The hub keeps OPAQUE's registration record, never the passphrase itself: it is not
    // among the options the hub holds on to (docs/security.md, who is trusted).
    const { passphrase, ...kept } = options
    let verifier: PassphraseVerifier | null = null
    if (passphrase !== undefined) {
      const problem = passphraseProblem(passphrase)
      if (problem) throw new HubError('HUB_ERR_BAD_OPTIONS', `passphrase ${problem}`)
      verifier = await createPassphraseVerifier(
        passphrase,
        options.tls ? options.tls.fingerprint : null,
      )
    }
    const logger = options.logger ?? SILENT_LOGGER
    const store = RoomStore.open({
      dataDir: options.dataDir,
      name: roomName.data,
      keep: Math.max(limits.historySize, limits.dedupeWindow),
      schemas,
      logger,
    })
    const hub = new Hub(
      { ...kept, roomName: roomName.data, hostName: hostName.data },
      store,
      limits,
      schemas,
      verifier,
    )
    try {
      await hub.server.listen(options.bind ?? '0.0.0.0', options.port)
    } catch (error) {
      store.close(() => hub.recent)
      throw error
    }
    hub.heartbeat = setInterval(() => hub.beat(), limits.heartbeatIntervalMs)
    hub.heartbeat.unref()
    logger.info(
      {
        roomId: store.meta.id,
        port: hub.port,
        history: hub.recent.length,
        tls: hub.fingerprint !== null,
        passphrase: verifier !== null,
      },
      `hosting "${roomName.data}"`,
    )
    return hub
  }

  get port(): number {
    return this.server.port
  }
  get roomId(): string {
    return this.store.meta.id
  }
  get epoch(): string {
    return this.store.meta.epoch
  }
  get roomName(): string {
    return this.store.meta.name
  }
  /** SHA-256 of the hub's certificate (64 hex digits), or null without TLS. */
  get fingerprint(): string | null {
    return this.fingerprintValue
  }
  get passphrase(): boolean {
    return this.verifier !== null
  }
  /** `wss` or `ws`. */
  get scheme(): 'wss' | 'ws' {
    return this.fingerprintValue ? 'wss' : 'ws'
  }
  get memberCount(): number {
    return this.members.size
  }
  /** What loading the history file had to drop, if anything. */
  get recovery(): RoomStore['recovery'] {
    return this.store.recovery
  }

  info(): RoomInfo {
    return {
      v: PROTOCOL_VERSION,
      protocol: SUBPROTOCOL,
      roomId: this.roomId,
      name: this.roomName,
      hostName: this.options.hostName,
      members: this.members.size,
      passphrase: this.verifier !== null,
      tls: this.fingerprintValue !== null,
      fingerprint: this.fingerprintValue,
    }
  }

  /** Why the hub takes no new WebSocket now, or null. */
  private refusal(): Refusal | null {
    if (this.stopping) {
      return { status: 503, text: 'Service Unavailable', reason: 'the room is closing' }
    }
    if (this.connections.size - this.members.size >= this.limits.maxPendingConnections) {
      // Connections that have not said hello yet cost memory and belong to nobody.
      return {
        status: 503,
        text: 'Service Unavailable',
        reason: 'too many connections are waiting to join',
      }
    }
    return null
  }

  // ---------------------------------------------------------------- connections

  private onConnection(ws: WebSocket, socket: Socket, req: IncomingMessage): void {
    const connection: Connection = {
      id: this.nextConnectionId++,
      ws,
      out: new Outbound(socket, this.limits.maxBufferedBytes, this.uniqueBudget),
      remote: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
      member: null,
      alive: true,
      badFrames: 0,
      bucket: new TokenBucket(this.rateLimit, Math.max(this.limits.chatBurst, this.rateLimit)),
      typingBucket: new TokenBucket(this.limits.typingPerSecond, this.limits.typingBurst),
      pingBucket: new TokenBucket(PINGS_PER_SECOND, PING_BURST),
      helloTimer: null,
      closing: false,
      closedWith: null,
      protocolError: false,
      typing: { active: false, lastRelay: 0, timer: null },
      nonce: randomBytes(32).toString('base64url'),
      address: req.socket.remoteAddress ?? '?',
      login: null,
    }
    this.connections.add(connection)
    this.send(
      connection,
      frameJson({
        type: 'challenge',
        v: PROTOCOL_VERSION,
        nonce: connection.nonce,
        roomId: this.roomId,
        passphrase: this.verifier !== null,
      }),
    )
    connection.helloTimer = setTimeout(() => {
      this.close(connection, CLOSE_CODES.helloTimeout, 'no hello in time')
    }, this.limits.helloTimeoutMs)
    ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary))
    ws.on('pong', () => (connection.alive = true))
    ws.on('ping', (data: Buffer) => this.onPing(connection, data))
    ws.on('error', (error: Error & { code?: string }) => {
      connection.protocolError = true
      // ws closes the connection itself for these (1007 invalid UTF-8, 1009 too big, ...).
      this.log.warn(
        { conn: connection.id, remote: connection.remote, code: error.code },
        `connection error: ${error.message}`,
      )
    })
    ws.on('close', (code) => this.onClose(connection, code))
  }

  /** Answers a ping with a pong, queued in order with everything else for the member. */
  private onPing(connection: Connection, data: Buffer): void {
    connection.alive = true
    if (connection.closing) return
    if (!connection.pingBucket.take()) {
      this.log.warn({ conn: connection.id, remote: connection.remote }, 'ping flood; closing')
      this.close(connection, CLOSE_CODES.tooManyErrors, 'too many pings')
      return
    }
    // Control frames carry at most 125 bytes (ws has checked), so a 2-byte header.
    const pong = Buffer.allocUnsafe(2 + data.length)
    pong[0] = 0x8a // FIN + opcode 0xA (pong)
    pong[1] = data.length
    data.copy(pong, 2)
    this.send(connection, pong)
  }

  private onClose(connection: Connection, peerCode: number): void {
    // ws reports the peer's code, or 1006 when it never answered our close frame.
    const code = connection.closedWith ?? peerCode
    this.connections.delete(connection)
    this.dirty.delete(connection)
    this.heldBack.delete(connection)
    connection.out.discard()
    if (connection.helloTimer) clearTimeout(connection.helloTimer)
    if (connection.typing.timer) clearTimeout(connection.typing.timer)
    const member = connection.member
    if (!member || this.members.get(member.clientId) !== connection) return
    this.members.delete(member.clientId)
    let reason: LeaveReason = 'lost'
    if (connection.protocolError || REMOVAL_CODES.has(code)) reason = 'removed'
    else if (code === 1000 || code === 1001) reason = 'left'
    this.log.info({ conn: connection.id, clientId: member.clientId, code, reason }, 'member left')
    if (this.stopping) return
    if (connection.typing.active) this.broadcastTyping(connection, false)
    this.broadcast({ type: 'left', clientId: member.clientId, name: member.name, reason })
  }

  /** Sends whatever is queued for the connection, then closes it. */
  private close(connection: Connection, code: number, reason: string): void {
    if (connection.closing) return
    connection.closing = true
    connection.closedWith = code
    // What this member is about to receive may include chats of this turn: persist them first.
    this.store.flush(() => this.recent)
    connection.out.flush(true)
    connection.out.discard()
    connection.ws.close(code, reason)
  }

  private beat(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.log.info({ conn: connection.id, remote: connection.remote }, 'no pong; removing')
        // No close handshake with a peer that does not answer: drop it now.
        connection.ws.terminate()
        continue
      }
      connection.alive = false
      // Not in the middle of one of our frames (a large welcome fed in parts): the ping would
      // land inside it. The member is reading it, or will be dropped as a slow consumer.
      if (connection.out.midFrame) {
        connection.alive = true
        continue
      }
      if (connection.ws.readyState === WebSocket.OPEN) connection.ws.ping()
    }
  }

  // ---------------------------------------------------------------- incoming

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    connection.alive = true
    if (connection.closing) return
    if (isBinary) {
      this.reject(connection, ERROR_CODES.binaryUnsupported, 'binary frames are not supported')
      this.close(connection, CLOSE_CODES.unsupportedData, 'binary frames are not supported')
      return
    }
    const bytes = rawToBuffer(data)
    if (hasMoreJsonTokens(bytes, this.limits.maxJsonTokens)) {
      return this.bad(
        connection,
        ERROR_CODES.invalidMessage,
        `a message has at most ${this.limits.maxJsonTokens} objects, arrays and commas`,
      )
    }
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch {
      return this.bad(connection, ERROR_CODES.invalidJson, 'the frame is not valid JSON')
    }
    const type =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as { type?: unknown }).type
        : undefined
    if (typeof type !== 'string') {
      return this.bad(connection, ERROR_CODES.invalidMessage, 'a message is an object with a type')
    }
    if (!CLIENT_MESSAGE_TYPES.has(type)) {
      return this.bad(
        connection,
        ERROR_CODES.unknownType,
        `unknown message type "${type.slice(0, 40)}"`,
      )
    }
    if (type === 'hello') return this.onHello(connection, value)
    if (type === 'login_finish') return this.onLoginFinish(connection, value)
    if (!connection.member) {
      return this.bad(connection, ERROR_CODES.helloRequired, 'send hello first')
    }
    if (type === 'chat') return this.onChat(connection, value)
    return this.onTyping(connection, value)
  }

  /** Answers a malformed frame with an error, and closes a peer that keeps sending them. */
  private bad(connection: Connection, code: ErrorCode, message: string, id?: string): void {
    connection.badFrames += 1
    this.log.warn(
      { conn: connection.id, remote: connection.remote, code, badFrames: connection.badFrames },
      `bad frame: ${message}`,
    )
    this.reject(connection, code, message, id)
    if (connection.badFrames >= this.limits.maxBadFrames) {
      this.close(connection, CLOSE_CODES.tooManyErrors, 'too many malformed frames')
    }
  }

  private reject(
    connection: Connection,
    code: ErrorCode,
    message: string,
    id?: string,
    retryAfterMs?: number,
  ): void {
    const error: ErrorMessage = { type: 'error', code, message }
    if (id !== undefined) error.id = id
    if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs
    this.send(connection, frameJson(error))
  }

  private onHello(connection: Connection, value: unknown): void {
    if (connection.member || connection.login) {
      return this.bad(connection, ERROR_CODES.alreadyJoined, 'hello was already sent')
    }
    // The version first: a hello of another version may well have another shape.
    const version = (value as { v?: unknown }).v
    if (version !== PROTOCOL_VERSION) {
      const shown = typeof version === 'number' ? String(version) : 'missing'
      this.reject(
        connection,
        ERROR_CODES.incompatibleVersion,
        `this room speaks protocol version ${PROTOCOL_VERSION}, not ${shown.slice(0, 20)}`,
      )
      this.close(connection, CLOSE_CODES.incompatibleVersion, 'incompatible protocol version')
      return
    }
    const parsed = this.schemas.hello.safeParse(value)
    if (!parsed.success) {
      const message = `invalid hello: ${describeIssues(parsed.error)}`
      this.bad(connection, ERROR_CODES.invalidMessage, message)
      this.close(connection, CLOSE_CODES.badHello, 'invalid hello')
      return
    }
    const hello = parsed.data
    const unproven = checkHelloProof({
      ...hello,
      nonce: connection.nonce,
      fingerprint: this.fingerprintValue,
    })
    if (unproven) {
      this.log.warn(
        { conn: connection.id, remote: connection.remote, clientId: hello.clientId },
        `identity not proven: ${unproven}`,
      )
      this.reject(
        connection,
        ERROR_CODES.identityUnproven,
        `hello does not prove its client id: ${unproven}`,
      )
      this.close(connection, CLOSE_CODES.identityUnproven, 'identity not proven')
      return
    }
    if (!this.verifier) return this.admit(connection, hello)

    if (hello.login === undefined) {
      this.reject(connection, ERROR_CODES.passphraseRequired, 'this room needs a passphrase')
      this.close(connection, CLOSE_CODES.passphrase, 'passphrase required')
      return
    }
    const attempts = this.attemptsOf(connection.address)
    if (!attempts.take()) {
      const retryAfterMs = attempts.retryAfterMs()
      this.log.warn({ remote: connection.remote }, 'passphrase attempts exhausted')
      this.reject(
        connection,
        ERROR_CODES.tooManyAttempts,
        `too many passphrase attempts from this address; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
        undefined,
        retryAfterMs,
      )
      this.close(connection, CLOSE_CODES.tooManyAttempts, 'too many passphrase attempts')
      return
    }
    const started = serverStartLogin(this.verifier, hello.login)
    if (!started) {
      this.bad(
        connection,
        ERROR_CODES.invalidMessage,
        'invalid hello: login is not a login request',
      )
      this.close(connection, CLOSE_CODES.badHello, 'invalid hello')
      return
    }
    connection.login = { hello, state: started.state }
    this.send(connection, frameJson({ type: 'login', response: started.response }))
  }

  /** The last message of a passphrase login: admits the member when it proves the passphrase. */
  private onLoginFinish(connection: Connection, value: unknown): void {
    const login = connection.login
    if (!login || !this.verifier) {
      return this.bad(
        connection,
        ERROR_CODES.helloRequired,
        'login_finish belongs after hello and login',
      )
    }
    const parsed = this.schemas.loginFinish.safeParse(value)
    connection.login = null
    if (!parsed.success || !serverFinishLogin(this.verifier, login.state, parsed.data.finish)) {
      this.log.warn({ conn: connection.id, remote: connection.remote }, 'wrong passphrase')
      this.reject(connection, ERROR_CODES.wrongPassphrase, 'wrong passphrase')
      this.close(connection, CLOSE_CODES.passphrase, 'wrong passphrase')
      return
    }
    // A right passphrase is not a guess: the attempt is given back.
    this.attemptsOf(connection.address).giveBack()
    this.admit(connection, login.hello)
  }

  private attemptsOf(address: string): TokenBucket {
    let bucket = this.attempts.get(address)
    if (bucket) return bucket
    if (this.attempts.size >= this.limits.maxTrackedAddresses) {
      for (const [key, other] of this.attempts) if (other.full) this.attempts.delete(key)
      // Still full of addresses that are all guessing: forget the oldest.
      if (this.attempts.size >= this.limits.maxTrackedAddresses) {
        const oldest = this.attempts.keys().next().value
        if (oldest !== undefined) this.attempts.delete(oldest)
      }
    }
    bucket = new TokenBucket(
      this.limits.passphraseAttemptsPerSecond,
      this.limits.passphraseAttemptBurst,
    )
    this.attempts.set(address, bucket)
    return bucket
  }

  /** A proven hello (and passphrase, when the room has one): the connection becomes a member. */
  private admit(connection: Connection, hello: HelloMessage): void {
    const previous = this.members.get(hello.clientId)
    const previousName = previous?.member?.name
    if (!previous && this.members.size >= this.limits.maxMembers) {
      this.reject(connection, ERROR_CODES.roomFull, `the room is full (${this.limits.maxMembers})`)
      this.close(connection, CLOSE_CODES.roomFull, 'room full')
      return
    }
    if (connection.helloTimer) clearTimeout(connection.helloTimer)
    connection.helloTimer = null
    const member: Member = {
      clientId: hello.clientId,
      name: hello.name,
      host: hello.clientId === this.options.hostClientId,
    }
    // Before the new connection is listed, so that it is not told about its own old typing.
    if (previous?.typing.active) this.broadcastTyping(previous, false)
    connection.member = member
    this.members.set(member.clientId, connection)
    if (previous) {
      // The same client again (a reconnect that beat the old connection's timeout): it takes
      // the old place without a left/joined flicker.
      previous.member = null
      this.close(previous, CLOSE_CODES.replaced, 'replaced by a newer connection')
    }

    const { history, resumed, gap } = this.historyFor(hello.resume)
    this.sendWelcome(connection, {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      you: member,
      room: {
        id: this.roomId,
        name: this.roomName,
        hostName: this.options.hostName,
        epoch: this.epoch,
      },
      members: [...this.members.values()].flatMap((c) => (c.member ? [c.member] : [])),
      history,
      lastSeq: this.lastSeq,
      resumed,
      gap,
      limits: {
        maxTextLength: this.limits.maxTextLength,
        chatsPerSecond: this.rateLimit,
        chatBurst: connection.bucket.size,
      },
    })
    this.log.info(
      { conn: connection.id, clientId: member.clientId, replaced: Boolean(previous), resumed, gap },
      'member joined',
    )
    if (!previous) this.broadcast({ type: 'joined', member }, connection)
    else if (previousName !== member.name) {
      this.broadcast({ type: 'renamed', member }, connection)
    }
  }

  /**
   * Sends the welcome as one frame written in pieces: its own fields, then each history chat's
   * shared bytes (see chatBytes). Only the pieces made for this member count as its own.
   */
  private sendWelcome(connection: Connection, welcome: WelcomeMessage): void {
    // With `history` last and empty, the JSON ends in `"history":[]}`: the chats go in between.
    const { history, ...fields } = welcome
    const json = JSON.stringify({ ...fields, history: [] })
    const head = Buffer.from(json.slice(0, -HISTORY_END.length))
    const pieces: Buffer[] = [head]
    for (const [i, chat] of history.entries()) {
      if (i > 0) pieces.push(COMMA)
      pieces.push(this.bytesOf(chat).payload)
    }
    pieces.push(HISTORY_END)
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0)
    const header = textFrameHeader(length)
    // A long history makes a large welcome; it must not count against the member as a backlog.
    connection.out.allow(header.length + length)
    const own = header.length + head.length + HISTORY_END.length
    this.enqueue(connection, [header, ...pieces], own)
  }

  /** A recent chat's bytes, made once (for chats loaded from disk: on first use). */
  private bytesOf(chat: ChatEvent): { frame: Buffer; payload: Buffer } {
    let bytes = this.chatBytes.get(chat)
    if (!bytes) {
      const frame = frameJson(chat)
      bytes = { frame, payload: textFramePayload(frame) }
      this.chatBytes.set(chat, bytes)
    }
    return bytes
  }

  private historyFor(resume: { epoch: string; lastSeq: number } | undefined): {
    history: ChatEvent[]
    resumed: boolean
    gap: boolean
  } {
    const size = this.limits.historySize
    const tail = (): ChatEvent[] => this.recent.slice(-size)
    if (!resume) return { history: tail(), resumed: false, gap: false }
    if (resume.epoch !== this.epoch || resume.lastSeq > this.lastSeq) {
      return { history: tail(), resumed: false, gap: true }
    }
    const missed = this.lastSeq - resume.lastSeq
    const oldest = this.recent[0]?.seq ?? this.lastSeq + 1
    if (missed > size || resume.lastSeq + 1 < oldest) {
      return { history: tail(), resumed: false, gap: true }
    }
    return { history: missed === 0 ? [] : this.recent.slice(-missed), resumed: true, gap: false }
  }

  private onChat(connection: Connection, value: unknown): void {
    const member = connection.member as Member
    const parsed = this.schemas.chat.safeParse(value)
    if (!parsed.success) {
      const id = (value as { id?: unknown }).id
      return this.bad(
        connection,
        ERROR_CODES.invalidMessage,
        `invalid chat: ${describeIssues(parsed.error)}`,
        this.schemas.messageId.safeParse(id).success ? (id as string) : undefined,
      )
    }
    const chat = parsed.data
    const key = dedupeKey(member.clientId, chat.id)
    const earlier = this.dedupe.get(key)
    if (earlier) {
      // A resend of something already stamped: acknowledge again, to the sender only.
      const bytes = this.chatBytes.get(earlier)
      if (bytes) this.send(connection, bytes.frame, true)
      else this.send(connection, frameJson(earlier))
      return
    }
    if (!connection.bucket.take()) {
      this.reject(
        connection,
        ERROR_CODES.rateLimited,
        `too many messages; at most ${this.rateLimit} per second`,
        chat.id,
        connection.bucket.retryAfterMs(),
      )
      return
    }
    const event: ChatEvent = {
      type: 'chat',
      seq: ++this.lastSeq,
      id: chat.id,
      from: member.clientId,
      name: member.name,
      text: chat.text,
      ts: Date.now(),
    }
    this.recent.push(event)
    this.dedupe.set(key, event)
    if (this.recent.length > this.keep * 1.25) {
      const dropped = this.recent.splice(0, this.recent.length - this.keep)
      for (const old of dropped) this.dedupe.delete(dedupeKey(old.from, old.id))
    }
    const json = JSON.stringify(event)
    this.store.append(json)
    if (connection.typing.active) {
      // A chat ends its sender's typing indicator; receivers clear it on the chat itself.
      connection.typing.active = false
      if (connection.typing.timer) clearTimeout(connection.typing.timer)
      connection.typing.timer = null
    }
    const frame = encodeTextFrame(Buffer.from(json))
    this.chatBytes.set(event, { frame, payload: textFramePayload(frame) })
    // Only the last historySize chats are ever in a welcome: the one leaving them lets go.
    const leaving = this.recent[this.recent.length - 1 - this.limits.historySize]
    if (leaving) this.chatBytes.delete(leaving)
    this.broadcastFrame(frame)
  }

  private onTyping(connection: Connection, value: unknown): void {
    const parsed = this.schemas.typing.safeParse(value)
    if (!parsed.success) {
      return this.bad(
        connection,
        ERROR_CODES.invalidMessage,
        `invalid typing: ${describeIssues(parsed.error)}`,
      )
    }
    // Each state change is relayed to everyone: beyond a person's pace, ignore them. The
    // state stays consistent (an ignored `false` is ended by the expiry timer).
    if (!connection.typingBucket.take()) return
    const typing = connection.typing
    if (typing.timer) clearTimeout(typing.timer)
    typing.timer = null
    if (!parsed.data.active) {
      if (typing.active) this.broadcastTyping(connection, false)
      return
    }
    typing.timer = setTimeout(() => {
      typing.timer = null
      this.broadcastTyping(connection, false)
    }, this.limits.typingTimeoutMs)
    const now = performance.now()
    if (!typing.active || now - typing.lastRelay >= this.limits.typingThrottleMs) {
      typing.lastRelay = now
      this.broadcastTyping(connection, true)
    }
  }

  private broadcastTyping(connection: Connection, active: boolean): void {
    connection.typing.active = active
    const member = connection.member
    if (!member) return
    this.broadcast(
      { type: 'typing', clientId: member.clientId, name: member.name, active },
      connection,
    )
  }

  // ---------------------------------------------------------------- outgoing

  private broadcast(message: HubMessage, except?: Connection): void {
    this.broadcastFrame(frameJson(message), except)
  }

  private broadcastFrame(frame: Buffer, except?: Connection): void {
    for (const connection of this.members.values()) {
      if (connection !== except) this.send(connection, frame, true)
    }
  }

  /**
   * Queues a frame for one connection. `shared` frames are the very same buffer for every
   * member (broadcasts); any other frame was made for this member alone and counts against
   * the hub-wide LIMITS.maxTotalUniqueBytes.
   */
  private send(connection: Connection, frame: Buffer, shared = false): void {
    this.enqueue(connection, [frame], shared ? 0 : frame.length)
  }

  /** Queues a frame written as `parts`, `ownBytes` of which were made for this member alone. */
  private enqueue(connection: Connection, parts: readonly Buffer[], ownBytes: number): void {
    if (connection.closing) return
    if (!connection.out.pushParts(parts, ownBytes)) {
      this.dropSlowConsumer(connection, 'slow consumer; closing')
      return
    }
    if (ownBytes > 0 && this.uniqueBudget.used > this.limits.maxTotalUniqueBytes) {
      this.shedUniqueBytes()
    }
    this.dirty.add(connection)
    if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => this.flush())
    }
  }

  /**
   * Too many bytes made for single members wait to be sent, all members together: close the
   * members holding the most (those not reading them) until the total is within bounds.
   */
  private shedUniqueBytes(): void {
    while (this.uniqueBudget.used > this.limits.maxTotalUniqueBytes) {
      let largest: Connection | null = null
      for (const connection of this.connections) {
        if (connection.closing) continue
        if (!largest || connection.out.unique > largest.out.unique) largest = connection
      }
      if (!largest || largest.out.unique === 0) return
      this.dropSlowConsumer(largest, 'slow consumer: the hub holds too much for members; closing')
    }
  }

  /** Closes a member that does not read what it is sent (4005), discarding what waits. */
  private dropSlowConsumer(connection: Connection, message: string): void {
    this.log.warn(
      {
        conn: connection.id,
        remote: connection.remote,
        backlog: connection.out.backlog,
        unique: connection.out.unique,
      },
      message,
    )
    connection.out.discard()
    connection.closing = true
    connection.closedWith = CLOSE_CODES.slowConsumer
    connection.ws.close(CLOSE_CODES.slowConsumer, 'too slow to keep up')
    // It may not read the close frame either; do not wait for it to.
    setTimeout(() => connection.ws.terminate(), this.limits.closeTimeoutMs).unref()
  }

  /** Once per event-loop turn: persist the turn's chats, then write every member's frames. */
  private flush(): void {
    this.flushScheduled = false
    this.store.flush(() => this.recent)
    for (const connection of this.dirty) {
      if (!connection.out.flush()) this.heldBack.add(connection)
    }
    this.dirty.clear()
    this.scheduleHeldBack()
  }

  /** Members whose sockets were full at the last flush get the rest once they have drained. */
  private scheduleHeldBack(): void {
    if (this.heldBack.size === 0 || this.heldBackTimer) return
    this.heldBackTimer = setTimeout(() => {
      this.heldBackTimer = null
      let progress = false
      for (const connection of this.heldBack) {
        const done = connection.out.flush()
        progress ||= connection.out.wroteOnLastFlush
        if (done) this.heldBack.delete(connection)
      }
      // Readers that take what they are fed are fed again at once; when none of them took
      // anything (members that stopped reading), look again less and less often.
      this.heldBackDelay = progress
        ? HELD_BACK_RETRY_MS
        : Math.min(this.heldBackDelay * 2, HELD_BACK_MAX_RETRY_MS)
      this.scheduleHeldBack()
    }, this.heldBackDelay)
  }

  // ---------------------------------------------------------------- stop

  /**
   * Drops every connection and the port at once, telling nobody: what members see when the
   * host's process dies. Acknowledged chats are already on disk (see RoomStore). For recovery
   * tests; a person stops a room with stop().
   */
  abort(): void {
    if (this.stopping) return
    this.stopping = Promise.resolve()
    if (this.heartbeat) clearInterval(this.heartbeat)
    if (this.heldBackTimer) clearTimeout(this.heldBackTimer)
    for (const connection of this.connections) connection.ws.terminate()
    this.store.close(() => this.recent)
    void this.server.close()
  }

  /**
   * Graceful stop: every member gets `closing` and close code 1001, the history is flushed
   * to disk and the port is released. Resolves when all of that is done.
   */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping
    this.stopping = (async () => {
      if (this.heartbeat) clearInterval(this.heartbeat)
      if (this.heldBackTimer) clearTimeout(this.heldBackTimer)
      this.store.flush(() => this.recent)
      const closed = [...this.connections].map(
        (connection) =>
          new Promise<void>((resolve) => {
            if (connection.ws.readyState === WebSocket.CLOSED) return resolve()
            connection.ws.once('close', () => resolve())
            if (connection.member) this.send(connection, frameJson(CLOSING))
            this.close(connection, CLOSE_CODES.goingAway, 'the host closed the room')
          }),
      )
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())
      await Promise.race([Promise.all(closed), timeout])
      for (const connection of this.connections) connection.ws.terminate()
      this.store.close(() => this.recent)
      await this.server.close()
      this.log.info({ roomId: this.roomId }, 'room closed')
    })()
    return this.stopping
  }
}

/** Why a passphrase cannot be used, or null. */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.trim().length === 0) return 'must not be empty'
  if (passphrase.length > 1024) return 'must be at most 1024 characters'
  return null
}

function dedupeKey(clientId: string, messageId: string): string {
  return `${clientId}\u0000${messageId}`
}

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
