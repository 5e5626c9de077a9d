import { describe, expect, it } from 'vitest'
import { MAX_HELD_BYTES, MemoryBudget } from './memory-budget'

describe('MemoryBudget', () => {
  it('takes what fits, refuses what does not (taking nothing), and gives back', () => {
    const budget = new MemoryBudget(100)
    expect(budget.reserve(60)).toBe(true)
    expect(budget.reserve(41)).toBe(false)
    expect(budget.used).toBe(60)
    expect(budget.reserve(40)).toBe(true)
    budget.release(60)
    expect(budget.used).toBe(40)
    budget.release(1000)
    expect(budget.used).toBe(0)
  })

  it('refuses sizes that are not byte counts', () => {
    const budget = new MemoryBudget(100)
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(budget.reserve(bad)).toBe(false)
    }
    expect(budget.used).toBe(0)
  })

  it('holds 512 MiB of downloads by default', () => {
    expect(new MemoryBudget().limit).toBe(MAX_HELD_BYTES)
    expect(MAX_HELD_BYTES).toBe(512 * 1024 * 1024)
  })
})
