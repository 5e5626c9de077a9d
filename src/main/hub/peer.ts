import type { Socket } from 'node:net'
import { WebSocket, type RawData } from 'ws'
import {
  CLIENT_MESSAGE_TYPES,
  CLOSE_CODES,
  ERROR_CODES,
  clip,
  type ErrorCode,
  type ErrorMessage,
  type LeaveReason,
  type Limits,
} from '../../shared/protocol'
import type { Applicant } from './admission'
import type { Fanout, Outlet } from './fanout'
import { frameJson } from './frame'
import { hasMoreJsonTokens } from './json-tokens'
import type { Logger } from './logger'
import { Outbound } from './outbound'
import type { MemberLink, Seat } from './room'
import { TokenBucket } from './token-bucket'

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
/**
 * A connection is read no faster than this many times the frames its member may send (chats at
 * the room's rate, typing, pings). Past that its socket is paused for READ_PAUSE_MS: a flood is
 * then read, parsed and answered at that pace rather than as fast as the network brings it,
 * while a member within its limits is never slowed. One read can hold hundreds of frames: those
 * past the pace are held, unparsed, and handled in order as it allows, a few per pause (see
 * Peer.held). Nothing is dropped: the rest wait in the sender's socket.
 */
const READ_HEADROOM = 4
const READ_PAUSE_MS = 250

/**
 * How fast a connection is read, in frames (see READ_HEADROOM): every paced kind of frame a
 * member may send (timeline ops at the room's chat rate `rate`, typing, read positions, history
 * and search requests, pings), four times over. A rate of 0 (the rate limit off) paces nothing.
 */
export function readPace(limits: Limits, rate: number): { perSecond: number; burst: number } {
  const paced = limits.typingPerSecond + limits.readsPerSecond + limits.requestsPerSecond
  const bursts = limits.typingBurst + limits.readBurst + limits.requestBurst
  return {
    perSecond: rate > 0 ? READ_HEADROOM * (rate + paced + PINGS_PER_SECOND) : 0,
    burst: READ_HEADROOM * (Math.max(limits.chatBurst, rate) + bursts + PING_BURST),
  }
}

/** What a peer reports to the hub. */
export interface PeerEvents {
  /** A JSON object of a known client message type; what it says is not checked yet. */
  message(peer: Peer, type: string, value: object): void
  /** The connection is closed; `reason` is how its member (if it had one) left. */
  closed(peer: Peer, reason: LeaveReason, code: number): void
}

export interface PeerOptions {
  id: number
  ws: WebSocket
  /** The socket under `ws`, which the peer's Outbound writes to. */
  socket: Socket
  remoteAddress: string | undefined
  remotePort: number | undefined
  /** The upgrade came from the hub's own page (a browser guest). */
  guest?: boolean
  limits: Limits
  /** The room's chats per second per member (0: unlimited, and reads are not paced either).
   * Default: limits.chatsPerSecond. */
  rateLimit?: number
  log: Logger
  fanout: Fanout<Peer>
  events: PeerEvents
}

/**
 * One WebSocket connection to the hub, from its challenge to its close: it reads frames and
 * bounds them (binary, JSON size and shape, the type), answers pings, counts malformed frames,
 * keeps the heartbeat, and closes. Everything it sends goes through the fan-out, in order.
 * What a message means is for admission and the room.
 */
export class Peer implements Applicant, MemberLink, Outlet {
  readonly id: number
  readonly ws: WebSocket
  readonly out: Outbound
  readonly remote: string
  readonly address: string
  readonly guest: boolean
  /** The room's record of this connection's member; the room alone sets it (see Room). */
  seat: Seat | null = null
  closing = false
  /** Answered the last ping, or sent anything since. */
  private alive = true
  private badFrames = 0
  /** Pings beyond this bucket close the connection: they exist to make us write. */
  private readonly pingBucket = new TokenBucket(PINGS_PER_SECOND, PING_BURST)
  /** Frames read (see READ_HEADROOM); when empty, reading pauses. */
  private readonly readBucket: TokenBucket
  private readPause: NodeJS.Timeout | null = null
  /**
   * Frames read past the pace, oldest first, not parsed yet: what was left of the read that
   * emptied the read bucket (the socket is paused meanwhile, so at most one read's worth). A
   * pause's end handles as many as the bucket has refilled for.
   */
  private held: Array<[data: RawData, isBinary: boolean]> = []
  private readonly events: PeerEvents
  /** The close code the hub chose, when it closed the connection itself. */
  private closedWith: number | null = null
  /** ws closed the connection for a protocol violation (invalid UTF-8, oversized frame). */
  private protocolError = false
  private readonly fanout: Fanout<Peer>
  private readonly limits: Limits
  private readonly log: Logger

  constructor(options: PeerOptions) {
    const { ws, limits, events } = options
    this.id = options.id
    this.ws = ws
    this.fanout = options.fanout
    this.limits = limits
    this.log = options.log
    this.out = new Outbound(options.socket, limits.maxBufferedBytes, this.fanout.budget)
    this.remote = `${options.remoteAddress ?? '?'}:${options.remotePort ?? '?'}`
    this.address = options.remoteAddress ?? '?'
    this.guest = options.guest ?? false
    const pace = readPace(limits, options.rateLimit ?? limits.chatsPerSecond)
    this.readBucket = new TokenBucket(pace.perSecond, pace.burst)
    this.events = events
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    ws.on('pong', () => (this.alive = true))
    ws.on('ping', (data: Buffer) => this.onPing(data))
    ws.on('error', (error: Error & { code?: string }) => {
      this.protocolError = true
      // ws closes the connection itself for these (1007 invalid UTF-8, 1009 too big, ...).
      this.log.warn(
        { conn: this.id, remote: this.remote, code: error.code },
        `connection error: ${error.message}`,
      )
    })
    ws.on('close', (code) => this.onClose(code))
  }

  send(frame: Buffer, shared = false): void {
    this.fanout.send(this, frame, shared)
  }

  /** Queues a frame far larger than the backlog bound (see Fanout.sendLarge). */
  sendLarge(parts: readonly Buffer[], ownBytes: number): void {
    this.fanout.sendLarge(this, parts, ownBytes)
  }

  reject(code: ErrorCode, message: string, about?: { id?: string; retryAfterMs?: number }): void {
    const error: ErrorMessage = { type: 'error', code, message }
    if (about?.id !== undefined) error.id = about.id
    if (about?.retryAfterMs !== undefined) error.retryAfterMs = about.retryAfterMs
    this.send(frameJson(error))
  }

  bad(code: ErrorCode, message: string, id?: string): void {
    this.badFrames += 1
    this.log.warn(
      { conn: this.id, remote: this.remote, code, badFrames: this.badFrames },
      `bad frame: ${message}`,
    )
    this.reject(code, message, { id })
    if (this.badFrames >= this.limits.maxBadFrames) {
      this.close(CLOSE_CODES.tooManyErrors, 'too many malformed frames')
    }
  }

  close(code: number, reason: string): void {
    if (this.closing) return
    this.closing = true
    this.closedWith = code
    this.fanout.drain(this)
    this.ws.close(code, reason)
  }

  dropSlow(): void {
    this.closing = true
    this.closedWith = CLOSE_CODES.slowConsumer
    this.ws.close(CLOSE_CODES.slowConsumer, 'too slow to keep up')
    // It may not read the close frame either; do not wait for it to.
    setTimeout(() => this.ws.terminate(), this.limits.closeTimeoutMs).unref()
  }

  /** Resolves once the connection has closed. */
  ended(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => this.ws.once('close', () => resolve()))
  }

  /** Drops the connection without a close handshake (the hub's process is going away). */
  terminate(): void {
    this.ws.terminate()
  }

  /** One heartbeat: drops a peer that did not answer the previous ping, pings the others. */
  heartbeat(): void {
    if (!this.alive) {
      this.log.info({ conn: this.id, remote: this.remote }, 'no pong; removing')
      // No close handshake with a peer that does not answer: drop it now.
      this.ws.terminate()
      return
    }
    this.alive = false
    // Not in the middle of one of our frames (a large welcome fed in parts): the ping would
    // land inside it. The member is reading it, or will be dropped as a slow consumer.
    if (this.out.midFrame) {
      this.alive = true
      return
    }
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping()
  }

  /** Stops reading the socket for READ_PAUSE_MS (see READ_HEADROOM), unless it is already. */
  private pauseReads(): void {
    if (this.readPause || this.closing) return
    this.ws.pause()
    this.readPause = setTimeout(() => this.endReadPause(), READ_PAUSE_MS)
  }

  /** Handles the held frames the read bucket has refilled for; reads again once none is left. */
  private endReadPause(): void {
    this.readPause = null
    // Its pongs may wait behind what is held: the hub has not read them yet, the peer is there.
    if (this.held.length > 0) this.alive = true
    // Closing (by either side, or ws for a protocol error): what is held is not answered.
    const open = (): boolean => !this.closing && this.ws.readyState === WebSocket.OPEN
    let handled = 0
    while (handled < this.held.length && open() && this.readBucket.take()) {
      const [data, isBinary] = this.held[handled++] as [RawData, boolean]
      this.handle(data, isBinary)
    }
    this.held = open() ? this.held.slice(handled) : []
    if (this.held.length > 0) this.pauseReads()
    else this.ws.resume()
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.alive = true
    if (this.closing) return
    if (this.held.length > 0 || !this.readBucket.take()) {
      this.held.push([data, isBinary])
      this.pauseReads()
      return
    }
    this.handle(data, isBinary)
  }

  /** Bounds and parses a frame, and hands a known client message to the hub. */
  private handle(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.reject(ERROR_CODES.binaryUnsupported, 'binary frames are not supported')
      this.close(CLOSE_CODES.unsupportedData, 'binary frames are not supported')
      return
    }
    const bytes = rawToBuffer(data)
    if (hasMoreJsonTokens(bytes, this.limits.maxJsonTokens)) {
      return this.bad(
        ERROR_CODES.invalidMessage,
        `a message has at most ${this.limits.maxJsonTokens} objects, arrays and commas`,
      )
    }
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch {
      return this.bad(ERROR_CODES.invalidJson, 'the frame is not valid JSON')
    }
    const type =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as { type?: unknown }).type
        : undefined
    if (typeof type !== 'string') {
      return this.bad(ERROR_CODES.invalidMessage, 'a message is an object with a type')
    }
    if (!CLIENT_MESSAGE_TYPES.has(type)) {
      return this.bad(ERROR_CODES.unknownType, `unknown message type "${clip(type, 40, 120)}"`)
    }
    this.events.message(this, type, value as object)
  }

  /** Answers a ping with a pong, queued in order with everything else for the member. */
  private onPing(data: Buffer): void {
    this.alive = true
    if (this.closing) return
    if (!this.readBucket.take()) this.pauseReads()
    if (!this.pingBucket.take()) {
      this.log.warn({ conn: this.id, remote: this.remote }, 'ping flood; closing')
      this.close(CLOSE_CODES.tooManyErrors, 'too many pings')
      return
    }
    // Control frames carry at most 125 bytes (ws has checked), so a 2-byte header.
    const pong = Buffer.allocUnsafe(2 + data.length)
    pong[0] = 0x8a // FIN + opcode 0xA (pong)
    pong[1] = data.length
    data.copy(pong, 2)
    this.send(pong)
  }

  private onClose(peerCode: number): void {
    if (this.readPause) clearTimeout(this.readPause)
    this.readPause = null
    this.held = []
    // ws reports the peer's code, or 1006 when it never answered our close frame.
    const code = this.closedWith ?? peerCode
    let reason: LeaveReason = 'lost'
    if (this.protocolError || REMOVAL_CODES.has(code)) reason = 'removed'
    else if (code === 1000 || code === 1001) reason = 'left'
    this.events.closed(this, reason, code)
  }
}

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
