import { describe, expect, it } from 'vitest'
import { pngOfSize as png } from '../../../test/support/file-http'
import { fileView, thumbDataUrl } from './file-view'

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
