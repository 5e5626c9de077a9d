/**
 * Whether a JSON text holds more than `max` structural tokens — objects, arrays and the commas
 * between values — counted on its characters without parsing it: the client's twin of the hub's
 * byte count (src/main/hub/json-tokens.ts), for frames that arrive as strings (a browser's
 * WebSocket gives nothing else). String contents, escapes included, do not count. UTF-16
 * surrogates are 0xD800 or above, never taken for ASCII punctuation.
 *
 * Parsing JSON made of many small values costs up to a hundred times more per byte than
 * parsing text: 31 MiB of `[[],[],…]`, under the 32 MiB a client takes, held a client's event
 * loop for 6 s and 800 MB. A hub's frames are bounded in tokens too (LIMITS.maxWelcomeTokens,
 * maxHubFrameTokens), so a frame over them is refused before it is parsed.
 */
export function jsonTextHasMoreTokens(text: string, max: number): boolean {
  let tokens = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === BACKSLASH) i++
      else if (code === QUOTE) inString = false
    } else if (code === QUOTE) {
      inString = true
    } else if (code === COMMA || code === OPEN_BRACKET || code === OPEN_BRACE) {
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
