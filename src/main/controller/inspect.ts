import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { INFO_PATH, SCHEMAS, WS_PATH, type RoomInfo } from '../../shared/protocol'
import { peerFingerprint } from '../security/tls'

/** The most read of an /info answer: it is untrusted, and small when honest. */
const MAX_INFO_BYTES = 16 * 1024

export interface InspectedRoom {
  /** The WebSocket URL to join it at (`wss://` when it speaks TLS). */
  url: string
  info: RoomInfo
  /** SHA-256 of the certificate the connection presented; null over plain http. */
  fingerprint: string | null
}

/**
 * Reads a room's `/info` at a typed address before joining, so that the person can see which
 * room it is and its verification code: over https first (any certificate — the fingerprint it
 * presented is what gets shown and then required), then over plain http for a `--no-tls` room.
 * Rejects with a sentence when neither answers.
 */
export async function inspectRoom(
  address: URL,
  options: { plainOnly?: boolean; timeoutMs?: number } = {},
): Promise<InspectedRoom> {
  const timeoutMs = options.timeoutMs ?? 4_000
  const host = address.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = Number(address.port) || (address.protocol === 'wss:' ? 443 : 80)
  const url = (scheme: 'wss' | 'ws'): string =>
    `${scheme}://${address.host}${address.pathname && address.pathname !== '/' ? address.pathname : WS_PATH}`
  const tried: string[] = []
  if (!options.plainOnly) {
    try {
      const { body, fingerprint } = await get(true, host, port, timeoutMs)
      return { url: url('wss'), info: parse(body), fingerprint }
    } catch (error) {
      tried.push((error as Error).message)
    }
  }
  try {
    const { body } = await get(false, host, port, timeoutMs)
    return { url: url('ws'), info: parse(body), fingerprint: null }
  } catch (error) {
    tried.push((error as Error).message)
  }
  throw new Error(`No LAN Room answers at ${address.host} (${tried.at(-1) ?? 'no answer'}).`)
}

function parse(body: string): RoomInfo {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw new Error('it answered, but not as a LAN Room')
  }
  const parsed = SCHEMAS.info.safeParse(value)
  if (!parsed.success) throw new Error('it answered, but not as a LAN Room of this version')
  return parsed.data
}

function get(
  tls: boolean,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ body: string; fingerprint: string | null }> {
  return new Promise((resolve, reject) => {
    let fingerprint: string | null = null
    const options = {
      host,
      port,
      path: INFO_PATH,
      method: 'GET',
      headers: { accept: 'application/json' },
      agent: false as const,
      timeout: timeoutMs,
      // Self-signed: what it presented is recorded and shown, never taken on an authority's word.
      rejectUnauthorized: false,
    }
    const onResponse = (response: IncomingMessage): void => {
      fingerprint = peerFingerprint(response.socket)
      if (response.statusCode !== 200) {
        response.resume()
        reject(new Error(`HTTP ${response.statusCode ?? '?'}`))
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_INFO_BYTES) {
          request.destroy()
          reject(new Error('its answer is too large'))
          return
        }
        chunks.push(chunk)
      })
      response.on('end', () =>
        resolve({ body: Buffer.concat(chunks).toString('utf8'), fingerprint }),
      )
      response.on('error', reject)
    }
    const request = tls ? httpsRequest(options, onResponse) : httpRequest(options, onResponse)
    request.on('timeout', () => request.destroy(new Error('no answer in time')))
    request.on('error', (error: Error & { code?: string }) =>
      reject(new Error(error.code ?? error.message)),
    )
    request.end()
  })
}
