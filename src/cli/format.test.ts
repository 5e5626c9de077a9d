import { describe, expect, it } from 'vitest'
import { graphemeLength, utf8Length } from '../shared/protocol'
import {
  secondsText,
  QUOTE_LENGTH,
  clock,
  counted,
  dateTime,
  formatChat,
  oneLine,
  printable,
  quoteStart,
  splitText,
} from './format'

describe('secondsText', () => {
  it('says a duration with at most one decimal', () => {
    expect([30_000, 5_000, 439.5, 1_250, 0].map(secondsText)).toEqual([
      '30 s',
      '5 s',
      '0.4 s',
      '1.3 s',
      '0 s',
    ])
  })
})

describe('counted', () => {
  it('says the noun in the plural unless the count is 1', () => {
    expect(counted(1, 'member')).toBe('1 member')
    expect(counted(0, 'member')).toBe('0 members')
    expect(counted(2, 'address', 'addresses')).toBe('2 addresses')
  })
})

describe('splitText', () => {
  it('keeps a line within the limits whole', () => {
    expect(splitText('hello', 5)).toEqual(['hello'])
    expect(splitText('👍🏽👍🏽', 2)).toEqual(['👍🏽👍🏽'])
  })

  it('splits by characters as the protocol counts them, never inside one', () => {
    // Each thumbs-up with a skin tone is one character of two code points (four UTF-16 units).
    const text = '👍🏽'.repeat(5)
    const pieces = splitText(text, 2)
    expect(pieces).toEqual(['👍🏽👍🏽', '👍🏽👍🏽', '👍🏽'])
    expect(pieces.join('')).toBe(text)
    const family = '👩‍👩‍👧'
    expect(splitText(`a${family}b`, 1)).toEqual(['a', family, 'b'])
    expect(splitText('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301'])
  })

  it('keeps each piece within the byte bound too', () => {
    const text = '😀'.repeat(10) // 4 bytes each
    const pieces = splitText(text, 100, 12)
    expect(pieces).toEqual(['😀😀😀', '😀😀😀', '😀😀😀', '😀'])
    for (const piece of pieces) {
      expect(utf8Length(piece)).toBeLessThanOrEqual(12)
      expect(graphemeLength(piece)).toBeLessThanOrEqual(100)
    }
  })

  it('gives a character larger than the byte bound a piece of its own rather than looping', () => {
    const zalgo = `a${'\u0301'.repeat(20)}`
    expect(splitText(`${zalgo}b`, 10, 8)).toEqual([zalgo, 'b'])
  })
})

describe('printable and quotes', () => {
  it('removes control and bidi characters and lone surrogates, keeping line breaks and tabs', () => {
    expect(printable('a\u001b[31mred\u0007\u202eevil\u2066x\u0085y\tz\nw')).toBe(
      'a[31mredevilxy\tz\nw',
    )
    expect(printable('a\ud800b\udc00c😀')).toBe('a\ufffdb\ufffdc😀')
  })

  it('puts text on one line and quotes its start, never cutting a character', () => {
    expect(oneLine('  build\n\n is\tgreen  ')).toBe('build is green')
    expect(quoteStart('build is green')).toBe('"build is green"')
    expect(quoteStart('x'.repeat(50))).toBe(`"${'x'.repeat(QUOTE_LENGTH - 1)}…"`)
    expect(quoteStart('👍🏽'.repeat(10), 4)).toBe('"👍🏽👍🏽👍🏽…"')
  })
})

describe('clock and dateTime', () => {
  it('show local time as [HH:MM] and [YYYY-MM-DD HH:MM]', () => {
    const ts = new Date(2026, 10, 3, 4, 5).getTime()
    expect(clock(ts)).toBe('[04:05]')
    expect(dateTime(ts)).toBe('[2026-11-03 04:05]')
  })
})

describe('formatChat', () => {
  it('indents continuation lines under the text', () => {
    const ts = new Date(2026, 0, 1, 9, 30).getTime()
    const chat = { type: 'chat', seq: 1, id: 'a', from: 'x'.repeat(22), name: 'Bo', ts } as const
    expect(formatChat({ ...chat, text: 'one\ntwo' })).toBe('[09:30] Bo: one\n            two')
  })
})
