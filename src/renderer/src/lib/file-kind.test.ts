import { describe, expect, it } from 'vitest'
import { extensionOf, fileKind } from './file-kind'

describe('fileKind', () => {
  it('reads the extension first, whatever its case', () => {
    expect(fileKind('report.PDF', 'application/octet-stream')).toBe('pdf')
    expect(fileKind('holiday.jpeg', '')).toBe('image')
    expect(fileKind('setup.exe', 'image/png')).toBe('executable')
    expect(fileKind('tool.AppImage', '')).toBe('executable')
  })

  it('falls back on the declared type, then on a plain file', () => {
    expect(fileKind('clip', 'video/mp4')).toBe('video')
    expect(fileKind('README', 'text/plain')).toBe('document')
    expect(fileKind('data.bin', 'application/octet-stream')).toBe('file')
  })

  it('takes the last extension only, and none from a leading dot', () => {
    expect(extensionOf('archive.tar.gz')).toBe('gz')
    expect(extensionOf('.bashrc')).toBe('')
    expect(extensionOf('name.')).toBe('')
  })
})
