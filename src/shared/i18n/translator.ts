/**
 * Translation through i18next: one instance per process part (the renderer, the guest page,
 * main for notifications, dialogs and the tray), every catalogue bundled (they are small), so
 * that switching language is synchronous. Plurals come from i18next (Intl.PluralRules), dates
 * and numbers from Intl. Svelte escapes text itself, so i18next does not.
 */
import { createInstance, type i18n, type TFunction } from 'i18next'
import { CATALOGUES } from './catalogues'
import type { Language } from './languages'
import type { en } from './locales/en'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}

export interface Translator {
  readonly t: TFunction
  readonly language: () => Language
  setLanguage(language: Language): void
}

export function createTranslator(language: Language): Translator {
  const instance: i18n = createInstance()
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: Object.fromEntries(
      Object.entries(CATALOGUES).map(([code, catalogue]) => [code, { translation: catalogue }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnEmptyString: false,
  })
  let current = language
  return {
    t: instance.t.bind(instance),
    language: () => current,
    setLanguage: (next) => {
      current = next
      void instance.changeLanguage(next)
    },
  }
}
