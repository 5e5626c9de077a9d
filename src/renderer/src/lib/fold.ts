/**
 * Long messages are shown folded, with "Show more": a pasted log of 2,000 characters should not
 * fill the screen. The timeline's height estimate (timeline-rows.ts) folds by the same rule.
 */

/** More characters than this, or more lines than FOLD_LINES, and the message folds. */
export const FOLD_CHARS = 800
/** A folded message shows this many lines. */
export const FOLD_LINES = 12

/** Whether the message is long enough to fold. Bounded: stops counting at FOLD_LINES. */
export function foldable(text: string): boolean {
  if (text.length > FOLD_CHARS) return true
  let lines = 1
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (++lines > FOLD_LINES) return true
  }
  return false
}
