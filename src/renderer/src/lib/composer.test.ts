import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/protocol/limits'
import { SCHEMAS } from '../../../shared/protocol/messages'
import { canSend, lengthHint } from './composer'
import { setLanguage } from './i18n'

const MAX = LIMITS.maxTextLength

describe('lengthHint', () => {
  it('stays hidden until the last tenth of the limit', () => {
    expect(lengthHint('', 4_000).visible).toBe(false)
    expect(lengthHint('x'.repeat(3_599), 4_000).visible).toBe(false)
    expect(lengthHint('x'.repeat(3_600), 4_000)).toMatchObject({ visible: true, over: false })
    expect(lengthHint('x'.repeat(4_000), 4_000)).toMatchObject({
      visible: true,
      over: false,
      text: '4,000 / 4,000',
    })
  })

  it('says how much too long the text is', () => {
    expect(lengthHint('x'.repeat(4_001), 4_000)).toEqual({
      visible: true,
      over: true,
      text: '1 character too long',
    })
    expect(lengthHint('x'.repeat(4_010), 4_000).text).toBe('10 characters too long')
  })

  it('shows at least the last 50 characters of small limits', () => {
    expect(lengthHint('x'.repeat(60), 100).visible).toBe(true)
    expect(lengthHint('x'.repeat(49), 100).visible).toBe(false)
  })

  it('counts what a person sees: an emoji sequence or an accented letter is one character', () => {
    // 👍🏽 is two code points and four UTF-16 units; é here is e + U+0301.
    expect(lengthHint('👍🏽'.repeat(3_998) + '👩🏽‍💻e\u0301', MAX)).toMatchObject({
      visible: true,
      over: false,
      text: '4,000 / 4,000',
    })
    expect(lengthHint('👍🏽'.repeat(MAX + 1), MAX)).toMatchObject({
      over: true,
      text: '1 character too long',
    })
  })

  it('warns about a text within the character limit but beyond the byte limit', () => {
    // A family emoji is 25 bytes: 1,400 of them are 35,000 bytes, over maxTextBytes.
    const family = '👨‍👩‍👧‍👦'.repeat(1_400)
    expect(lengthHint(family, MAX)).toEqual({
      visible: true,
      over: true,
      text: 'Too long for one message',
    })
    expect(canSend(family, MAX)).toBe(false)
  })
})

describe('canSend', () => {
  it('needs non-blank text within the limit', () => {
    expect(canSend('hi', 10)).toBe(true)
    expect(canSend('  \n ', 10)).toBe(false)
    expect(canSend('x'.repeat(11), 10)).toBe(false)
  })

  it('agrees with the hub at the boundary, in graphemes of several code points', () => {
    for (const unit of ['👍🏽', '🇫🇷', '❤️', 'e\u0301', 'x', '漢']) {
      for (const count of [MAX, MAX + 1]) {
        const text = unit.repeat(count)
        expect(canSend(text, MAX), `${count} × ${unit}`).toBe(SCHEMAS.text.safeParse(text).success)
      }
    }
    expect(canSend('👍🏽'.repeat(MAX), MAX)).toBe(true)
    expect(canSend('👍🏽'.repeat(MAX + 1), MAX)).toBe(false)
  })
})

describe('lengthHint in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('groups digits and picks the plural form the language needs', () => {
    setLanguage('de')
    expect(lengthHint('x'.repeat(4_000), 4_000).text).toBe('4.000 / 4.000')
    expect(lengthHint('x'.repeat(5_234), 4_000).text).toBe('1.234 Zeichen zu lang')
    setLanguage('ar')
    expect(lengthHint('x'.repeat(4_001), 4_000).text).toBe('أطول من اللازم بحرف واحد')
    expect(lengthHint('x'.repeat(4_002), 4_000).text).toBe('أطول من اللازم بحرفين')
    expect(lengthHint('x'.repeat(4_005), 4_000).text).toMatch(/5 أحرف$/)
    expect(lengthHint('x'.repeat(4_011), 4_000).text).toMatch(/11 حرفًا$/)
    setLanguage('ja')
    expect(lengthHint('x'.repeat(4_001), 4_000).text).toBe('1 文字オーバー')
  })
})
