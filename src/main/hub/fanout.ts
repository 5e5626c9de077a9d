import type { Logger } from './logger'
import { FEED_BYTES, type Outbound, type UniqueBudget } from './outbound'

/** How soon frames held back for a full socket are tried again. */
const HELD_BACK_RETRY_MS = 1
/** …and at least this often while none of them takes anything. */
const HELD_BACK_MAX_RETRY_MS = 50

/**
 * Presence may wait this long for the member's next write: under a storm of connections each
 * joining and leaving, every member would otherwise be written to (over TLS: an encryption and a
 * syscall each) once per flush for them, ahead of the chats. Any other frame for the member
 * takes what waits along, in order, at the next flush.
 */
export const PRESENCE_DELAY_MS = 50
/**
 * Write coalescing: the hub flushes its members' queues at most once in this many milliseconds.
 * The first frame after a quiet spell leaves at the end of its event-loop turn; frames that come
 * sooner after the last flush wait for the interval's end and leave together, one write per
 * member. Under load the number of writes (each a syscall, and under TLS an encryption, per
 * member) falls with it: at 3,000 chats/s to 100 members, about 300,000 writes and 4.4 s of the
 * hub's CPU became 137,000 and 3.0 s (docs/performance.md). The cost is at most this much more
 * latency, only while the room is that busy. (A member's frames held back for a full TLS socket,
 * and a closing member's last frames, are written as their socket allows, as before.)
 */
export const FLUSH_INTERVAL_MS = 4
/** The message types that may wait PRESENCE_DELAY_MS (see Broadcaster.broadcast). */
const PRESENCE_TYPES: ReadonlySet<string> = new Set(['joined', 'left', 'renamed'])

/** How the room reaches every member at once (the hub's Fanout). */
export interface Broadcaster<L> {
  /** Queues the same frame for every link of `to` but `except`; `type` is the message's:
   * presence may wait a little for the member's next write (PRESENCE_DELAY_MS). */
  broadcast(frame: Buffer, to: Iterable<L>, except?: L, type?: string): void
}

/** A connection the fan-out writes to. */
export interface Outlet {
  /** For logs. */
  readonly id: number
  readonly remote: string
  /** Its queue; made with the fan-out's `budget`. */
  readonly out: Outbound
  /** Closing: nothing more is queued for it. */
  readonly closing: boolean
  /** Closes it as a slow consumer (4005) at once: it reads nothing, so nothing more is sent. */
  dropSlow(): void
}

export interface FanoutOptions {
  /** Bytes made for single members that may wait, all members together. */
  maxTotalUniqueBytes: number
  log: Logger
  /** Runs before frames are written: what a frame acknowledges must be on disk first. False:
   * it could not be, and nothing is written. */
  beforeWrite(): boolean
}

/**
 * Everything the hub sends goes out through here. A broadcast is framed once (see frame.ts)
 * and the very same buffer is queued for every member (see Outbound); each member's frames
 * queued since the last flush are written in one corked write at the next (at the end of the
 * turn, or FLUSH_INTERVAL_MS after the last flush when that is later). Frames a full
 * socket could not take are held back and tried again as it drains. A member that does not
 * read, or that holds too many bytes made for it alone, is closed as a slow consumer rather
 * than let the hub's memory grow.
 */
export class Fanout<T extends Outlet> implements Broadcaster<T> {
  /** Bytes of frames made for one member alone, all members together. */
  readonly budget: UniqueBudget = { used: 0 }
  private readonly outlets = new Set<T>()
  /** Outlets with frames queued this turn. */
  private readonly dirty = new Set<T>()
  /** Outlets with frames held back because their socket was full (see Outbound.flush). */
  private readonly heldBack = new Set<T>()
  /** Outlets with presence queued that waits for their next write (PRESENCE_DELAY_MS). */
  private readonly presence = new Set<T>()
  private presenceTimer: NodeJS.Timeout | null = null
  private heldBackTimer: NodeJS.Timeout | null = null
  private heldBackDelay = HELD_BACK_RETRY_MS
  /** The pending flush, if any (one of the two), cleared by stop(). */
  private flushImmediate: NodeJS.Immediate | null = null
  private flushTimeout: NodeJS.Timeout | null = null
  private stopped = false
  /** performance.now() at the last flush's start (FLUSH_INTERVAL_MS). */
  private lastFlushAt = Number.NEGATIVE_INFINITY
  private readonly flushNow = (): void => this.flush()

  constructor(private readonly options: FanoutOptions) {}

  add(outlet: T): void {
    this.outlets.add(outlet)
  }

  /** The outlet closed: drops whatever still waits for it. */
  remove(outlet: T): void {
    this.outlets.delete(outlet)
    this.dirty.delete(outlet)
    this.heldBack.delete(outlet)
    this.presence.delete(outlet)
    outlet.out.discard()
  }

  /**
   * Queues a frame for one outlet. `shared` frames are the very same buffer for every member
   * (broadcasts); any other frame was made for this member alone and counts against the
   * hub-wide maxTotalUniqueBytes.
   */
  send(to: T, frame: Buffer, shared = false): void {
    this.enqueue(to, [frame], shared ? 0 : frame.length)
  }

  /**
   * Queues one frame written as `parts` that may be far larger than the backlog bound (a welcome
   * with its history): it is allowed past the bound until the backlog has drained once.
   */
  sendLarge(to: T, parts: readonly Buffer[], ownBytes: number): void {
    to.out.allow(parts.reduce((sum, part) => sum + part.length, 0))
    this.enqueue(to, sliceParts(parts, FEED_BYTES), ownBytes)
  }

  /**
   * Queues the same frame for every outlet of `to` but `except`. The hot path: what does not
   * depend on the member (the parts, their length, the flush) is done once per broadcast.
   */
  broadcast(frame: Buffer, to: Iterable<T>, except?: T, type?: string): void {
    const parts = [frame]
    const bytes = frame.length
    const waiting = type !== undefined && PRESENCE_TYPES.has(type) ? this.presence : this.dirty
    let queued = false
    for (const outlet of to) {
      if (outlet === except || outlet.closing) continue
      if (!outlet.out.pushParts(parts, 0, bytes)) {
        this.dropSlowConsumer(outlet, 'slow consumer; closing')
        continue
      }
      waiting.add(outlet)
      queued = true
    }
    if (!queued) return
    if (waiting === this.dirty) this.scheduleFlush()
    else this.schedulePresence()
  }

  /** Writes everything queued for `to` at once, before it closes; nothing more is queued. */
  drain(to: T): void {
    if (this.options.beforeWrite()) to.out.flush(true)
    to.out.discard()
  }

  /** Flushes and retries nothing more (the hub is stopping): what a member is still owed is
   * written by `drain` as it closes, or not at all when the hub aborts. */
  stop(): void {
    this.stopped = true
    if (this.heldBackTimer) clearTimeout(this.heldBackTimer)
    if (this.presenceTimer) clearTimeout(this.presenceTimer)
    if (this.flushTimeout) clearTimeout(this.flushTimeout)
    if (this.flushImmediate) clearImmediate(this.flushImmediate)
    this.heldBackTimer = this.presenceTimer = this.flushTimeout = this.flushImmediate = null
  }

  /** Queues a frame written as `parts`, `ownBytes` of which were made for this member alone. */
  private enqueue(to: T, parts: readonly Buffer[], ownBytes: number): void {
    if (to.closing) return
    if (!to.out.pushParts(parts, ownBytes)) {
      this.dropSlowConsumer(to, 'slow consumer; closing')
      return
    }
    if (ownBytes > 0 && this.budget.used > this.options.maxTotalUniqueBytes) {
      this.shedUniqueBytes()
    }
    this.dirty.add(to)
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    if (this.flushImmediate || this.flushTimeout || this.stopped) return
    const wait = this.lastFlushAt + FLUSH_INTERVAL_MS - performance.now()
    if (wait <= 0) this.flushImmediate = setImmediate(this.flushNow)
    else this.flushTimeout = setTimeout(this.flushNow, wait)
  }

  /** Presence that no other frame took along is written PRESENCE_DELAY_MS after the first. */
  private schedulePresence(): void {
    if (this.presenceTimer) return
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null
      for (const outlet of this.presence) this.dirty.add(outlet)
      this.presence.clear()
      this.scheduleFlush()
    }, PRESENCE_DELAY_MS)
  }

  /**
   * Too many bytes made for single members wait to be sent, all members together: close the
   * members holding the most (those not reading them) until the total is within bounds.
   */
  private shedUniqueBytes(): void {
    while (this.budget.used > this.options.maxTotalUniqueBytes) {
      let largest: T | null = null
      for (const outlet of this.outlets) {
        if (outlet.closing) continue
        if (!largest || outlet.out.unique > largest.out.unique) largest = outlet
      }
      if (!largest || largest.out.unique === 0) return
      this.dropSlowConsumer(largest, 'slow consumer: the hub holds too much for members; closing')
    }
  }

  /** Closes a member that does not read what it is sent (4005), discarding what waits. */
  private dropSlowConsumer(outlet: T, message: string): void {
    this.options.log.warn(
      {
        conn: outlet.id,
        remote: outlet.remote,
        backlog: outlet.out.backlog,
        unique: outlet.out.unique,
      },
      message,
    )
    outlet.out.discard()
    outlet.dropSlow()
  }

  /** At the end of a turn, at most once per FLUSH_INTERVAL_MS: persist the chats taken since
   * the last flush, then write every member's frames (none when the chats could not be
   * persisted: the hub stops the room, unacknowledged). */
  private flush(): void {
    this.flushImmediate = this.flushTimeout = null
    this.lastFlushAt = performance.now()
    if (!this.options.beforeWrite()) return
    // Presence waiting for these members leaves with this write (nothing to do most turns).
    const presenceWaits = this.presence.size > 0
    for (const outlet of this.dirty) {
      if (presenceWaits) this.presence.delete(outlet)
      if (!outlet.out.flush()) this.heldBack.add(outlet)
    }
    this.dirty.clear()
    this.scheduleHeldBack()
  }

  /** Members whose sockets were full at the last flush get the rest once they have drained. */
  private scheduleHeldBack(): void {
    if (this.heldBack.size === 0 || this.heldBackTimer || this.stopped) return
    this.heldBackTimer = setTimeout(() => {
      this.heldBackTimer = null
      // A held-back member's queue may hold frames queued since the last flush, acknowledgments
      // among them: what they acknowledge goes to disk first, as in flush().
      if (!this.options.beforeWrite()) return
      let progress = false
      for (const outlet of this.heldBack) {
        const done = outlet.out.flush()
        progress ||= outlet.out.wroteOnLastFlush
        if (done) this.heldBack.delete(outlet)
      }
      // Readers that take what they are fed are fed again at once; when none of them took
      // anything (members that stopped reading), look again less and less often.
      this.heldBackDelay = progress
        ? HELD_BACK_RETRY_MS
        : Math.min(this.heldBackDelay * 2, HELD_BACK_MAX_RETRY_MS)
      this.scheduleHeldBack()
    }, this.heldBackDelay)
  }
}

/**
 * The same bytes as views of at most `max` bytes each (no copy). A flush then hands a TLS socket
 * at most about FEED_BYTES at a time even of a welcome whose member list is one 100 KB buffer:
 * TLS encrypts all it is handed into a buffer of that member's own, which the allocator keeps
 * after it is sent (measured: about the size handed over, per member, for good).
 */
function sliceParts(parts: readonly Buffer[], max: number): readonly Buffer[] {
  if (parts.every((part) => part.length <= max)) return parts
  const out: Buffer[] = []
  for (const part of parts) {
    for (let at = 0; at < part.length; at += max) out.push(part.subarray(at, at + max))
  }
  return out
}
