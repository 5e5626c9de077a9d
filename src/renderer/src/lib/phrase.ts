/**
 * A translated sentence with markup inside it (a name in <bdi>, keys in <kbd>): the catalogue
 * holds the whole sentence with placeholders, the component fills each placeholder with a
 * `slot(n)` marker and renders the pieces between them, so that the word order stays the
 * translator's and no sentence is glued from fragments.
 */

/** Markers are private-use characters: never in a catalogue, never typed into one. */
const FIRST = 0xe000
const COUNT = 16

export function slot(index: number): string {
  return String.fromCharCode(FIRST + index)
}

export interface Piece {
  /** The text between markers; empty for a marker. */
  readonly text: string
  /** The marker's index, or null for text. */
  readonly slot: number | null
}

export function pieces(text: string): Piece[] {
  const out: Piece[] = []
  let start = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < FIRST || code >= FIRST + COUNT) continue
    if (index > start) out.push({ text: text.slice(start, index), slot: null })
    out.push({ text: '', slot: code - FIRST })
    start = index + 1
  }
  if (start < text.length) out.push({ text: text.slice(start), slot: null })
  return out
}
