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

  /** Milliseconds before the member may notify the room again (0: now). */
  roomMentionWait(now: number): number {
    return Math.max(0, Math.ceil(this.roomMentionAt + this.roomMentionIntervalMs - now))
  }

  /** Both buckets full and no @room to remember: nothing a new Pace would not give it. */
  get full(): boolean {
    return this.chats.full && this.typing.full && this.roomMentionWait(performance.now()) === 0
  }
}
