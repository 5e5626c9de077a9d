import type { SearchMatch } from '../shared/protocol'
import { dateTime, printable } from './format'

/** How a matched word is marked on a terminal: bold, then back to normal. */
export const MARK_START = '\u001b[1m'
export const MARK_END = '\u001b[22m'

/** `index` moved off the second half of a surrogate pair, so that no character is split. */
function onCharacter(text: string, index: number): number {
  const unit = text.charCodeAt(index)
  const before = text.charCodeAt(index - 1)
  const splits = unit >= 0xdc00 && unit <= 0xdfff && before >= 0xd800 && before <= 0xdbff
  return splits ? index - 1 : index
}

/**
 * The hub's highlight ranges as ascending, non-overlapping [start, end) within `text`, on
 * whole characters: the hub's word is not trusted to be in order, in bounds or sensible.
 */
export function cleanRanges(
  text: string,
  ranges: readonly (readonly [number, number])[],
): Array<[number, number]> {
  const sorted = ranges
    .map(([start, end]): [number, number] => [
      onCharacter(text, Math.min(start, text.length)),
      onCharacter(text, Math.min(end, text.length)),
    ])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/** A snippet on one line: printable, each white space character a space. */
function flat(text: string): string {
  return printable(text).replace(/\s/g, ' ')
}

/**
 * `#SEQ [YYYY-MM-DD HH:MM] name: snippet` on one line; with `mark`, the matched words between
 * MARK_START and MARK_END (for a terminal).
 */
export function formatMatch(match: SearchMatch, mark: boolean): string {
  const { snippet } = match
  let text = ''
  if (mark) {
    let at = 0
    for (const [start, end] of cleanRanges(snippet, match.highlights)) {
      text +=
        flat(snippet.slice(at, start)) + MARK_START + flat(snippet.slice(start, end)) + MARK_END
      at = end
    }
    text += flat(snippet.slice(at))
  } else {
    text = flat(snippet)
  }
  return `#${match.seq} ${dateTime(match.ts)} ${match.name}: ${text}`
}
