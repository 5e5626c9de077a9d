import { describe, expect, it } from 'vitest'
import { contrastRatio, parseHex, relativeLuminance } from './contrast'

describe('contrast', () => {
  it('parses short and long hex, and refuses what is not opaque hex', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255])
    expect(parseHex('#0E7C72')).toEqual([14, 124, 114])
    expect(parseHex('#0e7c7280')).toBeNull()
    expect(parseHex('rgb(0 0 0)')).toBeNull()
    expect(parseHex('#ggg')).toBeNull()
    expect(() => contrastRatio('teal', '#fff')).toThrow(/not an opaque hex colour: teal/)
  })

  it('gives the WCAG figures: 21 for black on white, 1 for a colour on itself', () => {
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 6)
    expect(relativeLuminance([0, 0, 0])).toBe(0)
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6)
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 6)
    expect(contrastRatio('#5d6470', '#5d6470')).toBe(1)
    // Values measured in the issue (#14) for the old secondary text.
    expect(contrastRatio('#8a919c', '#ffffff')).toBeCloseTo(3.18, 2)
    expect(contrastRatio('#8a919c', '#f6f7f9')).toBeCloseTo(2.96, 2)
    expect(contrastRatio('#7d8591', '#1e2025')).toBeCloseTo(4.37, 2)
  })
})
