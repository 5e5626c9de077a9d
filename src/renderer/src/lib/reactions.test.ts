import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { countUse, paletteEmoji, parseUsage, QUICK_EMOJI, reactionLabel } from './reactions'

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

  it('counts uses, forgets the least used past the bound, and reads storage carefully', () => {
    let counts = countUse(new Map(), '🦀', 2)
    counts = countUse(counts, '🦀', 2)
    counts = countUse(counts, '🍕', 2)
    counts = countUse(counts, '🚀', 2)
    expect([...counts]).toEqual([
      ['🦀', 2],
      ['🚀', 1],
    ])
    expect([...parseUsage(JSON.stringify([...counts]))]).toEqual([...counts])
    expect(parseUsage('{oops').size).toBe(0)
    expect(parseUsage('{"a":1}').size).toBe(0)
    expect([...parseUsage('[["x",1],[2,3],["y",1.5],["' + 'z'.repeat(40) + '",1]]')]).toEqual([
      ['x', 1],
    ])
  })
})

describe('reactionLabel in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('says who reacted in the current language', () => {
    setLanguage('de')
    expect(reactionLabel({ emoji: '👍', count: 25, names: ['Ada'] })).toBe(
      '👍 25: Ada und 24 weitere',
    )
    setLanguage('ja')
    expect(reactionLabel({ emoji: '👍', count: 3, names: ['Ada', 'Bob'] })).toBe(
      '👍 3：Ada、Bob、ほか1人',
    )
  })
})
