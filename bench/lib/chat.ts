/**
 * The benchmark's chat messages. The message id of every chat carries the trial number and the
 * sender's send time (µs, CLOCK_MONOTONIC): `<trial>_<sentUs>_<n>`. Both hubs serialize a chat
 * event as `{"type":"chat","seq":N,"id":"...",...}` (type, seq and id first), so a receiver
 * reads the id at a known place in the frame with a few byte comparisons: no JSON parsing and
 * no search through the text, which matters at a million deliveries per second.
 */

/** A chat text of an ordinary length (78 characters). */
export const CHAT_TEXT =
  'Hello everyone, this is a benchmark message of ordinary length, nothing more.'

export function chatId(trial: number, sentUs: number, n: number): string {
  return `${trial}_${sentUs}_${n}`
}

const WELCOME_PREFIX = Buffer.from('{"type":"welcome"')
const ERROR_PREFIX = Buffer.from('{"type":"error"')
/** `{"type":"chat","seq":` */
const SEQ_OFFSET = 21
const QUOTE = 0x22
const COMMA = 0x2c
const UNDERSCORE = 0x5f
const ZERO = 0x30
const NINE = 0x39

function startsWith(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return (
    end - start >= prefix.length &&
    buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
  )
}

export function isWelcome(buf: Buffer, start: number, end: number): boolean {
  return startsWith(buf, start, end, WELCOME_PREFIX)
}

export function isError(buf: Buffer, start: number, end: number): boolean {
  return startsWith(buf, start, end, ERROR_PREFIX)
}

/** Result of `parseChat`, reused (one per process) to avoid an allocation per message. */
export interface ParsedChat {
  trial: number
  sentUs: number
}

/**
 * Reads a benchmark chat frame's trial and send time into `out`. Returns false for frames
 * that are not chats, or chats that are not the benchmark's.
 */
export function parseChat(buf: Buffer, start: number, end: number, out: ParsedChat): boolean {
  // `{"type":"chat"`: bytes 9..13 are `chat"`; `joined`, `welcome`, `typing`... differ there.
  if (
    end - start < 40 ||
    buf[start + 9] !== 0x63 ||
    buf[start + 10] !== 0x68 ||
    buf[start + 11] !== 0x61 ||
    buf[start + 12] !== 0x74 ||
    buf[start + 13] !== QUOTE
  ) {
    return false
  }
  let i = start + SEQ_OFFSET
  while (i < end && buf[i] !== COMMA) i++
  // `,"id":"`
  i += 7
  if (i >= end || buf[i - 1] !== QUOTE) return false
  let trial = 0
  let c = buf[i] as number
  while (c >= ZERO && c <= NINE) {
    trial = trial * 10 + (c - ZERO)
    c = buf[++i] as number
  }
  if (c !== UNDERSCORE) return false
  let sentUs = 0
  c = buf[++i] as number
  while (c >= ZERO && c <= NINE) {
    sentUs = sentUs * 10 + (c - ZERO)
    c = buf[++i] as number
  }
  if (c !== UNDERSCORE || i >= end) return false
  out.trial = trial
  out.sentUs = sentUs
  return true
}
