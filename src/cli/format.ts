import type { ChatEvent } from '../shared/protocol'

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

/** Splits text into pieces of at most `max` characters, without splitting a surrogate pair. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text]
  const pieces: string[] = []
  let rest = text
  while (rest.length > max) {
    let cut = max
    const code = rest.charCodeAt(cut - 1)
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1
    pieces.push(rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  if (rest.length > 0) pieces.push(rest)
  return pieces
}
