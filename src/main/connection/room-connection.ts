import { EventEmitter } from 'node:events'
import WebSocket from 'ws'
import {
  CLOSE_CODES,
  FINAL_CLOSE_CODES,
  PROTOCOL_VERSION,
  SCHEMAS,
  SUBPROTOCOL,
  describeIssues,
  type ChatEvent,
  type ErrorMessage,
  type HubMessage,
  type JoinedMessage,
  type LeftMessage,
  type RenamedMessage,
  type TypingEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { TokenBucket } from '../hub/token-bucket'

/** Hub frames can carry a whole history (500 chats of up to 4000 characters). */
const MAX_INCOMING_BYTES = 16 * 1024 * 1024

export interface RoomConnectionOptions {
  url: string | URL
  name: string
  clientId: string
  /** How long to wait for the socket and the welcome. */
  connectTimeoutMs?: number
  resume?: { epoch: string; lastSeq: number }
}

/** Why a connection ended, in words a person can read, with a stable code. */
export interface CloseInfo {
  code: number
  reason: string
  /** True when reconnecting would not help (the host ended the room, refused, replaced). */
  final: boolean
}

export class ConnectionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ConnectionError'
  }
}

interface RoomConnectionEvents {
  chat: [ChatEvent]
  joined: [JoinedMessage]
  renamed: [RenamedMessage]
  left: [LeftMessage]
  typing: [TypingEvent]
  error: [ErrorMessage]
  closing: [string]
  closed: [CloseInfo]
}

interface Pending {
  id: string
  text: string
  resolve: (event: ChatEvent) => void
  reject: (error: Error) => void
}

let counter = 0
/** A message id unique for this client: time, a counter and randomness. */
export function newMessageId(): string {
  counter = (counter + 1) % 1_000_000
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * One connection to a room hub: hello, welcome, then chats acknowledged by their echo.
 * Chats wait in an outbox until the hub stamps them; they are paced to the room's rate limit
 * and resent, in order, when the hub says to slow down.
 */
export class RoomConnection extends EventEmitter<RoomConnectionEvents> {
  private ws: WebSocket | null = null
  private welcome: WelcomeMessage | null = null
  private outbox: Pending[] = []
  private inFlight = 0
  private bucket: TokenBucket | null = null
  private pumpTimer: NodeJS.Timeout | null = null
  private closedInfo: CloseInfo | null = null

  constructor(private readonly options: RoomConnectionOptions) {
    super()
  }

  get room(): WelcomeMessage['room'] | null {
    return this.welcome?.room ?? null
  }
  get pendingCount(): number {
    return this.outbox.length
  }
  get maxTextLength(): number {
    return this.welcome?.limits.maxTextLength ?? Number.POSITIVE_INFINITY
  }

  /** Connects and resolves with the welcome; rejects with a ConnectionError saying why not. */
  connect(): Promise<WelcomeMessage> {
    const url = String(this.options.url)
    return new Promise<WelcomeMessage>((resolve, reject) => {
      let settled = false
      const fail = (code: string, message: string): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        ws.terminate()
        reject(new ConnectionError(code, message))
      }
      const timer = setTimeout(
        () => fail('CONN_ERR_TIMEOUT', `no answer from ${url}`),
        this.options.connectTimeoutMs ?? 5_000,
      )
      const ws = new WebSocket(url, SUBPROTOCOL, {
        maxPayload: MAX_INCOMING_BYTES,
        perMessageDeflate: false,
        handshakeTimeout: this.options.connectTimeoutMs ?? 5_000,
      })
      this.ws = ws
      ws.on('unexpected-response', (_req, res) => {
        fail('CONN_ERR_REFUSED', `the hub refused the connection (HTTP ${res.statusCode})`)
      })
      ws.on('error', (error: NodeJS.ErrnoException) => {
        fail('CONN_ERR_UNREACHABLE', `cannot connect to ${url}: ${error.code ?? error.message}`)
      })
      ws.on('open', () => {
        ws.send(
          JSON.stringify({
            type: 'hello',
            v: PROTOCOL_VERSION,
            name: this.options.name,
            clientId: this.options.clientId,
            ...(this.options.resume ? { resume: this.options.resume } : {}),
          }),
        )
      })
      let refusal: ErrorMessage | null = null
      ws.on('message', (data) => {
        const message = this.parse(String(data))
        if (!message) return
        if (!settled) {
          if (message.type === 'welcome') {
            settled = true
            clearTimeout(timer)
            this.onWelcome(message)
            resolve(message)
          } else if (message.type === 'error') {
            refusal = message
          }
          return
        }
        this.onMessage(message)
      })
      ws.on('close', (code, reasonBuffer) => {
        const reason = refusal?.message ?? (String(reasonBuffer) || describeClose(code))
        if (!settled) return fail('CONN_ERR_REFUSED', `refused: ${reason}`)
        this.onClose(code, reason)
      })
    })
  }

  /** Queues a chat; resolves when the hub has stamped it (its echo came back). */
  send(text: string, id: string = newMessageId()): Promise<ChatEvent> {
    return new Promise<ChatEvent>((resolve, reject) => {
      if (this.closedInfo) {
        reject(new ConnectionError('CONN_ERR_CLOSED', 'the connection is closed'))
        return
      }
      this.outbox.push({ id, text, resolve, reject })
      this.pump()
    })
  }

  typing(active: boolean): void {
    if (this.ws?.readyState === WebSocket.OPEN && this.welcome) {
      this.ws.send(JSON.stringify({ type: 'typing', active }))
    }
  }

  /** Resolves once every queued chat is acknowledged (or the connection has closed). */
  drain(): Promise<void> {
    if (this.outbox.length === 0 || this.closedInfo) return Promise.resolve()
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.outbox.length === 0 || this.closedInfo) {
          this.off('chat', check)
          this.off('closed', check)
          resolve()
        }
      }
      this.on('chat', check)
      this.on('closed', check)
    })
  }

  /** Leaves the room (close code 1000) and resolves when the socket is closed. */
  close(): Promise<void> {
    const ws = this.ws
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      ws.once('close', () => resolve())
      ws.close(1000, 'bye')
    })
  }

  private parse(text: string): HubMessage | null {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return null
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

  private onWelcome(welcome: WelcomeMessage): void {
    this.welcome = welcome
    const { chatsPerSecond, chatBurst } = welcome.limits
    // Pace a little under the room's limit so the hub never has to refuse us.
    this.bucket = new TokenBucket(chatsPerSecond * 0.9, Math.max(1, chatBurst - 2))
    this.pump()
  }

  private onMessage(message: HubMessage): void {
    switch (message.type) {
      case 'chat': {
        if (message.from === this.options.clientId) {
          const index = this.outbox.findIndex((pending) => pending.id === message.id)
          if (index >= 0) {
            const [pending] = this.outbox.splice(index, 1)
            this.inFlight = Math.max(0, this.inFlight - 1)
            pending?.resolve(message)
          }
        }
        this.emit('chat', message)
        this.pump()
        return
      }
      case 'error':
        if (message.code === 'rate_limited') {
          // Go back: resend everything unacknowledged, in order, once the hub has room again.
          this.inFlight = 0
          this.schedulePump(message.retryAfterMs ?? 200)
          return
        }
        if (message.id !== undefined) {
          const index = this.outbox.findIndex((pending) => pending.id === message.id)
          if (index >= 0) {
            const [pending] = this.outbox.splice(index, 1)
            this.inFlight = Math.max(0, this.inFlight - 1)
            pending?.reject(new ConnectionError(`HUB_${message.code}`, message.message))
          }
        }
        this.emit('error', message)
        return
      case 'closing':
        this.emit('closing', message.message)
        return
      case 'joined':
        this.emit('joined', message)
        return
      case 'renamed':
        this.emit('renamed', message)
        return
      case 'left':
        this.emit('left', message)
        return
      case 'typing':
        this.emit('typing', message)
        return
      case 'welcome':
        return
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.pumpTimer) clearTimeout(this.pumpTimer)
    this.closedInfo = { code, reason, final: FINAL_CLOSE_CODES.has(code) || code === 1000 }
    this.emit('closed', this.closedInfo)
  }

  private schedulePump(delayMs: number): void {
    if (this.pumpTimer) return
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null
      this.pump()
    }, delayMs)
  }

  /** Sends queued chats not yet on the wire, as fast as the room's rate allows. */
  private pump(): void {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.welcome || !this.bucket) return
    while (this.inFlight < this.outbox.length) {
      if (!this.bucket.take()) {
        this.schedulePump(Math.max(10, this.bucket.retryAfterMs()))
        return
      }
      const pending = this.outbox[this.inFlight] as Pending
      this.inFlight += 1
      ws.send(JSON.stringify({ type: 'chat', id: pending.id, text: pending.text }))
    }
  }
}

/** A readable sentence for a close code. */
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
    default:
      return `the connection was lost (code ${code})`
  }
}
