/**
 * The languages LAN Room speaks, and how one is chosen from what the system or browser prefers
 * (BCP 47 tags, best first). `en-XA` is the pseudo-locale: English made longer and accented, so
 * that a screen rendered in it shows at once any text that did not come from the catalogue, and
 * any box too small for a longer language. It is offered only where tests or developers ask.
 */

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'zh-CN', 'ja', 'ar'] as const
export const PSEUDO_LANGUAGE = 'en-XA'

export type Language = (typeof LANGUAGES)[number] | typeof PSEUDO_LANGUAGE

/** Each language's own name, as its speakers look for it in a list. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  'zh-CN': '简体中文',
  ja: '日本語',
  ar: 'العربية',
  'en-XA': 'Ƥşéûđö-Éñĝļîšĥ',
}

const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar'])

export function textDirection(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr'
}

export function isLanguage(value: unknown): value is Language {
  return (
    typeof value === 'string' &&
    (value === PSEUDO_LANGUAGE || (LANGUAGES as readonly string[]).includes(value))
  )
}

/** Tags longer than this are not language tags (RFC 5646 allows 35 for the useful part). */
const MAX_TAG = 64

/**
 * The best of our languages for `preferred` (e.g. navigator.languages or Electron's
 * app.getPreferredSystemLanguages()): an exact match first, then the same language in another
 * region or script (de-AT → de, pt-PT → pt-BR, zh-Hans-SG → zh-CN), trying each preference in
 * order; English when none matches. Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not taken as
 * Simplified: English is the safer fallback for a reader of the other script. The pseudo-locale
 * only when asked for exactly (`en-XA`).
 */
export function negotiateLanguage(preferred: readonly string[]): Language {
  for (const raw of preferred.slice(0, 32)) {
    if (typeof raw !== 'string' || raw.length > MAX_TAG) continue
    const tag = raw.replace(/_/g, '-').toLowerCase()
    if (tag === PSEUDO_LANGUAGE.toLowerCase()) return PSEUDO_LANGUAGE
    const exact = LANGUAGES.find((language) => language.toLowerCase() === tag)
    if (exact) return exact
    const [base = '', ...rest] = tag.split('-')
    if (base === 'zh') {
      if (rest.some((part) => part === 'hant' || part === 'tw' || part === 'hk' || part === 'mo')) {
        continue
      }
      return 'zh-CN'
    }
    if (base === 'pt') return 'pt-BR'
    const sameBase = LANGUAGES.find((language) => language.split('-')[0] === base)
    if (sameBase) return sameBase
  }
  return 'en'
}
