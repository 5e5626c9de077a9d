/**
 * The Language setting as it takes effect: `system` is whatever the system (or browser) prefers,
 * negotiated among ours; a chosen language is used as it is. Main passes Electron's
 * app.getPreferredSystemLanguages(), the window navigator.languages: the same OS list.
 */
import { negotiateLanguage, type Language } from './languages'

export type LanguageChoice = 'system' | Language

export function resolveLanguage(choice: LanguageChoice, preferred: readonly string[]): Language {
  return choice === 'system' ? negotiateLanguage(preferred) : choice
}
