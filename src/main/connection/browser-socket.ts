import type { RoomSocket, SocketCloseEvent, SocketFactory } from './socket'

/** The part of the WHATWG WebSocket this socket uses (typed here: the Node build has no DOM). */
export interface WebSocketLike {
  readonly readyState: number
  binaryType: string
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onerror: ((event: unknown) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

export type WebSocketConstructorLike = new (url: string, protocols: string) => WebSocketLike

export interface BrowserSocketOptions {
  /**
   * The fingerprint of the hub's certificate as the page was given it (the guest link's
   * `#fp=`, or the hub's `/info`). A page cannot see the certificate of its own connection, so
   * this is what the connection binds its hello to and checks pins against; over plain ws the
   * socket reports null whatever is given.
   */
  fingerprint: string | null
  /**
   * The addresses the fingerprint was given for, the page's own candidates (compared by host
   * and port). A socket to any other host, such as a clustered room's other hub named only by
   * a welcome's `hubs`, reports null: nothing the page was given says which certificate that
   * host has, and the dialer holds a listed hub to the room's before anything is sent (a socket
   * reporting the given one would pass that check whatever answered). Default: every host.
   */
  candidates?: readonly string[]
  /** The WebSocket to use: the global one by default (tests pass `ws`'s, the same API). */
  WebSocket?: WebSocketConstructorLike
}

/** WHATWG WebSocket.OPEN. */
const OPEN = 1

/** Opens room sockets over the platform's WebSocket (browsers: the guest app). */
export function browserSocketFactory(options: BrowserSocketOptions): SocketFactory {
  const hosts = options.candidates?.map(hostOf)
  return (url, protocol) => {
    const Impl = options.WebSocket ?? globalWebSocket()
    const host = hostOf(url)
    const known = hosts === undefined || (host !== null && hosts.includes(host))
    const fingerprint = url.startsWith('wss:') && known ? options.fingerprint : null
    return new BrowserRoomSocket(url, protocol, fingerprint, Impl)
  }
}

/** The `host` (name and port) of `url`, or null for one that does not parse. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

function globalWebSocket(): WebSocketConstructorLike | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket
}

class BrowserRoomSocket implements RoomSocket {
  onopen: (() => void) | null = null
  onmessage: ((data: string) => void) | null = null
  onerror: ((reason: string) => void) | null = null
  onclose: ((event: SocketCloseEvent) => void) | null = null
  private readonly ws: WebSocketLike | null = null
  private errorReported = false
  private closeReported = false

  constructor(
    url: string,
    protocol: string,
    readonly peerFingerprint: string | null,
    Impl: WebSocketConstructorLike | undefined,
  ) {
    try {
      if (!Impl) throw new Error('this browser has no WebSocket')
      this.ws = new Impl(url, protocol)
    } catch (error) {
      // A malformed URL or a blocked one (mixed content) throws at once; the contract wants the
      // factory to return first and then report, like any failed connection.
      const reason = error instanceof Error ? error.message : String(error)
      setTimeout(() => this.fail(reason), 0)
      return
    }
    const ws = this.ws
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => this.onopen?.()
    ws.onmessage = (event) => {
      // The protocol is text only; the hub never sends binary frames. A browser cannot bound
      // the size of a frame before it has it: that is left to the browser's own limits.
      if (typeof event.data === 'string') this.onmessage?.(event.data)
    }
    // Browsers tell a page nothing more about a failure: a refused connection, an untrusted
    // certificate and an HTTP refusal all look the same.
    ws.onerror = () =>
      this.reportError(
        ws.readyState === OPEN ? 'the connection failed' : 'the browser could not connect',
      )
    ws.onclose = (event) => this.reportClose({ code: event.code, reason: event.reason })
  }

  send(data: string): void {
    if (this.ws?.readyState === OPEN) this.ws.send(data)
  }

  close(code?: number, reason?: string): void {
    if (!this.ws) return
    try {
      this.ws.close(code, reason)
    } catch {
      // Browsers accept only 1000 and 3000-4999 from a page: close without a code then.
      this.ws.close()
    }
  }

  /** Browsers cannot drop a connection without its close handshake: stop listening, start the
   * close, and report the socket closed (1006) now. */
  terminate(): void {
    if (this.ws) {
      this.ws.onopen = null
      this.ws.onmessage = null
      // Not null: some implementations (ws) throw an error nobody listens to.
      this.ws.onerror = () => {}
      this.ws.onclose = null
      this.close(4000, 'dropped')
    }
    setTimeout(() => this.reportClose({ code: 1006, reason: '' }), 0)
  }

  private fail(reason: string): void {
    this.reportError(reason)
    this.reportClose({ code: 1006, reason: '' })
  }

  private reportError(reason: string): void {
    if (this.errorReported || this.closeReported) return
    this.errorReported = true
    this.onerror?.(reason)
  }

  private reportClose(event: SocketCloseEvent): void {
    if (this.closeReported) return
    this.closeReported = true
    this.onclose?.(event)
  }
}
