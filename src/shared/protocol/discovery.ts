import { z } from 'zod'
import { LIMITS } from './limits'
import { createSchemas, PROTOCOL_VERSION } from './messages'
import { sameNameKey } from './names'

/**
 * DNS-SD service type, as bonjour-service spells it (it becomes `_lanroom._tcp.local`).
 */
export const SERVICE_TYPE = 'lanroom'
export const SERVICE_TYPE_FULL = '_lanroom._tcp'

/**
 * TXT record keys. Short, because a whole TXT record should fit one mDNS packet with the
 * other records. Every value is untrusted input from the network.
 */
export const TXT_KEYS = {
  /** Protocol version, decimal. */
  version: 'v',
  /** Room id: what identifies a room (names may repeat). */
  roomId: 'id',
  /** Room name. */
  name: 'name',
  /** Host's display name. */
  hostName: 'host',
  /** '1' when a passphrase is required, '0' otherwise. */
  passphrase: 'pw',
  /** SHA-256 of the hub's TLS certificate (64 hex digits); absent for a hub without TLS.
   * Only a hint: what counts is the certificate the connection shows (pinned on first use). */
  fingerprint: 'fp',
} as const

/** Longest value the directory reads from a TXT entry (a DNS TXT string is at most 255 bytes). */
export const MAX_TXT_VALUE_LENGTH = 255

const schemas = createSchemas(LIMITS)
const bounded = z.string().max(MAX_TXT_VALUE_LENGTH)

/** What the directory accepts from a TXT record, for a room of any version. */
export const txtSchema = z.object({
  v: bounded.regex(/^\d{1,6}$/, 'must be a version number').transform(Number),
  id: bounded.max(LIMITS.maxRoomIdLength).regex(/^[A-Za-z0-9_-]+$/, 'must be a room id'),
  name: bounded.pipe(schemas.peerRoomName),
  host: bounded.pipe(schemas.peerDisplayName),
  pw: z
    .enum(['0', '1'])
    .optional()
    .transform((value) => value === '1'),
  fp: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .catch(undefined),
})
export type RoomTxt = z.infer<typeof txtSchema>

/** The TXT record a hub advertises. */
export function encodeTxt(room: {
  roomId: string
  name: string
  hostName: string
  passphrase: boolean
  fingerprint: string | null
}): Record<string, string> {
  return {
    ...(room.fingerprint ? { [TXT_KEYS.fingerprint]: room.fingerprint } : {}),
    [TXT_KEYS.version]: String(PROTOCOL_VERSION),
    [TXT_KEYS.roomId]: room.roomId,
    [TXT_KEYS.name]: room.name,
    [TXT_KEYS.hostName]: room.hostName,
    [TXT_KEYS.passphrase]: room.passphrase ? '1' : '0',
  }
}

/** A room as the directory lists it. */
export interface DirectoryRoom {
  id: string
  name: string
  hostName: string
  /** Addresses to try, the most likely to connect first. */
  addresses: string[]
  /** The port of the latest advertisement (`urls` carry each address's own). */
  port: number
  /**
   * Where to join, the most likely first: `wss://address:port/ws` for each address a URL can
   * carry, with the port of each advertisement that carried it (at most 16); `ws://` when that
   * advertisement has no certificate fingerprint (a room hosted without TLS).
   */
  urls: string[]
  version: number
  passphrase: boolean
  /** False for a room this app cannot join; `incompatibleReason` says why. */
  compatible: boolean
  incompatibleReason: string | null
  /** This app is hosting the room. */
  own: boolean
  /** Members, from the room's /info, when the directory has reached it. */
  members: number | null
  /**
   * The certificate fingerprint the advertisement claims (TXT `fp`; null: no TLS): only a
   * hint. Whether a room is verified comes from `presentedFingerprint` against the pin.
   */
  fingerprint?: string | null
  /** The certificate the room's /info connection actually presented, once probed. */
  presentedFingerprint?: string | null
  /**
   * True when advertisements of this room id disagree on the certificate, or its /info
   * connection presented another certificate than advertised: someone else may be claiming
   * to be this room.
   */
  certificateMismatch?: boolean
  /** Listed only because a scan or a watched host found it (it was not advertised). */
  scanned?: boolean
}

/**
 * The directory's whole state, emitted on every change.
 * - `searching`: browsing, nothing found yet.
 * - `found`: at least one room is listed.
 * - `quiet`: nothing found for a while — multicast may be blocked (Wi-Fi client isolation, a
 *   VPN, a firewall); join by address instead.
 * - `unavailable`: mDNS could not be used at all (`error` says why).
 */
export type DirectoryStatus = 'searching' | 'found' | 'quiet' | 'unavailable'
export interface DirectoryState {
  status: DirectoryStatus
  rooms: DirectoryRoom[]
  /** Since when (ms epoch) nothing has been listed, or null while something is. */
  emptySince: number | null
  error: string | null
  /**
   * With `error`: the system's own words alone (an mDNS socket's error), so that the window
   * puts them in a sentence of its language; `error` is main's English sentence around them.
   */
  errorReason?: string | null
  /** Look harder (a scan the person asked for), when one has run; absent: never. */
  scan?: ScanState
}

/**
 * Look harder's progress: `running` while addresses are asked, then `done` or `cancelled`.
 * `probed` of `total` address and port pairs asked, `found` hubs that answered as rooms.
 */
export interface ScanState {
  status: 'running' | 'done' | 'cancelled'
  probed: number
  total: number
  found: number
}

/**
 * The rooms `wanted` names, as `lanroom join` and the doctor match them: the room with that id
 * when there is one, else every room whose name looks the same (sameNameKey).
 */
export function roomsMatching(wanted: string, rooms: readonly DirectoryRoom[]): DirectoryRoom[] {
  const byId = rooms.filter((room) => room.id === wanted)
  if (byId.length > 0) return byId
  const key = sameNameKey(wanted)
  return rooms.filter((room) => sameNameKey(room.name) === key)
}
