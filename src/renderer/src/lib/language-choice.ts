/**
 * The Language setting in the window: `system` is the browser's (Electron: the OS's) languages,
 * negotiated among ours. Applied from main's first snapshot, before the first screen shows,
 * and again whenever the preference changes.
 */
import type { Language } from '../../../shared/i18n/languages'
import { negotiateLanguage } from '../../../shared/i18n/languages'
import { resolveLanguage, type LanguageChoice } from '../../../shared/i18n/preference'
import { setLanguage } from './i18n'

function preferred(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages
}

/** What `system` means here and now. */
export function systemLanguage(): Language {
  return negotiateLanguage(preferred())
}

export function applyLanguageChoice(choice: LanguageChoice): void {
  setLanguage(resolveLanguage(choice, preferred()))
}
