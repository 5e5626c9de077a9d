/**
 * A token bucket: `ratePerSecond` tokens flow in per second up to `burst`; each action takes one.
 * A rate of 0 means unlimited (the hub's `--rate-limit 0`, for benchmarks).
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    readonly size: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = size
    this.last = now()
  }

  /** Takes a token if there is one. */
  take(): boolean {
    if (this.ratePerSecond <= 0) return true
    this.refill()
    if (this.tokens >= 1) {
      this.tokens -= 1
      return true
    }
    return false
  }

  /** Returns a token taken by an action that turned out not to count. */
  giveBack(): void {
    this.tokens = Math.min(this.size, this.tokens + 1)
  }

  /** Whether the bucket is full (it remembers nothing). */
  get full(): boolean {
    this.refill()
    return this.tokens >= this.size
  }

  /** Milliseconds until the next token is available (0 when one is). */
  retryAfterMs(): number {
    if (this.ratePerSecond <= 0) return 0
    this.refill()
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)
  }

  private refill(): void {
    const now = this.now()
    this.tokens = Math.min(this.size, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond)
    this.last = now
  }
}
