import { DEFAULT_PORT, roomsMatching, type DirectoryRoom } from '../shared/protocol'
import { parseRoomAddress } from '../main/connection/address'
import { RoomDirectory } from '../main/discovery'
import { inspectRoom } from '../main/controller/inspect'
import { CodeLookupError, findRoomByCode } from '../main/controller/typed-address'
import { decodeRoomCode, fingerprintMatches, looksLikeRoomCode } from '../shared/protocol/room-code'
import { verificationCode } from '../shared/security/verification-code'
import { looksLikeAddress, roomTargetProblem } from './room-target'
import { secondsText } from './format'

export type Resolution =
  | {
      ok: true
      urls: string[]
      room: DirectoryRoom | null
      /** For an address: which room answered there, and the certificate it presented. */
      found?: { roomId: string; name: string; fingerprint: string | null }
      /**
       * Found by a room code, whose fingerprint prefix the certificate (`found.fingerprint`)
       * matches: as good as a verification code compared with the host.
       */
      byCode?: true
    }
  | { ok: false; exitCode: number; message: string }

/** Lists rooms nearby for `timeoutMs`, then resolves with the final list. */
export async function browseFor(
  timeoutMs: number,
  stopEarly: (rooms: DirectoryRoom[]) => boolean = () => false,
): Promise<DirectoryRoom[]> {
  const directory = new RoomDirectory()
  directory.start()
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs)
      function done(): void {
        clearTimeout(timer)
        directory.off('change', onChange)
        resolve()
      }
      function onChange(): void {
        if (stopEarly(directory.state.rooms)) done()
      }
      directory.on('change', onChange)
    })
    return directory.state.rooms
  } finally {
    await directory.stop()
  }
}

/**
 * Lists rooms nearby for `timeoutMs` to find the room `wanted` (an id or a name). An id is
 * unique: stop as soon as it shows up and has been reached (so that what its addresses
 * presented is known: certificateMismatch). A name may be shared: wait the whole time.
 */
export function browseForRoom(wanted: string, timeoutMs: number): Promise<DirectoryRoom[]> {
  return browseFor(timeoutMs, (list) =>
    list.some((room) => room.id === wanted && (room.members !== null || !room.compatible)),
  )
}

export function describeRoom(room: DirectoryRoom): string {
  return `"${room.name}" hosted by ${room.hostName} (id ${room.id}) at ${room.addresses[0] ?? '?'}:${room.port}`
}

/**
 * Turns `lanroom join`'s argument into hub URLs: an address as it is, or a room name or id
 * found through discovery. A name shared by several rooms, or nothing found, is an error that
 * says what to do next.
 */
export async function resolveTarget(
  target: string,
  timeoutMs = 3_000,
  say: (line: string) => void = () => {},
): Promise<Resolution> {
  // The command line refuses these first (index.ts); said here too for callers of join().
  const problem = roomTargetProblem(target)
  if (problem !== null) return { ok: false, exitCode: 2, message: problem }
  if (looksLikeRoomCode(target)) return resolveRoomCode(target, timeoutMs, say)
  if (looksLikeAddress(target)) {
    const url = parseRoomAddress(target, DEFAULT_PORT)
    if (!url) {
      return {
        ok: false,
        exitCode: 2,
        message: `"${target}" is not a room address; use host:port or wss://host:port/ws`,
      }
    }
    // Which room is there, and its certificate's code, before anything else is sent: TLS
    // first, plain only for a room started with --no-tls (or an explicit ws:// address).
    try {
      const found = await inspectRoom(url, { plainOnly: /^ws:\/\//i.test(target.trim()) })
      if (/^wss:\/\//i.test(target.trim()) && found.fingerprint === null) {
        // Asked for TLS, and the room answers only without: never quietly go plain.
        return {
          ok: false,
          exitCode: 3,
          message:
            `"${found.info.name}" at ${url.host} is not encrypted, and you asked for wss://. ` +
            `If its host started it with --no-tls on purpose, join ws://${url.host}/ws instead.`,
        }
      }
      const code = found.fingerprint
        ? `verification code ${verificationCode(found.fingerprint)}`
        : 'not encrypted'
      say(`Room "${found.info.name}" at ${url.host}, ${code}`)
      return {
        ok: true,
        urls: [found.url],
        room: null,
        found: { roomId: found.info.roomId, name: found.info.name, fingerprint: found.fingerprint },
      }
    } catch (error) {
      return { ok: false, exitCode: 1, message: (error as Error).message }
    }
  }
  const wanted = target.trim()
  const rooms = await browseForRoom(wanted, timeoutMs)
  const found = roomsMatching(wanted, rooms)
  if (found.length === 0) {
    return {
      ok: false,
      exitCode: 1,
      message:
        `no room called "${wanted}" was found nearby within ${secondsText(timeoutMs)}. ` +
        'Multicast may be blocked on this network; join by address instead: lanroom join HOST:PORT',
    }
  }
  if (found.length > 1) {
    return {
      ok: false,
      exitCode: 1,
      message:
        `${found.length} rooms are called "${wanted}"; join one by its id:\n` +
        found.map((room) => `  ${describeRoom(room)}`).join('\n') +
        // Ids made before room-id.ts may start with '-': after `--` it is not an option.
        (found.some((room) => room.id.startsWith('-'))
          ? '\n(an id that starts with - goes after --: lanroom join -- ID)'
          : ''),
    }
  }
  const room = found[0] as DirectoryRoom
  if (!room.compatible)
    return { ok: false, exitCode: 1, message: room.incompatibleReason ?? 'incompatible room' }
  if (room.urls.length === 0) {
    return {
      ok: false,
      exitCode: 1,
      message: `${describeRoom(room)} has no address this machine can reach`,
    }
  }
  return { ok: true, urls: room.urls, room }
}

/**
 * A room code: the room at the code's address whose certificate begins as the code says, else
 * one found nearby with such a certificate (said so). Exit codes: 2 for a code that cannot be
 * read (a typo), 3 when a room answers at the code's address with another certificate and none
 * nearby has the code's, 1 when nothing answers and none nearby has it.
 */
async function resolveRoomCode(
  target: string,
  timeoutMs: number,
  say: (line: string) => void,
): Promise<Resolution> {
  const code = decodeRoomCode(target)
  if (!code.ok) {
    return { ok: false, exitCode: 2, message: `"${target.trim().slice(0, 40)}": ${code.message}` }
  }
  try {
    const { inspected, fallback } = await findRoomByCode(code, {
      inspect: (url, options) => inspectRoom(url, options),
      // Looked for only when the code's address does not do: stop once a room has presented a
      // matching certificate.
      nearby: () =>
        browseFor(timeoutMs, (rooms) =>
          rooms.some((room) => fingerprintMatches(code, room.presentedFingerprint ?? null)),
        ),
    })
    const fingerprint = inspected.fingerprint as string
    const where = new URL(inspected.url).host
    if (fallback) say(`${fallback}; found the room nearby instead.`)
    say(
      `Room "${inspected.info.name}" at ${where}, verification code ${verificationCode(fingerprint)}: ` +
        'the certificate the room code names',
    )
    return {
      ok: true,
      urls: [inspected.url],
      room: null,
      found: { roomId: inspected.info.roomId, name: inspected.info.name, fingerprint },
      byCode: true,
    }
  } catch (error) {
    if (error instanceof CodeLookupError) {
      return { ok: false, exitCode: error.kind === 'mismatch' ? 3 : 1, message: error.message }
    }
    return { ok: false, exitCode: 1, message: (error as Error).message }
  }
}
