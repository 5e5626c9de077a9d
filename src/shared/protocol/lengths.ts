/**
 * How the protocol measures text: in graphemes (what a person sees as one character, Unicode
 * UAX #29 extended grapheme clusters, as `Intl.Segmenter` finds them) and in UTF-8 bytes.
 * Hub, client, composer and docs/protocol.md all count with these functions.
 */

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Code units given to the segmenter at once. V8's segment iterator costs more per grapheme the
 * longer its string (32,000 graphemes in one string take a hundred times longer than in pieces
 * of 512), so long text is segmented in windows that each start on a grapheme boundary.
 */
const WINDOW = 512

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

/** Code points of `text`: at least its graphemes, and cheap to count. */
function codePoints(text: string): number {
  let count = text.length
  for (let i = 1; i < text.length; i++) {
    // A low surrogate right after a high one is the second half of one code point.
    if (isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1))) count -= 1
  }
  return count
}

/** ASCII without CR: every unit is a grapheme of its own. */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0x80 || unit === 0x0d) return false
  }
  return true
}

/**
 * Calls `visit` with each grapheme of `text` in order, until it returns false. Segments in
 * windows that each start on a grapheme boundary: the last grapheme of a window may go on past
 * its end, so it is left to the next window, which starts on its first unit. (UAX #29 decides
 * each boundary from what precedes it and the one character after it, so a window that starts on
 * a boundary finds the same boundaries as the whole text.)
 */
function eachGrapheme(text: string, visit: (grapheme: string) => boolean): void {
  let start = 0
  let width = WINDOW
  while (start < text.length) {
    let end = Math.min(text.length, start + width)
    // Not between the halves of a surrogate pair: the boundary before the window's last
    // grapheme is decided by the whole character after it.
    if (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end += 1
    let held: string | null = null
    let heldAt = 0
    for (const { segment, index } of GRAPHEMES.segment(text.slice(start, end))) {
      if (held !== null && !visit(held)) return
      held = segment
      heldAt = index
    }
    if (end === text.length) {
      if (held !== null) visit(held)
      return
    }
    if (heldAt === 0) {
      // One grapheme fills the window (a letter with hundreds of marks): look further.
      width *= 2
      continue
    }
    start += heldAt
    width = WINDOW
  }
}

/**
 * Graphemes in `text`, counting no further than `stopAfter` (the result is then
 * `stopAfter + 1`): enough to tell whether a text is too long at a cost bounded by the limit
 * rather than by the text. Linear in what it reads.
 */
export function graphemeLength(text: string, stopAfter = Infinity): number {
  if (isPlainAscii(text)) return Math.min(text.length, stopAfter + 1)
  let count = 0
  eachGrapheme(text, () => ++count <= stopAfter)
  return count
}

/** Whether `text` has more than `max` graphemes. Cheap when it is short. */
export function longerThan(text: string, max: number): boolean {
  // Graphemes <= code points <= code units.
  if (text.length <= max || codePoints(text) <= max) return false
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
