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
 * Where a clustered room's read positions meet the other hubs' (src/main/cluster/reads.ts):
 * this hub's members' positions go out, the other hubs' (and those the cluster kept) come in.
 */
export interface SharedReads {
  /** Positions this hub's own members set, in the batch just relayed (most recent first). */
  publish(positions: readonly ReadPosition[]): void
  /** From now on, hands every position heard from the cluster to `merge`. */
  attach(merge: (positions: readonly ReadPosition[]) => void): void
}

/** A position heard from another hub may be ahead of this hub's copy of the room (it has not
 * read that far in the stream yet): kept aside this long at most, until the room gets there. */
export const AHEAD_MAX_MS = 30_000

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
  /** Positions of this hub's own members changed since the last batch (clustered rooms). */
  private readonly ownChanged = new Map<string, number>()
  /** Positions from the cluster beyond this hub's last seq: seq and when heard. */
  private readonly ahead = new Map<string, { seq: number; at: number }>()
  private shared: { reads: SharedReads; lastSeq: () => number } | null = null
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
      this.set(clientId, seq, true)
    }
    this.schedule()
  }

  /**
   * Shares the positions with the other hubs of a clustered room: this hub's members' go out
   * with each batch, and the cluster's come in (only forward, as a member's own would).
   */
  share(reads: SharedReads, lastSeq: () => number): void {
    this.shared = { reads, lastSeq }
    reads.attach((positions) => this.merge(positions))
  }

  /** Positions from the cluster (validated there); relayed to this hub's members in the next
   * batch, never sent back out. */
  private merge(positions: readonly ReadPosition[]): void {
    if (this.stopped || !this.shared) return
    const lastSeq = this.shared.lastSeq()
    const now = performance.now()
    for (const { clientId, seq } of positions) {
      if (seq <= lastSeq) {
        this.set(clientId, seq, false)
        continue
      }
      if (seq <= (this.ahead.get(clientId)?.seq ?? 0)) continue
      this.ahead.delete(clientId)
      this.ahead.set(clientId, { seq, at: now })
      if (this.ahead.size > this.options.limits.maxReadPositions) {
        this.ahead.delete(this.ahead.keys().next().value as string)
      }
    }
    this.schedule()
  }

  /** No more batches (the room is closing); the positions are saved one last time. */
  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const [clientId, seq] of this.deferred) this.set(clientId, seq, true)
    this.deferred.clear()
    this.publishOwn()
    this.options.save(this.all)
  }

  private set(clientId: string, seq: number, own: boolean): void {
    if (seq <= (this.positions.get(clientId) ?? 0)) return
    // A newer position from another hub is that hub's to publish.
    this.ownChanged.delete(clientId)
    if (own && this.shared) this.ownChanged.set(clientId, seq)
    this.allBytes = null
    this.positions.delete(clientId)
    this.positions.set(clientId, seq)
    if (this.positions.size > this.options.limits.maxReadPositions) {
      const oldest = this.positions.keys().next().value as string
      this.positions.delete(oldest)
      this.changed.delete(oldest)
      this.ownChanged.delete(oldest)
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
    for (const [clientId, seq] of this.deferred) this.set(clientId, seq, true)
    this.deferred.clear()
    this.settleAhead()
    this.publishOwn()
    if (this.changed.size > 0) {
      this.lastBatch = performance.now()
      const positions = [...this.changed]
        .reverse()
        .slice(0, this.options.limits.maxReadPositions)
        .map(([clientId, seq]) => ({ clientId, seq }))
      this.changed.clear()
      this.options.relay({ type: 'reads', positions })
      this.options.save(this.all)
    }
    // Positions ahead of the room are looked at again one interval later.
    if (this.ahead.size > 0 && !this.stopped) {
      this.timer = setTimeout(() => this.batch(), this.options.limits.readRelayMs)
      this.timer.unref()
    }
  }

  /** Positions the room has now reached are set; those kept aside too long are dropped (no
   * hub's member read that far: the room never got there); the rest wait for the next batch. */
  private settleAhead(): void {
    if (!this.shared || this.ahead.size === 0) return
    const lastSeq = this.shared.lastSeq()
    const oldest = performance.now() - AHEAD_MAX_MS
    for (const [clientId, { seq, at }] of this.ahead) {
      if (seq <= lastSeq) this.set(clientId, seq, false)
      if (seq <= lastSeq || at < oldest) this.ahead.delete(clientId)
    }
  }

  /** This hub's members' new positions, to the other hubs. */
  private publishOwn(): void {
    if (!this.shared || this.ownChanged.size === 0) return
    const positions = [...this.ownChanged].reverse().map(([clientId, seq]) => ({ clientId, seq }))
    this.ownChanged.clear()
    this.shared.reads.publish(positions)
  }
}
