import { readFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { DEFAULT_PORT } from '../../shared/protocol'
import { decodeRoomCode } from '../../shared/protocol/room-code'
import { parseRoomAddress } from '../connection/address'
import { AUTO_SELECTION } from '../discovery/interfaces'
import type { DoctorContext } from './check'
import { runCommand } from './run-command'
import { ResolveError, resolveAddress, type TargetResolver } from './target'

/** The most of a system file read (/proc/net/udp on a busy server is long, not this long). */
const MAX_FILE_BYTES = 4 * 1024 * 1024

function readSystemFile(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8')
    return text.length > MAX_FILE_BYTES ? text.slice(0, MAX_FILE_BYTES) : text
  } catch {
    return null
  }
}

/** Resolves typed addresses only: what is left when there is no directory to look names up in. */
export const addressOnlyResolver: TargetResolver = async (target, timeoutMs) => {
  const resolved = await resolveAddress(target, timeoutMs)
  if (resolved) return resolved
  throw new ResolveError(
    `"${target}" is not an address (host:port), and rooms are not looked up by name here`,
    'Give the room’s address as the host’s app shows it, for example 192.168.1.20:47800.',
  )
}

export type ContextOptions = Partial<Omit<DoctorContext, 'deadline'>>

/** A context for a run ending at `deadline`: the real system, with `options` on top. */
export function doctorContext(deadline: number, options: ContextOptions = {}): DoctorContext {
  const target = options.target ?? null
  const code = target ? decodeRoomCode(target) : null
  // A room code names its port as an address does.
  const targetPort = code?.ok
    ? code.port
    : target
      ? Number(parseRoomAddress(target, DEFAULT_PORT)?.port)
      : NaN
  return {
    deadline,
    platform: process.platform,
    interfaces: networkInterfaces,
    selection: AUTO_SELECTION,
    run: runCommand,
    readFile: readSystemFile,
    target,
    resolve: addressOnlyResolver,
    pins: null,
    expectCode: null,
    tcpPorts: [
      ...new Set([
        DEFAULT_PORT,
        ...(Number.isInteger(targetPort) && targetPort > 0 ? [targetPort] : []),
      ]),
    ],
    ownResponder: false,
    ...options,
  }
}
