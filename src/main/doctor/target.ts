import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { DEFAULT_PORT, WS_PATH } from '../../shared/protocol'
import { decodeRoomCode, looksLikeRoomCode, type RoomCode } from '../../shared/protocol/room-code'
import { parseRoomAddress } from '../connection/address'

/** What a room, code or address resolved to: where to knock, and what must answer there. */
export interface ResolvedTarget {
  /** Where the room may be, most likely first: ws:// or wss:// URLs with an IP address. */
  urls: string[]
  /** wss: TLS only; ws: plain only (asked for explicitly); null: TLS, else plain. */
  scheme: 'wss' | 'ws' | null
  /** The room chosen (by name, id or code), which must be the one answering; null: any. */
  roomId: string | null
  /** A certificate that must be presented (a confirmed one); null: none given. */
  expectedFingerprint: string | null
  /** The start of the certificate's fingerprint a room code carries; null: none. */
  codePrefix: Pick<RoomCode, 'fingerprintBits' | 'fingerprintPrefix'> | null
  /** What the target turned out to be, for the report ("room "Team" found nearby at …"). */
  found: string
}

/**
 * Turns a target into addresses, as `lanroom join` does; rejects with a sentence a person can
 * act on when it cannot (not found nearby, several rooms of that name, a name that does not
 * resolve). `timeoutMs` bounds it.
 */
export type TargetResolver = (target: string, timeoutMs: number) => Promise<ResolvedTarget>

/** What to do when the target cannot be read (the app says them from their key: target-steps.ts). */
export const RESOLVE_FIXES = {
  resolveName: 'Check the spelling, or use the host’s IP address (their app shows it under Share).',
  resolveCode: 'Compare the code with the one the host’s app shows: a character may be mistyped.',
} as const

export class ResolveError extends Error {
  constructor(
    message: string,
    /** What to do about it, in plain words. */
    readonly fix: string,
  ) {
    super(message)
    this.name = 'ResolveError'
  }
}

/**
 * A typed address (host:port, [v6]:port, ws://…, wss://…): its host name looked up (all of its
 * addresses, bounded by `timeoutMs`); null when `target` is not an address.
 */
export async function resolveAddress(
  target: string,
  timeoutMs: number,
): Promise<ResolvedTarget | null> {
  const url = parseRoomAddress(target, DEFAULT_PORT)
  if (!url) return null
  const scheme = url.protocol === 'wss:' ? 'wss' : /^ws:\/\//i.test(target.trim()) ? 'ws' : null
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: string[]
  if (isIP(host) !== 0) addresses = [host]
  else {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer in time')), timeoutMs)
    })
    try {
      const found = await Promise.race([lookup(host, { all: true }), late])
      addresses = found.map((entry) => entry.address)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      throw new ResolveError(
        `the name ${host} does not resolve (${code})`,
        RESOLVE_FIXES.resolveName,
      )
    } finally {
      clearTimeout(timer)
    }
  }
  const port = url.port || String(DEFAULT_PORT)
  const urls = addresses.map((address) => {
    const bracketed = isIP(address) === 6 ? `[${address}]` : address
    return `${scheme ?? 'wss'}://${bracketed}:${port}${url.pathname}`
  })
  return {
    urls,
    scheme,
    roomId: null,
    expectedFingerprint: null,
    codePrefix: null,
    found:
      isIP(host) !== 0
        ? `the address ${url.host}`
        : `${url.host}, which resolves to ${addresses.join(', ')}`,
  }
}

/**
 * A room code (shared/protocol/room-code.ts), read as `lanroom join CODE` reads it: the address
 * and port it names, and the start of the certificate's fingerprint the room must present
 * there. Null when `target` does not look like a code; rejects a code that cannot be read (a
 * typo) with its reason. The doctor examines the address the code names; when the host's
 * address changed, `lanroom join` also looks for the room nearby by its certificate.
 */
export function resolveRoomCode(target: string): ResolvedTarget | null {
  if (!looksLikeRoomCode(target)) return null
  const code = decodeRoomCode(target)
  if (!code.ok) {
    throw new ResolveError(
      `"${target.trim().slice(0, 40)}" is not a room code that can be read: ${code.message}`,
      RESOLVE_FIXES.resolveCode,
    )
  }
  return {
    urls: [`wss://${code.address}:${code.port}${WS_PATH}`],
    scheme: 'wss',
    roomId: null,
    expectedFingerprint: null,
    codePrefix: code,
    found: `the room code ${code.code}, which names ${code.address}:${code.port}`,
  }
}
