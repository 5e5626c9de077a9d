import WebSocket, { type RawData } from 'ws'
import { LIMITS } from '../../shared/protocol'
import { peerFingerprint } from '../security/tls'
import type { RoomSocket, SocketCloseEvent, SocketFactory } from './socket'

/** The largest hub frame a client must take: a welcome at every limit (docs/protocol.md). */
const MAX_INCOMING_BYTES = LIMITS.maxHubFrameBytes

/** Opens room sockets with Node's `ws`. */
export const wsSocketFactory: SocketFactory = (url, protocol) => new WsRoomSocket(url, protocol)

class WsRoomSocket implements RoomSocket {
  onopen: (() => void) | null = null
  onmessage: ((data: string) => void) | null = null
  onerror: ((reason: string) => void) | null = null
  onclose: ((event: SocketCloseEvent) => void) | null = null
  peerFingerprint: string | null = null
  private readonly ws: WebSocket
  private errorReported = false

  constructor(url: string, protocol: string) {
    this.ws = new WebSocket(url, protocol, {
      maxPayload: MAX_INCOMING_BYTES,
      perMessageDeflate: false,
      // Hubs have self-signed certificates: no authority can vouch for them. Instead the room
      // connection compares the certificate's fingerprint with the pinned one (`verifyPeer`)
      // before it sends anything — `peerFingerprint`, recorded here at the upgrade.
      rejectUnauthorized: false,
    })
    this.ws.once('upgrade', (response) => {
      this.peerFingerprint = peerFingerprint(response.socket)
    })
    this.ws.on('open', () => this.onopen?.())
    this.ws.on('message', (data: RawData, isBinary: boolean) => {
      // The protocol is text only; the hub never sends binary frames.
      if (!isBinary) this.onmessage?.(rawToString(data))
    })
    this.ws.on('unexpected-response', (_request, response) => {
      this.reportError(`the hub refused the connection (HTTP ${response.statusCode ?? '?'})`)
      response.resume()
      this.ws.terminate()
    })
    this.ws.on('error', (error: Error & { code?: string }) =>
      this.reportError(error.code ?? error.message),
    )
    this.ws.on('close', (code: number, reason: Buffer) =>
      this.onclose?.({ code, reason: reason.toString('utf8') }),
    )
  }

  send(data: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data)
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason)
  }

  terminate(): void {
    this.ws.terminate()
  }

  /** The first error is the telling one (ECONNREFUSED, an HTTP status); later ones follow. */
  private reportError(reason: string): void {
    if (this.errorReported) return
    this.errorReported = true
    this.onerror?.(reason)
  }
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}
