import { ERROR_CODES } from '../../shared/protocol'
import type { Refusal } from './timeline-rules'
import { BucketTable, TokenBucket } from './token-bucket'

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
  private roomMentionAt = -Infinity

  /**
   * The hold: the member's ops refused (for the rate, by the hold itself, or by a clustered
   * room's log after they passed here) and neither sent again nor settled since, by id; at most
   * HELD_REMEMBERED, the earliest to arrive. While there is one, the member's other new ops are
   * refused too: they were sent before the member heard of the refusals, and stamping them
   * would put them ahead of those. The member resends from its earliest refused op on, in
   * order: that op, `refused`, lifts the hold. An op refused HOLD_MS ago and not since is
   * forgotten: a member that gave it up is not held back for ever.
   */
  private readonly held = new Map<string, Held>()
  /** The op that lifts the hold: the earliest to arrive of those refused, or null. */
  refused: string | null = null

  /**
   * Adds op `id`, which arrived as `arrival`, to the ops refused, told to wait `retryAfterMs`.
   * Refused again, an op is remembered from its earliest arrival and its latest refusal.
   */
  private hold(id: string, arrival: number, retryAfterMs: number): void {
    const now = this.now()
    const known = this.held.get(id)
    if (known) {
      known.arrival = Math.min(known.arrival, arrival)
      known.refusedAt = now
      known.retryAt = Math.max(known.retryAt, now + retryAfterMs)
    } else {
      if (this.held.size >= HELD_REMEMBERED) {
        // Full: the latest to arrive makes room, if it arrived after this one.
        const latest = this.latest()
        if (latest === null || this.held.get(latest)!.arrival <= arrival) return
        this.held.delete(latest)
      }
      this.held.set(id, { arrival, refusedAt: now, retryAt: now + retryAfterMs })
    }
    this.named()
  }

  /** Forgets ops refused HOLD_MS ago, and names the earliest to arrive of the rest. */
  private named(): void {
    const now = this.now()
    let first: string | null = null
    let firstAt = Infinity
    for (const [id, op] of this.held) {
      if (now - op.refusedAt >= HOLD_MS) this.held.delete(id)
      else if (op.arrival < firstAt) {
        first = id
        firstAt = op.arrival
      }
    }
    this.refused = first
  }

  private latest(): string | null {
    let last: string | null = null
    let lastAt = -Infinity
    for (const [id, op] of this.held) {
      if (op.arrival > lastAt) {
        last = id
        lastAt = op.arrival
      }
    }
    return last
  }

  /**
   * The op `id`, which arrived as `arrival` and passed this pace, was refused after all (a
   * clustered room's log could not take it; resend after `retryAfterMs`): the member must send
   * it again before any op that arrived after it. The member resends from its earliest refused
   * op on, in order; a hold naming a later op would let that one through first.
   */
  refusedLater(id: string, arrival: number, retryAfterMs: number): void {
    this.hold(id, arrival, retryAfterMs)
  }

  /** Marks `id`, the op that arrived last, as refused for the rate. */
  refuse(id: string): void {
    this.hold(id, arrivals, this.chats.retryAfterMs())
  }

  /**
   * The op `id` is settled: in the room's timeline (another copy of it reached the log, or a
   * resend was answered as one already stamped), or refused for good. The member will not send
   * it again; the hold, if any, now waits for the next refused op.
   */
  settled(id: string): void {
    if (this.held.delete(id)) this.named()
  }

  /**
   * Why the op `id` is held back (how long to wait before resending), or null when it is not:
   * no hold, or `id` is the op that lifts it. No shorter limit than HOLD_MS is safe: an op the
   * member sent before it heard of a refusal can reach the hub well after it (a link that
   * stalled), and when the log refused, the member's bucket may have been full all along. An
   * op held back is one more refused op, told to wait as long as the op named was.
   */
  heldBackNow(id: string): { retryAfterMs: number } | null {
    if (this.refused !== null) this.named()
    const first = this.refused
    if (first === null) return null
    if (first === id) {
      this.held.clear()
      this.refused = null
      return null
    }
    const now = this.now()
    const retryAfterMs = Math.max(
      this.chats.retryAfterMs(),
      Math.ceil(this.held.get(first)!.retryAt - now),
    )
    this.hold(id, arrivals, retryAfterMs)
    return { retryAfterMs }
  }

  /**
   * The member's chat asks to notify the whole room (@room): milliseconds before it may (then
   * the chat goes without it), or 0, and it does so now.
   */
  mentionRoom(): number {
    const now = this.now()
    const wait = this.roomMentionWait(now)
    if (wait === 0) this.roomMentionAt = now
    return wait
  }

  /** Milliseconds before the member may notify the room again (0: now). */
  roomMentionWait(now: number): number {
    return Math.max(0, Math.ceil(this.roomMentionAt + this.roomMentionIntervalMs - now))
  }

  /** Both buckets full, no hold and no @room to remember: nothing a new Pace would not give it. */
  get full(): boolean {
    if (this.refused !== null) this.named()
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
export function laterRefusal(pace: () => Pace, id: string): (retryAfterMs: number) => void {
  const arrival = arrivals
  return (retryAfterMs) => pace().refusedLater(id, arrival, retryAfterMs)
}

/**
 * Why the member's pace holds back the op `id`, or null when it goes through (and takes its
 * token). `rateLimit`: chats per second, as the refusal says.
 */
export function paceRefusal(pace: Pace, id: string, rateLimit: number): Refusal | null {
  arrivals += 1
  const held = pace.heldBackNow(id)
  if (held) {
    return {
      code: ERROR_CODES.rateLimited,
      message: `too many messages; send ${pace.refused} again first (at most ${rateLimit} per second)`,
      retryAfterMs: held.retryAfterMs,
    }
  }
  if (pace.chats.take()) return null
  pace.refuse(id)
  return {
    code: ERROR_CODES.rateLimited,
    message: `too many messages; at most ${rateLimit} per second`,
    retryAfterMs: pace.chats.retryAfterMs(),
  }
}

/** An op refused while a hold stands (see Pace.held). */
interface Held {
  /** When it arrived (see `arrivals`): the earliest of its copies refused. */
  arrival: number
  /** When it was last refused (the pace's clock). */
  refusedAt: number
  /** Until when its sender was told to wait before resending (the pace's clock). */
  retryAt: number
}

/** What every member's pace is made of (the room's limits). */
export interface PaceLimits {
  /** Timeline ops per second (0: unlimited), and the burst on top. */
  rateLimit: number
  chatBurst: number
  typingPerSecond: number
  typingBurst: number
  roomMentionIntervalMs: number
}

/**
 * Every member's pace by client id, while present and for a while after (at most `cap`; a
 * pace `pinned` says is present is never forgotten while it still remembers something).
 */
export class MemberPaces {
  private readonly table: BucketTable<Pace>

  constructor(limits: PaceLimits, cap: number, pinned: (clientId: string) => boolean) {
    const { rateLimit, chatBurst, typingPerSecond, typingBurst, roomMentionIntervalMs } = limits
    this.table = new BucketTable(
      () =>
        new Pace(
          new TokenBucket(rateLimit, chatBurst),
          new TokenBucket(typingPerSecond, typingBurst),
          roomMentionIntervalMs,
        ),
      cap,
      pinned,
    )
  }

  /** The member's pace, a new one if it has none. */
  get(clientId: string): Pace {
    return this.table.get(clientId)
  }

  /** The member's op `id` is settled (see Pace.settled); a member without a pace holds none. */
  settled(clientId: string, id: string): void {
    this.table.peek(clientId)?.settled(id)
  }

  /**
   * What the room calls when the member's op `id`, which just passed its pace, is refused
   * after all (see laterRefusal), unless `settled` says it is in the timeline by then (a copy
   * refused after another copy was stamped holds nothing: it will not be sent again).
   */
  laterRefusal(
    clientId: string,
    id: string,
    settled: () => boolean,
  ): (retryAfterMs: number) => void {
    const later = laterRefusal(() => this.table.get(clientId), id)
    return (retryAfterMs) => {
      if (!settled()) later(retryAfterMs)
    }
  }

  /** Forgets the member's pace if it holds nothing a new one would not. */
  forgetIfFull(clientId: string): void {
    this.table.forgetIfFull(clientId)
  }
}
