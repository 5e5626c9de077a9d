import { describe, expect, it } from 'vitest'
import { graphemeLength, utf8Length } from '../shared/protocol'
import { splitText } from './format'

describe('splitText', () => {
  it('keeps a line within the limits whole', () => {
    expect(splitText('hello', 5)).toEqual(['hello'])
    expect(splitText('👍🏽👍🏽', 2)).toEqual(['👍🏽👍🏽'])
  })

  it('splits by characters as the protocol counts them, never inside one', () => {
    // Each thumbs-up with a skin tone is one character of two code points (four UTF-16 units).
    const text = '👍🏽'.repeat(5)
    const pieces = splitText(text, 2)
    expect(pieces).toEqual(['👍🏽👍🏽', '👍🏽👍🏽', '👍🏽'])
    expect(pieces.join('')).toBe(text)
    const family = '👩‍👩‍👧'
    expect(splitText(`a${family}b`, 1)).toEqual(['a', family, 'b'])
    expect(splitText('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301'])
  })

  it('keeps each piece within the byte bound too', () => {
    const text = '😀'.repeat(10) // 4 bytes each
    const pieces = splitText(text, 100, 12)
    expect(pieces).toEqual(['😀😀😀', '😀😀😀', '😀😀😀', '😀'])
    for (const piece of pieces) {
      expect(utf8Length(piece)).toBeLessThanOrEqual(12)
      expect(graphemeLength(piece)).toBeLessThanOrEqual(100)
    }
  })

  it('gives a character larger than the byte bound a piece of its own rather than looping', () => {
    const zalgo = `a${'\u0301'.repeat(20)}`
    expect(splitText(`${zalgo}b`, 10, 8)).toEqual([zalgo, 'b'])
  })
})
