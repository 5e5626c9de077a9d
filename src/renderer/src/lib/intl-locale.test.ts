import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { formatList, formatShortList, intlLocale, listLocale } from './intl-locale'

describe('intl-locale', () => {
  afterEach(() => setLanguage('en'))

  it('formats with the current language; the pseudo-locale is English', () => {
    expect(intlLocale()).toBe('en')
    setLanguage('en-XA')
    expect(intlLocale()).toBe('en')
    setLanguage('pt-BR')
    expect(intlLocale()).toBe('pt-BR')
  })

  it('writes English lists without the serial comma, others their own way', () => {
    expect(listLocale()).toBe('en-GB')
    expect(formatList(['Ada', 'Bob', 'Cy'])).toBe('Ada, Bob and Cy')
    expect(formatShortList(['Ada', 'Bob', 'Cy'])).toBe('Ada, Bob, Cy')
    setLanguage('de')
    expect(formatList(['Ada', 'Bob', 'Cy'])).toBe('Ada, Bob und Cy')
    expect(formatShortList(['Ada', 'Bob'])).toBe('Ada und Bob')
    setLanguage('zh-CN')
    expect(formatList(['Ada', 'Bob', 'Cy'])).toBe('Ada、Bob和Cy')
  })
})
