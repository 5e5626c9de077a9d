import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { fileView, thumbDataUrl } from './file-view'

/** A PNG header (signature + IHDR) claiming `width` x `height`, plus an empty IDAT and IEND. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.byteLength)
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(0))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const FILE = { id: 'f1', name: 'cat.png', size: 10, type: 'image/png', sha256: 'ab'.repeat(32) }

describe('file view', () => {
  it('turns a small PNG thumbnail into a data URL', () => {
    const thumb = png(64, 48).toString('base64url')
    expect(thumbDataUrl(thumb)).toBe(`data:image/png;base64,${png(64, 48).toString('base64')}`)
    const view = fileView({ ...FILE, thumb })
    expect(view).toMatchObject({ inlineImage: true, executable: false, expired: false })
  })

  it('drops a thumbnail whose header says it is huge (a PNG bomb), or that is not an image', () => {
    expect(thumbDataUrl(png(7071, 7071).toString('base64url'))).toBeNull()
    expect(thumbDataUrl(png(321, 10).toString('base64url'))).toBeNull()
    expect(thumbDataUrl(Buffer.from('<svg/>').toString('base64url'))).toBeNull()
    expect(thumbDataUrl('not base64!')).toBeNull()
    const view = fileView({ ...FILE, thumb: png(7071, 7071).toString('base64url') })
    expect(view.thumb).toBeUndefined()
    expect(view.inlineImage).toBe(false)
  })

  it('shows SVG as a plain file and flags executables and expired files', () => {
    const svg = fileView({
      ...FILE,
      type: 'image/svg+xml',
      thumb: png(10, 10).toString('base64url'),
    })
    expect(svg.inlineImage).toBe(false)
    expect(fileView({ ...FILE, name: 'setup.EXE' }).executable).toBe(true)
    expect(fileView({ ...FILE, expired: true }).expired).toBe(true)
  })
})
