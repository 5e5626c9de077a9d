/**
 * Room codes (docs/room-code.md): a short code people read aloud and type, like
 * `004A-3P7V-C1TD-4TAQ`, that carries a room's IPv4 address, its port and a prefix of its
 * certificate's SHA-256 fingerprint, in Crockford's base32, with a check character.
 *
 * Why the prefix is at least 50 bits: a code stands in for comparing the verification code
 * (src/shared/security/verification-code.ts, 50 bits), so it must be as hard to imitate. To
 * answer for a code, an attacker needs a certificate whose fingerprint begins with those bits:
 * about 2^50 certificates (SHA-256 each) for that one code. The prefix fills the code's last
 * characters, so it is 50 to 54 bits depending on the address (the table in the doc).
 *
 * Why a check character although the fingerprint is checked anyway: a typo must be said to be
 * a typo, not dialled (it would reach some other address and fail with a certificate error).
 * It is the weighted sum of the characters over GF(32) with the powers of a primitive element
 * as weights, which detects every single wrong character and every swap of two different
 * characters in a code of up to 31 characters.
 */
import {
  CROCKFORD_ALPHABET as ALPHABET,
  crockfordCharacters as normalize,
  FINGERPRINT_PATTERN,
} from '../security/verification-code'
import { DEFAULT_PORT } from './messages'

/** Format version 0: the two top bits of the first character, so its first character is 0–7. */
const VERSION = 0

/** The fingerprint prefix is never shorter than this (the verification code's strength). */
export const ROOM_CODE_MIN_FINGERPRINT_BITS = 50

/** The networks a code names by a tag, so that only the host part of the address is carried. */
const NETWORKS = [
  { tag: 0, base: 0xc0a80000, hostBits: 16, label: '192.168.0.0/16' },
  { tag: 1, base: 0x0a000000, hostBits: 24, label: '10.0.0.0/8' },
  { tag: 2, base: 0xac100000, hostBits: 20, label: '172.16.0.0/12' },
  { tag: 3, base: 0, hostBits: 32, label: 'any IPv4 address' },
] as const

const HEADER_BITS = 5
const PORT_BITS = 16
const GROUP = 4

export const ROOM_CODE_ERRORS = {
  /** Nothing typed. */
  empty: 'ROOM_CODE_ERR_EMPTY',
  /** A character that is not in the code alphabet. */
  character: 'ROOM_CODE_ERR_CHARACTER',
  /** Too few or too many characters for the kind of code its first character says. */
  length: 'ROOM_CODE_ERR_LENGTH',
  /** A format this version does not know (made by a newer LAN Room). */
  version: 'ROOM_CODE_ERR_VERSION',
  /** The check character does not match: a typo. */
  check: 'ROOM_CODE_ERR_CHECK',
  /** It decodes to an address or port no room can be at. */
  address: 'ROOM_CODE_ERR_ADDRESS',
} as const

export type RoomCodeError = (typeof ROOM_CODE_ERRORS)[keyof typeof ROOM_CODE_ERRORS]

export interface RoomCode {
  /** The code as it is shown: upper case, in groups of four. */
  code: string
  /** The host's IPv4 address, dotted. */
  address: string
  port: number
  /** How many leading bits of the fingerprint the code carries (50 to 54). */
  fingerprintBits: number
  /** Those bits, as a number. */
  fingerprintPrefix: bigint
}

export type RoomCodeResult =
  ({ ok: true } & RoomCode) | { ok: false; code: RoomCodeError; message: string }

/** Multiplication by x in GF(32) modulo x^5 + x^2 + 1 (primitive: x has order 31). */
function timesX(value: number): number {
  return ((value << 1) & 31) ^ (value & 16 ? 0b00101 : 0)
}

/** The character that makes the weighted sum of `symbols` and itself zero. */
function checkSymbol(symbols: readonly number[]): number {
  let sum = 0
  for (const symbol of symbols) sum = timesX(sum) ^ symbol
  return timesX(sum)
}

function parseIpv4(address: string): number | null {
  const parts = address.split('.')
  if (parts.length !== 4) return null
  let value = 0
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null
    value = value * 256 + Number(part)
  }
  return value
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

/** 0.0.0.0/8 (this network), 224.0.0.0/4 (multicast) and 240.0.0.0/4 (reserved, broadcast). */
function unreachable(value: number): boolean {
  const first = Math.floor(value / 2 ** 24)
  return first === 0 || first >= 224
}

function networkOf(value: number): (typeof NETWORKS)[number] {
  for (const network of NETWORKS) {
    if (
      network.hostBits < 32 &&
      Math.floor(value / 2 ** network.hostBits) === Math.floor(network.base / 2 ** network.hostBits)
    )
      return network
  }
  return NETWORKS[3]
}

/** The characters before the check: how many, and how many fingerprint bits they hold. */
function layout(
  hostBits: number,
  explicitPort: boolean,
): { length: number; fingerprintBits: number } {
  const fixed = HEADER_BITS + hostBits + (explicitPort ? PORT_BITS : 0)
  const length = Math.ceil((fixed + ROOM_CODE_MIN_FINGERPRINT_BITS) / 5)
  return { length, fingerprintBits: length * 5 - fixed }
}

/** Groups of four; a single last character joins the group before it. */
function group(symbols: string): string {
  const groups: string[] = []
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP))
  if (groups.length > 1 && (groups.at(-1) as string).length === 1) {
    const last = groups.pop() as string
    groups[groups.length - 1] += last
  }
  return groups.join('-')
}

/**
 * The code of a room at `address` (IPv4, dotted) and `port`, whose certificate has the SHA-256
 * `fingerprint` (64 lowercase hex digits). Throws a RangeError for anything else: only rooms on
 * an IPv4 address and with a certificate have a code.
 */
export function encodeRoomCode(room: {
  address: string
  port: number
  fingerprint: string
}): string {
  const value = parseIpv4(room.address)
  if (value === null || unreachable(value)) {
    throw new RangeError(`a room code needs the room's IPv4 address, not "${room.address}"`)
  }
  if (!Number.isInteger(room.port) || room.port < 1 || room.port > 65_535) {
    throw new RangeError('a room code needs a port from 1 to 65535')
  }
  if (!FINGERPRINT_PATTERN.test(room.fingerprint)) {
    throw new RangeError('a fingerprint is 64 lowercase hex digits')
  }
  const network = networkOf(value)
  const explicitPort = room.port !== DEFAULT_PORT
  const { length, fingerprintBits } = layout(network.hostBits, explicitPort)
  let bits = BigInt((VERSION << 3) | (network.tag << 1) | (explicitPort ? 1 : 0))
  bits = (bits << BigInt(network.hostBits)) | BigInt(value - network.base)
  if (explicitPort) bits = (bits << BigInt(PORT_BITS)) | BigInt(room.port)
  const prefix = BigInt(`0x${room.fingerprint}`) >> BigInt(256 - fingerprintBits)
  bits = (bits << BigInt(fingerprintBits)) | prefix
  const symbols: number[] = []
  for (let i = length - 1; i >= 0; i--) symbols.push(Number((bits >> BigInt(i * 5)) & 31n))
  symbols.push(checkSymbol(symbols))
  return group(symbols.map((symbol) => ALPHABET[symbol]).join(''))
}

const LENGTHS = NETWORKS.flatMap((network) =>
  [false, true].map((port) => layout(network.hostBits, port).length + 1),
)
const SHORTEST = Math.min(...LENGTHS)
const LONGEST = Math.max(...LENGTHS)

/**
 * Whether typed text is meant as a room code rather than a host name or a room name: 16 to 22
 * code characters that pass the check, or are written as codes are shown (in groups of four, the
 * last of one to five), or in one piece start with 0–7 as this format's codes do. Such text is
 * read as a code, and its errors are the code's.
 */
export function looksLikeRoomCode(input: string): boolean {
  const text = input.trim()
  if (text.length > 40) return false
  const cleaned = normalize(text)
  if (cleaned === null || cleaned.length < SHORTEST || cleaned.length > LONGEST) return false
  const groups = text.split(/[\s-]+/)
  // A room id is 16 characters of both cases, which a code never is when shown or read out: in
  // one piece and in mixed case, it is an id (one in eight would otherwise pass for a code).
  if (groups.length === 1 && /[a-z]/.test(text) && /[A-Z]/.test(text)) return false
  if (decodeRoomCode(text).ok) return true
  if (groups.length > 1) {
    return (
      groups.slice(0, -1).every((group) => group.length === GROUP) &&
      (groups.at(-1) as string).length <= GROUP + 1
    )
  }
  return /^[0-7]/.test(cleaned)
}

/**
 * Reads a typed code. Every single wrong character and every swap of two characters is
 * refused (`ROOM_CODE_ERR_CHECK`); so is a missing or extra character after the first, by the
 * length its first character sets. Never throws.
 */
export function decodeRoomCode(input: string): RoomCodeResult {
  const fail = (code: RoomCodeError, message: string): RoomCodeResult => ({
    ok: false,
    code,
    message,
  })
  const trimmed = input.trim().slice(0, 100)
  if (trimmed === '')
    return fail(ROOM_CODE_ERRORS.empty, 'Type the room code the host sees in their room.')
  const cleaned = normalize(trimmed)
  if (cleaned === null) {
    const bad = [...trimmed].find((c) => normalize(c) === null) ?? '?'
    return fail(
      ROOM_CODE_ERRORS.character,
      `"${bad}" cannot be in a room code: codes have the digits 0–9 and the letters A–Z but U.`,
    )
  }
  const symbols = [...cleaned].map((c) => ALPHABET.indexOf(c))
  const header = symbols[0] as number
  if (header >> 3 !== VERSION) {
    return fail(
      ROOM_CODE_ERRORS.version,
      'This room code was made by a newer version of LAN Room, or mistyped.',
    )
  }
  const network = NETWORKS[(header >> 1) & 3] as (typeof NETWORKS)[number]
  const explicitPort = (header & 1) === 1
  const { length, fingerprintBits } = layout(network.hostBits, explicitPort)
  if (symbols.length !== length + 1) {
    return fail(
      ROOM_CODE_ERRORS.length,
      `A room code that begins with ${cleaned[0]} has ${length + 1} characters; this one has ` +
        `${symbols.length}. A character is missing or one too many.`,
    )
  }
  if (checkSymbol(symbols.slice(0, -1)) !== symbols.at(-1)) {
    return fail(
      ROOM_CODE_ERRORS.check,
      'This room code has a typo: check each character with the host.',
    )
  }
  let bits = 0n
  for (const symbol of symbols.slice(0, -1)) bits = (bits << 5n) | BigInt(symbol)
  let consumed = BigInt(HEADER_BITS)
  const take = (count: number): bigint => {
    const used = BigInt(count)
    const remaining = BigInt(length * 5) - consumed - used
    consumed += used
    return (bits >> remaining) & ((1n << used) - 1n)
  }
  const value = network.base + Number(take(network.hostBits))
  const port = explicitPort ? Number(take(PORT_BITS)) : DEFAULT_PORT
  const fingerprintPrefix = take(fingerprintBits)
  if (unreachable(value) || port === 0) {
    return fail(
      ROOM_CODE_ERRORS.address,
      'This room code names an address no room can be at: it may be mistyped.',
    )
  }
  return {
    ok: true,
    code: group(cleaned),
    address: formatIpv4(value),
    port,
    fingerprintBits,
    fingerprintPrefix,
  }
}

/** Whether a certificate's fingerprint (64 lowercase hex digits) begins as the code says. */
export function fingerprintMatches(
  code: Pick<RoomCode, 'fingerprintBits' | 'fingerprintPrefix'>,
  fingerprint: string | null,
): boolean {
  if (fingerprint === null || !FINGERPRINT_PATTERN.test(fingerprint)) return false
  return BigInt(`0x${fingerprint}`) >> BigInt(256 - code.fingerprintBits) === code.fingerprintPrefix
}

/**
 * The code of a room at `host` (as a URL or an address list writes it), or null when it has
 * none: a plain (`--no-tls`) room, or a host that is not an IPv4 address (a name, IPv6).
 */
export function roomCodeAt(host: string, port: number, fingerprint: string | null): string | null {
  if (fingerprint === null || parseIpv4(host) === null) return null
  try {
    return encodeRoomCode({ address: host, port, fingerprint })
  } catch {
    return null
  }
}
