import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/protocol'
import { pngOfSize as png } from '../../../../test/support/file-http'
import { thumbProblem } from './thumb'

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.concat([
    Buffer.from([0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(9),
  ])
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03])
  sof.writeUInt16BE(height, 5)
  sof.writeUInt16BE(width, 7)
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    app0,
    sof,
    Buffer.alloc(12),
    Buffer.from([0xff, 0xd9]),
  ])
}

const check = (bytes: Buffer): string | null => thumbProblem(bytes.toString('base64url'), LIMITS)

describe('thumbProblem', () => {
  it('takes small PNG and JPEG thumbnails', () => {
    expect(check(png(320, 240))).toBeNull()
    expect(check(jpeg(200, 320))).toBeNull()
  })

  it('refuses what the header says is too large, however small the bytes', () => {
    expect(check(png(321, 10))).toMatch(/320 pixels/)
    expect(check(png(8000, 6250))).toMatch(/320 pixels/)
    expect(check(jpeg(10, 5000))).toMatch(/320 pixels/)
  })

  it('refuses other formats, wrong magic, broken headers and too many bytes', () => {
    expect(check(Buffer.from('GIF89a\x01\x00\x01\x00'))).toMatch(/PNG, JPEG or WebP/)
    expect(check(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatch(/PNG, JPEG/)
    expect(check(png(10, 10).subarray(0, 12))).not.toBeNull()
    const big = Buffer.concat([png(10, 10), Buffer.alloc(LIMITS.maxThumbBytes)])
    expect(check(big)).toMatch(/at most 8192 bytes/)
    expect(thumbProblem('', LIMITS)).toMatch(/empty/)
  })
})
