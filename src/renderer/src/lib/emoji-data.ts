/**
 * The emoji catalogue, loaded once on first need from a file the app ships (Vite emits
 * emoji-picker-element-data's JSON as an asset of the renderer build): no CDN, nothing fetched
 * from elsewhere. The page's CSP already allows it (`connect-src 'self'`).
 */
import dataUrl from 'emoji-picker-element-data/en/emojibase/data.json?url'
import { buildCatalogue, type EmojiCatalogue } from './emoji'

let loading: Promise<EmojiCatalogue | null> | null = null
let loaded: EmojiCatalogue | null = null

/** The catalogue; null if the file cannot be read (the picker then says so). */
export function loadCatalogue(): Promise<EmojiCatalogue | null> {
  loading ??= fetch(dataUrl)
    .then((response) => (response.ok ? (response.json() as Promise<unknown>) : null))
    .then((data) => (loaded = data === null ? null : buildCatalogue(data)))
    .catch(() => {
      // Tried again on the next need.
      loading = null
      return null
    })
  return loading
}

/** The catalogue if it has already loaded (for work that cannot wait, like a key press). */
export function loadedCatalogue(): EmojiCatalogue | null {
  return loaded
}
