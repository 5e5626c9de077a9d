import { crc32 } from 'node:zlib'
import { DELETED_TEXT, type Schemas, type TimelineEvent } from '../../shared/protocol'

/**
 * One line of history.log: `<crc32 of the JSON, 8 hex digits> <JSON>\n`. The JSON may end in
 * spaces (JSON.parse ignores them, the checksum covers them): a record is written with enough
 * of them that its redacted form (see `redacted`) has exactly the same length, so a delete can
 * rewrite it in place without moving any other record.
 */

/** Bytes before the JSON: 8 hex digits and a space. */
export const RECORD_PREFIX_BYTES = 9
const NEWLINE = 0x0a
const SPACE = 0x20

/** Record kinds, as the index stores them (one byte each). */
export const KIND = { chat: 0, react: 1, unreact: 2, edit: 3, delete: 4 } as const
export type Kind = (typeof KIND)[keyof typeof KIND]

const JSON_OF_DELETED_TEXT_BYTES = Buffer.byteLength(JSON.stringify(DELETED_TEXT))
const DELETED_FLAG_BYTES = Buffer.byteLength(',"deleted":true')

export function kindOf(event: TimelineEvent): Kind {
  return KIND[event.type]
}

/** A record line for `json`, padded so that its redacted form fits in its place. */
export function recordLine(json: string, event: TimelineEvent): Buffer {
  const bytes = Buffer.byteLength(json)
  const pad = paddingFor(event)
  const line = Buffer.allocUnsafe(RECORD_PREFIX_BYTES + bytes + pad + 1)
  line.write(json, RECORD_PREFIX_BYTES)
  line.fill(SPACE, RECORD_PREFIX_BYTES + bytes, line.length - 1)
  line[line.length - 1] = NEWLINE
  sign(line)
  return line
}

/** Spaces a record needs beyond its JSON so that `redacted` never makes it longer. */
function paddingFor(event: TimelineEvent): number {
  if (event.type !== 'chat' && event.type !== 'edit') return 0
  const text = Buffer.byteLength(JSON.stringify(event.text))
  const flag = event.type === 'chat' && event.deleted !== true ? DELETED_FLAG_BYTES : 0
  return Math.max(0, JSON_OF_DELETED_TEXT_BYTES + flag - text)
}

/** Writes the checksum of the line's JSON (and padding) into its first 9 bytes. */
function sign(line: Buffer): void {
  const sum = crc32(line.subarray(RECORD_PREFIX_BYTES, line.length - 1))
  line.write(sum.toString(16).padStart(8, '0'), 0, 'latin1')
  line[8] = SPACE
}

/** The JSON of a record line (without the newline) if its checksum holds, else null. */
export function checkedJson(buffer: Buffer, start: number, end: number): string | null {
  if (end - start < RECORD_PREFIX_BYTES + 2 || buffer[start + 8] !== SPACE) return null
  const sum = parseHex(buffer, start)
  if (sum < 0 || sum !== crc32(buffer.subarray(start + RECORD_PREFIX_BYTES, end))) return null
  return buffer.toString('utf8', start + RECORD_PREFIX_BYTES, end)
}

function parseHex(buffer: Buffer, start: number): number {
  let value = 0
  for (let i = start; i < start + 8; i++) {
    const c = buffer[i] as number
    const digit =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x61 && c <= 0x66
          ? c - 0x57
          : c >= 0x41 && c <= 0x46
            ? c - 0x37
            : -1
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

/** `json` as a timeline event of the protocol, or null when it is not one. */
export function parseEvent(json: string, schemas: Schemas): TimelineEvent | null {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  const type = (value as { type?: unknown } | null)?.type
  const parsed =
    type === 'chat' ? schemas.chatEvent.safeParse(value) : schemas.opEvent.safeParse(value)
  return parsed.success ? parsed.data : null
}

/**
 * The record line that replaces `line` once its text is gone, of the same length: a chat says
 * `"message deleted"` and `deleted: true`, an edit says `"message deleted"`. Null when the
 * record has no text to remove (or was redacted already). Records written before padding
 * existed may be too short for that form; their text is then overwritten with as many dashes
 * as it took, which removes it just as well (the hub knows the chat is deleted from the delete
 * event that follows it).
 */
export function redacted(line: Buffer): Buffer | null {
  const json = JSON.parse(line.toString('utf8', RECORD_PREFIX_BYTES, line.length - 1)) as Record<
    string,
    unknown
  >
  if (json.type !== 'chat' && json.type !== 'edit') return null
  if (typeof json.text !== 'string') return null
  const isChat = json.type === 'chat'
  if (json.text === DELETED_TEXT && (!isChat || json.deleted === true)) return null
  const room = line.length - RECORD_PREFIX_BYTES - 1
  // A file chat's file (its name, its thumbnail) goes with the text: the record only shrinks.
  const { file: _file, ...kept } = json
  let replacement = JSON.stringify(
    isChat ? { ...kept, text: DELETED_TEXT, deleted: true } : { ...kept, text: DELETED_TEXT },
  )
  if (Buffer.byteLength(replacement) > room) {
    const textBytes = Buffer.byteLength(JSON.stringify(json.text))
    replacement = JSON.stringify({ ...kept, text: '-'.repeat(Math.max(1, textBytes - 2)) })
  }
  const out = Buffer.alloc(line.length, SPACE)
  out.write(replacement, RECORD_PREFIX_BYTES)
  out[out.length - 1] = NEWLINE
  sign(out)
  return out
}
