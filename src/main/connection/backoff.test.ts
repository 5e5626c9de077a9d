import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF, backoffDelay } from './backoff'

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap, within the upper half of each step', () => {
    const low = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, () => 0))
    const high = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, () => 1))
    expect(low).toEqual([150, 300, 600, 1200, 2400, 2500, 2500])
    expect(high).toEqual([300, 600, 1200, 2400, 4800, 5000, 5000])
    expect(backoffDelay(3, () => 0.5)).toBe(900)
  })

  it('never exceeds the cap, however many attempts, and tolerates odd inputs', () => {
    expect(backoffDelay(10_000, () => 0.999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxDelayMs)
    expect(backoffDelay(0, () => 1)).toBe(300)
    expect(backoffDelay(2, () => 7)).toBe(600)
    expect(backoffDelay(2, () => -1)).toBe(300)
    expect(backoffDelay(3, () => 1, { initialDelayMs: 100, maxDelayMs: 1000 })).toBe(400)
  })
})
