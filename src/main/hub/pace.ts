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
  ) {}

  /** When the member last notified the whole room (`mentionsRoom`). */
  roomMentionAt = -Infinity

  /**
   * The id of a chat refused for the rate and not sent again since, while the bucket has not
   * filled up: the member's other new chats are refused too until it comes back. They were sent
   * before the member heard of the refusal; stamping them would put them ahead of it.
   */
  refused: string | null = null
  /** When `refused` arrived (see `arrivals`): an op refused later that arrived before it takes
   * its place (refusedLater). */
  private refusedArrival = 0

  /**
   * The op `id`, which arrived as `arrival` and passed this pace, was refused after all (a
   * clustered room's log could not take it): the member must send it again before any other new
   * op, unless an op refused already arrived before it. The member resends from its earliest
   * refused op on, in order; two holds naming different ops would let a later op through first.
   */
  refusedLater(id: string, arrival: number): void {
    if (this.refused !== null && this.refusedArrival <= arrival) return
    this.refused = id
    this.refusedArrival = arrival
  }

  /** Marks `id`, the op that arrived last, as refused for the rate. */
  refuse(id: string): void {
    this.refused = id
    this.refusedArrival = arrivals
  }

  /** Milliseconds before the member may notify the room again (0: now). */
  roomMentionWait(now: number): number {
    return Math.max(0, Math.ceil(this.roomMentionAt + this.roomMentionIntervalMs - now))
  }

  /** Both buckets full and no @room to remember: nothing a new Pace would not give it. */
  get full(): boolean {
    return this.chats.full && this.typing.full && this.roomMentionWait(performance.now()) === 0
  }
}

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
  // A member that never sends the refused op again is held back only until its bucket is
  // full: by then nothing it sent before the refusal can still be on its way.
  if (pace.refused !== null && (pace.refused === id || pace.chats.full)) pace.refused = null
  const held = pace.refused !== null
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
