import type { ReadPosition, ReadsMessage } from '../../shared/protocol'
import { BucketTable, TokenBucket } from './token-bucket'

export interface ReadRelayOptions {
  limits: {
    readsPerSecond: number
    readBurst: number
    readRelayMs: number
    maxReadPositions: number
  }
  /** Positions known from before (the store's reads.json), most recently updated first. */
  loaded: readonly ReadPosition[]
  /** Client ids whose read pace is remembered at most. */
  maxPaces: number
  /** Sends one `reads` batch to everyone. */
  relay(message: ReadsMessage): void
  /** Keeps every known position (the store throttles the writes). */
  save(positions: readonly ReadPosition[]): void
}

/**
 * Read positions: the last seq each member has read. A member only ever sets its own (the
 * room passes the proven client id), only forward, and no further than the room has come.
 * Reports are paced per member (readsPerSecond / readBurst): one beyond the pace is kept aside
 * and counted at the next batch, so the latest position is never lost. Changes are relayed to
 * the room in coalesced batches, at most one per readRelayMs. At most maxReadPositions are
 * remembered; the least recently updated go first.
 */
export class ReadRelay {
  /** clientId → seq, least recently updated first. */
  private readonly positions = new Map<string, number>()
  /** Positions changed since the last batch. */
  private readonly changed = new Map<string, number>()
  /** Reports beyond a member's pace, counted at the next batch. */
  private readonly deferred = new Map<string, number>()
  private readonly paces: BucketTable<TokenBucket>
  /** `all` as JSON, made once per change and shared by every welcome until the next. */
  private allBytes: Buffer | null = null
  private timer: NodeJS.Timeout | null = null
  private lastBatch = -Infinity
  private stopped = false

  constructor(private readonly options: ReadRelayOptions) {
    const { readsPerSecond, readBurst, maxReadPositions } = options.limits
    this.paces = new BucketTable(() => new TokenBucket(readsPerSecond, readBurst), options.maxPaces)
    // Loaded most recent first: set the oldest first so that the map's order is by update.
    for (const { clientId, seq } of options.loaded.slice(0, maxReadPositions).reverse()) {
      this.positions.set(clientId, seq)
    }
  }

  /** Every known position, most recently updated first (what a welcome carries). */
  get all(): ReadPosition[] {
    return [...this.positions].reverse().map(([clientId, seq]) => ({ clientId, seq }))
  }

  /** `all` as the bytes of a JSON array, shared until a position changes. */
  get allJson(): Buffer {
    this.allBytes ??= Buffer.from(JSON.stringify(this.all))
    return this.allBytes
  }

  /** A member's report that it has read up to `seq`, the room being at `lastSeq`. */
  report(clientId: string, seq: number, lastSeq: number): void {
    if (this.stopped || seq > lastSeq) return
    if (seq <= (this.positions.get(clientId) ?? 0)) return
    if (!this.paces.get(clientId).take()) {
      this.deferred.set(clientId, Math.max(seq, this.deferred.get(clientId) ?? 0))
    } else {
      this.set(clientId, seq)
    }
    this.schedule()
  }

  /** No more batches (the room is closing); the positions are saved one last time. */
  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const [clientId, seq] of this.deferred) this.set(clientId, seq)
    this.deferred.clear()
    this.options.save(this.all)
  }

  private set(clientId: string, seq: number): void {
    if (seq <= (this.positions.get(clientId) ?? 0)) return
    this.allBytes = null
    this.positions.delete(clientId)
    this.positions.set(clientId, seq)
    if (this.positions.size > this.options.limits.maxReadPositions) {
      const oldest = this.positions.keys().next().value as string
      this.positions.delete(oldest)
      this.changed.delete(oldest)
    }
    this.changed.delete(clientId)
    this.changed.set(clientId, seq)
  }

  private schedule(): void {
    if (this.timer) return
    const wait = Math.max(0, this.lastBatch + this.options.limits.readRelayMs - performance.now())
    this.timer = setTimeout(() => this.batch(), wait)
    this.timer.unref()
  }

  private batch(): void {
    this.timer = null
    for (const [clientId, seq] of this.deferred) this.set(clientId, seq)
    this.deferred.clear()
    if (this.changed.size === 0) return
    this.lastBatch = performance.now()
    const positions = [...this.changed]
      .reverse()
      .slice(0, this.options.limits.maxReadPositions)
      .map(([clientId, seq]) => ({ clientId, seq }))
    this.changed.clear()
    this.options.relay({ type: 'reads', positions })
    this.options.save(this.all)
  }
}
