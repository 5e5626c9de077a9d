import { describe, expect, it } from 'vitest'
import { UNNAMED, hasVisible, nameProblem, repairName, sameNameKey } from './names'

describe('the name rule', () => {
  it('accepts the names real people use, in every script and with emoji', () => {
    for (const name of [
      'Ada',
      'Ada Lovelace',
      'José',
      'Jose\u0301', // the same, decomposed
      'Zoë-Ann O’Brien',
      '李小龍',
      'Ålesund',
      'Хабиб',
      'محمد',
      'דוד',
      'می‌خواهم', // Persian: ZWNJ between letters
      'क्‍ष', // Devanagari: ZWJ after a virama
      'ක්‍රිෂ්', // Sinhala: ZWJ between virama and letter
      'ශ්‍රී',
      '👩‍💻 Ada', // emoji ZWJ sequence
      '🧑🏽‍💻', // with a skin tone
      '❤️', // VS16 after an emoji
      '☺︎', // VS15 (text presentation)
      '1️⃣ Ada', // keycap
      '🏳️‍🌈',
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Ada', // Scotland: tag characters in the one place they belong
      '🏴󠁧󠁢󠁥󠁮󠁧󠁿',
      '🏴󠁧󠁢󠁷󠁬󠁳󠁿',
      '🇫🇷',
      '.',
    ]) {
      expect(nameProblem(name), JSON.stringify(name)).toBeNull()
    }
  })

  it('refuses each invisible, control and formatting character, naming it', () => {
    const cases: Array<[string, string]> = [
      ['Ada\u200b', 'U+200B'], // zero width space
      ['Ad\u200ea', 'U+200E'], // left-to-right mark
      ['Ad\u200fa', 'U+200F'], // right-to-left mark
      ['Ad\u061ca', 'U+061C'], // Arabic letter mark
      ['A\u202eda', 'U+202E'], // right-to-left override
      ['A\u2066da', 'U+2066'], // isolate
      ['A\u00adda', 'U+00AD'], // soft hyphen
      ['\u3164', 'U+3164'], // Hangul filler
      ['\u3164Ada', 'U+3164'],
      ['Ada\u115f', 'U+115F'],
      ['Ada\uffa0', 'U+FFA0'],
      ['Ada\u2060', 'U+2060'], // word joiner
      ['Ada\ufeff', 'U+FEFF'],
      ['Ada\u034f', 'U+034F'], // combining grapheme joiner
      ['Ada\u180e', 'U+180E'],
      ['Ada\u{E0041}', 'U+E0041'], // a tag character outside a flag
      ['\u{1F3F4}\u{E0061}\u{E0062}\u{E007F}', 'U+E0061'], // a tag sequence that is no flag
      ['Ada\u{E0001}', 'U+E0001'],
      ['Ada\u{E0100}', 'U+E0100'], // variation selector supplement
      ['\u0600Ada', 'U+0600'], // Arabic number sign: a prepended format character
    ]
    for (const [name, named] of cases) {
      expect(nameProblem(name), JSON.stringify(name)).toBe(
        `must not contain invisible or formatting characters (${named})`,
      )
    }
    for (const name of [
      'Ada\u0000',
      'Ada\nBob',
      'Ada\u0085',
      'Ada\u007f',
      'A\u2028B',
      'A\u2029B',
    ]) {
      expect(nameProblem(name), JSON.stringify(name)).toBe('must not contain control characters')
    }
  })

  it('allows ZWJ, ZWNJ and the emoji variation selectors only where names need them', () => {
    expect(nameProblem('Ada\u200d')).toMatch(
      /U\+200D except inside an emoji or between letters of a joining script/,
    )
    expect(nameProblem('\u200dAda')).toMatch(/U\+200D/)
    expect(nameProblem('Ad\u200d\u200da')).toMatch(/U\+200D/)
    expect(nameProblem('Ada \u200dBob')).toMatch(/U\+200D/)
    // Between Latin (or Cyrillic, Greek, CJK) letters a joiner changes nothing visible: "A‍da"
    // would be a second name that looks exactly like "Ada".
    expect(nameProblem('A\u200dda')).toMatch(/U\+200D/)
    expect(nameProblem('A\u200cda')).toMatch(/U\+200C/)
    expect(nameProblem('Хаб\u200dиб')).toMatch(/U\+200D/)
    expect(nameProblem('李\u200c小龍')).toMatch(/U\+200C/)
    expect(nameProblem('a\u200d👍')).toMatch(/U\+200D/)
    expect(nameProblem('👍\u200da')).toMatch(/U\+200D/)
    expect(repairName('A\u200dda')).toBe('Ada')
    expect(sameNameKey('A\u200dda')).toBe(sameNameKey('Ada'))
    expect(nameProblem('Ada\u200c')).toBe(
      'must not contain U+200C except between letters of a joining script',
    )
    expect(nameProblem('👩\u200c💻')).toMatch(/U\+200C/)
    expect(nameProblem('Ada\ufe0f')).toMatch(/U\+FE0F except right after an emoji/)
    expect(nameProblem('\ufe0fAda')).toMatch(/U\+FE0F/)
    expect(nameProblem('❤\ufe0f\ufe0f')).toMatch(/U\+FE0F/)
  })

  it('needs something visible', () => {
    for (const name of ['\u2800', '\u2800\u2800', '\u0301', '\u200c', '\u3164\u3164']) {
      expect(nameProblem(name), JSON.stringify(name)).not.toBeNull()
    }
    expect(nameProblem('\u2800\u2800')).toBe('must contain a visible character')
    expect(nameProblem('\u0301\u0302')).toBe('must contain a visible character')
    expect(hasVisible('\u2800a')).toBe(true)
    expect(hasVisible('  ')).toBe(false)
  })

  it('refuses lone surrogates', () => {
    expect(nameProblem('Ada\ud800')).toBe('must be well-formed text')
    expect(nameProblem('\udc00Ada')).toBe('must be well-formed text')
  })
})

describe('repairName', () => {
  it('keeps a valid name as it is, trimmed', () => {
    expect(repairName('  👩‍💻 Ada ')).toBe('👩‍💻 Ada')
    expect(repairName('🏴󠁧󠁢󠁳󠁣󠁴󠁿 Ada')).toBe('🏴󠁧󠁢󠁳󠁣󠁴󠁿 Ada')
  })

  it('removes what the rule refuses, and names the nameless', () => {
    expect(repairName('Ada\u200b')).toBe('Ada')
    expect(repairName('A\u202eda\u2066')).toBe('Ada')
    expect(repairName('Ada\u200d')).toBe('Ada')
    expect(repairName('\u200b\u3164')).toBe(UNNAMED)
    expect(repairName('\u2800')).toBe(UNNAMED)
    expect(repairName('A\ud800da')).toBe('Ada')
    // A joiner left between a space and a letter once its neighbour went: no joiner stays.
    expect(repairName('a \u200b\u200db')).toBe('a b')
    for (const name of ['Ada\u200b', '\u200d\u200d', 'x\u{E0041}y', 'a\u2028b']) {
      expect(nameProblem(repairName(name))).toBeNull()
    }
  })
})

describe('sameNameKey', () => {
  it('makes look-alikes equal and different names different', () => {
    const ada = sameNameKey('Ada')
    for (const name of ['ada', 'ADA', ' Ada ', 'Ada\u200b', 'A\u00adda', 'Ａｄａ', 'Ada\u2800']) {
      expect(sameNameKey(name), JSON.stringify(name)).toBe(ada)
    }
    expect(sameNameKey('Ada  Lovelace')).toBe(sameNameKey('ada lovelace'))
    expect(sameNameKey('Straße')).toBe(sameNameKey('STRASSE'))
    expect(sameNameKey('José')).toBe(sameNameKey('Jose\u0301'))
    expect(sameNameKey('Ada')).not.toBe(sameNameKey('Adam'))
    expect(sameNameKey('👩‍💻 Ada')).not.toBe(ada)
  })
})
