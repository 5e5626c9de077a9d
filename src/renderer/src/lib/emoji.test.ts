import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import {
  buildCatalogue,
  isEmojiOnly,
  replaceShortcodeAt,
  replaceShortcodes,
  searchEmoji,
} from './emoji'
import DATA from 'emoji-picker-element-data/en/emojibase/data.json'
import DE from 'emoji-picker-element-data/de/cldr/data.json'
import JA from 'emoji-picker-element-data/ja/cldr/data.json'

const catalogue = buildCatalogue(DATA)

describe('isEmojiOnly', () => {
  it('is true for one to three emoji, with or without spaces', () => {
    for (const text of ['👍', ' 🎉 ', '😀😀😀', '👍🏽 🎉', '👨‍👩‍👧‍👦', '🇫🇷', '❤️', '1️⃣', '🏳️‍🌈']) {
      expect(isEmojiOnly(text), text).toBe(true)
    }
  })

  it('is false for text, digits, four emoji or nothing', () => {
    for (const text of [
      '',
      '  ',
      'ok 👍',
      '👍!',
      '1',
      '#',
      '😀😀😀😀',
      ':)',
      '©x',
      'a'.repeat(500),
    ]) {
      expect(isEmojiOnly(text), text).toBe(false)
    }
  })
})

describe('the catalogue', () => {
  it('has the emojibase groups people pick from, without the skin tone swatches', () => {
    expect(catalogue.groups.map((group) => group.label)).toContain('Smileys and emotion')
    expect(catalogue.groups.some((group) => group.id === 2)).toBe(false)
    expect(catalogue.all.length).toBeGreaterThan(1500)
  })

  it('skips malformed records and data that is not a list', () => {
    expect(buildCatalogue({ not: 'a list' }).all).toEqual([])
    const odd = buildCatalogue([null, 1, { emoji: 5 }, { emoji: 'x', annotation: 'x', group: 0 }])
    expect(odd.all.map((record) => record.emoji)).toEqual(['x'])
  })

  it('finds emoji by name, shortcode or tag', () => {
    expect(searchEmoji(catalogue, 'thumbs', 5).map((record) => record.annotation)).toContain(
      'thumbs up',
    )
    expect(searchEmoji(catalogue, 'party pop', 5)[0]?.annotation).toBe('party popper')
    expect(searchEmoji(catalogue, '   ', 5)).toEqual([])
    expect(searchEmoji(catalogue, 'a', 3)).toHaveLength(3)
  })

  it('names and finds emoji in the person’s language, keeping the English shortcodes and words', () => {
    const german = buildCatalogue(DATA, DE)
    const thumbs = german.byShortcode.get('thumbsup')
    expect(thumbs?.annotation).toBe('Daumen hoch')
    expect(searchEmoji(german, 'daumen', 5).map((record) => record.emoji)).toContain(thumbs?.emoji)
    expect(searchEmoji(german, 'thumbs', 5).map((record) => record.emoji)).toContain(thumbs?.emoji)
    expect(replaceShortcodes('ok :thumbsup:', german)).toBe(`ok ${thumbs?.emoji}`)
    expect(german.all.length).toBe(catalogue.all.length)
    const japanese = buildCatalogue(DATA, JA)
    expect(searchEmoji(japanese, 'いいね', 5).map((record) => record.annotation)).toContain(
      'サムズアップ',
    )
    // An emoji the names lack keeps its English name.
    const partial = buildCatalogue(DATA, [{ emoji: '🎉', annotation: 'Konfetti', group: 0 }])
    expect(partial.byShortcode.get('tada')?.annotation).toBe('Konfetti')
    expect(partial.byShortcode.get('thumbsup')?.annotation).toBe('thumbs up')
  })
})

describe('shortcodes', () => {
  it('replaces the one just closed at the caret', () => {
    const text = 'great :thumbsup:'
    expect(replaceShortcodeAt(text, text.length, catalogue)).toEqual({
      text: 'great 👍️',
      caret: 'great 👍️'.length,
    })
    expect(replaceShortcodeAt(':TADA: later', 6, catalogue)?.text).toBe('🎉 later')
  })

  it('leaves unknown shortcodes and times alone', () => {
    expect(replaceShortcodeAt('at 10:30:', 9, catalogue)).toBeNull()
    expect(replaceShortcodeAt(':nope_not_one:', 14, catalogue)).toBeNull()
    expect(replaceShortcodeAt('no colon', 8, catalogue)).toBeNull()
  })

  it('replaces all known ones when sending, but not inside code', () => {
    expect(replaceShortcodes(':wave: hi `:wave:` :unknown: :+1:', catalogue)).toBe(
      '👋 hi `:wave:` :unknown: 👍️',
    )
  })
})

describe('the picker’s groups', () => {
  afterEach(() => setLanguage('en'))

  it('are named in the current language, also after it changes', () => {
    const catalogue = buildCatalogue(DATA)
    setLanguage('ja')
    expect(catalogue.groups[0]?.label).toBe('顔と感情')
    setLanguage('de')
    expect(catalogue.groups.map((group) => group.label)).toContain('Flaggen')
  })
})
