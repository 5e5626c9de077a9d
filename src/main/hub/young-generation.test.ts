import { getHeapSpaceStatistics } from 'node:v8'
import { describe, expect, it } from 'vitest'
import './young-generation'

const newSpaceBytes = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0

describe('young generation', () => {
  it('does not grow when much survives, as it would by default', () => {
    const before = newSpaceBytes()
    // Objects that survive scavenges, in bulk: what a burst of joining members leaves behind,
    // and what makes V8 double the young generation (up to 16× its start) without the flag.
    const kept: unknown[] = []
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 20_000; i++) kept.push({ round, i, text: `member ${i}` })
    }
    expect(kept).toHaveLength(2_000_000)
    expect(newSpaceBytes()).toBeLessThanOrEqual(before)
  })
})
