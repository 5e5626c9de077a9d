/**
 * The composer's length limit, shown only near it: a counter that appears in the last tenth
 * (or last 50 characters, for small limits) and turns into a warning past the limit. Characters
 * are counted as the hub counts them: graphemes, what a person sees as one character (an emoji
 * with a skin tone is one). A text must also fit the hub's byte limit, which only long emoji
 * sequences or stacked accents reach before the character limit.
 */
import { LIMITS } from '../../../shared/protocol/limits'
import { graphemeLength, moreBytesThan } from '../../../shared/protocol/lengths'
import { t } from './i18n'

export interface LengthHint {
  visible: boolean
  over: boolean
  /** For people: `3,612 / 4,000`, or how much too long. */
  text: string
}

const HIDDEN: LengthHint = { visible: false, over: false, text: '' }

export function lengthHint(text: string, max: number, maxBytes = LIMITS.maxTextBytes): LengthHint {
  const threshold = Math.max(50, Math.floor(max / 10))
  const tooBig = moreBytesThan(text, maxBytes)
  // Graphemes are never more than code units: a text this short needs no counting.
  if (!tooBig && text.length < max - threshold) return HIDDEN
  // Counting stops a little past what the hint can say, however long a paste.
  const length = graphemeLength(text, max + 100_000)
  const remaining = max - length
  if (remaining < 0) {
    const over = -remaining
    return { visible: true, over: true, text: t('lengthHint.over', { count: over }) }
  }
  if (tooBig) return { visible: true, over: true, text: t('lengthHint.tooBig') }
  return {
    visible: remaining <= threshold,
    over: false,
    text: t('lengthHint.count', { length, max }),
  }
}

/** Whether the text can be sent: something besides whitespace, within the limits. */
export function canSend(text: string, max: number, maxBytes = LIMITS.maxTextBytes): boolean {
  return (
    text.trim().length > 0 && !moreBytesThan(text, maxBytes) && graphemeLength(text, max) <= max
  )
}
