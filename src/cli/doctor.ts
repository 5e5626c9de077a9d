import { normalizeVerificationCode } from '../shared/security/verification-code'
import {
  CHECKS,
  ResolveError,
  doctorContext,
  nearbyRoom,
  resolveAddress,
  resolveRoomCode,
  runDoctor,
  type TargetResolver,
} from '../main/doctor'
import { openPins } from './pins'
import { looksLikeRoomCode } from '../shared/protocol/room-code'
import { browseForRoom } from './resolve'
import { looksLikeAddress } from './room-target'
import { formatDoctorReport } from './doctor-report'
import { secondsText } from './format'

export interface DoctorOptions {
  /** A room name or id, a room code, or an address; undefined for none. */
  target?: string
  json: boolean
  /** The whole run's bound. */
  timeoutMs: number
  /** A verification code the room must show. */
  expectCode?: string
  /** Where the certificates of rooms joined before are pinned. */
  dataDir: string
}

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}

/**
 * The doctor's resolution, in `lanroom join`'s order: a room code (the address it names, and
 * the certificate it names there), an address as typed (its name looked up), else a room name
 * or id found nearby.
 */
export const cliResolver: TargetResolver = async (target, timeoutMs) => {
  const code = resolveRoomCode(target)
  if (code) return code
  if (looksLikeAddress(target)) {
    const resolved = await resolveAddress(target, timeoutMs)
    if (resolved) return resolved
    throw new ResolveError(
      `"${target}" is not a room address`,
      'Use host:port (for example 192.168.1.20:47800) or wss://host:port/ws.',
    )
  }
  const wanted = target.trim()
  const rooms = await browseForRoom(wanted, timeoutMs)
  return nearbyRoom(wanted, rooms, `within ${secondsText(timeoutMs)}`)
}

/** `lanroom doctor`: runs every check, prints the report; 0 when nothing failed, else 1. */
export async function doctor(
  options: DoctorOptions,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let expectCode: string | null = null
  if (options.expectCode !== undefined) {
    expectCode = normalizeVerificationCode(options.expectCode)
    if (expectCode === null) {
      io.stderr.write('lanroom: --expect-code takes a verification code like K7Q2M-X9D4R\n')
      return 2
    }
  }
  const target = options.target?.trim() || null
  if (!options.json) {
    io.stderr.write(`Checking the network (at most ${secondsText(options.timeoutMs)})…\n`)
  }
  const report = await runDoctor({
    checks: CHECKS,
    timeoutMs: options.timeoutMs,
    context: (deadline) =>
      doctorContext(deadline, {
        target,
        resolve: cliResolver,
        pins: openPins(options.dataDir, io.stderr),
        expectCode,
        // Looking a room up by name runs this process's own mDNS browser.
        ownResponder: target !== null && !looksLikeAddress(target) && !looksLikeRoomCode(target),
      }),
  })
  io.stdout.write(
    options.json
      ? `${JSON.stringify(report)}\n`
      : formatDoctorReport(report, Boolean(io.stdout.isTTY)),
  )
  return report.failed ? 1 : 0
}
