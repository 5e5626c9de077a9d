import { describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import {
  carriesFiles,
  filesOf,
  namePasted,
  pastedFiles,
  pastedName,
  type FileCarrier,
} from './dropped-files'

function file(name: string, type = 'application/octet-stream'): File {
  return new File(['bytes'], name, { type })
}

function item(value: File, directory = false): NonNullable<FileCarrier['items']>[number] {
  return {
    kind: 'file',
    getAsFile: () => value,
    webkitGetAsEntry: () => ({ isDirectory: directory }),
  }
}

describe('carriesFiles', () => {
  it('is true only for drags that carry files', () => {
    expect(carriesFiles({ types: ['Files'] })).toBe(true)
    expect(carriesFiles({ types: ['text/plain', 'text/html'] })).toBe(false)
    expect(carriesFiles(null)).toBe(false)
  })
})

describe('filesOf', () => {
  it('takes every dropped file, and counts folders apart', () => {
    const a = file('a.pdf')
    const b = file('b.png', 'image/png')
    const picked = filesOf({
      types: ['Files'],
      files: [a, b],
      items: [item(a), item(file('photos'), true), item(b)],
    })
    expect(picked.files.map((f) => f.name)).toEqual(['a.pdf', 'b.png'])
    expect(picked.folders).toBe(1)
  })

  it('ignores text in a paste, and reads .files when there are no items', () => {
    const image = file('image.png', 'image/png')
    const text = { kind: 'string', getAsFile: () => null }
    expect(filesOf({ types: ['text/plain'], files: [], items: [text] }).files).toEqual([])
    expect(filesOf({ types: ['Files'], files: [image] }).files).toEqual([image])
    expect(filesOf(null)).toEqual({ files: [], folders: 0 })
  })
})

describe('pastedFiles', () => {
  it('takes a copied image, but not the picture that comes with copied text', () => {
    const image = file('image.png', 'image/png')
    expect(pastedFiles({ types: ['Files'], files: [image] }).files).toEqual([image])
    expect(pastedFiles({ types: ['text/html', 'Files'], files: [image] }).files).toEqual([image])
    expect(pastedFiles({ types: ['text/plain', 'Files'], files: [image] }).files).toEqual([])
    expect(pastedFiles(undefined).files).toEqual([])
  })
})

describe('pasted images', () => {
  const now = new Date(2026, 11, 5, 14, 3, 7)

  it('are named by the time they were pasted', () => {
    expect(pastedName('image/png', now)).toBe('Pasted image 2026-12-05 14.03.07.png')
    expect(pastedName('image/jpeg', now)).toBe('Pasted image 2026-12-05 14.03.07.jpg')
  })

  it('are named in the sender’s language, the date kept sortable', () => {
    try {
      setLanguage('ja')
      expect(pastedName('image/png', now)).toBe('貼り付けた画像 2026-12-05 14.03.07.png')
    } finally {
      setLanguage('en')
    }
  })

  it('are numbered when several come at once; other files keep their names', () => {
    const named = namePasted(
      [file('image.png', 'image/png'), file('image.png', 'image/png'), file('notes.txt')],
      now.getTime(),
    )
    expect(named.map((f) => f.name)).toEqual([
      'Pasted image 2026-12-05 14.03.07 (1).png',
      'Pasted image 2026-12-05 14.03.07 (2).png',
      'notes.txt',
    ])
    expect(named[0]?.type).toBe('image/png')
  })
})
