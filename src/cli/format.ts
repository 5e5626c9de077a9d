import {
  eachGrapheme,
  longerThan,
  moreBytesThan,
  utf8Length,
  type ChatEvent,
} from '../shared/protocol'

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** `[HH:MM]` in local time. */
export function clock(ts: number): string {
  const date = new Date(ts)
  return `[${pad(date.getHours())}:${pad(date.getMinutes())}]`
}

/** `[HH:MM] name: text`, continuation lines indented under the text. */
export function formatChat(event: ChatEvent): string {
  const prefix = `${clock(event.ts)} ${event.name}: `
  return prefix + event.text.split('\n').join(`\n${' '.repeat(prefix.length)}`)
}

/**
 * Splits text into pieces of at most `maxLength` characters (graphemes, as the protocol counts
 * them) and `maxBytes` bytes of UTF-8, never inside a character: each piece is one chat.
 */
export function splitText(text: string, maxLength: number, maxBytes = Infinity): string[] {
  if (!longerThan(text, maxLength) && !moreBytesThan(text, maxBytes)) return [text]
  const pieces: string[] = []
  let piece = ''
  let length = 0
  let bytes = 0
  eachGrapheme(text, (grapheme) => {
    const size = utf8Length(grapheme)
    if (length > 0 && (length + 1 > maxLength || bytes + size > maxBytes)) {
      pieces.push(piece)
      piece = ''
      length = 0
      bytes = 0
    }
    piece += grapheme
    length += 1
    bytes += size
    return true
  })
  if (piece.length > 0) pieces.push(piece)
  return pieces
}
