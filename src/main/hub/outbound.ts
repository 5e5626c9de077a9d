import type { Socket } from 'node:net'

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

  constructor(
    private readonly socket: Socket,
    private readonly maxBufferedBytes: number,
  ) {}

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
  push(frame: Buffer): boolean {
    if (this.closed) return true
    const waiting = this.socket.writableLength
    if (this.allowance > 0 && !this.allowanceUnsent && waiting <= this.maxBufferedBytes) {
      this.allowance = 0
    }
    if (waiting > this.maxBufferedBytes + this.allowance) return false
    this.frames.push(frame)
    this.queuedBytes += frame.length
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
    this.frames = []
    this.allowanceUnsent = false
    this.queuedBytes = 0
    if (this.closed || this.socket.destroyed || !this.socket.writable) return
    if (frames.length === 1) {
      this.socket.write(frames[0] as Buffer)
      return
    }
    // Corked, the shared frame buffers leave in one writev: no per-member copy of a burst.
    this.socket.cork()
    for (const frame of frames) this.socket.write(frame)
    this.socket.uncork()
  }

  /** Drops whatever is queued and accepts nothing more. */
  discard(): void {
    this.closed = true
    this.frames = []
    this.queuedBytes = 0
  }
}
