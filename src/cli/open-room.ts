import { RoomConnection, wsSocketFactory, type RoomConnectionOptions } from '../main/connection'
import type { WelcomeMessage } from '../shared/protocol'
import { normalizeVerificationCode, verificationCode } from '../shared/security/verification-code'
import {
  ephemeralIdentity,
  loadOrCreateIdentity,
  type ClientIdentity,
} from '../main/security/identity'
import { openPins } from './pins'
import { checkPeer, type PeerCheck } from '../main/security/trust'
import { browseFor, resolveTarget } from './resolve'
import { oneLine } from './format'
import { fileProblem } from './paths'

/** Which room, and how to get in: what `join` and `search` share. */
export interface RoomOptions {
  target: string
  name: string
  /** A key file to be the same person each run (created if missing). Default: a new
   * identity each run. */
  identityFile?: string
  /** Where pinned certificates are kept (`<dataDir>/pins.json`). */
  dataDir: string
  passphrase?: string
  /** Refuse unless the room's certificate has this verification code. */
  expectCode?: string
  /** Accept a changed certificate if it has exactly this code (after comparing with the host). */
  trustNewCode?: string
  /** How long to look for a room given by name or id. Default 3000 ms. */
  discoveryTimeoutMs?: number
  /** Connection tuning: tests make it faster; discovery can find a room that moved. */
  connection?: Partial<
    Pick<
      RoomConnectionOptions,
      | 'connectTimeoutMs'
      | 'ackTimeoutMs'
      | 'requestTimeoutMs'
      | 'backoff'
      | 'resolveCandidates'
      | 'socketFactory'
      | 'hostStopIsDrop'
    >
  >
}

/** Where `join` and `search` write what they say to a person. */
export interface ErrorOutput {
  stderr: NodeJS.WritableStream
}

/** In the room (welcomed), or the exit code of the reason why not (said on stderr). */
export type OpenedRoom =
  | { ok: true; connection: RoomConnection; welcome: WelcomeMessage }
  | { ok: false; exitCode: number }

/**
 * Finds the room (a room code, an address, or a name or id nearby), checks its certificate
 * (the pin, the code expected, the one a room code names), proves this client's identity and
 * the passphrase, and resolves once welcomed. Exit codes: 1 could not join (unreachable,
 * passphrase, too many attempts, resolution), 2 bad arguments, 3 the certificate is not the
 * trusted one.
 */
export async function openRoom(options: RoomOptions, io: ErrorOutput): Promise<OpenedRoom> {
  const codes: Array<[string, string | undefined]> = [
    ['--expect-code', options.expectCode],
    ['--trust-new-code', options.trustNewCode],
  ]
  for (const [flag, given] of codes) {
    if (given !== undefined && normalizeVerificationCode(given) === null) {
      io.stderr.write(`lanroom: ${flag} takes a verification code like K7Q2M-X9D4R\n`)
      return { ok: false, exitCode: 2 }
    }
  }
  const expectCode = options.expectCode && normalizeVerificationCode(options.expectCode)
  const trustNewCode = options.trustNewCode && normalizeVerificationCode(options.trustNewCode)
  let identity: ClientIdentity
  try {
    identity = options.identityFile
      ? loadOrCreateIdentity(options.identityFile)
      : ephemeralIdentity()
  } catch (error) {
    // The system's refusals in words, like the data directory's; a file that is not a key says
    // so. Either way the argument is what is wrong (exit 2), not the room.
    const refused = typeof (error as NodeJS.ErrnoException).code === 'string'
    io.stderr.write(
      refused
        ? `lanroom: cannot use the identity file ${options.identityFile} (${fileProblem(error)})\n`
        : `lanroom: cannot use the identity file: ${(error as Error).message}\n`,
    )
    return { ok: false, exitCode: 2 }
  }
  const pins = openPins(options.dataDir, io.stderr)

  const resolution = await resolveTarget(options.target, options.discoveryTimeoutMs, (line) =>
    io.stderr.write(`${line}\n`),
  )
  if (!resolution.ok) {
    io.stderr.write(`lanroom: ${resolution.message}\n`)
    return { ok: false, exitCode: resolution.exitCode }
  }
  const contested = resolution.room?.certificateMismatch ? resolution.room : null
  if (contested) {
    // Two certificates for one room id: someone may be pretending to be it. Trust on first use
    // would pin whichever answers first; only a pin or a code the person got from the host
    // tells them apart.
    const warning =
      `"${contested.name}" (id ${contested.id}) is advertised or answers with more than one ` +
      'certificate: someone on the network may be pretending to be this room.'
    if (!pins.get(contested.id) && !expectCode) {
      io.stderr.write(
        `lanroom: ${warning} Ask the host for the verification code their room shows, and ` +
          'join with --expect-code CODE (or by its address).\n',
      )
      return { ok: false, exitCode: 3 }
    }
    io.stderr.write(
      `lanroom: warning: ${warning} Only the ` +
        `${expectCode ? `certificate with code ${expectCode}` : 'certificate pinned when you joined before'} ` +
        'will be accepted.\n',
    )
  }
  const candidates = resolution.urls
  const roomName = resolution.room?.name ?? resolution.found?.name ?? ''
  /** The room the person chose: found by name or id, or the one that answered at the address. */
  const expectedRoomId = resolution.room?.id ?? resolution.found?.roomId ?? null
  /** Joining by address, the certificate whose code was just shown must be the one used. */
  const shownFingerprint = resolution.found ? resolution.found.fingerprint : null
  let refusal: Extract<PeerCheck, { ok: false }> | null = null

  const connection = new RoomConnection({
    candidates,
    name: options.name,
    identity,
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    // Before anything is sent: the certificate against the pin (trust on first use), the code
    // the person expects, and the room id. Called again on every reconnect.
    verifyPeer: (peer) => {
      refusal = null
      const presentedCode = peer.fingerprint ? verificationCode(peer.fingerprint) : null
      if (expectCode && presentedCode !== expectCode) {
        return `the room's verification code is ${presentedCode ?? 'none (not encrypted)'}, not ${expectCode}`
      }
      const result = checkPeer(pins, {
        roomId: expectedRoomId ?? peer.roomId,
        answeringRoomId: peer.roomId,
        fingerprint: peer.fingerprint,
        expectedFingerprint: shownFingerprint,
        // A room code names the certificate as a compared code does: it may replace a pin.
        acceptChanged: resolution.byCode
          ? shownFingerprint
          : trustNewCode && presentedCode === trustNewCode
            ? peer.fingerprint
            : null,
        ...(roomName ? { roomName } : {}),
      })
      if (result.ok) return null
      refusal = result
      return result.message
    },
    socketFactory: wsSocketFactory,
    // A room found by name or id is looked up again before each reconnect: its host may have
    // come back at another address. A room joined by address is only ever tried there.
    ...(resolution.room
      ? {
          resolveCandidates: async (roomId: string) => {
            const rooms = await browseFor(2_000, (list) => list.some((r) => r.id === roomId))
            return rooms.find((r) => r.id === roomId)?.urls ?? []
          },
        }
      : {}),
    ...options.connection,
  })
  let welcome: WelcomeMessage
  try {
    welcome = await connection.connect()
  } catch (error) {
    const state = connection.state
    const reason = state.status === 'closed' ? state.reason : null
    if (reason === 'untrusted') {
      io.stderr.write(
        `lanroom: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
      )
      const seen = refusal as Extract<PeerCheck, { ok: false }> | null
      if (seen?.kind === 'changed' && seen.presentedFingerprint) {
        io.stderr.write(
          `lanroom: if the host confirms the new code, run again with --trust-new-code ${verificationCode(seen.presentedFingerprint)}\n`,
        )
      }
      return { ok: false, exitCode: 3 }
    }
    if (reason === 'passphrase') {
      io.stderr.write(
        state.status === 'closed' && state.errorCode === 'wrong_passphrase'
          ? 'lanroom: wrong passphrase\n'
          : 'lanroom: this room needs a passphrase (--passphrase or LANROOM_PASSPHRASE)\n',
      )
      return { ok: false, exitCode: 1 }
    }
    if (reason === 'throttled') {
      const waitMs = state.status === 'closed' ? state.retryAfterMs : undefined
      io.stderr.write(
        `lanroom: too many passphrase attempts from this address; ` +
          (waitMs !== undefined
            ? `try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s\n`
            : 'try again later\n'),
      )
      return { ok: false, exitCode: 1 }
    }
    io.stderr.write(`lanroom: ${oneLine(error instanceof Error ? error.message : String(error))}\n`)
    return { ok: false, exitCode: 1 }
  }
  // Trust on first use: the certificate this room presented is the one it must present from
  // now on (and a newly trusted one replaces the old).
  const connected = connection.state
  if (connected.status === 'connected' && connected.fingerprint) {
    const unsaved = pins.pin(welcome.room.id, connected.fingerprint, welcome.room.name)
    // The join itself worked, but without the pin a changed certificate would pass next time
    // unnoticed: the person must know.
    if (unsaved) {
      io.stderr.write(
        `lanroom: could not save the room's certificate in ${oneLine(pins.place)} ` +
          `(${fileProblem(unsaved)}): the next join cannot tell if it changed\n`,
      )
    }
  }

  return { ok: true, connection, welcome }
}
