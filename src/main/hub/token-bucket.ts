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

/**
 * Buckets by key (an address, a client id), at most `cap` of them. A full bucket remembers
 * nothing (it is what a new one would be), so when room is needed the full ones go first; then
 * the oldest whose key `pinned` does not hold on to.
 */
export class BucketTable<B extends { readonly full: boolean }> {
  private readonly buckets = new Map<string, B>()

  constructor(
    private readonly make: () => B,
    private readonly cap: number,
    private readonly pinned: (key: string) => boolean = () => false,
  ) {}

  get size(): number {
    return this.buckets.size
  }

  /** The bucket of `key`, a new one if it has none. */
  get(key: string): B {
    let bucket = this.buckets.get(key)
    if (bucket) return bucket
    if (this.buckets.size >= this.cap) this.makeRoom()
    bucket = this.make()
    this.buckets.set(key, bucket)
    return bucket
  }

  /** The bucket of `key`, if it has one (none is made). */
  peek(key: string): B | undefined {
    return this.buckets.get(key)
  }

  /** Forgets the bucket of `key` if it is full: nothing is lost. */
  forgetIfFull(key: string): void {
    if (this.buckets.get(key)?.full) this.buckets.delete(key)
  }

  private makeRoom(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key)
    if (this.buckets.size < this.cap) return
    // Still full of buckets that all remember something: forget the oldest that may go.
    for (const key of this.buckets.keys()) {
      if (!this.pinned(key)) {
        this.buckets.delete(key)
        return
      }
    }
  }
}
