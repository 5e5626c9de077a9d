import { ERROR_CODES } from '../../shared/protocol'
import type { Refusal } from './timeline-rules'
import type { TokenBucket } from './token-bucket'

/**
 * A member's pace, kept by client id rather than by connection: a member that reconnects
 * carries on with what it had spent, it does not get a fresh burst.
 */
export class Pace {
  constructor(
    /** Timeline ops (chats, reactions, edits, deletes) beyond this bucket are refused with
     * rate_limited. */
    readonly chats: TokenBucket,
    /** Typing messages beyond this bucket are ignored (LIMITS.typingPerSecond). */
    readonly typing: TokenBucket,
    private readonly roomMentionIntervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** When the member last notified the whole room (`mentionsRoom`). */
  roomMentionAt = -Infinity

  /**
   * The hold: the member's ops refused (for the rate, by the hold itself, or by a clustered
   * room's log after they passed here) and neither sent again nor stamped since, by id, with
   * when each arrived (see `arrivals`); at most HELD_REMEMBERED, the earliest. While there is
   * one, the member's other new ops are refused too: they were sent before the member heard of
   * the refusals, and stamping them would put them ahead of those. The member resends from its
   * earliest refused op on, in order: that op, `refused`, lifts the hold.
   */
  private readonly held = new Map<string, number>()
  /** The op that lifts the hold: the earliest to arrive of those refused, or null. */
  refused: string | null = null
  /** When `refused` became the op that lifts the hold (the pace's clock). */
  private heldSince = 0

  /** Adds op `id`, which arrived as `arrival`, to the ops refused. */
  private hold(id: string, arrival: number): void {
    const known = this.held.get(id)
    if (known !== undefined && known <= arrival) return
    if (known === undefined && this.held.size >= HELD_REMEMBERED) {
      // Full: the latest to arrive makes room, if it arrived after this one.
      const [latest, at] = this.latest()
      if (at <= arrival) return
      this.held.delete(latest)
    }
    this.held.set(id, arrival)
    this.named()
  }

  /** Names the earliest refused op as the one that lifts the hold. */
  private named(): void {
    let first: string | null = null
    let firstAt = Infinity
    for (const [id, at] of this.held) {
      if (at < firstAt) {
        first = id
        firstAt = at
      }
    }
    if (first !== this.refused) this.heldSince = this.now()
    this.refused = first
  }

  private latest(): [string, number] {
    let last: [string, number] = ['', -Infinity]
    for (const entry of this.held) if (entry[1] > last[1]) last = entry
    return last
  }

  private lift(): void {
    this.held.clear()
    this.refused = null
  }

  /**
   * The op `id`, which arrived as `arrival` and passed this pace, was refused after all (a
   * clustered room's log could not take it): the member must send it again before any op that
   * arrived after it. The member resends from its earliest refused op on, in order; a hold
   * naming a later op would let that one through first.
   */
  refusedLater(id: string, arrival: number): void {
    this.hold(id, arrival)
  }

  /** Marks `id`, the op that arrived last, as refused for the rate. */
  refuse(id: string): void {
    this.hold(id, arrivals)
  }

  /**
   * The op `id` is in the room's timeline (another copy of it reached the log, or a resend was
   * answered as one already stamped): the member will not send it again. The hold, if any, now
   * waits for the next refused op.
   */
  stamped(id: string): void {
    if (!this.held.delete(id)) return
    this.named()
  }

  /**
   * Whether the op `id` is held back: the hold stands, `id` is not the op that lifts it, and
   * that op has been waited for less than HOLD_MS. No shorter limit is safe: an op the member
   * sent before it heard of a refusal can reach the hub well after it (a link that stalled),
   * and when the log refused, the member's bucket may have been full all along. An op held
   * back is one more refused op.
   */
  heldBackNow(id: string): boolean {
    if (this.refused === null) return false
    if (this.refused === id || this.now() - this.heldSince >= HOLD_MS) {
      this.lift()
      return false
    }
    this.hold(id, arrivals)
    return true
  }

  /** Milliseconds before the member may notify the room again (0: now). */
  roomMentionWait(now: number): number {
    return Math.max(0, Math.ceil(this.roomMentionAt + this.roomMentionIntervalMs - now))
  }

  /** Both buckets full, no hold and no @room to remember: nothing a new Pace would not give it. */
  get full(): boolean {
    return (
      this.refused === null &&
      this.chats.full &&
      this.typing.full &&
      this.roomMentionWait(this.now()) === 0
    )
  }
}

/**
 * How long a hold lasts at most when the op it names is neither sent again nor stamped: a
 * member that gave the op up is not held back for ever (docs/protocol.md, Refusals).
 */
export const HOLD_MS = 10_000

/** How many refused ops a hold remembers (see Pace.held): a round of resends is ~20. */
const HELD_REMEMBERED = 64

/** Ops judged by any pace, in the order they arrived: process-wide, so that a pace forgotten
 * and made again (BucketTable) still compares with ops judged before. */
let arrivals = 0

/**
 * What the room calls when op `id`, which just passed `pace()`, is refused after all (see
 * Pace.refusedLater); it looks the pace up again then, as it may have been made anew meanwhile.
 */
export function laterRefusal(pace: () => Pace, id: string): () => void {
  const arrival = arrivals
  return () => pace().refusedLater(id, arrival)
}

/**
 * Why the member's pace holds back the op `id`, or null when it goes through (and takes its
 * token). `rateLimit`: chats per second, as the refusal says.
 */
export function paceRefusal(pace: Pace, id: string, rateLimit: number): Refusal | null {
  arrivals += 1
  const held = pace.heldBackNow(id)
  if (!held && pace.chats.take()) return null
  if (!held) pace.refuse(id)
  return {
    code: ERROR_CODES.rateLimited,
    message: held
      ? `too many messages; send ${pace.refused} again first (at most ${rateLimit} per second)`
      : `too many messages; at most ${rateLimit} per second`,
    retryAfterMs: pace.chats.retryAfterMs(),
  }
}
