import { SCHEMAS, describeIssues, type ErrorCode, type HubMessage } from '../../../shared/protocol'
import { frameJson, textFramePayload } from '../frame'
import type { Link } from '../link'

type Of<T extends HubMessage['type']> = Extract<HubMessage, { type: T }>

let nextId = 1

/**
 * For tests of the hub's parts without sockets: a Link that keeps every frame it is sent,
 * decoded and checked against the hub message schema, and how it was closed. Like the hub's
 * Peer, it takes nothing more once closed, and counts malformed frames.
 */
export class RecordingLink implements Link {
  readonly id = nextId++
  readonly received: HubMessage[] = []
  /** Frames sent as shared (broadcast) buffers, by identity. */
  readonly sharedFrames: Buffer[] = []
  closed: { code: number; reason: string } | null = null
  badFrames = 0

  constructor(
    readonly address = '192.0.2.7',
    readonly remote = `${address}:40000`,
  ) {}

  send(frame: Buffer, shared = false): void {
    if (this.closed) return
    if (shared) this.sharedFrames.push(frame)
    this.received.push(decode(textFramePayload(frame)))
  }

  /** A frame written in parts: a header, then payload pieces. */
  sendLarge(parts: readonly Buffer[]): void {
    if (this.closed) return
    const whole = Buffer.concat(parts as Buffer[])
    this.received.push(decode(textFramePayload(whole)))
  }

  reject(
    code: ErrorCode,
    message: string,
    about: { id?: string; retryAfterMs?: number } = {},
  ): void {
    this.send(frameJson({ type: 'error', code, message, ...about }))
  }

  bad(code: ErrorCode, message: string, id?: string): void {
    this.badFrames += 1
    this.reject(code, message, id === undefined ? {} : { id })
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason }
  }

  all<T extends HubMessage['type']>(type: T): Array<Of<T>> {
    return this.received.filter((m): m is Of<T> => m.type === type)
  }

  /** The last frame of `type`; throws when there is none. */
  last<T extends HubMessage['type']>(type: T): Of<T> {
    const found = this.all(type).at(-1)
    if (!found) throw new Error(`no ${type} among ${this.received.map((m) => m.type).join(', ')}`)
    return found
  }
}

function decode(payload: Buffer): HubMessage {
  const parsed = SCHEMAS.hubMessage.safeParse(JSON.parse(payload.toString('utf8')))
  if (!parsed.success) {
    throw new Error(`invalid frame (${describeIssues(parsed.error)}): ${payload.toString()}`)
  }
  return parsed.data
}
