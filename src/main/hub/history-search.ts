import { setImmediate as nextTurn } from 'node:timers/promises'
import { eachGrapheme, utf8Length, type ChatEvent, type SearchMatch } from '../../shared/protocol'
import type { EventIndex } from './event-index'
import { byteKeyOf, SearchChunk, type ByteKey, type ChunkQuery } from './search-chunk'

export interface SearchQuery {
  /** Words separated by white space; a chat matches when its text has all of them. */
  text: string
  /** Only chats with a lower seq (continuing an earlier search). */
  before?: number | undefined
  limit: number
}

export interface SearchResult {
  /** Newest first. */
  matches: SearchMatch[]
  /** Older matches may exist: search again with `before` = the last match's seq. */
  more: boolean
}

export interface SearchLimits {
  maxSnippetLength: number
  maxHighlights: number
}

export interface SearchOptions extends SearchLimits {
  /** How long the scan runs before it lets the event loop run (ms). */
  sliceMs?: number
  /** Most bytes read from the file at once. */
  chunkBytes?: number
}

const SLICE_MS = 4
const CHUNK_BYTES = 128 * 1024

/**
 * Lower case without a locale, with the Greek final sigma folded into sigma: the one letter
 * whose lower case depends on what follows it, so that a word matches wherever it stands.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase()
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower
}

/** A search text made ready: its words, and what a chat's record must contain to match. */
export class Query implements ChunkQuery {
  /** Every distinct word, folded (for highlights). */
  readonly words: string[]
  /** The words a match must contain: none that another contains, longest first. */
  readonly required: string[]
  /** `required` as they appear in a record's JSON (escaped), for a cheap first look. */
  readonly inJson: string[]
  readonly key: ByteKey | null
  readonly fold = fold

  constructor(text: string) {
    this.words = [
      ...new Set(
        fold(text)
          .split(/\s+/u)
          .filter((word) => word.length > 0),
      ),
    ]
    this.required = this.words
      .filter((word) => !this.words.some((other) => other !== word && other.includes(word)))
      .sort((a, b) => b.length - a.length)
    this.inJson = this.required.map((word) => JSON.stringify(word).slice(1, -1))
    this.key = byteKeyOf(this.inJson[0], fold)
  }

  /** Whether folded text has every required word. */
  matches(folded: string): boolean {
    for (const word of this.required) if (!folded.includes(word)) return false
    return this.required.length > 0
  }
}

/**
 * Finds the newest chats whose current text has every word of the query, reading the file's
 * chat records newest first in chunks, and yielding to the event loop every few milliseconds,
 * so that one search never holds up the room. Between slices the file may be compacted: the
 * scan goes on from a seq, never from an offset. Aborting rejects with the signal's reason.
 */
export async function searchHistory(
  index: EventIndex,
  readBytes: (offset: number, length: number) => Buffer,
  request: SearchQuery,
  current: (chat: ChatEvent) => string | null,
  signal: AbortSignal,
  options: SearchOptions,
): Promise<SearchResult> {
  const query = new Query(request.text)
  const limit = Math.max(0, Math.floor(request.limit))
  const sliceMs = options.sliceMs ?? SLICE_MS
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES
  const matches: SearchMatch[] = []
  let cursor = request.before ?? Infinity
  if (limit === 0 || query.required.length === 0) return { matches, more: false }
  for (;;) {
    signal.throwIfAborted()
    const sliceEnd = performance.now() + sliceMs
    let c = index.chatsBelow(cursor)
    while (c > 0) {
      const end = index.chatEnd(c - 1)
      let first = c - 1
      while (first > 0 && end - index.chatOffset(first - 1) <= chunkBytes) first -= 1
      const start = index.chatOffset(first)
      const firstRecord = index.chatRecord(first)
      const records = index.chatRecord(c - 1) - firstRecord + 1
      const bytes = readBytes(start, end - start)
      const chunk = new SearchChunk(bytes, start, firstRecord, records, index, query)
      let j = c - 1
      for (let looked = 0; j >= first; j--) {
        const record = index.chatRecord(j) - firstRecord
        if (!index.isEdited(j) && !chunk.mayMatch(record)) continue
        const chat = JSON.parse(chunk.json(record)) as ChatEvent
        const text = current(chat)
        // Candidates cost the most (a chunk may be all candidates): the slice may end among them.
        looked += 1
        if (text !== null) {
          const match = matchOf(chat, text, query, options)
          if (match) matches.push(match)
          if (matches.length === limit) return { matches, more: j > 0 }
        }
        if (looked % 32 === 0 && performance.now() >= sliceEnd) break
      }
      // Chats below `cursor` are still to be looked at.
      c = Math.max(first, j)
      cursor = index.chatSeqAt(c)
      if (performance.now() >= sliceEnd) break
    }
    if (c === 0) return { matches, more: false }
    await nextTurn()
  }
}

/** The match for `chat` whose current text is `text`, or null when it does not match. */
export function matchOf(
  chat: ChatEvent,
  text: string,
  query: Query,
  limits: SearchLimits,
): SearchMatch | null {
  const folded = foldWithMap(text)
  if (!query.matches(folded.text)) return null
  const ranges = occurrences(folded, query.words)
  const { snippet, highlights } = excerpt(text, ranges, limits)
  return { seq: chat.seq, from: chat.from, name: chat.name, ts: chat.ts, snippet, highlights }
}

/** Folded text, and where each of its UTF-16 units came from in the original (null: the same). */
function foldWithMap(text: string): { text: string; origin: number[] | null } {
  const folded = fold(text)
  if (folded.length === text.length) return { text: folded, origin: null }
  // Some letter's lower case is longer (İ → i̇): fold code point by code point, keeping where
  // each unit came from. Per code point, lower case differs from the whole string's only for
  // the final sigma, which fold() makes a sigma anyway.
  let out = ''
  const origin: number[] = []
  for (let i = 0; i < text.length;) {
    const point = text.codePointAt(i) as number
    const size = point > 0xffff ? 2 : 1
    const piece = fold(text.slice(i, i + size))
    out += piece
    for (let k = 0; k < piece.length; k++) origin.push(i)
    i += size
  }
  origin.push(text.length)
  return { text: out, origin }
}

/** Every occurrence of every word, as [start, end) in the original text, sorted and merged. */
function occurrences(
  folded: { text: string; origin: number[] | null },
  words: readonly string[],
): Array<[number, number]> {
  const toOriginal = (at: number): number => (folded.origin ? (folded.origin[at] as number) : at)
  const ranges: Array<[number, number]> = []
  for (const word of words) {
    for (let at = folded.text.indexOf(word); at >= 0; at = folded.text.indexOf(word, at + 1)) {
      const start = toOriginal(at)
      let end = toOriginal(at + word.length)
      // A lower case that grew maps its parts to the same original unit: take all of it.
      if (end <= start) end = start + 1
      ranges.push([start, end])
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Array<[number, number]> = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

const ELLIPSIS = '…'

/**
 * At most maxSnippetLength graphemes of `text` around its first match (from a little before
 * it), with "…" where cut, and the matched ranges within it as UTF-16 offsets.
 */
export function excerpt(
  text: string,
  ranges: ReadonlyArray<readonly [number, number]>,
  limits: SearchLimits,
): { snippet: string; highlights: Array<[number, number]> } {
  const max = limits.maxSnippetLength
  // Grapheme boundaries as UTF-16 offsets; texts are at most maxTextLength graphemes.
  const bounds = [0]
  eachGrapheme(text, (grapheme) => {
    bounds.push((bounds.at(-1) as number) + grapheme.length)
    return true
  })
  const count = bounds.length - 1
  const maxBytes = max * 8
  let from = 0
  let to = count
  if (count > max || utf8Length(text) > maxBytes) {
    const firstAt = ranges[0]?.[0] ?? 0
    let hit = 0
    while (hit < count && (bounds[hit + 1] as number) <= firstAt) hit += 1
    from = Math.max(0, hit - Math.floor(max / 4))
    if (count - from < max) from = Math.max(0, count - max)
    // A grapheme may be many bytes (stacked marks): the snippet keeps to its byte bound too.
    let bytes = 0
    for (to = from; to < count && to - from < max; to++) {
      const size = utf8Length(text.slice(bounds[to], bounds[to + 1]))
      if (bytes + size > maxBytes && to > from) break
      bytes += size
    }
  }
  const start = bounds[from] as number
  const end = bounds[to] as number
  const lead = from > 0 ? ELLIPSIS : ''
  const snippet = lead + text.slice(start, end) + (to < count ? ELLIPSIS : '')
  const shift = lead.length - start
  const highlights: Array<[number, number]> = []
  for (const [rangeStart, rangeEnd] of ranges) {
    if (highlights.length === limits.maxHighlights) break
    const a = Math.max(rangeStart, start)
    const b = Math.min(rangeEnd, end)
    if (b > a) highlights.push([a + shift, b + shift])
  }
  return { snippet, highlights }
}
