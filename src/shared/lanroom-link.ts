/**
 * `lanroom://` links (README, "Links"): the only one is `lanroom://join/<room code or address>`.
 * A link arrives from outside the app (a web page, a chat, a mail: anyone can make one), so it is
 * read by a strict grammar with no decoding step, and anything else is refused with a stable
 * code. A link never joins anything: it only fills the join step (the person still sees the room
 * and its verification code, and clicks Join).
 *
 *   link      = "lanroom://join/" target [ "/" ]          ; scheme and "join" in any case
 *   target    = room-code / address
 *   room-code = 16*40( ALPHA / DIGIT / "-" )            ; and it decodes (docs/room-code.md)
 *   address   = ( ipv4 / host-name / "[" ipv6 "]" ) ":" port   ; port 1-65535, no leading 0
 *
 * Printable ASCII only, at most LINK_LIMITS.maxLength characters; no `%` (nothing in the grammar
 * needs escaping, so an escape can only hide something), no query, fragment or credentials.
 */
import { decodeRoomCode } from './protocol/room-code'

export const LANROOM_SCHEME = 'lanroom'

export const LINK_LIMITS = {
  /** Longer than any link the grammar allows (a 253-character host name plus the rest). */
  maxLength: 300,
  /** RFC 1035. */
  maxHostName: 253,
} as const

export const LINK_ERRORS = {
  /** Longer than LINK_LIMITS.maxLength. */
  tooLong: 'LINK_ERR_TOO_LONG',
  /** A control character, a space or anything outside printable ASCII. */
  character: 'LINK_ERR_CHARACTER',
  /** Not a lanroom: link (javascript:, file:, https:…). */
  scheme: 'LINK_ERR_SCHEME',
  /** Percent-encoding anywhere. */
  encoded: 'LINK_ERR_ENCODED',
  /** A query string or a fragment. */
  query: 'LINK_ERR_QUERY',
  /** user:password@ before the action. */
  credentials: 'LINK_ERR_CREDENTIALS',
  /** Not lanroom://join/…: another action, or no `//`. */
  action: 'LINK_ERR_ACTION',
  /** Nothing after join/, or more than one path segment. */
  target: 'LINK_ERR_TARGET',
  /** Meant as a room code, and it does not decode. */
  code: 'LINK_ERR_CODE',
  /** Meant as an address, and it is not host:port. */
  address: 'LINK_ERR_ADDRESS',
} as const

export type LinkError = (typeof LINK_ERRORS)[keyof typeof LINK_ERRORS]

/** What a link asks: go to the join step with this room code (as shown) or host:port. */
export interface JoinLink {
  action: 'join'
  kind: 'code' | 'address'
  target: string
}

export type LinkResult = ({ ok: true } & JoinLink) | { ok: false; code: LinkError; message: string }

const PRINTABLE_ASCII = /^[\x21-\x7e]*$/
const SCHEME_PREFIX = /^lanroom:/i
const CODE_TEXT = /^[0-9A-Za-z-]{16,40}$/
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/
const PORT = /^[1-9]\d{0,4}$/

function refuse(code: LinkError, message: string): LinkResult {
  return { ok: false, code, message }
}

/** Reads a `lanroom://` link. Never throws; never decodes anything. */
export function parseLanroomLink(input: string): LinkResult {
  if (typeof input !== 'string') return refuse(LINK_ERRORS.scheme, 'This is not a LAN Room link.')
  if (input.length > LINK_LIMITS.maxLength) {
    return refuse(
      LINK_ERRORS.tooLong,
      `This link is longer than ${LINK_LIMITS.maxLength} characters.`,
    )
  }
  if (!PRINTABLE_ASCII.test(input)) {
    return refuse(
      LINK_ERRORS.character,
      'This link has a character no LAN Room link has (a space, a control character or a letter outside ASCII).',
    )
  }
  if (!SCHEME_PREFIX.test(input)) {
    return refuse(LINK_ERRORS.scheme, 'This is not a LAN Room link (lanroom://join/…).')
  }
  if (input.includes('%')) {
    return refuse(LINK_ERRORS.encoded, 'LAN Room links never contain escaped characters (%).')
  }
  if (input.includes('?') || input.includes('#')) {
    return refuse(LINK_ERRORS.query, 'LAN Room links have no query string or fragment.')
  }
  const rest = input.slice(LANROOM_SCHEME.length + 1)
  if (!rest.startsWith('//')) {
    return refuse(LINK_ERRORS.action, 'A LAN Room link starts with lanroom://join/.')
  }
  const afterSlashes = rest.slice(2)
  const slash = afterSlashes.indexOf('/')
  const authority = slash === -1 ? afterSlashes : afterSlashes.slice(0, slash)
  if (authority.includes('@')) {
    return refuse(LINK_ERRORS.credentials, 'LAN Room links carry no user name or password.')
  }
  if (authority.toLowerCase() !== 'join' || slash === -1) {
    return refuse(
      LINK_ERRORS.action,
      'The only LAN Room link is lanroom://join/<room code or address>.',
    )
  }
  let target = afterSlashes.slice(slash + 1)
  // Some systems add a slash to what they hand over.
  if (target.endsWith('/')) target = target.slice(0, -1)
  if (target === '' || target.includes('/')) {
    return refuse(LINK_ERRORS.target, 'A join link names one room code or one host:port.')
  }
  return parseJoinTarget(target)
}

/** The part after `join/`: a room code or host:port (the bridge re-checks its event with it). */
export function parseJoinTarget(target: string): LinkResult {
  if (target.length > LINK_LIMITS.maxLength || !PRINTABLE_ASCII.test(target)) {
    return refuse(LINK_ERRORS.target, 'A join link names one room code or one host:port.')
  }
  if (!target.includes(':')) {
    // No port: only a room code can be meant (an address in a link always has its port).
    const decoded = CODE_TEXT.test(target) ? decodeRoomCode(target) : null
    if (!decoded?.ok) {
      return refuse(
        LINK_ERRORS.code,
        `The room code in this link cannot be read${decoded ? `: ${decoded.message}` : '.'}`,
      )
    }
    return { ok: true, action: 'join', kind: 'code', target: decoded.code }
  }
  if (!isHostAndPort(target)) {
    return refuse(
      LINK_ERRORS.address,
      'The address in this link is not host:port (an IPv6 address in brackets).',
    )
  }
  return { ok: true, action: 'join', kind: 'address', target }
}

function isHostAndPort(text: string): boolean {
  const colon = text.lastIndexOf(':')
  const host = text.slice(0, colon)
  const port = text.slice(colon + 1)
  if (!PORT.test(port) || Number(port) > 65_535) return false
  if (host.startsWith('[') && host.endsWith(']')) return isIpv6(host.slice(1, -1))
  if (IPV4.test(host)) return true
  // Digits and dots only, yet not an IPv4 address (999.1.1.1, 1.2.3): refused, never resolved.
  if (/^[\d.]+$/.test(host)) return false
  if (host.length === 0 || host.length > LINK_LIMITS.maxHostName) return false
  return host.split('.').every((label) => HOST_LABEL.test(label))
}

function isIpv6(address: string): boolean {
  if (!IPV6.test(address) || !address.includes(':')) return false
  try {
    // The WHATWG parser knows IPv6's forms (::, embedded IPv4); zone ids never reach it (no %).
    return new URL(`http://[${address}]/`).hostname.length > 2
  } catch {
    return false
  }
}
