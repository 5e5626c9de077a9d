import { SCHEMAS, SUBPROTOCOL, type HubMessage, type RoomInfo } from '../../shared/protocol'
import type { DoctorStep, DoctorStepResult } from '../../shared/bridge/doctor'
import { fingerprintMatches } from '../../shared/protocol/room-code'
import { verificationCode } from '../../shared/security/verification-code'
import { Handshake } from '../connection/handshake'
import { abandonSocket, type SocketFactory } from '../connection/socket'
import type { PeerInfo } from '../connection/state'
import { requestInfo } from '../discovery/probe'
import { ephemeralIdentity } from '../security/identity'
import type { PinStore } from '../security/pins'
import { checkPeer } from '../security/trust'
import { remaining } from './check'
import { probeTcp, probeTls, seconds } from './probes'
import { RESOLVE_FIXES, ResolveError, type ResolvedTarget, type TargetResolver } from './target'

/** The longest one step may take, when the run's deadline leaves more. */
export const STEP_TIMEOUT_MS = 4_000

export interface StepsOptions {
  target: string
  resolve: TargetResolver
  deadline: number
  pins: PinStore | null
  /** A verification code the room must show (normalized); null for none. */
  expectCode: string | null
  socketFactory: SocketFactory
}

export interface StepsOutcome {
  steps: DoctorStepResult[]
  /** The first step that failed, and what to do about it; null when every step passed. */
  failure: { step: DoctorStep; fix: string } | null
  /** The room that answered ("Team" at 10.0.0.2:47800), once known. */
  room: string | null
}

/** Thrown by a step to fail it: the sentence is the step's error, `fix` what to do. */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message)
  }
}

const FIXES = {
  refused:
    'Nothing listens at that port, or a firewall rejects the connection: check that the room is ' +
    'still open, that the address and port are the ones the host’s app shows, and the Firewall ' +
    'check.',
  dropped:
    'Packets to the room are dropped on the way: the host’s firewall (on Windows, allow LAN Room ' +
    'on Private networks and make the network Private), Wi-Fi client isolation (guest ' +
    'networks), or a VPN. See the Firewall and VPN checks; try a wired or the same Wi-Fi network.',
  unreachable:
    'This machine has no route to that address: make sure both are on the same network; a VPN ' +
    'may be capturing the traffic (see the VPN check).',
  notTls:
    'Something answers at that port, but not as a LAN Room: check the port (the host’s app shows ' +
    'it).',
  notRoom:
    'Something answers at that port, but not as a LAN Room of this version: check the address, ' +
    'and that both sides run the same version of LAN Room.',
  certificate:
    'Compare the verification code with the one the host’s app shows. If the host reinstalled ' +
    'LAN Room, join once and trust the new code after checking it with them; otherwise do not ' +
    'join: someone may be pretending to be the room.',
  roomCode:
    'This is not the room the code names: someone else may be at that address, or the host’s ' +
    'address changed (`lanroom join CODE` then looks for the room nearby by its certificate). ' +
    'Ask the host for the room code their room shows now.',
  websocket:
    'The room answers web requests but refuses the chat connection: security software or a ' +
    'proxy between you may block WebSockets, or the room is full or closing. Ask the host to ' +
    'restart the room.',
  hello:
    'The room did not greet: it may be overloaded or closing. Try again, or ask the host to ' +
    'restart the room.',
} as const

/** Fixes for what is not one step's own failure. */
const OTHER_FIXES = {
  typed: 'Check what you typed.',
  unexpected: 'Try again; if it persists, report it.',
} as const

/** Every fix a failing step can give, by key: `doctor.roomFix<Key>` in the catalogue. */
export const STEP_FIXES: Readonly<Record<string, string>> = {
  ...FIXES,
  ...OTHER_FIXES,
  ...RESOLVE_FIXES,
}

const FIX_KEYS = new Map<string, string>(
  Object.entries(STEP_FIXES).map(([key, text]) => [
    text,
    `roomFix${key.charAt(0).toUpperCase()}${key.slice(1)}`,
  ]),
)

/** The catalogue's code (`doctor.roomFix…`) of a failing step's fix; undefined for a fix that
 * has none (a resolver's own), which the app then shows in English. */
export function stepFixCode(fix: string): string | undefined {
  return FIX_KEYS.get(fix)
}

function tcpFix(reason: string): string {
  if (/ECONNREFUSED/.test(reason)) return FIXES.refused
  if (/EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/.test(reason)) return FIXES.unreachable
  return FIXES.dropped
}

function hostPort(url: string): { host: string; port: number; display: string } {
  const parsed = new URL(url)
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port),
    display: parsed.host,
  }
}

function describeInfo(info: RoomInfo): string {
  const people = `${info.members} ${info.members === 1 ? 'person' : 'people'} in it`
  return (
    `"${info.name}" hosted by ${info.hostName} (id ${info.roomId}), ${people}` +
    (info.passphrase ? ', a passphrase is needed' : '')
  )
}

function parseHub(data: string): HubMessage | null {
  try {
    const parsed = SCHEMAS.hubMessage.safeParse(JSON.parse(data))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Reaches the room step by step — resolve, tcp, tls, http, certificate, websocket, hello — and
 * stops at the first step that fails, with its error and fix. Each step is bounded by
 * STEP_TIMEOUT_MS and by the run's deadline. It reuses what joining uses: the /info request of
 * discovery/probe.ts, the trust rule of security/trust.ts, and the connection's own socket and
 * Handshake, whose certificate check (`verifyPeer`) is where the doctor stops: it sends no
 * hello, so nobody in the room sees it come and go.
 */
export async function runTargetSteps(options: StepsOptions): Promise<StepsOutcome> {
  const steps: DoctorStepResult[] = []
  let room: string | null = null
  const budget = (): number => Math.min(STEP_TIMEOUT_MS, remaining(options.deadline, 1))

  async function step<T>(
    name: DoctorStep,
    work: () => Promise<{ value: T; found: string; warn?: boolean }>,
  ): Promise<T> {
    const started = performance.now()
    const durationMs = (): number => Math.round(performance.now() - started)
    try {
      const { value, found, warn } = await work()
      steps.push({ step: name, status: warn ? 'warn' : 'ok', found, durationMs: durationMs() })
      return value
    } catch (error) {
      steps.push({
        step: name,
        status: 'fail',
        found: (error as Error).message,
        durationMs: durationMs(),
      })
      throw error
    }
  }

  try {
    const resolved = await step('resolve', async () => {
      let value: ResolvedTarget
      try {
        // Looking a name up nearby may take all it is given: half the run at most, so that the
        // steps after it still have time.
        const half = remaining(options.deadline, 2) / 2
        value = await options.resolve(options.target, Math.min(STEP_TIMEOUT_MS, half))
      } catch (error) {
        const fix = error instanceof ResolveError ? error.fix : OTHER_FIXES.typed
        throw new StepFailure((error as Error).message, fix)
      }
      if (value.urls.length === 0) {
        throw new StepFailure(`${value.found}: no address to try`, FIXES.unreachable)
      }
      return {
        value,
        found: `${value.found}: ${value.urls.map((u) => hostPort(u).display).join(', ')}`,
      }
    })

    // Every address at once: the first that connects is the one examined further.
    const url = await step('tcp', async () => {
      const timeout = budget()
      const tries = await Promise.all(
        resolved.urls.map(async (candidate) => {
          const { host, port, display } = hostPort(candidate)
          return { candidate, display, result: await probeTcp(host, port, timeout) }
        }),
      )
      const open = tries.find((t) => t.result.ok)
      if (open) return { value: open.candidate, found: `connected to ${open.display}` }
      const reasons = tries.map((t) => `${t.display}: ${t.result.ok ? 'ok' : t.result.reason}`)
      const first = tries[0]?.result
      throw new StepFailure(
        `cannot connect to ${reasons.join('; ')}`,
        tcpFix(first && !first.ok ? first.reason : ''),
      )
    })
    const { host, port, display } = hostPort(url)

    const tls = await step('tls', async () => {
      if (resolved.scheme === 'ws') {
        return { value: null, found: 'not tried: you asked for plain ws://', warn: true }
      }
      const result = await probeTls(host, port, budget())
      if (result.ok) {
        const code = result.fingerprint ? verificationCode(result.fingerprint) : 'none'
        return {
          value: { fingerprint: result.fingerprint },
          found: `${result.protocol}, certificate with verification code ${code}`,
        }
      }
      if (resolved.scheme === null) {
        const plain = await requestInfo(host, port, { tls: false, timeoutMs: budget() })
        if (plain.ok) {
          return {
            value: null,
            found: `not encrypted: the room answers without TLS (${result.reason})`,
            warn: true,
          }
        }
      }
      throw new StepFailure(`TLS failed at ${display}: ${result.reason}`, FIXES.notTls)
    })
    const fingerprint = tls?.fingerprint ?? null

    const info = await step('http', async () => {
      const answer = await requestInfo(host, port, { tls: tls !== null, timeoutMs: budget() })
      if (!answer.ok)
        throw new StepFailure(`GET /info at ${display}: ${answer.reason}`, FIXES.notRoom)
      const parsed = SCHEMAS.info.safeParse(answer.info)
      if (!parsed.success) {
        throw new StepFailure(
          `GET /info at ${display} answered, but not as a LAN Room of this version`,
          FIXES.notRoom,
        )
      }
      room = `"${parsed.data.name}" at ${display}`
      return { value: parsed.data, found: describeInfo(parsed.data) }
    })

    await step('certificate', async () => {
      const found = certificateCheck(resolved, info, fingerprint, options)
      return { value: null, ...found }
    })

    // The scheme the room turned out to speak, whatever the candidate said.
    const wsUrl = url.replace(/^wss?:/, tls === null ? 'ws:' : 'wss:')
    const peer = await step('websocket', () => openAndGreet(wsUrl, budget(), options.socketFactory))
    await step('hello', async () => {
      const seen = await peer.greeting
      if (seen.roomId !== info.roomId) {
        throw new StepFailure(
          `another room (id ${seen.roomId}) answers at /ws than at /info (id ${info.roomId})`,
          FIXES.certificate,
        )
      }
      if (seen.fingerprint !== fingerprint) {
        throw new StepFailure(
          'the chat connection presents another certificate than the first connection',
          FIXES.certificate,
        )
      }
      return { value: null, found: `the hub greeted: room id ${seen.roomId}` }
    })
    return { steps, failure: null, room }
  } catch (error) {
    const last = steps.at(-1)
    const fix = error instanceof StepFailure ? error.fix : OTHER_FIXES.unexpected
    if (last && !(error instanceof StepFailure))
      last.found = `unexpected: ${(error as Error).message}`
    return { steps, failure: last ? { step: last.step, fix } : null, room }
  }
}

function certificateCheck(
  resolved: ResolvedTarget,
  info: RoomInfo,
  fingerprint: string | null,
  options: StepsOptions,
): { found: string; warn?: boolean } {
  const code = fingerprint ? verificationCode(fingerprint) : null
  if (info.fingerprint !== fingerprint) {
    throw new StepFailure(
      `the room says its certificate has code ${info.fingerprint ? verificationCode(info.fingerprint) : 'none'}, ` +
        `but the connection presents ${code ?? 'none (not encrypted)'}`,
      FIXES.certificate,
    )
  }
  if (options.expectCode !== null && code !== options.expectCode) {
    throw new StepFailure(
      `the room's verification code is ${code ?? 'none (not encrypted)'}, not ${options.expectCode}`,
      FIXES.certificate,
    )
  }
  if (resolved.codePrefix !== null && !fingerprintMatches(resolved.codePrefix, fingerprint)) {
    throw new StepFailure(
      `the certificate presented (verification code ${code ?? 'none: not encrypted'}) is not ` +
        'the one the room code names',
      FIXES.roomCode,
    )
  }
  if (options.pins) {
    const checked = checkPeer(options.pins, {
      roomId: resolved.roomId ?? info.roomId,
      answeringRoomId: info.roomId,
      fingerprint,
      expectedFingerprint: resolved.expectedFingerprint,
      roomName: info.name,
    })
    if (!checked.ok) throw new StepFailure(checked.message, FIXES.certificate)
    if (checked.status === 'match')
      return { found: `code ${code ?? '?'}, as pinned when you joined before` }
    if (checked.status === 'plain') return { found: 'not encrypted: nothing to verify', warn: true }
  } else if (
    resolved.expectedFingerprint !== null &&
    resolved.expectedFingerprint !== fingerprint
  ) {
    throw new StepFailure(
      `not the certificate expected (code ${verificationCode(resolved.expectedFingerprint)}): this one shows ${code ?? 'none'}`,
      FIXES.certificate,
    )
  } else if (resolved.roomId !== null && resolved.roomId !== info.roomId) {
    throw new StepFailure(`another room (id ${info.roomId}) answers there`, FIXES.certificate)
  }
  if (code === null) return { found: 'not encrypted: nothing to verify', warn: true }
  const vouched =
    options.expectCode !== null || resolved.codePrefix !== null
      ? 'as expected'
      : 'never joined before: compare it with the code the host’s app shows'
  return { found: `code ${code}, ${vouched}` }
}

interface Greeting {
  greeting: Promise<PeerInfo>
}

/**
 * Opens the room's WebSocket with the connection's own socket, and once open hands it to the
 * connection's Handshake: its `verifyPeer` sees the hub's challenge (room id, certificate) and
 * ends the attempt there, before any hello is sent.
 */
function openAndGreet(
  url: string,
  timeoutMs: number,
  socketFactory: SocketFactory,
): Promise<{ value: Greeting; found: string }> {
  return new Promise((resolveOpen, rejectOpen) => {
    const socket = socketFactory(url, SUBPROTOCOL)
    let error: string | null = null
    let settled = false
    const timer = setTimeout(() => {
      abandonSocket(socket)
      rejectOpen(
        new StepFailure(`no WebSocket answer within ${seconds(timeoutMs)} s`, FIXES.websocket),
      )
    }, timeoutMs)
    socket.onerror = (reason) => {
      error ??= reason
    }
    socket.onclose = ({ code }) => {
      clearTimeout(timer)
      rejectOpen(
        new StepFailure(
          `the WebSocket upgrade failed: ${error ?? `closed (${code})`}`,
          FIXES.websocket,
        ),
      )
    }
    socket.onopen = () => {
      clearTimeout(timer)
      const greeting = new Promise<PeerInfo>((resolveGreeting, rejectGreeting) => {
        const helloTimer = setTimeout(() => {
          abandonSocket(socket)
          rejectGreeting(new StepFailure(`no greeting within ${seconds(timeoutMs)} s`, FIXES.hello))
        }, timeoutMs)
        let seen: PeerInfo | null = null
        new Handshake(
          socket,
          url,
          {
            name: 'network doctor',
            identity: ephemeralIdentity(),
            verifyPeer: (peer) => {
              seen = peer
              return 'the network doctor stops before hello'
            },
            resume: () => null,
            parse: parseHub,
          },
          (result) => {
            clearTimeout(helloTimer)
            if (settled) return
            settled = true
            if (seen) return resolveGreeting(seen)
            const message =
              result.type === 'end'
                ? result.end.message
                : result.type === 'failed'
                  ? result.message
                  : 'welcomed without a challenge'
            abandonSocket(socket)
            rejectGreeting(new StepFailure(message, FIXES.hello))
          },
        )
      })
      // Read by the hello step; never left unhandled if the run stops before it.
      greeting.catch(() => {})
      resolveOpen({ value: { greeting }, found: `upgraded at ${url}` })
    }
  })
}
