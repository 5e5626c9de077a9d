import {
  LIMITS,
  SCHEMAS,
  describeIssues,
  longerThan,
  type ErrorMessage,
  type WelcomeMessage,
} from '../../shared/protocol'
import { TokenBucket } from '../hub/token-bucket'
import { clipMessage, seconds } from './close-reason'
import type { ConnectionErrorCode } from './errors'
import type { Outbox, OutboxOp } from './outbox'
import type { Clock, RoomSocket } from './socket'

export interface SenderOptions {
  outbox: Outbox
  clock: Clock
  /** A chat unacknowledged this long means the connection is dead (see RoomConnectionOptions). */
  ackTimeoutMs: number
}

/**
 * Writes the outbox to the session's socket: pending chats in order, paced a little under the
 * room's limits, going back from a chat the hub refused for the rate; and finds a connection
 * dead when a chat it carried waits `ackTimeoutMs` for its acknowledgement.
 */
export class Sender {
  private socket: RoomSocket | null = null
  private bucket: TokenBucket | null = null
  private pausedUntil = 0
  private cancelPump: (() => void) | null = null
  private cancelAckCheck: (() => void) | null = null
  private maxLength: number = LIMITS.maxTextLength
  /** What the room's hub does (welcome.features); null: not connected yet. */
  private features: ReadonlySet<string> | null = null

  /** `dead` is told of a socket that stopped acknowledging: the session on it is to end. */
  constructor(
    private readonly options: SenderOptions,
    private readonly dead: (socket: RoomSocket, lastError: string) => void,
  ) {}

  /** The longest chat the room takes (from its last welcome). */
  get maxTextLength(): number {
    return this.maxLength
  }

  /** A session began on `socket` with the room's `limits`. */
  start(socket: RoomSocket, welcome: Pick<WelcomeMessage, 'limits' | 'features'>): void {
    const { limits } = welcome
    this.socket = socket
    this.maxLength = limits.maxTextLength
    this.features = new Set(welcome.features ?? [])
    // Pace a little under the room's limit, so that the hub never has to refuse us: a refusal
    // followed by an accepted later chat would put the two out of order.
    const { chatsPerSecond, chatBurst } = limits
    const clock = this.options.clock
    this.bucket = new TokenBucket(chatsPerSecond * 0.9, Math.max(1, chatBurst - 2), () =>
      clock.now(),
    )
    this.pausedUntil = 0
  }

  /** The session is over: nothing more is written, and what was not acknowledged is resent
   * on the next one. */
  stop(): void {
    this.socket = null
    this.bucket = null
    this.cancelPump?.()
    this.cancelPump = null
    this.cancelAckCheck?.()
    this.cancelAckCheck = null
    this.options.outbox.goBack()
  }

  /** Why `text` cannot be sent to this room, or null when it can. */
  check(text: string): string | null {
    const parsed = SCHEMAS.text.safeParse(text)
    if (!parsed.success) return `the message ${describeIssues(parsed.error)}`
    // Characters as the hub counts them (graphemes): 4000 👍🏽 are 16000 UTF-16 units.
    if (longerThan(parsed.data, this.maxLength)) {
      return `the message must be at most ${this.maxLength} characters`
    }
    return null
  }

  /** Why `op` cannot be sent to this room, or null when it can (the room's features are
   * checked once connected). */
  checkOp(op: OutboxOp): { code: ConnectionErrorCode; message: string } | null {
    const feature = FEATURE_OF[op.type]
    if (feature !== null && this.features !== null && !this.features.has(feature)) {
      return {
        code: 'CONN_ERR_UNSUPPORTED',
        message: `this room does not support ${FEATURE_WORDS[op.type]}s`,
      }
    }
    if (op.type === 'chat' || op.type === 'edit') {
      const problem = this.check(op.text)
      if (problem) return { code: 'CONN_ERR_INVALID', message: problem }
      // A plain chat is all checked now (the hot path).
      if (op.type === 'chat' && frameIsPlain(op)) return null
    }
    const parsed = SCHEMAS.clientMessage.safeParse(frameOf('x', op))
    if (parsed.success) return null
    return {
      code: 'CONN_ERR_INVALID',
      message: `the ${FEATURE_WORDS[op.type]} ${describeIssues(parsed.error)}`,
    }
  }

  /**
   * The hub refused something: a chat refused for the rate is resent, in order from it on,
   * once the hub has room again; another refused chat fails. False when the refusal was not
   * about one of our chats.
   */
  refused(message: ErrorMessage): boolean {
    const { outbox, clock } = this.options
    if (message.code === 'rate_limited') {
      outbox.goBack(message.id)
      this.pausedUntil = clock.now() + (message.retryAfterMs ?? 200)
      this.schedulePump(message.retryAfterMs ?? 200)
      return true
    }
    if (message.id !== undefined && outbox.has(message.id)) {
      // Shown beside the chat: the hub's words, within what the window's fields hold.
      outbox.fail(message.id, { code: message.code, message: clipMessage(message.message) })
      return true
    }
    return false
  }

  /** Sends pending chats in order, as fast as the room's rate allows. */
  pump(): void {
    const socket = this.socket
    const bucket = this.bucket
    if (!socket || !bucket) return
    const { outbox, clock } = this.options
    const now = clock.now()
    if (now < this.pausedUntil) return this.schedulePump(this.pausedUntil - now)
    for (const entry of outbox.pending()) {
      const problem = this.checkOp(entry.op)
      if (problem) {
        outbox.fail(entry.id, problem)
        continue
      }
      if (!bucket.take()) {
        this.schedulePump(Math.max(10, bucket.retryAfterMs()))
        break
      }
      socket.send(JSON.stringify(frameOf(entry.id, entry.op)))
      outbox.markSent(entry.id, now)
    }
    this.scheduleAckCheck()
  }

  private schedulePump(delayMs: number): void {
    if (this.cancelPump) return
    // A room's figures can ask for any wait (a `chatsPerSecond` of 1e-9 is a valid number):
    // none is waited longer than the longest retryAfterMs a hub may ask, and then looked at
    // again, so that no timer overflows into firing at once.
    this.cancelPump = this.options.clock.schedule(
      () => {
        this.cancelPump = null
        this.pump()
      },
      Math.min(delayMs, LIMITS.maxRetryAfterMs),
    )
  }

  private scheduleAckCheck(): void {
    if (this.cancelAckCheck || !this.socket) return
    const { outbox, clock, ackTimeoutMs } = this.options
    const oldest = outbox.oldestSentAt()
    if (oldest === null) return
    const due = Math.max(0, oldest + ackTimeoutMs - clock.now())
    this.cancelAckCheck = clock.schedule(() => {
      this.cancelAckCheck = null
      const socket = this.socket
      const sentAt = outbox.oldestSentAt()
      if (!socket || sentAt === null) return
      if (clock.now() - sentAt < ackTimeoutMs) return this.scheduleAckCheck()
      this.dead(socket, `no acknowledgement for ${seconds(ackTimeoutMs)} s`)
    }, due)
  }
}

/** The feature a hub must list for an op (null: plain chat, which every hub takes). */
const FEATURE_OF: Record<OutboxOp['type'], string | null> = {
  chat: null,
  react: 'reactions',
  unreact: 'reactions',
  edit: 'edit',
  delete: 'delete',
}
const FEATURE_WORDS: Record<OutboxOp['type'], string> = {
  chat: 'message',
  react: 'reaction',
  unreact: 'reaction',
  edit: 'edit',
  delete: 'delete',
}

function frameIsPlain(op: Extract<OutboxOp, { type: 'chat' }>): boolean {
  return (
    op.replyTo === undefined &&
    op.mentions === undefined &&
    op.mentionsRoom === undefined &&
    op.file === undefined
  )
}

/** The frame that sends `op` with message id `id`; a chat's optional fields only when set. */
export function frameOf(id: string, op: OutboxOp): Record<string, unknown> {
  if (op.type !== 'chat') return { ...op, id }
  const frame: Record<string, unknown> = { type: 'chat', id, text: op.text }
  if (op.replyTo !== undefined) frame['replyTo'] = op.replyTo
  if (op.mentions !== undefined && op.mentions.length > 0) frame['mentions'] = op.mentions
  if (op.mentionsRoom) frame['mentionsRoom'] = true
  if (op.file !== undefined) frame['file'] = op.file
  return frame
}
