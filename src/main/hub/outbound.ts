import type { Socket } from 'node:net'

/**
 * Bytes queued for single members (frames no other member shares), all members together. One
 * object is shared by every member's Outbound; the hub compares `used` with its bound.
 */
export interface UniqueBudget {
  used: number
}

/**
 * One member's outgoing frames. Frames are queued during an event-loop turn and written to the
 * socket in one write when the hub flushes (once per turn), so a burst of chats costs each
 * member one syscall rather than one per chat. Everything the hub sends a member goes through
 * here, which keeps its frames in order.
 *
 * Writing to the raw socket beside `ws` is safe because permessage-deflate is off: `ws` then
 * writes each of its own frames (pings, close) synchronously and whole, so frames never
 * interleave mid-frame.
 */
export class Outbound {
  private frames: Buffer[] = []
  private queuedBytes = 0
  private closed = false
  /** Extra bytes allowed for a large frame (the welcome) until the backlog is back to normal. */
  private allowance = 0
  private allowanceUnsent = false
  /** Bytes of this member's own frames queued here, and written but not yet sent. */
  private uniqueQueued = 0
  private uniqueWritten = 0

  constructor(
    private readonly socket: Socket,
    private readonly maxBufferedBytes: number,
    private readonly budget: UniqueBudget = { used: 0 },
  ) {}

  /**
   * Bytes of frames made for this member alone (not broadcasts) that are still held: they
   * count against the hub-wide UniqueBudget until the socket has taken them.
   */
  get unique(): number {
    return this.uniqueQueued + this.uniqueWritten
  }

  /** Bytes waiting: queued here plus accepted by the socket but not yet sent. */
  get backlog(): number {
    return this.queuedBytes + this.socket.writableLength
  }

  /**
   * Queues a frame. Returns false, queuing nothing, when more than maxBufferedBytes written to
   * the member are still waiting for the network: it is a slow consumer and the caller closes
   * it. Frames queued during this turn do not count: they are buffers shared by every member
   * (a burst costs references), and a member that reads keeps the socket's buffer near empty.
   */
  push(frame: Buffer, unique = false): boolean {
    return this.pushParts([frame], unique ? frame.length : 0)
  }

  /**
   * Queues one frame written as several buffers (header and payload pieces), in order.
   * `uniqueBytes` of them are this member's alone; the rest are shared with other members.
   */
  pushParts(parts: readonly Buffer[], uniqueBytes: number): boolean {
    if (this.closed) return true
    const waiting = this.socket.writableLength
    if (this.allowance > 0 && !this.allowanceUnsent && waiting <= this.maxBufferedBytes) {
      this.allowance = 0
    }
    if (waiting > this.maxBufferedBytes + this.allowance) return false
    for (const part of parts) {
      this.frames.push(part)
      this.queuedBytes += part.length
    }
    this.uniqueQueued += uniqueBytes
    this.budget.used += uniqueBytes
    return true
  }

  /** Lets the backlog exceed the bound by `bytes` until it has drained below it once. */
  allow(bytes: number): void {
    this.allowance = bytes
    this.allowanceUnsent = true
  }

  get hasPending(): boolean {
    return this.frames.length > 0
  }

  flush(): void {
    if (this.frames.length === 0) return
    const frames = this.frames
    const unique = this.uniqueQueued
    this.frames = []
    this.allowanceUnsent = false
    this.queuedBytes = 0
    this.uniqueQueued = 0
    if (this.closed || this.socket.destroyed || !this.socket.writable) {
      this.release(unique)
      return
    }
    // Writes complete in order, so the last one's callback means this member's own bytes of
    // this flush have all left the process (or the socket failed): either way they are freed.
    this.uniqueWritten += unique
    const last = frames.pop() as Buffer
    const done = unique > 0 ? () => this.release(unique, true) : undefined
    if (frames.length === 0) {
      this.socket.write(last, done)
      return
    }
    // Corked, the shared frame buffers leave in one writev: no per-member copy of a burst.
    this.socket.cork()
    for (const frame of frames) this.socket.write(frame)
    this.socket.write(last, done)
    this.socket.uncork()
  }

  /** Drops whatever is queued and accepts nothing more; its bytes leave the budget now. */
  discard(): void {
    if (!this.closed) this.budget.used -= this.uniqueQueued + this.uniqueWritten
    this.closed = true
    this.frames = []
    this.queuedBytes = 0
    this.uniqueQueued = 0
    this.uniqueWritten = 0
  }

  private release(bytes: number, written = false): void {
    // After discard() the budget has already been given everything back.
    if (this.closed || bytes === 0) return
    if (written) this.uniqueWritten -= bytes
    this.budget.used -= bytes
  }
}
