/**
 * Direction of message text, where CSS cannot tell it cheaply.
 */

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their forms). */
const RTL_LETTER =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u
const FIRST_LETTER = /\p{L}/u

/**
 * Whether text starts right to left, as `dir="auto"` decides it (its first strong letter): for
 * layout the browser cannot select cheaply (a `:has(:dir(rtl))` rule costs a style pass per
 * change of the timeline).
 */
export function startsRightToLeft(text: string): boolean {
  const letter = FIRST_LETTER.exec(text)?.[0]
  return letter !== undefined && RTL_LETTER.test(letter)
}
