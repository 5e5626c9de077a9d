import { describe, expect, it } from 'vitest'
import { TokenBucket } from './token-bucket'

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
})
