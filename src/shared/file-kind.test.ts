import { describe, expect, it } from 'vitest'
import { EXECUTABLE_EXTENSIONS, extensionOf, fileKind, isExecutableName } from './file-kind'

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
    expect(fileKind('data.dat', 'application/octet-stream')).toBe('file')
  })

  it('takes the last extension only, and none from a leading dot', () => {
    expect(extensionOf('archive.tar.gz')).toBe('gz')
    expect(extensionOf('.bashrc')).toBe('')
    expect(extensionOf('name.')).toBe('')
  })
})

describe('one list of programs', () => {
  it('shows every name that warns before opening with the program icon, and no other', () => {
    for (const extension of EXECUTABLE_EXTENSIONS) {
      const name = `thing.${extension.toUpperCase()}`
      expect(isExecutableName(name), name).toBe(true)
      expect(fileKind(name, 'text/plain'), name).toBe('executable')
    }
    // Disk images, shell shortcuts and macro documents run code too (Windows mounts an image,
    // and what is inside it has lost the download's mark).
    for (const name of ['setup.iso', 'x.library-ms', 'a.settingcontent-ms', 'sheet.xlsm']) {
      expect(isExecutableName(name), name).toBe(true)
    }
    for (const name of ['notes.txt', 'photo.png', 'code.ts', 'archive.zip', 'README']) {
      expect(isExecutableName(name), name).toBe(false)
      expect(fileKind(name, ''), name).not.toBe('executable')
    }
  })

  it('is not fooled by trailing dots and spaces, a bare extension, or a double one', () => {
    expect(isExecutableName('setup.exe.')).toBe(true)
    expect(isExecutableName('setup.exe . ')).toBe(true)
    expect(isExecutableName('.exe')).toBe(true)
    expect(isExecutableName('invoice.pdf.exe')).toBe(true)
    expect(isExecutableName('exe.pdf')).toBe(false)
    expect(isExecutableName('.bashrc')).toBe(false)
    expect(fileKind('setup.exe.', '')).toBe('executable')
  })
})
