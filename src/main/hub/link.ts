import type { ErrorCode } from '../../shared/protocol'

/**
 * A WebSocket connection as the parts of the hub see it (admission, the room): what they may
 * send it and how they may end it. The hub's Peer is one; tests use fakes.
 */
export interface Link {
  /** For logs. */
  readonly id: number
  readonly remote: string
  /**
   * Queues a frame. `shared` frames are the very same buffer for every member (broadcasts);
   * any other was made for this connection alone and counts against LIMITS.maxTotalUniqueBytes.
   */
  send(frame: Buffer, shared?: boolean): void
  /** Answers with an `error` frame; the connection stays open. */
  reject(code: ErrorCode, message: string, about?: { id?: string; retryAfterMs?: number }): void
  /** Answers a malformed frame with an `error`, and closes a peer that keeps sending them. */
  bad(code: ErrorCode, message: string, id?: string): void
  /** Sends what is queued, then closes with `code`. */
  close(code: number, reason: string): void
}
