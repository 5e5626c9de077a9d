/**
 * Whether a JSON text holds more than `max` structural tokens — objects, arrays and the
 * commas between values — counted on its bytes without parsing it.
 *
 * Why: parsing JSON made of many small values costs up to a hundred times more per byte than
 * parsing text (64 KiB of `[[[[…` takes about 3 ms; a 64 KiB chat text about 0.04 ms), and
 * a frame's cost is paid before anything can tell whether it is worth it. A protocol message
 * has a handful of fields, so the hub refuses anything with more tokens unparsed, and what
 * it does parse costs about what its size says. The count skips string contents (escapes
 * included), so brackets and commas in chat text are free. UTF-8 continuation bytes are all
 * 0x80 or above, so they are never taken for ASCII punctuation.
 */
export function hasMoreJsonTokens(bytes: Uint8Array, max: number): boolean {
  let tokens = 0
  let inString = false
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number
    if (inString) {
      if (byte === BACKSLASH) i++
      else if (byte === QUOTE) inString = false
    } else if (byte === QUOTE) {
      inString = true
    } else if (byte === COMMA || byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      tokens += 1
      if (tokens > max) return true
    }
  }
  return false
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const OPEN_BRACKET = 0x5b
const OPEN_BRACE = 0x7b
