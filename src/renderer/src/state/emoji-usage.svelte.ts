import { countUse, paletteEmoji, parseUsage } from '../lib/reactions'

const STORAGE_KEY = 'lanroom.emojiUsage'

/**
 * Which emoji this person reacts with most, for the quick palette. Kept in the window's own
 * storage: a convenience, not a setting main needs to know.
 */
export class EmojiUsage {
  #counts = $state.raw<ReadonlyMap<string, number>>(parseUsage(null))
  palette = $derived(paletteEmoji(this.#counts))

  constructor() {
    try {
      this.#counts = parseUsage(localStorage.getItem(STORAGE_KEY))
    } catch {
      // No storage here: nothing remembered.
    }
  }

  used(emoji: string): void {
    this.#counts = countUse(this.#counts, emoji)
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify([...this.#counts]))
    } catch {
      // Storage full or unavailable: the palette just forgets.
    }
  }
}

export const emojiUsage = new EmojiUsage()
