import type { Socket } from 'node:net'

/**
 * Bytes queued for single members (frames no other member shares), all members together. One
 * object is shared by every member's Outbound; the hub compares `used` with its bound.
 */
export interface UniqueBudget {
  used: number
}

/** How much a flush lets one socket hold before it holds frames back (see Outbound). */
export const FEED_BYTES = 16 * 1024
/** Held back beyond this many times maxBufferedBytes, a member is a slow consumer. */
const CARRY_FACTOR = 4

/**
 * One member's outgoing frames. Frames are queued between the hub's flushes (at the end of a
 * turn, at most once per FLUSH_INTERVAL_MS: fanout.ts) and written to the socket in one write
 * at the next, so a burst of chats costs each member one syscall rather than one per chat.
 * Everything the hub sends a member goes through here, which keeps its frames in order.
 *
 * Writing to the raw socket beside `ws` is safe because permessage-deflate is off: `ws` then
 * writes each of its own frames (pings, close) synchronously and whole, so frames never
 * interleave mid-frame.
 */
export class Outbound {
  /**
   * Queued frames, oldest first, each as its parts: for a broadcast, the one array every
   * member's queue shares. The first may be partly written already (`headSent` parts).
   */
  private frames: Array<readonly Buffer[]> = []
  /** Of each queued frame, the bytes made for this member alone (beside `frames`). */
  private uniques: number[] = []
  private headSent = 0
  private queuedBytes = 0
  /** Of queuedBytes, what was still queued when the last flush held frames back. */
  private carriedBytes = 0
  private closed = false
  /** Extra bytes allowed for a large frame (the welcome) until the backlog is back to normal. */
  private allowance = 0
  private allowanceUnsent = false
  /** Bytes of this member's own frames queued here, and written but not yet sent. */
  private uniqueQueued = 0
  private uniqueWritten = 0
  /**
   * The bounds were checked and held since this queue last wrote, or was allowed more: until
   * then they still hold, and are not checked again (see `admits`).
   */
  private admitted = false
  /** Whether the last flush wrote anything (a held-back member took more). */
  wroteOnLastFlush = false

  constructor(
    private readonly socket: Socket,
    private readonly maxBufferedBytes: number,
    private readonly budget: UniqueBudget = { used: 0 },
    /**
     * A flush writes only while the socket holds less than this; the rest stays queued here
     * (references to shared frame buffers) until it has taken that in. Over TLS every byte
     * written is encrypted into a copy for this member alone, so a member that stops reading
     * must not be handed megabytes: a hundred of them would each pin that much ciphertext.
     * A plain socket queues references to the shared buffers themselves: no limit there.
     */
    private readonly feedBytes = (socket as { encrypted?: boolean }).encrypted
      ? FEED_BYTES
      : Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Bytes of frames made for this member alone (not broadcasts) that are still held: they
   * count against the hub-wide UniqueBudget until the socket has taken them.
   */
  get unique(): number {
    return this.uniqueQueued + this.uniqueWritten
  }

  /**
   * Bytes the socket holds that the network has not taken yet. Over TLS, the TLS socket's own
   * count ends when TLS has encrypted a write and passed it down: the TCP socket below may
   * still queue that ciphertext in this process (libuv's write queue) — counted too, or it
   * would grow unseen.
   */
  private waiting(): number {
    const lower = (
      this.socket as unknown as { _parent?: { _handle?: { writeQueueSize?: unknown } } | null }
    )._parent?._handle?.writeQueueSize
    // A write TLS has not completed counts in writableLength even after part of it was
    // encrypted and handed down; completed ones leave their ciphertext below. The larger of the
    // two is what is surely held (their sum would count some bytes twice).
    return Math.max(this.socket.writableLength, typeof lower === 'number' ? lower : 0)
  }

  /** Bytes waiting: queued here plus accepted by the socket but not yet sent. */
  get backlog(): number {
    return this.queuedBytes + this.waiting()
  }

  /**
   * Queues a frame. Returns false, queuing nothing, when more than maxBufferedBytes written to
   * the member are still waiting for the network, or frames held back here from earlier turns
   * exceed CARRY_FACTOR times that: it is a slow consumer and the caller closes it. Frames
   * queued during this turn do not count: they are buffers shared by every member (a burst
   * costs references), and a member that reads keeps its backlog near empty.
   */
  push(frame: Buffer, unique = false): boolean {
    return this.pushParts([frame], unique ? frame.length : 0)
  }

  /**
   * Queues one frame written as several buffers (header and payload pieces), in order.
   * `uniqueBytes` of them are this member's alone; the rest are shared with other members.
   * `bytes` is their total length: a broadcast works it out once for every member.
   */
  pushParts(parts: readonly Buffer[], uniqueBytes: number, bytes = totalLength(parts)): boolean {
    if (this.closed) return true
    if (!this.admitted && !this.admits()) return false
    this.frames.push(parts)
    this.uniques.push(uniqueBytes)
    this.queuedBytes += bytes
    if (uniqueBytes > 0) {
      this.uniqueQueued += uniqueBytes
      this.budget.used += uniqueBytes
    }
    return true
  }

  /**
   * Whether the member may be queued more (see `push`). Only what this queue writes makes the
   * socket hold more (besides ws's own control frames and TLS's record headers, a few bytes
   * each), and the network only ever takes bytes away: so once the bounds hold they keep holding until this queue writes or
   * is allowed more. A burst of broadcasts in one turn thus reads the socket's counts (Node
   * internals, under TLS a call into C++) once per member, not once per frame.
   */
  private admits(): boolean {
    const waiting = this.waiting()
    if (this.allowance > 0 && !this.allowanceUnsent && waiting <= this.maxBufferedBytes) {
      this.allowance = 0
    }
    if (waiting > this.maxBufferedBytes + this.allowance) return false
    // Frames held back here are mostly shared buffers (cheap), and a burst is fed to a reading
    // member over a few milliseconds; a member that keeps falling this far behind is not reading.
    if (this.carriedBytes > CARRY_FACTOR * this.maxBufferedBytes + this.allowance) return false
    this.admitted = true
    return true
  }

  /** Lets the backlog exceed the bound by `bytes` until it has drained below it once. */
  allow(bytes: number): void {
    this.allowance = bytes
    this.allowanceUnsent = true
    this.admitted = false
  }

  get hasPending(): boolean {
    return this.frames.length > 0
  }

  /**
   * A frame is partly written: nothing else may be written to the socket (a ping, a pong, a
   * close) until flush has finished it, or the two would interleave on the wire.
   */
  get midFrame(): boolean {
    return this.headSent > 0
  }

  /**
   * Writes queued frames while the socket holds less than `feedBytes` (everything with `all`,
   * before a close). A large frame (a welcome with its history) may be written a part at a time
   * over several flushes; `midFrame` says so meanwhile. Returns true when nothing is left
   * queued; false when some was held back and the caller should flush again soon.
   */
  flush(all = false): boolean {
    // What is written now changes what the socket holds: the bounds are checked afresh.
    this.admitted = false
    if (this.frames.length === 0) return true
    if (this.closed || this.socket.destroyed || !this.socket.writable) {
      const unique = this.uniqueQueued
      this.frames = []
      this.uniques = []
      this.headSent = 0
      this.queuedBytes = this.carriedBytes = this.uniqueQueued = 0
      this.release(unique)
      return true
    }
    let room = all ? Number.POSITIVE_INFINITY : this.feedBytes - this.waiting()
    const out: Buffer[] = []
    let unique = 0
    while (room > 0 && this.frames.length > 0) {
      const parts = this.frames[0] as readonly Buffer[]
      while (room > 0 && this.headSent < parts.length) {
        const part = parts[this.headSent++] as Buffer
        out.push(part)
        room -= part.length
        this.queuedBytes -= part.length
      }
      if (this.headSent < parts.length) break
      // A frame's own bytes are freed once it has been written whole.
      unique += this.uniques.shift() as number
      this.frames.shift()
      this.headSent = 0
    }
    this.carriedBytes = this.queuedBytes
    this.uniqueQueued -= unique
    if (this.frames.length === 0) this.allowanceUnsent = false
    this.wroteOnLastFlush = out.length > 0
    if (out.length === 0) return false
    // Writes complete in order, so the last one's callback means this member's own bytes of
    // this flush have all left the process (or the socket failed): either way they are freed.
    this.uniqueWritten += unique
    const last = out.pop() as Buffer
    const done = unique > 0 ? () => this.release(unique, true) : undefined
    if (out.length === 0) {
      this.socket.write(last, done)
    } else {
      // Corked, the shared frame buffers leave in one writev: no per-member copy of a burst.
      this.socket.cork()
      for (const part of out) this.socket.write(part)
      this.socket.write(last, done)
      this.socket.uncork()
    }
    return this.frames.length === 0
  }

  /** Drops whatever is queued and accepts nothing more; its bytes leave the budget now. */
  discard(): void {
    if (!this.closed) this.budget.used -= this.uniqueQueued + this.uniqueWritten
    this.closed = true
    this.frames = []
    this.uniques = []
    this.headSent = 0
    this.queuedBytes = 0
    this.carriedBytes = 0
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

function totalLength(parts: readonly Buffer[]): number {
  let bytes = 0
  for (const part of parts) bytes += part.length
  return bytes
}
