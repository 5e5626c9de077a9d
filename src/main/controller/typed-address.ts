import type { CommandResult } from '../../shared/bridge'
import { DEFAULT_PORT, WS_PATH, type DirectoryRoom } from '../../shared/protocol'
import {
  decodeRoomCode,
  fingerprintMatches,
  looksLikeRoomCode,
  type RoomCode,
} from '../../shared/protocol/room-code'
import { clipMessage } from '../connection/close-reason'
import { verificationCode } from '../../shared/security/verification-code'
import { parseRoomAddress } from '../connection/address'
import type { PinStore } from '../security/pins'
import { ControllerError } from './errors'
import type { InspectedRoom } from './inspect'

/**
 * What the person typed as a room's address, as a hub URL. A typed host:port means "whatever
 * is there": TLS first. Only an explicit ws:// is plain. Throws APP_ERR_BAD_ADDRESS saying how
 * to type one.
 */
export function parseTypedAddress(address: string): URL {
  if (looksLikeRoomCode(address)) {
    // A code is not a host name: it is looked up first (inspectAddress), then its room joined.
    throw new ControllerError(
      'APP_ERR_BAD_ADDRESS',
      'A room code is looked up before joining: type it and choose Continue.',
    )
  }
  const url = parseRoomAddress(address, DEFAULT_PORT)
  if (!url) {
    throw new ControllerError(
      'APP_ERR_BAD_ADDRESS',
      `"${address.slice(0, 100)}" is not an address. Type it as host:port, for example 192.168.1.20:${DEFAULT_PORT}.`,
    )
  }
  if (!/^wss?:\/\//i.test(address.trim())) url.protocol = 'wss:'
  return url
}

/** Whether only plain ws is to be tried at a typed address (the person typed ws://). */
export function plainOnly(address: string): boolean {
  return /^ws:\/\//i.test(address.trim())
}

/**
 * What answers at a typed address, for the person to check before joining: which room, whether
 * it needs a passphrase, the verification code of the certificate it presented, and how that
 * compares with the pin of a room joined before.
 */
export function describeInspected(
  inspected: InspectedRoom,
  pins: PinStore,
  roomCode: CommandResult<'inspectAddress'>['roomCode'] = null,
): CommandResult<'inspectAddress'> {
  const { info, fingerprint } = inspected
  const pin = pins.get(info.roomId)
  return {
    address: inspected.url,
    roomId: info.roomId,
    name: info.name,
    hostName: info.hostName,
    passphrase: info.passphrase,
    encrypted: fingerprint !== null,
    fingerprint,
    verificationCode: fingerprint ? verificationCode(fingerprint) : null,
    pin: !pin
      ? 'new'
      : fingerprint === null
        ? 'downgraded'
        : pin.fingerprint === fingerprint
          ? 'match'
          : 'changed',
    pinnedCode: pin ? verificationCode(pin.fingerprint) : null,
    roomCode,
  }
}

/** A room found for a typed room code: its certificate begins as the code says. */
export interface CodeLookup {
  inspected: InspectedRoom
  /** The address the code names, as host:port. */
  codeAddress: string
  /**
   * Null when the room answered at the code's address; otherwise why it was not taken from there
   * (nothing answered, or another certificate did), the room having been found nearby instead.
   */
  fallback: string | null
}

/**
 * Why no room was found for a code: `mismatch` when a room answered at the code's address with
 * another certificate (someone may be pretending to be the room) and none nearby matches;
 * `unreachable` when nothing answered there and none nearby matches.
 */
export class CodeLookupError extends Error {
  constructor(
    readonly kind: 'mismatch' | 'unreachable',
    message: string,
  ) {
    super(message)
  }
}

export interface CodeLookupDeps {
  /** Reads /info at an address and the certificate it presents (inspect.ts). */
  inspect: (address: URL, options: { plainOnly: boolean }) => Promise<InspectedRoom>
  /**
   * The rooms found nearby (mDNS) whose certificate may be the code's: `wanted` says which,
   * from what they presented or, until reached, advertised. Only a hint: each is inspected.
   */
  nearby: (wanted: (room: DirectoryRoom) => boolean) => Promise<readonly DirectoryRoom[]>
}

/**
 * Rooms nearby inspected for a code, and addresses of each, at most: the advertisements are not
 * trusted to be few, and each inspection may take its whole timeout.
 */
const MAX_NEARBY_CANDIDATES = 4
const MAX_URLS_PER_CANDIDATE = 2

/**
 * Finds the room a code names. First at the code's address, over TLS: the certificate it
 * presents must begin with the code's fingerprint prefix. When nothing answers there, or another
 * certificate does (the host's address changed, or someone else is there), the rooms found
 * nearby whose certificate begins that way are inspected in turn: the first whose connection
 * presents such a certificate is the room. What a room advertises (TXT `fp`) only picks whom to
 * ask; the certificate a connection presents decides. Rejects with a CodeLookupError.
 */
export async function findRoomByCode(code: RoomCode, deps: CodeLookupDeps): Promise<CodeLookup> {
  const codeAddress = `${code.address}:${code.port}`
  const url = new URL(`wss://${codeAddress}${WS_PATH}`)
  let there: string
  let answered = false
  try {
    const inspected = await deps.inspect(url, { plainOnly: false })
    if (fingerprintMatches(code, inspected.fingerprint)) {
      return { inspected, codeAddress, fallback: null }
    }
    answered = true
    const presented = inspected.fingerprint
      ? `verification code ${verificationCode(inspected.fingerprint)}`
      : 'no encryption'
    there = `"${inspected.info.name}" answers there with ${presented}, another certificate`
  } catch (error) {
    const message = (error as Error).message
    const reason = /^No LAN Room answers at \S+ \((.*)\)\.?$/.exec(message)?.[1] ?? message
    there = `no LAN Room answers there (${reason.replace(/\.$/, '')})`
  }
  const names = `This room code names ${codeAddress}, but ${there}`
  const matching = (room: DirectoryRoom): boolean =>
    room.compatible &&
    room.urls.length > 0 &&
    fingerprintMatches(code, room.presentedFingerprint ?? room.fingerprint ?? null)
  const candidates = (await deps.nearby(matching)).filter(matching)
  // Those whose connection presented a matching certificate first; advertised ones after.
  candidates.sort(
    (a, b) =>
      Number(fingerprintMatches(code, b.presentedFingerprint ?? null)) -
      Number(fingerprintMatches(code, a.presentedFingerprint ?? null)),
  )
  for (const room of candidates.slice(0, MAX_NEARBY_CANDIDATES)) {
    for (const candidate of room.urls.slice(0, MAX_URLS_PER_CANDIDATE)) {
      const inspected = await deps
        .inspect(new URL(candidate), { plainOnly: false })
        .catch(() => null)
      if (inspected && fingerprintMatches(code, inspected.fingerprint)) {
        return { inspected, codeAddress, fallback: names }
      }
    }
  }
  if (answered) {
    throw new CodeLookupError(
      'mismatch',
      `${names}, and no room nearby has the code's certificate. Someone may be pretending to be ` +
        'the room, or the host has another certificate now: ask the host for the room code ' +
        'their room shows.',
    )
  }
  throw new CodeLookupError(
    'unreachable',
    `${names}, and no room nearby has the code's certificate. Check that you are on the host's ` +
      'network, and ask the host for the room code their room shows now.',
  )
}

/**
 * The room a typed room code names (findRoomByCode), the rooms nearby being those listed now;
 * its certificate is the code's. Throws a ControllerError: APP_ERR_BAD_CODE for a code that
 * cannot be read (with the reason), APP_ERR_CODE_MISMATCH when another certificate answers at
 * its address and none nearby has the code's, APP_ERR_UNREACHABLE when nothing answers.
 */
export async function lookUpRoomCode(
  typed: string,
  deps: {
    inspect: CodeLookupDeps['inspect']
    rooms: () => readonly DirectoryRoom[]
  },
): Promise<{ lookup: CodeLookup; code: string }> {
  const code = decodeRoomCode(typed)
  if (!code.ok) throw new ControllerError('APP_ERR_BAD_CODE', code.message)
  try {
    const lookup = await findRoomByCode(code, {
      inspect: deps.inspect,
      nearby: async () => deps.rooms(),
    })
    return { lookup, code: code.code }
  } catch (error) {
    const message = clipMessage((error as Error).message)
    if (error instanceof CodeLookupError && error.kind === 'mismatch') {
      throw new ControllerError('APP_ERR_CODE_MISMATCH', message)
    }
    throw new ControllerError('APP_ERR_UNREACHABLE', message)
  }
}
