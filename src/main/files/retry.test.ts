import { describe, expect, it } from 'vitest'
import { giveUpWindowMs, retryPolicy } from './retry'

describe('giveUpWindowMs', () => {
  it('adds up every delay of a transfer before it gives up, each at its longest', () => {
    // 0.5 + 1 + 2 + 4 + 8 s, then 10 s (the cap) for the other 7 of 12 attempts.
    expect(giveUpWindowMs()).toBe(85_500)
    expect(
      giveUpWindowMs(
        retryPolicy({ maxFailures: 3, backoff: { initialDelayMs: 100, maxDelayMs: 250 } }),
      ),
    ).toBe(100 + 200 + 250)
  })
})
