/**
 * How the protocol measures text: in graphemes (what a person sees as one character, Unicode
 * UAX #29 extended grapheme clusters, as `Intl.Segmenter` finds them) and in UTF-8 bytes.
 * Hub, client, composer and docs/protocol.md all count with these functions.
 */

import {
  countGraphemes,
  eachGrapheme,
  graphemeUpperBound,
  isHighSurrogate,
  isLowSurrogate,
} from './graphemes'

export { eachGrapheme }

/** ASCII without CR: every unit is a grapheme of its own. */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0x80 || unit === 0x0d) return false
  }
  return true
}

/**
 * Graphemes in `text`, counting no further than `stopAfter` (the result is then
 * `stopAfter + 1`): enough to tell whether a text is too long at a cost bounded by the limit
 * rather than by the text. Linear in what it reads.
 */
export function graphemeLength(text: string, stopAfter = Infinity): number {
  if (isPlainAscii(text)) return Math.min(text.length, stopAfter + 1)
  return Math.min(countGraphemes(text, stopAfter), stopAfter + 1)
}

/** Whether `text` has more than `max` graphemes. Cheap when it is short. */
export function longerThan(text: string, max: number): boolean {
  // Graphemes <= code units; and most text within the limit is known to be by a quick pass.
  if (text.length <= max || graphemeUpperBound(text) <= max) return false
  return graphemeLength(text, max) > max
}

/** Bytes of `text` in UTF-8 (a lone surrogate counts 3, as U+FFFD would). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}

/** Whether `text` takes more than `max` bytes in UTF-8. Cheap when it is short. */
export function moreBytesThan(text: string, max: number): boolean {
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  if (text.length * 3 <= max) return false
  return utf8Length(text) > max
}

/**
 * `text` cut to at most `maxLength` graphemes and `maxBytes` bytes of UTF-8, ending in `…` when
 * something was cut. Never splits a grapheme (so never a surrogate pair either).
 */
export function clip(text: string, maxLength: number, maxBytes = Infinity): string {
  if (!longerThan(text, maxLength) && !moreBytesThan(text, maxBytes)) return text
  const ellipsis = '…'
  const room = { length: maxLength - 1, bytes: maxBytes - utf8Length(ellipsis) }
  let kept = ''
  let length = 0
  let bytes = 0
  eachGrapheme(text, (grapheme) => {
    const size = utf8Length(grapheme)
    if (length + 1 > room.length || bytes + size > room.bytes) return false
    kept += grapheme
    length += 1
    bytes += size
    return true
  })
  return kept + ellipsis
}

/** The first grapheme of `text` ('' for ''). */
export function firstGrapheme(text: string): string {
  let first = ''
  eachGrapheme(text, (grapheme) => {
    first = grapheme
    return false
  })
  return first
}
