import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { WebSocket } from 'ws'
import {
  CLOSE_CODES,
  ERROR_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  createSchemas,
  describeIssues,
  type ChatEvent,
  type ClosingMessage,
  type HelloMessage,
  type HubMessage,
  type LeaveReason,
  type Limits,
  type Member,
  type RoomInfo,
  type Schemas,
  type WelcomeMessage,
} from '../../shared/protocol'
import { Admission, passphraseProblem } from './admission'
import { Fanout } from './fanout'
import { encodeTextFrame, frameJson, textFrameHeader, textFramePayload } from './frame'
import { HubError } from './hub-error'
import { SILENT_LOGGER, type Logger } from './logger'
import { Peer } from './peer'
import { RoomStore } from './room-store'
import { HubServer, type Refusal } from './server'
import { createPassphraseVerifier, type PassphraseVerifier } from '../security/passphrase'
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

export { passphraseProblem } from './admission'

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
  private readonly fanout: Fanout<Peer>
  private readonly admission: Admission
  private readonly connections = new Set<Peer>()
  /** Members by client id: the connection currently speaking for each. */
  private readonly members = new Map<string, Peer>()
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
  private heartbeat: NodeJS.Timeout | null = null
  private nextConnectionId = 1
  private stopping: Promise<void> | null = null
  private readonly rateLimit: number
  private readonly keep: number
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
    this.fanout = new Fanout({
      maxTotalUniqueBytes: limits.maxTotalUniqueBytes,
      log: this.log,
      beforeWrite: () => this.store.flush(() => this.recent),
    })
    this.admission = new Admission({
      roomId: store.meta.id,
      fingerprint: this.fingerprintValue,
      verifier,
      schemas,
      limits,
      log: this.log,
      admit: (peer, hello) => this.admit(peer as Peer, hello),
    })
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
    const peer = new Peer({
      id: this.nextConnectionId++,
      ws,
      socket,
      remoteAddress: req.socket.remoteAddress,
      remotePort: req.socket.remotePort,
      limits: this.limits,
      rateLimit: this.rateLimit,
      log: this.log,
      fanout: this.fanout,
      events: {
        message: (peer, type, value) => this.onMessage(peer, type, value),
        closed: (peer, reason, code) => this.onClose(peer, reason, code),
      },
    })
    this.connections.add(peer)
    this.fanout.add(peer)
    this.admission.challenge(peer)
  }

  private onClose(connection: Peer, reason: LeaveReason, code: number): void {
    this.connections.delete(connection)
    this.fanout.remove(connection)
    this.admission.release(connection)
    if (connection.typing.timer) clearTimeout(connection.typing.timer)
    const member = connection.member
    if (!member || this.members.get(member.clientId) !== connection) return
    this.members.delete(member.clientId)
    this.log.info({ conn: connection.id, clientId: member.clientId, code, reason }, 'member left')
    if (this.stopping) return
    if (connection.typing.active) this.broadcastTyping(connection, false)
    this.broadcast({ type: 'left', clientId: member.clientId, name: member.name, reason })
  }

  private beat(): void {
    for (const connection of this.connections) connection.heartbeat()
  }

  // ---------------------------------------------------------------- incoming

  private onMessage(connection: Peer, type: string, value: object): void {
    if (type === 'hello') return this.admission.hello(connection, value)
    if (type === 'login_finish') return this.admission.loginFinish(connection, value)
    if (!connection.member) {
      return connection.bad(ERROR_CODES.helloRequired, 'send hello first')
    }
    if (type === 'chat') return this.onChat(connection, value)
    return this.onTyping(connection, value)
  }

  /** A proven hello (and passphrase, when the room has one): the connection becomes a member. */
  private admit(connection: Peer, hello: HelloMessage): boolean {
    const previous = this.members.get(hello.clientId)
    const previousName = previous?.member?.name
    if (!previous && this.members.size >= this.limits.maxMembers) {
      connection.reject(ERROR_CODES.roomFull, `the room is full (${this.limits.maxMembers})`)
      connection.close(CLOSE_CODES.roomFull, 'room full')
      return false
    }
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
      previous.close(CLOSE_CODES.replaced, 'replaced by a newer connection')
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
    return true
  }

  /**
   * Sends the welcome as one frame written in pieces: its own fields, then each history chat's
   * shared bytes (see chatBytes). Only the pieces made for this member count as its own.
   */
  private sendWelcome(connection: Peer, welcome: WelcomeMessage): void {
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
    const own = header.length + head.length + HISTORY_END.length
    connection.sendLarge([header, ...pieces], own)
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

  private onChat(connection: Peer, value: unknown): void {
    const member = connection.member as Member
    const parsed = this.schemas.chat.safeParse(value)
    if (!parsed.success) {
      const id = (value as { id?: unknown }).id
      return connection.bad(
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
      if (bytes) connection.send(bytes.frame, true)
      else connection.send(frameJson(earlier))
      return
    }
    if (!connection.bucket.take()) {
      connection.reject(
        ERROR_CODES.rateLimited,
        `too many messages; at most ${this.rateLimit} per second`,
        { id: chat.id, retryAfterMs: connection.bucket.retryAfterMs() },
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

  private onTyping(connection: Peer, value: unknown): void {
    const parsed = this.schemas.typing.safeParse(value)
    if (!parsed.success) {
      return connection.bad(
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

  private broadcastTyping(connection: Peer, active: boolean): void {
    connection.typing.active = active
    const member = connection.member
    if (!member) return
    this.broadcast(
      { type: 'typing', clientId: member.clientId, name: member.name, active },
      connection,
    )
  }

  // ---------------------------------------------------------------- outgoing

  private broadcast(message: HubMessage, except?: Peer): void {
    this.broadcastFrame(frameJson(message), except)
  }

  private broadcastFrame(frame: Buffer, except?: Peer): void {
    this.fanout.broadcast(frame, this.members.values(), except)
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
    this.fanout.stop()
    for (const connection of this.connections) connection.terminate()
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
      this.fanout.stop()
      this.store.flush(() => this.recent)
      const closed = [...this.connections].map((connection) => {
        const ended = connection.ended()
        if (connection.member) connection.send(frameJson(CLOSING))
        connection.close(CLOSE_CODES.goingAway, 'the host closed the room')
        return ended
      })
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())
      await Promise.race([Promise.all(closed), timeout])
      for (const connection of this.connections) connection.terminate()
      this.store.close(() => this.recent)
      await this.server.close()
      this.log.info({ roomId: this.roomId }, 'room closed')
    })()
    return this.stopping
  }
}

function dedupeKey(clientId: string, messageId: string): string {
  return `${clientId}\u0000${messageId}`
}
