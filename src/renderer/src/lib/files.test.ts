import { afterEach, describe, expect, it } from 'vitest'
import { formatFileSize as cliFileSize } from '../../../shared/file-size'
import {
  captionOf,
  formatFileSize,
  latestDownloads,
  fraction,
  imageBox,
  isActive,
  progressText,
  refusal,
  uploadsByChat,
  type Transfer,
} from './files'
import { setLanguage } from './i18n'

const transfer = (over: Partial<Transfer>): Transfer => ({
  id: 't1',
  direction: 'down',
  seq: 4,
  name: 'report.pdf',
  size: 4 * 1024 * 1024,
  done: 1024 * 1024,
  state: 'downloading',
  error: null,
  path: null,
  ...over,
})

describe('transfers', () => {
  it('say how far they are', () => {
    expect(fraction(transfer({}))).toBe(0.25)
    expect(fraction(transfer({ size: 0, done: 0 }))).toBe(1)
    expect(fraction(transfer({ done: 9e9 }))).toBe(1)
    expect(progressText(transfer({}))).toBe('1.0 MB of 4.0 MB')
    expect(progressText(transfer({ state: 'verifying' }))).toBe('Verifying…')
    // An upload's last bytes are sent: the room checks the file before it answers.
    const up = { direction: 'up' as const, state: 'uploading' as const }
    expect(progressText(transfer({ ...up }))).toBe('1.0 MB of 4.0 MB')
    expect(progressText(transfer({ ...up, done: 4 * 1024 * 1024 }))).toBe(
      'The room is checking the file…',
    )
  })

  it('may be cancelled only while they move', () => {
    expect(isActive(transfer({}))).toBe(true)
    expect(isActive(transfer({ state: 'paused' }))).toBe(true)
    expect(isActive(transfer({ state: 'done' }))).toBe(false)
    expect(isActive(transfer({ state: 'failed' }))).toBe(false)
  })
})

describe('latestDownloads', () => {
  it('keeps the newest download of each file, and no uploads', () => {
    const first = transfer({ id: 'a', state: 'cancelled' })
    const second = transfer({ id: 'b' })
    const upload = transfer({ id: 'c', direction: 'up', seq: 9 })
    const map = latestDownloads([first, upload, second])
    expect(map.get(4)?.id).toBe('b')
    expect(map.has(9)).toBe(false)
  })
})

describe('uploadsByChat', () => {
  it('finds each upload by the id of the chat it will be, and no downloads', () => {
    const upload = transfer({ id: 'u', direction: 'up', seq: null, chatId: 'm-1' })
    const download = transfer({ id: 'd', chatId: 'm-2' })
    const older = transfer({ id: 'o', direction: 'up', seq: null })
    const map = uploadsByChat([upload, download, older])
    expect([...map.keys()]).toEqual(['m-1'])
    expect(map.get('m-1')?.id).toBe('u')
  })
})

describe('refusal', () => {
  it('refuses a file over the room’s largest, saying both sizes', () => {
    expect(refusal({ name: 'disk.iso', size: 3 * 1024 ** 3 }, 1024 ** 3)).toBe(
      '“disk.iso” is 3.0 GB: this room takes files up to 1.0 GB.',
    )
    expect(refusal({ name: 'a.txt', size: 1024 ** 3 }, 1024 ** 3)).toBeNull()
  })
})

describe('captionOf', () => {
  it('hides a caption that is only the file’s name', () => {
    expect(captionOf('report.pdf', { name: 'report.pdf' })).toBeNull()
    expect(captionOf('the numbers', { name: 'report.pdf' })).toBe('the numbers')
  })
})

describe('imageBox', () => {
  it('keeps the declared shape inside the bounds, never enlarging', () => {
    expect(imageBox({ width: 4000, height: 3000 })).toEqual({ width: 320, height: 240 })
    expect(imageBox({ width: 1000, height: 4000 })).toEqual({ width: 60, height: 240 })
    expect(imageBox({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 })
  })

  it('has a sane box without a declared size, and for a sliver', () => {
    expect(imageBox({})).toEqual({ width: 320, height: 240 })
    expect(imageBox({ width: 65_535, height: 1 })).toEqual({ width: 320, height: 16 })
  })
})

describe('in the person’s language', () => {
  afterEach(() => setLanguage('en'))

  it('writes sizes in English exactly as the CLI does', () => {
    for (const bytes of [
      0,
      1023,
      1024,
      2.1 * 1024 ** 2,
      512 * 1024 ** 2,
      1024 ** 2 - 1,
      3e13,
      -1,
    ]) {
      expect(formatFileSize(bytes)).toBe(cliFileSize(bytes))
    }
  })

  it('writes sizes with the language’s decimal mark and its units', () => {
    setLanguage('de')
    expect(formatFileSize(2.1 * 1024 ** 2)).toBe('2,1 MB')
    setLanguage('fr')
    expect(formatFileSize(2.1 * 1024 ** 2)).toBe('2,1\u00a0Mo')
    expect(formatFileSize(1023)).toBe('1023\u00a0o')
    setLanguage('ar')
    expect(formatFileSize(512 * 1024 ** 3)).toMatch(/غيغابايت$/)
    setLanguage('en-XA')
    expect(formatFileSize(2.1 * 1024 ** 2)).toMatch(/^⟦2\.1 ṀƁ·*⟧$/)
  })

  it('says progress and refusals in German', () => {
    setLanguage('de')
    expect(progressText(transfer({}))).toBe('1,0 MB von 4,0 MB')
    expect(progressText(transfer({ state: 'verifying' }))).toBe('Wird geprüft…')
    expect(refusal({ name: 'disk.iso', size: 3 * 1024 ** 3 }, 1024 ** 3)).toBe(
      '„disk.iso“ ist 3,0 GB groß: Dieser Raum nimmt Dateien bis 1,0 GB an.',
    )
  })
})
