import {
  clip,
  eachGrapheme,
  longerThan,
  moreBytesThan,
  safeLine,
  safeWords,
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

/** `[YYYY-MM-DD HH:MM]` in local time. */
export function dateTime(ts: number): string {
  const date = new Date(ts)
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `[${day} ${pad(date.getHours())}:${pad(date.getMinutes())}]`
}

/** `text` without what a terminal must not be given (safeWords): control characters (line
 * breaks and tabs aside), bidirectional embeddings, overrides and isolates, lone surrogates. Chat
 * text never has them (the schema refuses it); a search snippet is only bounded, so everything
 * printed from the network goes through `printable`. */
export const printable = safeWords

/** A duration for people: `2 s`, `0.4 s` (at most one decimal). */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

/** `1 member`, `2 members`, `0 members`: a count and its noun, plural unless it is 1. */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`
}

/** `text` on one line: printable, every run of white space (line breaks too) one space. */
export const oneLine = safeLine

/** How many characters of a message a quote shows. */
export const QUOTE_LENGTH = 40

/** The start of a message on one line, in quotes: `"build is green on…"`. */
export function quoteStart(text: string, maxLength = QUOTE_LENGTH): string {
  return `"${clip(oneLine(text), maxLength)}"`
}

/** `head` then `text`, continuation lines indented under the text's first. */
export function indented(head: string, text: string): string {
  return (
    head +
    printable(text)
      .split('\n')
      .join(`\n${' '.repeat(head.length)}`)
  )
}

/** `[HH:MM] name: text`, continuation lines indented under the text. */
export function formatChat(event: ChatEvent): string {
  return indented(`${clock(event.ts)} ${event.name}: `, event.text)
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
