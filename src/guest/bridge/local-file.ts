import type { TextFile } from '../../main/settings/text-file'

/**
 * A store's text in the page's localStorage, under `key` (the damaged copy under `key.bad`).
 * The store validates what it reads with its own schema: the text may have been written by
 * anything on this origin.
 */
export function localFile(storage: Storage, key: string): TextFile {
  return {
    name: `localStorage:${key}`,
    read: () => {
      try {
        return storage.getItem(key)
      } catch {
        // Storage refused (private mode, a policy): as if there were nothing yet.
        return null
      }
    },
    write: (text) => storage.setItem(key, text),
    setAside: () => {
      try {
        const text = storage.getItem(key)
        if (text !== null) storage.setItem(`${key}.bad`, text)
        storage.removeItem(key)
      } catch {
        // Keeping the damaged copy is a courtesy.
      }
    },
  }
}
