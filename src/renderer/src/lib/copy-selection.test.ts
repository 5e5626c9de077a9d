import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { formatCopied } from './copy-selection'

describe('formatCopied', () => {
  it('gives name and time, then the text, a blank line between messages', () => {
    expect(
      formatCopied([
        { name: 'Ada', time: '10:42', text: 'hello' },
        { name: 'Bob', time: '10:43', text: 'hi\nthere' },
      ]),
    ).toBe('Ada, 10:42\nhello\n\nBob, 10:43\nhi\nthere')
  })

  it('keeps right-to-left names and text as they are', () => {
    expect(formatCopied([{ name: 'שרה', time: '09:05', text: 'مرحبا' }])).toBe('שרה, 09:05\nمرحبا')
  })
})

describe('formatCopied in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('writes the sender and time as the language does', () => {
    setLanguage('ja')
    expect(formatCopied([{ name: 'Ada', time: '10:42', text: 'hello' }])).toBe('Ada、10:42\nhello')
  })
})
