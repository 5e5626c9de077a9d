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

  constructor(
    private readonly socket: Socket,
    private readonly maxBufferedBytes: number,
  ) {}

  /** Bytes waiting: queued here plus accepted by the socket but not yet sent. */
  get backlog(): number {
    return this.queuedBytes + this.socket.writableLength
  }

  /**
   * Queues a frame. Returns false, queuing nothing, when the member already has more than
   * maxBufferedBytes waiting: it is a slow consumer and the caller closes it.
   */
  push(frame: Buffer): boolean {
    if (this.closed) return true
    if (this.backlog > this.maxBufferedBytes) return false
    this.frames.push(frame)
    this.queuedBytes += frame.length
    return true
  }

  get hasPending(): boolean {
    return this.frames.length > 0
  }

  flush(): void {
    if (this.frames.length === 0) return
    const frames = this.frames
    this.frames = []
    this.queuedBytes = 0
    if (this.closed || this.socket.destroyed || !this.socket.writable) return
    this.socket.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames))
  }

  /** Drops whatever is queued and accepts nothing more. */
  discard(): void {
    this.closed = true
    this.frames = []
    this.queuedBytes = 0
  }
}
