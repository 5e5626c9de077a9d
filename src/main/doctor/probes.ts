import { connect as netConnect, isIP } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { peerFingerprint } from '../security/tls'

export type ProbeResult<T> = ({ ok: true } & T) | { ok: false; reason: string }

/** A socket error's code (ECONNREFUSED, ERR_SSL_WRONG_VERSION_NUMBER): OpenSSL's message is noise. */
function errorReason(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.message
}

/** Opens a TCP connection and closes it at once; bounded by `timeoutMs`, never rejects. */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<ProbeResult<object>> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port })
    const finish = (result: ProbeResult<object>): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no answer within ${seconds(timeoutMs)} s` }),
      timeoutMs,
    )
    socket.once('connect', () => finish({ ok: true }))
    socket.once('error', (error) => finish({ ok: false, reason: errorReason(error) }))
  })
}

/**
 * Sets up a TLS session accepting any certificate (hubs' are self-signed: what counts is which
 * one is presented, compared afterwards), and reports the certificate's SHA-256 fingerprint and
 * the TLS version. Bounded by `timeoutMs`, never rejects.
 */
export function probeTls(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<ProbeResult<{ fingerprint: string | null; protocol: string }>> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host,
      port,
      rejectUnauthorized: false,
      // A server name is sent for names only: an IP address is not a valid SNI value.
      ...(isIP(host) === 0 ? { servername: host } : {}),
    })
    const finish = (
      result: ProbeResult<{ fingerprint: string | null; protocol: string }>,
    ): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no TLS answer within ${seconds(timeoutMs)} s` }),
      timeoutMs,
    )
    socket.once('secureConnect', () =>
      finish({
        ok: true,
        fingerprint: peerFingerprint(socket),
        protocol: socket.getProtocol() ?? 'TLS',
      }),
    )
    socket.once('error', (error) => finish({ ok: false, reason: errorReason(error) }))
    socket.once('close', () => finish({ ok: false, reason: 'the connection closed during TLS' }))
  })
}

export function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toString()
}
