import { join as joinPath } from 'node:path'
import { createInterface } from 'node:readline'
import { clearLine, moveCursor } from 'node:readline'
import {
  ConnectionError,
  RoomConnection,
  wsSocketFactory,
  type ConnectionState,
  type RoomConnectionOptions,
  type TimelineEntry,
} from '../main/connection'
import { LIMITS, type WelcomeMessage } from '../shared/protocol'
import { normalizeVerificationCode, verificationCode } from '../shared/security/verification-code'
import {
  ephemeralIdentity,
  loadOrCreateIdentity,
  type ClientIdentity,
} from '../main/security/identity'
import { PinStore } from '../main/security/pins'
import { checkPeer, type PeerCheck } from '../main/security/trust'
import { browseFor, resolveTarget } from './resolve'
import { formatChat, splitText } from './format'

export interface JoinOptions {
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
  /**
   * Once input has ended, how long to keep trying to reconnect (to deliver what is still
   * queued) before giving up with exit code 1. Default 30 s.
   */
  giveUpAfterMs?: number
  /** Connection tuning: tests make it faster; discovery can find a room that moved. */
  connection?: Partial<
    Pick<
      RoomConnectionOptions,
      'connectTimeoutMs' | 'ackTimeoutMs' | 'backoff' | 'resolveCandidates' | 'socketFactory'
    >
  >
}

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}

const DEFAULT_GIVE_UP_MS = 30_000

/**
 * A terminal chat. On a terminal it is interactive; otherwise it reads lines from stdin and
 * writes the room to stdout, and at end of input it waits until every line it sent has been
 * acknowledged, then leaves with exit code 0. A dropped connection is retried by itself (and
 * said so on stdout); lines typed meanwhile are delivered once it is back.
 */
export async function join(
  options: JoinOptions,
  io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const codes: Array<[string, string | undefined]> = [
    ['--expect-code', options.expectCode],
    ['--trust-new-code', options.trustNewCode],
  ]
  for (const [flag, given] of codes) {
    if (given !== undefined && normalizeVerificationCode(given) === null) {
      io.stderr.write(`lanroom: ${flag} takes a verification code like K7Q2M-X9D4R\n`)
      return 2
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
    io.stderr.write(`lanroom: cannot use the identity file: ${(error as Error).message}\n`)
    return 1
  }
  const pins = new PinStore(joinPath(options.dataDir, 'pins.json'))

  const resolution = await resolveTarget(options.target, options.discoveryTimeoutMs, (line) =>
    io.stderr.write(`${line}\n`),
  )
  if (!resolution.ok) {
    io.stderr.write(`lanroom: ${resolution.message}\n`)
    return resolution.exitCode
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
      return 3
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

  const clientId = identity.clientId
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
      io.stderr.write(`lanroom: ${error instanceof Error ? error.message : String(error)}\n`)
      const seen = refusal as Extract<PeerCheck, { ok: false }> | null
      if (seen?.kind === 'changed' && seen.presentedFingerprint) {
        io.stderr.write(
          `lanroom: if the host confirms the new code, run again with --trust-new-code ${verificationCode(seen.presentedFingerprint)}\n`,
        )
      }
      return 3
    }
    if (reason === 'passphrase') {
      io.stderr.write(
        state.status === 'closed' && state.errorCode === 'wrong_passphrase'
          ? 'lanroom: wrong passphrase\n'
          : 'lanroom: this room needs a passphrase (--passphrase or LANROOM_PASSPHRASE)\n',
      )
      return 1
    }
    if (reason === 'throttled') {
      const waitMs = state.status === 'closed' ? state.retryAfterMs : undefined
      io.stderr.write(
        `lanroom: too many passphrase attempts from this address; ` +
          (waitMs !== undefined
            ? `try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s\n`
            : 'try again later\n'),
      )
      return 1
    }
    io.stderr.write(`lanroom: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
  // Trust on first use: the certificate this room presented is the one it must present from
  // now on (and a newly trusted one replaces the old).
  const connected = connection.state
  if (connected.status === 'connected' && connected.fingerprint) {
    pins.pin(welcome.room.id, connected.fingerprint, welcome.room.name)
  }

  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY)
  const rl = createInterface({
    input: io.stdin,
    output: interactive ? io.stdout : undefined,
    terminal: interactive,
  })
  const print = (line: string): void => {
    if (interactive) {
      clearLine(io.stdout, 0)
      moveCursor(io.stdout, -1000, 0)
    }
    io.stdout.write(line + '\n')
    if (interactive) rl.prompt(true)
  }

  const others = welcome.members.filter((m) => m.clientId !== clientId).map((m) => m.name)
  print(
    `* Joined "${welcome.room.name}", hosted by ${welcome.room.hostName}. ` +
      (others.length === 0 ? 'Nobody else is here yet.' : `Here: ${others.join(', ')}.`),
  )
  // What the welcome brought is in the timeline already; from now on, print what is added.
  for (const entry of connection.timeline.entries) print(formatEntry(entry))
  connection.timeline.on('change', (change) => {
    if (change.type === 'add') for (const entry of change.entries) print(formatEntry(entry))
  })
  connection.on('error', (error) => io.stderr.write(`lanroom: ${error.message}\n`))
  let closingShown = false
  connection.on('closing', (message) => {
    closingShown = true
    print(`* ${message}`)
  })

  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULT_GIVE_UP_MS
  let inputEnded = false
  let gaveUp = false
  let giveUpTimer: NodeJS.Timeout | null = null
  /** After input ends, time spent unable to reconnect is bounded; time connected is not (a
   * long paste drains at the room's rate). */
  const watchGiveUp = (): void => {
    const stuck = inputEnded && connection.state.status === 'reconnecting'
    if (stuck && !giveUpTimer) {
      giveUpTimer = setTimeout(() => {
        gaveUp = true
        void connection.close()
      }, giveUpAfterMs)
    } else if (!stuck && giveUpTimer) {
      clearTimeout(giveUpTimer)
      giveUpTimer = null
    }
  }
  connection.on('state', (state: ConnectionState) => {
    if (state.status === 'reconnecting' && state.retryAt !== null) {
      const delay = Math.max(0, state.retryAt - Date.now()) / 1000
      print(`* Connection lost; reconnecting in ${delay.toFixed(1)} s (attempt ${state.attempt})…`)
    } else if (state.status === 'connected') {
      print('* Reconnected.')
    }
    watchGiveUp()
  })

  return new Promise<number>((resolve) => {
    connection.on('closed', (state) => {
      if (giveUpTimer) clearTimeout(giveUpTimer)
      rl.close()
      const undelivered = connection.pendingCount + connection.failedCount
      const lost = `${undelivered} message(s) were not delivered`
      if (gaveUp) {
        io.stderr.write(
          `lanroom: could not reconnect to the room within ${giveUpAfterMs / 1000} s; ${lost}\n`,
        )
        resolve(1)
      } else if (state.reason === 'left' || state.reason === 'ended') {
        if (state.reason === 'ended' && !closingShown) print(`* ${state.message}`)
        if (undelivered > 0) io.stderr.write(`lanroom: ${lost}\n`)
        resolve(undelivered > 0 ? 1 : 0)
      } else {
        io.stderr.write(`lanroom: ${state.message}${undelivered > 0 ? ` (${lost})` : ''}\n`)
        resolve(1)
      }
    })
    rl.on('line', (line) => {
      if (interactive) {
        // The hub's echo prints the line as the room sees it; remove the raw one.
        moveCursor(io.stdout, 0, -1)
        clearLine(io.stdout, 0)
      }
      if (line.trim().length === 0) return
      for (const piece of splitText(line, connection.maxTextLength, LIMITS.maxTextBytes)) {
        connection.send(piece).catch((error: unknown) => {
          // Undelivered because the connection ended: counted once, at the end.
          if (error instanceof ConnectionError && error.code === 'CONN_ERR_CLOSED') return
          io.stderr.write(`lanroom: not sent: ${error instanceof Error ? error.message : error}\n`)
        })
      }
    })
    rl.on('close', () => {
      if (inputEnded) return
      inputEnded = true
      watchGiveUp()
      void connection.drain().then((delivered) => {
        if (delivered) void connection.close()
      })
    })
    if (interactive) {
      rl.setPrompt('> ')
      rl.prompt()
    }
  })
}

/** One timeline entry as a terminal line. */
export function formatEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'chat':
      return formatChat(entry.chat)
    case 'joined':
      return `* ${entry.member.name} joined`
    case 'renamed':
      return `* ${entry.member.clientId} is now ${entry.member.name}`
    case 'left': {
      const why =
        entry.reason === 'lost'
          ? ' (connection lost)'
          : entry.reason === 'removed'
            ? ' (removed)'
            : ''
      return `* ${entry.name} left${why}`
    }
    case 'gap':
      return entry.reason === 'epoch'
        ? "* The room's history was reset; messages may be missing here."
        : '* Some messages may be missing here: the room does not keep history that far back.'
  }
}
