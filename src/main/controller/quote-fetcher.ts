import type { ChatEvent } from '../../shared/protocol'

/** Originals fetched at once; the hub paces requests (a few a second), and quotes can wait. */
export const MAX_QUOTE_FETCHES = 2
/** Originals waiting to be fetched; beyond it the newest wants are dropped (asked again when
 * their replies are shown again). */
export const MAX_QUEUED_QUOTES = 200
/** Originals remembered as gone (or failed), so that they are not asked for again at once. */
const MAX_SETTLED = 1_000
/** A fetch that failed (rate, disconnect) may be tried again after this long. */
const RETRY_AFTER_MS = 30_000

/**
 * Fetches the originals of replies that are not loaded, one seq at a time: each at most once
 * (in flight, queued, or known gone), a few at once, the queue bounded. What is found goes to
 * the timeline (the connection's `fetchChat`), which tells the view.
 */
export class QuoteFetcher {
  private readonly queue = new Set<number>()
  private readonly inFlight = new Set<number>()
  /** Seqs found gone (Infinity) or failed (when they may be retried). */
  private readonly settled = new Map<number, number>()
  private stopped = false

  constructor(
    private readonly fetch: (seq: number) => Promise<ChatEvent | null>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the hub said it no longer keeps the chat at `seq`. */
  gone(seq: number): boolean {
    return this.settled.get(seq) === Infinity
  }

  want(seq: number): void {
    if (this.stopped || this.queue.has(seq) || this.inFlight.has(seq)) return
    const retryAt = this.settled.get(seq)
    if (retryAt !== undefined && this.now() < retryAt) return
    if (this.queue.size >= MAX_QUEUED_QUOTES) return
    this.queue.add(seq)
    this.pump()
  }

  stop(): void {
    this.stopped = true
    this.queue.clear()
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < MAX_QUOTE_FETCHES) {
      const seq = this.queue.values().next().value
      if (seq === undefined) return
      this.queue.delete(seq)
      this.inFlight.add(seq)
      this.fetch(seq).then(
        (chat) => this.done(seq, chat === null ? Infinity : null),
        () => this.done(seq, this.now() + RETRY_AFTER_MS),
      )
    }
  }

  private done(seq: number, settledUntil: number | null): void {
    this.inFlight.delete(seq)
    if (settledUntil !== null) {
      this.settled.delete(seq)
      this.settled.set(seq, settledUntil)
      if (this.settled.size > MAX_SETTLED) {
        this.settled.delete(this.settled.keys().next().value as number)
      }
    }
    this.pump()
  }
}
