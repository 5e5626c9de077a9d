/**
 * Files in a room (feature `files`): the rules for what a file chat carries, shared by the hub,
 * the client and the docs (docs/protocol.md, Files). The bytes travel over HTTPS (tus uploads,
 * ranged downloads) on the hub's own origin, never through the chat fan-out.
 */
import { graphemeLength, moreBytesThan } from './lengths'
import { LIMITS, type Limits } from './limits'

/** Where uploads are created (tus `POST`) and files are fetched (`GET /files/<id>`). */
export const FILES_PATH = '/files'

/** A file's id, which is its upload's: 32 lowercase hex digits (16 random bytes, as the hub
 * names uploads). The hub answers 404 to any other; a client can refuse it before asking. */
export const FILE_ID = /^[0-9a-f]{32}$/

/** The tus protocol version the hub speaks. */
export const TUS_VERSION = '1.0.0'

/** Thumbnail formats, recognised by their first bytes (never by a declared type). */
export const THUMB_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const
export type ThumbType = (typeof THUMB_TYPES)[number]

/** Raster types a client may show inline (from the thumbnail, and full size once downloaded
 * and verified). SVG and everything else is a plain file. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const

/** Control characters (C0, C1), bidirectional marks, embeddings, overrides and isolates: a
 * name like "\u202egnp.exe" must not pass for "exe.png". */
const FORBIDDEN_IN_FILE_NAME =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * What is wrong with a file name as a member declares it, or null. The hub refuses such a chat
 * (`invalid_message`); a receiver still makes its own safe name before saving (it trusts no
 * hub), see docs/protocol.md, Files.
 */
export function fileNameProblem(name: string, limits: Limits = LIMITS): string | null {
  if (name.trim().length === 0) return 'must not be blank'
  if (name !== name.trim()) return 'must not start or end with spaces'
  if (moreBytesThan(name, limits.maxFileNameBytes)) {
    return `must be at most ${limits.maxFileNameBytes} bytes of UTF-8`
  }
  if (graphemeLength(name, limits.maxFileNameLength + 1) > limits.maxFileNameLength) {
    return `must be at most ${limits.maxFileNameLength} characters`
  }
  if (FORBIDDEN_IN_FILE_NAME.test(name)) return 'must not contain control or direction characters'
  if (LONE_SURROGATE.test(name)) return 'must be well-formed text'
  if (/[/\\]/.test(name)) return 'must not contain / or \\'
  if (name === '.' || name === '..') return 'must not be . or ..'
  return null
}

/** A media type as `type/subtype` (advisory only: downloads are always served as bytes). */
export const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/

/** The thumbnail format its first bytes say, or null when it is none of THUMB_TYPES. */
export function thumbType(bytes: Uint8Array): ThumbType | null {
  const starts = (...magic: number[]): boolean => magic.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) {
    if (bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp'
  }
  return null
}
