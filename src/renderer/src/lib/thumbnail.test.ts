import { describe, expect, it } from 'vitest'
import { encodeWithin, fitWithin } from './thumbnail'

describe('fitWithin', () => {
  it('scales the longest side down to the bound, keeping the shape', () => {
    expect(fitWithin(4000, 3000, 320)).toEqual({ width: 320, height: 240 })
    expect(fitWithin(1000, 4000, 320)).toEqual({ width: 80, height: 320 })
  })

  it('never scales up, and never reaches zero', () => {
    expect(fitWithin(100, 50, 320)).toEqual({ width: 100, height: 50 })
    expect(fitWithin(100_000, 1, 320)).toEqual({ width: 320, height: 1 })
  })
})

describe('encodeWithin', () => {
  /** A stand-in encoder whose output grows with the side and the quality. */
  function fakeEncoder(bytesPerPixel: number): {
    encode: (side: number, quality: number) => Promise<Uint8Array<ArrayBuffer>>
    tried: Array<[number, number]>
  } {
    const tried: Array<[number, number]> = []
    return {
      tried,
      encode: (side, quality) => {
        tried.push([side, quality])
        return Promise.resolve(new Uint8Array(Math.round(side * side * quality * bytesPerPixel)))
      },
    }
  }

  it('takes the largest side and best quality that fit', async () => {
    const { encode, tried } = fakeEncoder(0.05)
    const bytes = await encodeWithin(encode, 320, 8192)
    expect(bytes?.byteLength).toBeLessThanOrEqual(8192)
    expect(tried[0]).toEqual([320, 0.82])
    // 320² × 0.82 × 0.05 ≈ 4198 bytes: the first try fits.
    expect(tried).toHaveLength(1)
  })

  it('lowers the quality, then the size, until it fits', async () => {
    const { encode, tried } = fakeEncoder(1)
    const bytes = await encodeWithin(encode, 320, 8192)
    expect(bytes).not.toBeNull()
    expect(bytes?.byteLength).toBeLessThanOrEqual(8192)
    const [side, quality] = tried.at(-1) ?? [0, 0]
    expect(side).toBeLessThan(320)
    // Every try before the last was too large.
    expect(tried.length).toBeGreaterThan(4)
    expect(side * side * quality).toBeLessThanOrEqual(8192)
  })

  it('never tries a side over the bound', async () => {
    const { encode, tried } = fakeEncoder(1)
    await encodeWithin(encode, 100, 8192)
    expect(Math.max(...tried.map(([side]) => side))).toBeLessThanOrEqual(100)
  })

  it('gives up when nothing fits, or the encoder cannot', async () => {
    const { encode } = fakeEncoder(1_000)
    expect(await encodeWithin(encode, 320, 8192)).toBeNull()
    expect(await encodeWithin(() => Promise.resolve(null), 320, 8192)).toBeNull()
  })
})
