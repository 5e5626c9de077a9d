import { describe, expect, it, vi } from 'vitest'
import { between, seededRandom } from '../../../test/support/prng'
import {
  clip,
  firstGrapheme,
  graphemeLength,
  longerThan,
  moreBytesThan,
  utf8Length,
} from './lengths'

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const SEGMENT = Intl.Segmenter.prototype.segment
/** The reference: the whole string through Intl.Segmenter at once. */
function reference(text: string): number {
  return [...SEGMENTER.segment(text)].length
}

/** Pieces that join, break and straddle in every way UAX #29 knows. */
const PIECES = [
  'a',
  ' ',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '"',
  '\u0301',
  '\u0301\u0302\u0303',
  '\u200d',
  '\u200c',
  '\ufe0f',
  '👍',
  '🏽',
  '👩‍💻',
  '👨‍👩‍👧‍👦',
  '🇫',
  '🇷',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '\u{E0067}',
  'क',
  '्',
  'ष',
  'स्ते',
  '\u1100',
  '\u1161',
  '\u11a8',
  '한',
  '\u0600',
  '漢',
  '\ud83d',
  '\ude00',
  'é',
  '1️⃣',
]

describe('graphemeLength', () => {
  it('counts what a person sees as one character', () => {
    expect(graphemeLength('')).toBe(0)
    expect(graphemeLength('Ada')).toBe(3)
    expect(graphemeLength('e\u0301')).toBe(1)
    expect(graphemeLength('👩🏽‍💻')).toBe(1)
    expect(graphemeLength('👨‍👩‍👧‍👦👍🏽🇫🇷')).toBe(3)
    expect(graphemeLength('🏴󠁧󠁢󠁳󠁣󠁴󠁿')).toBe(1)
    expect(graphemeLength('\r\n')).toBe(1)
    expect(graphemeLength('a'.repeat(5000))).toBe(5000)
  })

  it('agrees with Intl.Segmenter on the whole text, across every window boundary', () => {
    const random = seededRandom(11)
    for (let round = 0; round < 300; round++) {
      const pieces: string[] = []
      const count = between(random, 1, round < 250 ? 60 : 2000)
      for (let i = 0; i < count; i++) pieces.push(PIECES[between(random, 0, PIECES.length - 1)]!)
      const text = pieces.join('')
      expect(graphemeLength(text), JSON.stringify(text.slice(0, 80))).toBe(reference(text))
    }
  })

  it('handles a grapheme longer than a window (a letter with thousands of marks)', () => {
    const tower = 'a' + '\u0301'.repeat(5000)
    expect(graphemeLength(tower)).toBe(1)
    expect(graphemeLength(`x${tower}y${tower}`)).toBe(4)
  })

  it('stops counting past stopAfter', () => {
    expect(graphemeLength('👍🏽'.repeat(9000), 4000)).toBe(4001)
    expect(graphemeLength('a'.repeat(9000), 4000)).toBe(4001)
    expect(graphemeLength('👍🏽'.repeat(10), 4000)).toBe(10)
  })

  it('stays linear: the segmenter only ever sees windows, never the whole text', () => {
    // V8's segment iterator is quadratic in the length of the string it is given (a 32,000
    // character string takes a hundred times longer than 64 pieces of 500). So the text is
    // given to it in windows of about 512 units, which together cover it about once.
    const seen: number[] = []
    const piece = 'नमस्ते 👍🏽 '
    const perPiece = reference(piece)
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (
      this: Intl.Segmenter,
      input: string,
    ) {
      seen.push(input.length)
      return SEGMENT.call(this, input)
    })
    try {
      const text = piece.repeat(16_000)
      expect(graphemeLength(text)).toBe(perPiece * 16_000)
      // Hindi goes to the segmenter (its conjuncts are not among the simple cases).
      expect(seen.length).toBeGreaterThan(100)
      expect(Math.max(...seen.slice(0, -1))).toBeLessThanOrEqual(513)
      expect(seen.reduce((sum, length) => sum + length, 0)).toBeLessThan(text.length * 2.2)
    } finally {
      segment.mockRestore()
    }
  })
})

describe('longerThan', () => {
  it('is exact at the limit, for graphemes of one or many code points', () => {
    for (const unit of ['x', '漢', '😀', '👍🏽', '🇫🇷', '👨‍👩‍👧‍👦', 'e\u0301']) {
      expect(longerThan(unit.repeat(40), 40), unit).toBe(false)
      expect(longerThan(unit.repeat(41), 40), unit).toBe(true)
    }
  })
})

describe('utf8Length and moreBytesThan', () => {
  it('counts UTF-8 bytes as an encoder does', () => {
    const encoder = new TextEncoder()
    for (const text of ['', 'Ada', 'é', '€', '😀', '👨‍👩‍👧‍👦', 'a\u0301'.repeat(50), '漢字']) {
      expect(utf8Length(text)).toBe(encoder.encode(text).length)
    }
    // A lone surrogate counts as the three bytes of U+FFFD that an encoder writes for it.
    expect(utf8Length('\ud800')).toBe(3)
    expect(moreBytesThan('😀'.repeat(8), 32)).toBe(false)
    expect(moreBytesThan('😀'.repeat(8) + 'a', 32)).toBe(true)
  })
})

describe('clip', () => {
  it('keeps short text as it is', () => {
    expect(clip('hello', 10)).toBe('hello')
  })

  it('cuts on grapheme boundaries, within both bounds, with an ellipsis', () => {
    const clipped = clip('👩‍💻'.repeat(50), 10)
    expect(clipped).toBe('👩‍💻'.repeat(9) + '…')
    expect(graphemeLength(clipped)).toBe(10)
    const bytes = clip('é'.repeat(100), 1000, 21)
    expect(utf8Length(bytes)).toBeLessThanOrEqual(21)
    expect(bytes).toBe('é'.repeat(9) + '…')
    // Never half a surrogate pair, whatever the byte budget.
    expect(clip('😀😀😀', 10, 6)).toBe('…')
  })
})

describe('firstGrapheme', () => {
  it('is the whole first character', () => {
    expect(firstGrapheme('')).toBe('')
    expect(firstGrapheme('👩🏽‍💻 Ada')).toBe('👩🏽‍💻')
    expect(firstGrapheme('e\u0301mile')).toBe('e\u0301')
  })
})
