import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import { INFO_PATH } from '../../shared/protocol'
import { peerFingerprint } from '../security/tls'

/** The most read of a room's /info: it is untrusted, and small when honest. */
export const MAX_INFO_BYTES = 16 * 1024
/** How long a finished request waits at most for its socket to report closed. */
const CLOSE_WAIT_MS = 1_000

/** What a room's /info said, and the certificate its connection presented (null: plain). */
export interface ProbeAnswer {
  /** The parsed JSON body, not validated yet (SCHEMAS.info is the reader's to apply). */
  info: unknown
  fingerprint: string | null
}

/** A /info request's outcome: the answer, or a short phrase saying why there is none. */
export type InfoResult = ({ ok: true } & ProbeAnswer) | { ok: false; reason: string }

export interface InfoRequest {
  /** Over TLS (any certificate is accepted; the one presented is reported). */
  tls: boolean
  /** The whole request, connection to last byte, gets this long. */
  timeoutMs: number
  /** Ends the request at once, as `cancelled` (a scan that was cancelled). */
  signal?: AbortSignal
}

/**
 * GET http(s)://host:port/info, bounded in time and size. Resolves (never rejects) with the
 * parsed JSON body of a 200 response and, over TLS, the SHA-256 of the certificate the
 * connection presented — any certificate is accepted: what it presented is compared with the
 * pinned one by whoever shows it — or with why not: `HTTP 404`, `its answer is too large`,
 * `no answer in time`, `cancelled`, `it answered, but not as a LAN Room` (not JSON), or the socket's error
 * (`ECONNREFUSED`). `host` is a name or an address; a scoped IPv6 link-local address
 * (fe80::1%eth0) is passed as is: Node understands it.
 */
export function requestInfo(host: string, port: number, options: InfoRequest): Promise<InfoResult> {
  return new Promise((resolve) => {
    let done = false
    let fingerprint: string | null = null
    const onAbort = (): void => fail('cancelled')
    const finish = (result: InfoResult): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      // Settled once its socket is closed, not merely asked to close: a caller that keeps a
      // bounded number of requests in flight (scan.ts) then never holds more sockets than that.
      if (closed) resolve(result)
      else {
        const fallback = setTimeout(() => resolve(result), CLOSE_WAIT_MS)
        request.once('close', () => {
          clearTimeout(fallback)
          resolve(result)
        })
      }
      request.destroy()
    }
    const fail = (reason: string): void => finish({ ok: false, reason })
    const ipVersion = isIP(host.split('%')[0] ?? '')
    const request = (options.tls ? httpsRequest : httpRequest)(
      {
        rejectUnauthorized: false,
        host,
        port,
        path: INFO_PATH,
        method: 'GET',
        ...(ipVersion !== 0 ? { family: ipVersion } : {}),
        headers: { accept: 'application/json' },
        agent: false,
      },
      (response: IncomingMessage) => {
        fingerprint = peerFingerprint(response.socket)
        if (response.statusCode !== 200) return fail(`HTTP ${response.statusCode ?? '?'}`)
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_INFO_BYTES) return fail('its answer is too large')
          chunks.push(chunk)
        })
        response.on('end', () => {
          let info: unknown
          try {
            info = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          } catch {
            return fail('it answered, but not as a LAN Room')
          }
          finish({ ok: true, info, fingerprint })
        })
        response.on('error', (error: Error & { code?: string }) =>
          fail(error.code ?? error.message),
        )
      },
    )
    request.on('error', (error: Error & { code?: string }) => fail(error.code ?? error.message))
    let closed = false
    request.once('close', () => (closed = true))
    request.end()
    const timer = setTimeout(() => fail('no answer in time'), options.timeoutMs)
    if (options.signal?.aborted) fail('cancelled')
    else options.signal?.addEventListener('abort', onAbort)
  })
}

/**
 * The directory's probe: `requestInfo` at an advertised address, null when the room does not
 * answer in time, answers otherwise, or sends too much.
 */
export async function fetchInfo(
  address: string,
  port: number,
  timeoutMs: number,
  tls = false,
): Promise<ProbeAnswer | null> {
  const result = await requestInfo(address, port, { tls, timeoutMs })
  return result.ok ? { info: result.info, fingerprint: result.fingerprint } : null
}
