import { describe, expect, it } from 'vitest'
import { BucketTable, TokenBucket } from './token-bucket'

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0
    const bucket = new TokenBucket(10, 3, () => now)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(bucket.retryAfterMs()).toBe(100)
    now = 50
    expect(bucket.take()).toBe(false)
    now = 100
    expect(bucket.take()).toBe(true)
    now = 10_000
    expect(bucket.retryAfterMs()).toBe(0)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ])
  })

  it('never limits at rate 0', () => {
    const bucket = new TokenBucket(0, 1, () => 0)
    for (let i = 0; i < 1000; i++) expect(bucket.take()).toBe(true)
    expect(bucket.retryAfterMs()).toBe(0)
  })

  it('forgets nothing a bucket remembers until it is full again', () => {
    let now = 0
    const bucket = new TokenBucket(2, 2, () => now)
    bucket.take()
    expect(bucket.full).toBe(false)
    now = 499
    expect(bucket.full).toBe(false)
    now = 500
    expect(bucket.full).toBe(true)
  })
})

describe('BucketTable', () => {
  function table(cap: number, pinned?: (key: string) => boolean) {
    let now = 0
    const buckets = new BucketTable(() => new TokenBucket(1, 1, () => now), cap, pinned)
    return { buckets, tick: (ms: number) => (now += ms) }
  }

  it('keeps one bucket per key', () => {
    const { buckets } = table(10)
    buckets.get('a').take()
    expect(buckets.get('a').take()).toBe(false)
    expect(buckets.get('b').take()).toBe(true)
    expect(buckets.size).toBe(2)
  })

  it('makes room by forgetting full buckets first, then the oldest', () => {
    const { buckets, tick } = table(3)
    for (const key of ['a', 'b', 'c']) buckets.get(key).take()
    tick(1_000)
    buckets.get('c').take()
    // a and b are full again: both go, c (empty) stays.
    buckets.get('d').take()
    expect(buckets.size).toBe(2)
    expect(buckets.get('c').take()).toBe(false)
    buckets.get('e').take()
    // None full: the oldest (c) goes.
    buckets.get('f')
    expect(buckets.size).toBe(3)
    expect(buckets.get('d').take()).toBe(false)
    expect(buckets.get('c').take()).toBe(true)
  })

  it('never forgets a pinned bucket that remembers something, and stays within its cap', () => {
    const { buckets } = table(2, (key) => key === 'member')
    buckets.get('member').take()
    for (let i = 0; i < 100; i++) buckets.get(`guest${i}`).take()
    expect(buckets.size).toBe(2)
    expect(buckets.get('member').take()).toBe(false)
  })

  it('forgets a bucket on request only when it is full', () => {
    const { buckets, tick } = table(10)
    buckets.get('a').take()
    buckets.forgetIfFull('a')
    expect(buckets.size).toBe(1)
    tick(1_000)
    buckets.forgetIfFull('a')
    expect(buckets.size).toBe(0)
  })
})
