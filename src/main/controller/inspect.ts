import { SCHEMAS, WS_PATH, type RoomInfo } from '../../shared/protocol'
import { requestInfo } from '../discovery/probe'

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
 * The same bounded request as the directory's probe (discovery/probe.ts), its body checked
 * against the protocol's schema. Rejects with a sentence when neither answers as a room.
 */
export async function inspectRoom(
  address: URL,
  options: { plainOnly?: boolean; timeoutMs?: number } = {},
): Promise<InspectedRoom> {
  const timeoutMs = options.timeoutMs ?? 4_000
  const host = address.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = Number(address.port) || (address.protocol === 'wss:' ? 443 : 80)
  const path = address.pathname && address.pathname !== '/' ? address.pathname : WS_PATH
  let reason = 'no answer'
  for (const tls of options.plainOnly ? [false] : [true, false]) {
    const result = await requestInfo(host, port, { tls, timeoutMs })
    if (!result.ok) {
      reason = result.reason
      continue
    }
    const parsed = SCHEMAS.info.safeParse(result.info)
    if (!parsed.success) {
      reason = 'it answered, but not as a LAN Room of this version'
      continue
    }
    const url = `${tls ? 'wss' : 'ws'}://${address.host}${path}`
    return { url, info: parsed.data, fingerprint: tls ? result.fingerprint : null }
  }
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
  // A ws:// address of a room that speaks TLS: something answered, and not in plain HTTP (a TLS
  // server resets it, or answers 400). Nothing at all there is not worth a second wait.
  const silent = /^(no answer in time|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|cancelled)$/
  if (options.plainOnly && !silent.test(reason)) {
    const encrypted = await requestInfo(host, port, { tls: true, timeoutMs })
    if (encrypted.ok && SCHEMAS.info.safeParse(encrypted.info).success) {
      throw new Error(
        `The room at ${where} is encrypted: join it at wss://${where}${path} or ${where}, not ws://.`,
      )
    }
  }
  throw new Error(`No LAN Room answers at ${where} (${reason}).`)
}
