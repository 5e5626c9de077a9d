import { describe, expect, it } from 'vitest'
import { paletteEmoji, QUICK_EMOJI, reactionLabel } from './reactions'

describe('reactions', () => {
  it('offers the fixed set, then the most used others', () => {
    const usage = new Map([
      ['👍', 40],
      ['🦀', 3],
      ['🍕', 9],
      ['🚀', 3],
    ])
    expect(paletteEmoji(usage, 2)).toEqual([...QUICK_EMOJI, '🍕', '🚀'])
    expect(paletteEmoji(new Map())).toEqual([...QUICK_EMOJI])
  })

  it('says who reacted', () => {
    expect(reactionLabel({ emoji: '👍', count: 3, names: ['Ada', 'Bob', 'Cy'] })).toBe(
      '👍 3: Ada, Bob, Cy',
    )
    expect(reactionLabel({ emoji: '👍', count: 25, names: ['Ada'] })).toBe('👍 25: Ada and 24 more')
  })
})
