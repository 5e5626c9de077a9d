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

  /**
   * Takes a token for op `id`: null when it may go, or the sentence of its `rate_limited`
   * refusal (at most `rateLimit` per second). A member that never sends a refused op again is
   * held back only until its bucket is full: by then nothing it sent before the refusal can
   * still be on its way.
   */
  admit(id: string, rateLimit: number): string | null {
    if (this.refused !== null && (this.refused === id || this.chats.full)) this.refused = null
    const held = this.refused !== null
    if (!held && this.chats.take()) return null
    if (!held) this.refused = id
    return held
      ? `too many messages; send ${this.refused} again first (at most ${rateLimit} per second)`
      : `too many messages; at most ${rateLimit} per second`
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
