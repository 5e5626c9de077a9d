import { describe, expect, it } from 'vitest'
import { caseVariants } from './case-variants'
import { fold } from './history-search'

describe('caseVariants', () => {
  it('lists exactly the characters that lower to each character', () => {
    const lowersTo = new Map<string, Set<string>>()
    for (let point = 0; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue
      const character = String.fromCodePoint(point)
      const folded = fold(character)
      if ([...folded].length !== 1) continue
      const set = lowersTo.get(folded) ?? new Set([folded])
      set.add(character)
      lowersTo.set(folded, set)
    }
    const wrong: string[] = []
    for (const [folded, set] of lowersTo) {
      const variants = caseVariants(folded, fold)
      if (variants.length !== set.size || variants.some((v) => !set.has(v))) wrong.push(folded)
    }
    expect(wrong).toEqual([])
    // The one character whose lower case is longer, which the search treats apart.
    expect(fold('\u0130')).toBe('i\u0307')
  })
})
