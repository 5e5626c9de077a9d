/**
 * The renderer's translations (src/shared/i18n): `t(key, options)` in components, written
 * again on screen when the language changes, as times are (lib/time.ts): every call reads a
 * Svelte subscriber, so a language switch re-runs whatever showed text.
 */
import type { TFunction } from 'i18next'
import { createSubscriber } from 'svelte/reactivity'
import { negotiateLanguage, textDirection, type Language } from '../../../shared/i18n/languages'
import { createTranslator } from '../../../shared/i18n/translator'

const translator = createTranslator(
  negotiateLanguage(typeof navigator === 'undefined' ? [] : navigator.languages),
)
let changed = (): void => {}
const track = createSubscriber((update) => {
  changed = update
  return () => {
    changed = () => {}
  }
})

/** The catalogue's text for `key` in the current language (typed keys; plurals by `count`). */
// i18next's TFunction is a branded overload set: the wrapper passes its arguments through.
const translate = translator.t as unknown as (...args: unknown[]) => string
export const t = ((...args: unknown[]) => {
  track()
  return translate(...args)
}) as unknown as TFunction

export function language(): Language {
  track()
  return translator.language()
}

/** Switches every text on screen, and the page's `lang` and `dir`, to `next`. */
export function setLanguage(next: Language): void {
  if (next === translator.language()) return
  translator.setLanguage(next)
  applyToDocument(next)
  changed()
}

function applyToDocument(current: Language): void {
  if (typeof document === 'undefined') return
  document.documentElement.lang = current
  document.documentElement.dir = textDirection(current)
}

applyToDocument(translator.language())
