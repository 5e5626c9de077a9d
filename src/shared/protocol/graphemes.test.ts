/**
 * countGraphemes against the segmenter it stands in for (Intl.Segmenter over the whole text):
 * over every code point its fast expression claims to know, in every context its rules touch,
 * and over random text mixing them with what it leaves to the segmenter.
 */
import { describe, expect, it } from 'vitest'
import { between, seededRandom } from '../../../test/support/prng'
import { SIMPLE_GRAPHEME, countGraphemes, eachGrapheme, graphemeUpperBound } from './graphemes'

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
function reference(text: string): number {
  let count = 0
  for (const _ of SEGMENTER.segment(text)) count += 1
  return count
}

/** Large blocks of one kind (ideographs, Hangul syllables, Yi, Tangut, kana supplements):
 * every 61st is enough, and keeps this test to seconds. */
function inUniformBlock(point: number): boolean {
  return (
    (point >= 0x3400 && point <= 0x9fff) ||
    (point >= 0xa000 && point <= 0xa4cf) ||
    (point >= 0xac00 && point <= 0xd7a3) ||
    (point >= 0x17000 && point <= 0x18cff) ||
    (point >= 0x1b000 && point <= 0x1b2ff) ||
    (point >= 0x20000 && point <= 0x3ffff)
  )
}

/** Every code point the fast path decides alone (not surrogates; uniform blocks sampled). */
function simpleCodePoints(): string[] {
  const found: string[] = []
  for (let point = 0; point <= 0x10ffff; point++) {
    if (point >= 0xd800 && point <= 0xdfff) continue
    if (inUniformBlock(point) && point % 61 !== 0) continue
    const char = String.fromCodePoint(point)
    SIMPLE_GRAPHEME.lastIndex = 0
    if (SIMPLE_GRAPHEME.test(char) && SIMPLE_GRAPHEME.lastIndex === char.length) found.push(char)
  }
  return found
}

/** Contexts in which each UAX #29 rule the fast path implements could go wrong for `c`. */
function contexts(c: string): string {
  return [
    c,
    'a' + c,
    c + '\u0301',
    c + c,
    '\n' + c,
    '\r' + c,
    c + '\u200d👍',
    '👍\u200d' + c,
    '👍🏽\u200d' + c,
    '🇫' + c,
    c + '🇷',
    '\u0600' + c, // a prepended character joins what follows
    c + '\u0e33', // a spacing mark joins what precedes
    c + '\u1161', // a jamo
    c + 'क्',
    'क्' + c,
  ].join('')
}

describe('countGraphemes', () => {
  it('agrees with the segmenter for every code point it decides alone, in every context', () => {
    const simple = simpleCodePoints()
    // Letters, digits, symbols, emoji, extenders: most of Unicode's assigned characters.
    expect(simple.length).toBeGreaterThan(30_000)
    const BATCH = 40
    for (let i = 0; i < simple.length; i += BATCH) {
      const batch = simple.slice(i, i + BATCH)
      const text = batch.map(contexts).join('')
      const counted = countGraphemes(text)
      expect(graphemeUpperBound(text)).toBeGreaterThanOrEqual(counted)
      if (counted !== reference(text)) {
        // Find the one that disagrees, for a useful message.
        for (const c of batch) {
          const alone = contexts(c)
          const point = c.codePointAt(0)!.toString(16)
          expect(countGraphemes(alone), `U+${point} in ${JSON.stringify(alone)}`).toBe(
            reference(alone),
          )
        }
        expect(counted, `batch from ${i}`).toBe(reference(text))
      }
    }
  })

  it('agrees with the segmenter on random text of every kind of character', () => {
    const random = seededRandom(29)
    const pick = (): string => {
      const kind = between(random, 0, 9)
      if (kind < 3) return String.fromCodePoint(between(random, 0x20, 0x7e))
      if (kind === 3)
        return ['\u0301', '\u200d', '\u200c', '\ufe0f', '🏽', '\u{E0067}'][between(random, 0, 5)]!
      if (kind === 4) return String.fromCodePoint(between(random, 0x1f1e6, 0x1f1ff))
      if (kind === 5) return String.fromCodePoint(between(random, 0x1f300, 0x1faff))
      if (kind === 6)
        return ['\n', '\r', '\r\n', '\t', '\u0600', '\u200b', '\ud83d'][between(random, 0, 6)]!
      if (kind === 7) return String.fromCodePoint(between(random, 0x0900, 0x0dff))
      if (kind === 8)
        return String.fromCodePoint(
          between(random, 0x1100, 0x11ff),
          between(random, 0xac00, 0xd7a3),
        )
      return String.fromCodePoint(between(random, 0xa0, 0x2fff))
    }
    for (let round = 0; round < 2_000; round++) {
      let text = ''
      const length = between(random, 1, round < 1_900 ? 40 : 1_500)
      for (let i = 0; i < length; i++) text += pick()
      const exact = reference(text)
      expect(countGraphemes(text), JSON.stringify(text.slice(0, 60))).toBe(exact)
      expect(graphemeUpperBound(text), JSON.stringify(text.slice(0, 60))).toBeGreaterThanOrEqual(
        exact,
      )
    }
  })

  it('stops soon after stopAfter', () => {
    expect(countGraphemes('👍🏽'.repeat(9_000), 4_000)).toBeGreaterThan(4_000)
    expect(countGraphemes('👍🏽'.repeat(9_000), 4_000)).toBeLessThan(5_000)
    expect(countGraphemes('नमस्ते'.repeat(9_000), 4_000)).toBeLessThan(5_000)
  })
})

describe('graphemeUpperBound', () => {
  it('is exact for text of emoji, flags, keycaps, accents and joined sequences', () => {
    for (const text of [
      '👍🏽'.repeat(100),
      '🇫🇷🇩🇪'.repeat(100),
      '❤️1️⃣'.repeat(100),
      'e\u0301 '.repeat(100),
      '👨‍👩‍👧‍👦🧑🏽‍💻🏳️‍🌈'.repeat(100),
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿'.repeat(100),
      'Hello, world! ☺︎'.repeat(100),
    ]) {
      expect(graphemeUpperBound(text), text.slice(0, 20)).toBe(reference(text))
    }
  })

  it('is never below the count where rules it does not know apply', () => {
    for (const text of [
      '\n\u0301',
      '\u200b\ufe0f',
      'क्ष',
      '\u0600a',
      'x\u0e33',
      '👍\u200d\u200d👍',
      'a\u200d👍',
    ]) {
      expect(graphemeUpperBound(text), JSON.stringify(text)).toBeGreaterThanOrEqual(reference(text))
    }
  })
})

describe('eachGrapheme', () => {
  it('gives the graphemes the segmenter gives, across windows and for huge ones', () => {
    const text = ('👩‍💻 a\u0301 क्ष ' + 'x' + '\u0301'.repeat(2_000) + ' 🇫🇷\r\n').repeat(20)
    const seen: string[] = []
    eachGrapheme(text, (grapheme) => {
      seen.push(grapheme)
      return true
    })
    expect(seen).toEqual([...SEGMENTER.segment(text)].map((s) => s.segment))
    const first: string[] = []
    eachGrapheme(text, (grapheme) => first.push(grapheme) < 3)
    expect(first).toEqual(seen.slice(0, 3))
  })
})
