import { caseVariants } from './case-variants'
import type { EventIndex } from './event-index'
import { RECORD_PREFIX_BYTES } from './history-record'

/**
 * What a search looks for, as history-search.ts prepares it: words in folded (lower) case,
 * escaped as in JSON, and the first (longest) of them as raw bytes (null when it is too short
 * to be worth a byte scan).
 */
export interface ChunkQuery {
  readonly inJson: readonly string[]
  readonly key: ByteKey | null
  /** Lower case without a locale, as the search compares. */
  fold(text: string): string
}

/**
 * A folded word as the raw UTF-8 bytes of text that holds it may spell it: for each of its
 * characters, the bytes of every character that lowers to it (case-variants.ts). UTF-8 is
 * prefix-free, so at any place at most one spelling of a character fits.
 */
export interface ByteKey {
  /** Whether a byte can start the first character. */
  readonly starts: Uint8Array
  /** The same bytes, as a list. */
  readonly firstBytes: readonly number[]
  readonly characters: ReadonlyArray<readonly Buffer[]>
}

/** The only character whose lower case is two characters (İ → i̇): text with it is looked at
 * the slow way. */
const DOTTED_CAPITAL_I = Buffer.from('\u0130')

/** Places where a key may start, found natively, before a chunk is scanned byte by byte. */
const NATIVE_SEARCH_HITS = 64

/** Shorter keys match too many records for a byte scan to save anything. */
const MIN_KEY_BYTES = 3

export function byteKeyOf(
  word: string | undefined,
  fold: (text: string) => string,
): ByteKey | null {
  if (word === undefined || Buffer.byteLength(word) < MIN_KEY_BYTES) return null
  const characters = [...word].map((character) =>
    caseVariants(character, fold).map((variant) => Buffer.from(variant)),
  )
  const starts = new Uint8Array(256)
  for (const spelling of characters[0] ?? []) starts[spelling[0] as number] = 1
  const firstBytes = [...starts.keys()].filter((byte) => starts[byte] === 1)
  return { starts, firstBytes, characters }
}

/** Whether `bytes` at `at` spell `key`. */
function spells(bytes: Buffer, at: number, key: ByteKey): boolean {
  let position = at
  for (const spellings of key.characters) {
    const spelling = spellings.find((candidate) => startsWith(bytes, position, candidate))
    if (!spelling) return false
    position += spelling.length
  }
  return true
}

function startsWith(bytes: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > bytes.length) return false
  for (let k = 0; k < prefix.length; k++) if (bytes[at + k] !== prefix[k]) return false
  return true
}

/**
 * Consecutive records of history.log, read at once, and which of them could match a search.
 * A record can only match when its folded JSON holds every word (escaped as in JSON). Two
 * ways to find those, both never missing one:
 *  - bytes: a record that matches spells the query's first word in its raw bytes, each
 *    character in one of its cases (ByteKey). A scan of the bytes finds the few records worth
 *    decoding, without decoding and lowering the whole chunk.
 *  - text: the chunk is decoded and lowered at once; the first word's occurrences pick the
 *    candidate lines, the other words are looked for in those only.
 */
export class SearchChunk {
  /** Where each record starts in `bytes`; the last entry is the chunk's length. */
  private readonly starts: Float64Array
  /** The chunk decoded (text way only), and where each line starts in it. */
  private text: string | null = null
  private textStarts: number[] = []
  /** Candidate records; null: each is looked at on its own. */
  private readonly marks: Uint8Array | null
  /** Whether a mark is final (text way) or must still be checked on the record's text. */
  private readonly marksAreExact: boolean

  constructor(
    private readonly bytes: Buffer,
    /** File offset of `bytes`, and the index of the first record in it. */
    start: number,
    readonly firstRecord: number,
    records: number,
    index: EventIndex,
    private readonly query: ChunkQuery,
  ) {
    this.starts = new Float64Array(records + 1)
    for (let r = 0; r < records; r++) this.starts[r] = index.offsetAt(firstRecord + r) - start
    this.starts[records] = bytes.length
    const key = query.key
    if (key && bytes.indexOf(DOTTED_CAPITAL_I) < 0) {
      this.marks = this.markBytes(key)
      this.marksAreExact = false
    } else {
      this.marks = this.markText()
      this.marksAreExact = true
    }
  }

  /** The JSON of record `r` of the chunk (without checksum and newline). */
  json(r: number): string {
    if (this.text !== null) {
      const start = (this.textStarts[r] as number) + RECORD_PREFIX_BYTES
      return this.text.slice(start, (this.textStarts[r + 1] as number) - 1)
    }
    const start = (this.starts[r] as number) + RECORD_PREFIX_BYTES
    return this.bytes.toString('utf8', start, (this.starts[r + 1] as number) - 1)
  }

  /** Whether record `r` could match (a superset of the records that do). */
  mayMatch(r: number): boolean {
    if (this.marks && this.marks[r] !== 1) return false
    if (this.marks && this.marksAreExact) return true
    const folded = this.query.fold(this.json(r))
    for (const word of this.query.inJson) if (!folded.includes(word)) return false
    return true
  }

  /**
   * Marks the records whose bytes spell `key`. Places where the key may start are found with
   * Buffer.indexOf (native, many times faster than a loop) while they are few; when they turn
   * out to be many (a common letter), the rest of the chunk is scanned byte by byte instead.
   */
  private markBytes(key: ByteKey): Uint8Array {
    const bytes = this.bytes
    const records = this.starts.length - 1
    const marks = new Uint8Array(records)
    let r = 0
    /** Marks the record of a match at `i`; returns where the next record starts. */
    const mark = (i: number): number => {
      while ((this.starts[r + 1] as number) <= i) r += 1
      marks[r] = 1
      return this.starts[r + 1] as number
    }
    const firsts = key.firstBytes
    const next = firsts.map((byte) => bytes.indexOf(byte))
    let at = 0
    for (let found = 0; found < NATIVE_SEARCH_HITS; found++) {
      let k = -1
      for (let v = 0; v < next.length; v++) {
        const position = next[v] as number
        if (position >= 0 && (k < 0 || position < (next[k] as number))) k = v
      }
      if (k < 0) return marks
      const i = next[k] as number
      at = spells(bytes, i, key) ? mark(i) : i + 1
      for (let v = 0; v < next.length; v++) {
        if ((next[v] as number) >= 0 && (next[v] as number) < at) {
          next[v] = bytes.indexOf(firsts[v] as number, at)
        }
      }
    }
    const starts = key.starts
    for (let i = at, length = bytes.length; i < length; i++) {
      if (starts[bytes[i] as number] !== 1 || !spells(bytes, i, key)) continue
      // One occurrence is enough: on to the next record.
      i = mark(i) - 1
    }
    return marks
  }

  /** Decodes and lowers the chunk; marks the records whose JSON holds every word. */
  private markText(): Uint8Array | null {
    const text = (this.text = this.bytes.toString('utf8'))
    const starts = (this.textStarts = [0])
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
    const folded = this.query.fold(text)
    // Lower case may change the length (İ): then each record is looked at on its own.
    if (folded.length !== text.length) return null
    const lines = starts.length - 1
    const marks = new Uint8Array(lines)
    const [firstWord, ...others] = this.query.inJson
    if (firstWord === undefined) return marks
    let line = 0
    for (let at = folded.indexOf(firstWord); at >= 0;) {
      while ((starts[line + 1] as number) <= at) line += 1
      marks[line] = 1
      at = folded.indexOf(firstWord, starts[line + 1] as number)
    }
    for (let l = 0; l < lines && others.length > 0; l++) {
      if (marks[l] !== 1) continue
      const record = folded.slice(starts[l] as number, starts[l + 1] as number)
      if (others.some((word) => !record.includes(word))) marks[l] = 0
    }
    return marks
  }
}
