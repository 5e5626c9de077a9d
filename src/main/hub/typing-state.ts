/** The typing bounds a TypingState follows (LIMITS). */
export interface TypingLimits {
  readonly typingThrottleMs: number
  readonly typingTimeoutMs: number
}

/**
 * One member connection's typing indicator as the hub relays it (docs/protocol.md, Typing):
 * `typing: true` is relayed at most every typingThrottleMs while it stays on, and ends by
 * itself typingTimeoutMs after the last one; `typing: false` is relayed when it was on. The
 * member's pace (how many `typing` messages count at all) is the room's.
 */
export class TypingState {
  /** Relayed as on, and not ended since. */
  active = false
  private lastRelay = 0
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly limits: TypingLimits,
    /** Tells the room (and the other hubs) the indicator is now on or off. */
    private readonly relay: (active: boolean) => void,
  ) {}

  /** The member's `typing` message. */
  typed(active: boolean): void {
    this.stopTimer()
    if (!active) {
      if (this.active) this.set(false)
      return
    }
    this.timer = setTimeout(() => {
      this.timer = null
      this.set(false)
    }, this.limits.typingTimeoutMs)
    const now = performance.now()
    if (!this.active || now - this.lastRelay >= this.limits.typingThrottleMs) {
      this.lastRelay = now
      this.set(true)
    }
  }

  /** A chat of the member ends it: receivers clear it on the chat itself, so nothing is told. */
  endedByChat(): void {
    if (!this.active) return
    this.active = false
    this.stopTimer()
  }

  /** The connection is gone or replaced: the indicator ends, and is told to end when it was on
   * and `tell` says so. */
  stop(tell: boolean): void {
    this.stopTimer()
    if (tell && this.active) this.set(false)
  }

  private set(active: boolean): void {
    this.active = active
    this.relay(active)
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
