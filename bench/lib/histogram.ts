/**
 * A log-scale latency histogram in microseconds: 32 buckets per doubling (about 2 % wide), from
 * 1 µs to 2^27 µs (134 s). Receivers fill one each and send the non-empty buckets to the parent,
 * which merges them; percentiles come out within a bucket's width.
 */
const PER_OCTAVE = 32
const BUCKETS = PER_OCTAVE * 27 + 2

export type SparseHistogram = Array<[bucket: number, count: number]>

export class Histogram {
  readonly counts = new Float64Array(BUCKETS)
  total = 0
  sumUs = 0
  maxUs = 0

  record(us: number): void {
    const index = us < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log2(us) * PER_OCTAVE) + 1)
    this.counts[index] = (this.counts[index] as number) + 1
    this.total += 1
    this.sumUs += us
    if (us > this.maxUs) this.maxUs = us
  }

  reset(): void {
    this.counts.fill(0)
    this.total = 0
    this.sumUs = 0
    this.maxUs = 0
  }

  toSparse(): SparseHistogram {
    const sparse: SparseHistogram = []
    this.counts.forEach((count, bucket) => {
      if (count > 0) sparse.push([bucket, count])
    })
    return sparse
  }

  add(sparse: SparseHistogram, sumUs: number, maxUs: number): void {
    for (const [bucket, count] of sparse) {
      this.counts[bucket] = (this.counts[bucket] as number) + count
      this.total += count
    }
    this.sumUs += sumUs
    if (maxUs > this.maxUs) this.maxUs = maxUs
  }

  /** The value (µs) below which a fraction `p` of the samples lie: the geometric middle of
   * the bucket holding that rank. NaN when empty. */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN
    const rank = Math.max(1, Math.ceil(p * this.total))
    let seen = 0
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket] as number
      if (seen >= rank) {
        if (bucket === 0) return 0.5
        return Math.min(this.maxUs, 2 ** ((bucket - 0.5) / PER_OCTAVE))
      }
    }
    return this.maxUs
  }

  get meanUs(): number {
    return this.total === 0 ? Number.NaN : this.sumUs / this.total
  }
}
