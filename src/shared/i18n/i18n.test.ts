import { describe, expect, it } from 'vitest'
import { CATALOGUES } from './catalogues'
import { LANGUAGES, negotiateLanguage, textDirection, type Language } from './languages'
import { en } from './locales/en'
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoLocalize } from './pseudo'
import { createTranslator } from './translator'

const PLURAL = /_(zero|one|two|few|many|other)$/

/** A catalogue's keys as `group.key`, plural forms folded into their base (`group.key_`). */
function keys(catalogue: Record<string, Record<string, string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const [group, entries] of Object.entries(catalogue)) {
    for (const key of Object.keys(entries)) {
      const form = PLURAL.exec(key)?.[1]
      const base = `${group}.${form ? key.slice(0, -form.length - 1) + '_' : key}`
      const forms = out.get(base) ?? new Set<string>()
      if (form) forms.add(form)
      out.set(base, forms)
    }
  }
  return out
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort()

describe('the catalogues', () => {
  const source = keys(en)

  it.each(LANGUAGES)(
    '%s has every key, every plural form its language needs, and nothing else',
    (language) => {
      const catalogue = CATALOGUES[language]
      const own = keys(catalogue)
      expect([...own.keys()].sort()).toEqual([...source.keys()].sort())
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
      for (const [base, forms] of own) {
        if (!base.endsWith('_')) continue
        expect([...forms].sort(), `${language} ${base}`).toEqual([...categories].sort())
      }
    },
  )

  it.each(LANGUAGES)(
    '%s keeps the placeholders of English and has no empty or untrimmed text',
    (language) => {
      const catalogue = CATALOGUES[language]
      for (const [group, entries] of Object.entries(catalogue)) {
        for (const [key, text] of Object.entries(entries)) {
          expect(text.trim(), `${language} ${group}.${key}`).toBe(text)
          expect(text.length, `${language} ${group}.${key}`).toBeGreaterThan(0)
          const base = key.replace(PLURAL, '')
          const english = en[group as keyof typeof en] as Record<string, string>
          const reference = english[key] ?? english[`${base}_other`] ?? ''
          // A singular form may spell its number out ("حرف واحد", one character) instead.
          const own = placeholders(text)
          if (!/_(one|two)$/.test(key))
            expect(own, `${language} ${group}.${key}`).toEqual(placeholders(reference))
        }
      }
    },
  )
})

describe('choosing a language', () => {
  it.each<[readonly string[], Language]>([
    [['de-AT', 'en'], 'de'],
    [['fr_CA'], 'fr'],
    [['pt-PT'], 'pt-BR'],
    [['zh-Hans-SG'], 'zh-CN'],
    [['zh-TW', 'ja'], 'ja'],
    [['zh-Hant'], 'en'],
    [['sv-SE', 'es-419'], 'es'],
    [['ar-EG'], 'ar'],
    [['x'.repeat(100), 'de'], 'de'],
    [[], 'en'],
    // Asked for by name only (a browser whose locale is en-XA): never reached by region.
    [['en-XA'], 'en-XA'],
    [['en-GB'], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(negotiateLanguage(preferred)).toBe(expected)
  })

  it('writes Arabic right to left and the others left to right', () => {
    expect(LANGUAGES.filter((language) => textDirection(language) === 'rtl')).toEqual(['ar'])
  })
})

describe('translating', () => {
  it('picks plural forms from the language’s rules, and switches language at once', () => {
    const { t, setLanguage } = createTranslator('en')
    expect(t('nameForm.hint', { count: 1 })).toMatch(/Up to 1 character\.$/)
    expect(t('nameForm.hint', { count: 64 })).toMatch(/Up to 64 characters\.$/)
    setLanguage('ar')
    expect(t('nameForm.hint', { count: 2 })).toMatch(/حرفين/)
    expect(t('nameForm.hint', { count: 5 })).toMatch(/5 أحرف/)
    expect(t('nameForm.hint', { count: 64 })).toMatch(/64 حرفًا/)
    setLanguage('de')
    expect(t('welcome.continue')).toBe('Weiter')
  })

  it('makes a pseudo-locale that is bracketed, accented, 30 % longer, with placeholders intact', () => {
    const text = 'Up to {{count}} characters.'
    const pseudo = pseudoLocalize(text)
    expect(pseudo.startsWith(PSEUDO_OPEN) && pseudo.endsWith(PSEUDO_CLOSE)).toBe(true)
    expect(pseudo).toContain('{{count}}')
    expect(pseudo.replace('{{count}}', '')).not.toMatch(/[a-z]/i)
    expect(pseudo.length).toBeGreaterThanOrEqual(Math.floor(text.length * 1.3))
    const { t } = createTranslator('en-XA')
    expect(t('nameForm.hint', { count: 3 })).toMatch(/^⟦.*3.*⟧$/)
  })
})
