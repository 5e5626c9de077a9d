import { describe, expect, it } from 'vitest'
import { badgeDescription, badgeDotBitmap } from './badge-dot'

describe('badgeDotBitmap', () => {
  it('is a red dot: opaque in the middle, transparent in the corners (BGRA)', () => {
    const size = 16
    const pixels = badgeDotBitmap(size)
    expect(pixels).toHaveLength(size * size * 4)
    const pixel = (x: number, y: number) => [
      ...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4),
    ]
    expect(pixel(8, 8)).toEqual([0x25, 0x30, 0xd9, 255])
    expect(pixel(0, 0)).toEqual([0, 0, 0, 0])
    expect(pixel(15, 15)).toEqual([0, 0, 0, 0])
    // The edge is smoothed: partly transparent, premultiplied (no channel above alpha).
    const [b, g, r, a] = pixel(8, 0)
    expect(a).toBeGreaterThan(0)
    expect(a).toBeLessThan(255)
    expect(Math.max(b ?? 0, g ?? 0, r ?? 0)).toBeLessThanOrEqual(a ?? 0)
  })

  it('refuses sizes no icon has', () => {
    expect(() => badgeDotBitmap(0)).toThrow(RangeError)
    expect(() => badgeDotBitmap(1.5)).toThrow(RangeError)
    expect(() => badgeDotBitmap(10_000)).toThrow(RangeError)
  })
})

describe('badgeDescription', () => {
  it('says the count', () => {
    expect(badgeDescription(1)).toBe('1 unread message')
    expect(badgeDescription(7)).toBe('7 unread messages')
  })
})
