/**
 * A translated sentence cut around one placeholder, so that a component can show the value in
 * its own markup (a verification code, a room code that must not wrap) while the sentence stays
 * one catalogue entry, in the language's own word order.
 */

/** A private-use character: never in a catalogue, never typed by the component. */
const MARK = '\u{E000}'

/**
 * `sentence(MARK)` split at the mark: what comes before the value and what comes after. A
 * translation that lost the placeholder (the catalogue test forbids it) shows whole, before.
 */
export function around(sentence: (mark: string) => string): [before: string, after: string] {
  const text = sentence(MARK)
  const at = text.indexOf(MARK)
  if (at === -1) return [text, '']
  return [text.slice(0, at), text.slice(at + MARK.length)]
}
