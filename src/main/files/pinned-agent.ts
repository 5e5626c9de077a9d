/**
 * The HTTP agent for a room's file endpoints: over TLS it presents every request only on a
 * connection whose certificate is exactly the pinned one (the WebSocket connection's check,
 * verifyPeer, done here for HTTPS). Hubs have self-signed certificates: no authority vouches
 * for them, the fingerprint does.
 */
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'
import { peerFingerprint } from '../security/tls'
import { FileError } from './errors'
import type { FileTarget } from './target'

/** A connection that moves no byte this long is closed (a hub gone silent, a sleeping peer). */
export const FILE_SOCKET_IDLE_MS = 60_000

type Callback = (error: Error | null, stream: Duplex) => void

/**
 * Opens a TLS connection (with `options`, e.g. an `onread` buffer) and answers once the hub
 * presented exactly the certificate `fingerprint` names, or with the error (the socket is then
 * destroyed). Nothing is to be written on the socket before the answer. A connection that moves
 * no byte for `idleMs` is closed.
 */
export function connectPinned(
  options: tls.ConnectionOptions,
  fingerprint: string,
  idleMs: number,
  callback: (error: Error | null, socket: tls.TLSSocket) => void,
): tls.TLSSocket {
  const host = options.host ?? 'localhost'
  const socket = tls.connect({
    ...options,
    rejectUnauthorized: false,
    // SNI takes host names only.
    ...(isIP(host) === 0 ? { servername: host } : { servername: '' }),
  })
  let answered = false
  const answer = (error: Error | null): void => {
    if (answered) return
    answered = true
    if (error) socket.destroy()
    callback(error, socket)
  }
  socket.setTimeout(idleMs, () => {
    socket.destroy(Object.assign(new Error('the room stopped answering'), { code: 'ETIMEDOUT' }))
  })
  socket.once('secureConnect', () => {
    const presented = peerFingerprint(socket)
    if (presented !== fingerprint) {
      answer(
        new FileError(
          'network',
          "The room's file server presented another certificate than the room's connection.",
        ),
      )
      return
    }
    answer(null)
  })
  socket.once('error', (error) => answer(error))
  return socket
}

class PinnedAgent extends https.Agent {
  constructor(
    private readonly fingerprint: string,
    private readonly idleMs: number,
  ) {
    super({ keepAlive: true, rejectUnauthorized: false })
  }

  override createConnection(args: http.ClientRequestArgs, callback?: Callback): undefined {
    // Node's agent ignores the stream when there is an error. The socket is handed over by the
    // callback once its certificate is checked: nothing is written on it before.
    connectPinned(args as tls.ConnectionOptions, this.fingerprint, this.idleMs, (error, socket) =>
      callback?.(error, socket),
    )
    return undefined
  }
}

/** Throws unless `target`'s origin can be reached: http, or https with a known certificate. */
export function checkedOrigin(target: FileTarget): URL {
  const url = new URL(target.origin)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FileError('network', `The room's file address ${target.origin} is not http(s).`)
  }
  if (url.protocol === 'https:' && target.fingerprint === null) {
    throw new FileError('network', "The room's certificate is not known: no file can be moved.")
  }
  return url
}

/** An agent for `target`'s origin (destroy it when done); throws for anything but http(s). */
export function fileAgent(target: FileTarget, idleMs = FILE_SOCKET_IDLE_MS): http.Agent {
  const url = checkedOrigin(target)
  if (url.protocol === 'http:' || target.fingerprint === null) {
    return new http.Agent({ keepAlive: true })
  }
  return new PinnedAgent(target.fingerprint, idleMs)
}

export { sameOrigin } from './target'
