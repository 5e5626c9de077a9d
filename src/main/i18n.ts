/**
 * Main's own texts (notifications, the tray, dialogs, the right-click menu) through the same
 * catalogues as the window, in the language the Language setting gives: `system` is the OS's
 * languages (app.getPreferredSystemLanguages(), which is what the window's navigator.languages
 * says too). index.ts sets it at start and on every change; what main shows next speaks it, and
 * the tray is rebuilt at once. Plain Node: modules take a `t` (this one by default), so tests
 * pass a translator of the language they check.
 */
import type { TFunction } from 'i18next'
import { resolveLanguage, type LanguageChoice } from '../shared/i18n/preference'
import { createTranslator } from '../shared/i18n/translator'

export type { TFunction }

const translator = createTranslator('en')

/** Main's translator: follows the preference (setMainLanguage). */
export const mainT: TFunction = translator.t

/** Applies the Language setting; true when main's language changed. */
export function setMainLanguage(
  choice: LanguageChoice,
  systemLanguages: readonly string[],
): boolean {
  const next = resolveLanguage(choice, systemLanguages)
  if (next === translator.language()) return false
  translator.setLanguage(next)
  return true
}

export function mainLanguage(): ReturnType<typeof translator.language> {
  return translator.language()
}
