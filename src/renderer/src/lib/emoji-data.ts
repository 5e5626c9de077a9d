/**
 * The emoji catalogue, loaded once per language on first need from files the app ships (Vite
 * emits emoji-picker-element-data's JSON as assets of the renderer build): no CDN, nothing
 * fetched from elsewhere. The page's CSP already allows it (`connect-src 'self'`).
 */
import dataUrl from 'emoji-picker-element-data/en/emojibase/data.json?url'
import deNames from 'emoji-picker-element-data/de/cldr/data.json?url'
import esNames from 'emoji-picker-element-data/es/cldr/data.json?url'
import frNames from 'emoji-picker-element-data/fr/cldr/data.json?url'
import jaNames from 'emoji-picker-element-data/ja/cldr/data.json?url'
import ptNames from 'emoji-picker-element-data/pt/cldr/data.json?url'
import zhNames from 'emoji-picker-element-data/zh/cldr/data.json?url'
import type { Language } from '../../../shared/i18n/languages'
import { buildCatalogue, type EmojiCatalogue } from './emoji'
import { language } from './i18n'

/** Emoji names in the languages the data has them in (CLDR's annotations); Arabic has none
 * there, so it keeps the English names, as the pseudo-locale does. */
const NAMES: Partial<Record<Language, string>> = {
  de: deNames,
  es: esNames,
  fr: frNames,
  ja: jaNames,
  'pt-BR': ptNames,
  'zh-CN': zhNames,
}

const loading = new Map<string, Promise<EmojiCatalogue | null>>()
let loaded: EmojiCatalogue | null = null

function json(url: string): Promise<unknown> {
  return fetch(url).then((response) => (response.ok ? (response.json() as Promise<unknown>) : null))
}

/**
 * The catalogue in the current language; null if the file cannot be read (the picker then says
 * so). Names that cannot be read leave the English ones.
 */
export function loadCatalogue(): Promise<EmojiCatalogue | null> {
  const names = NAMES[language()]
  const key = names ?? ''
  let promise = loading.get(key)
  if (!promise) {
    promise = Promise.all([json(dataUrl), names ? json(names).catch(() => null) : null])
      .then(([data, local]) => (data === null ? null : buildCatalogue(data, local)))
      .then((catalogue) => {
        if (catalogue === null) loading.delete(key)
        else loaded = catalogue
        return catalogue
      })
      .catch(() => {
        // Tried again on the next need.
        loading.delete(key)
        return null
      })
    loading.set(key, promise)
  }
  return promise
}

/** The catalogue if one has already loaded (for work that cannot wait, like a key press: its
 * shortcodes are the same in every language). */
export function loadedCatalogue(): EmojiCatalogue | null {
  return loaded
}
