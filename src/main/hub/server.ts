import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https'
import { isIP, type AddressInfo, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws'
import {
  DEFAULT_PORT,
  FILES_PATH,
  INFO_PATH,
  SUBPROTOCOL,
  WS_PATH,
  type Limits,
  type RoomInfo,
} from '../../shared/protocol'
import { HubError } from './hub-error'
import type { GuestFiles } from './guest-files'
import { serveGuest } from './guest-http'
import type { Logger } from './logger'
import type { TlsCredentials } from '../security/tls'
import { hubSecureContext } from '../security/tls-server-options'
import { SetupSockets } from './setup-sockets'

/** An upgrade the hub refuses before looking at it: the HTTP status, its text and why. */
export interface Refusal {
  status: number
  text: string
  reason: string
  /** Seconds after which trying again may succeed (sent as `Retry-After`), for a busy hub. */
  retryAfterS?: number
}

/** A newcomer while maxHttpConnections others are being set up (see SetupSockets). */
const BUSY: Refusal = {
  status: 503,
  text: 'Service Unavailable',
  reason: 'too many connections are being set up',
  retryAfterS: 1,
}

/** What the transport asks of the hub it carries. */
export interface ServerHooks {
  /** The body of `GET /info`. */
  info(): RoomInfo
  /** Asked first on every upgrade (the room is closing, too many are waiting): or null. */
  refusal(): Refusal | null
  /** A WebSocket that passed every upgrade rule, on its TCP (or TLS) socket. */
  connection(ws: WebSocket, socket: Socket, req: IncomingMessage): void
  /** The file endpoints (`/files`, `/files/<id>`), when the room has files. */
  files?: ((req: IncomingMessage, res: ServerResponse, path: string) => void) | undefined
  /** Whether browser guests may come in now (the page, and upgrades from it). Default: yes. */
  guests?: (() => boolean) | undefined
}

export interface HubServerOptions {
  /** Serve https/wss with these, or plain http/ws with `false`. */
  tls: TlsCredentials | false
  limits: Limits
  log: Logger
  /** The room has file endpoints: requests then carry bodies of any length (uploads), so the
   * whole-request timeout gives way to their own idle timeout (fileIdleTimeoutMs). */
  files?: boolean
  /** The built guest app, served at `/` (see guest-http.ts); null: no page. */
  guestApp?: GuestFiles | null
}

/**
 * The hub's transport: one HTTP(S) server with `GET /info` and the WebSocket upgrade at `/ws`
 * (the Origin rule, subprotocol `lanroom.v1`), and the bounds on sockets that are not yet
 * anybody's: plain HTTP connections, request timeouts, header size, connections in all. What
 * a WebSocket then says is the hub's business (see ServerHooks.connection).
 */
export class HubServer {
  readonly http: Server
  private readonly wss: WebSocketServer
  /** Sockets still in their TLS handshake or HTTP request, and those to be told 503. */
  private readonly setup: SetupSockets
  private readonly tls: boolean
  private readonly guestApp: GuestFiles | null
  private boundPort = 0
  private readonly log: Logger

  constructor(
    options: HubServerOptions,
    private readonly hooks: ServerHooks,
  ) {
    const { limits } = options
    this.log = options.log
    this.tls = options.tls !== false
    this.guestApp = options.guestApp ?? null
    this.setup = new SetupSockets(limits)
    const httpOptions = {
      // Idle, slow and oversized requests must not hold sockets (see LIMITS). Node checks
      // the timeouts every connectionsCheckingInterval, so that is kept short too.
      headersTimeout: limits.httpRequestTimeoutMs,
      requestTimeout: options.files ? 0 : limits.httpRequestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.httpRequestTimeoutMs),
      maxHeaderSize: limits.maxHeaderBytes,
    }
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => this.onRequest(req, res)
    this.http = options.tls
      ? createTlsServer(
          {
            ...httpOptions,
            ...hubSecureContext(options.tls),
            // A TCP connection that never finishes its TLS handshake is dropped like an idle
            // HTTP request.
            handshakeTimeout: limits.httpRequestTimeoutMs,
          },
          onRequest,
        )
      : createServer(httpOptions, onRequest)
    this.http.maxConnections = limits.maxConnections
    // closeTimeout is newer than @types/ws (ws 8.23 has it; package.json asks for ^8.23).
    const wsOptions: ServerOptions & { closeTimeout: number } = {
      noServer: true,
      maxPayload: limits.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
      closeTimeout: limits.closeTimeoutMs,
      // Pongs go through the member's Outbound like every other frame (see Peer): ws's own
      // would be written straight to the socket, possibly inside a large frame being fed in parts.
      autoPong: false,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    }
    this.wss = new WebSocketServer(wsOptions)
    this.http.on('connection', (socket: Socket) => {
      // Plain HTTP: a newcomer the hub is too busy for is told so at once.
      if (this.setup.add(socket) === 'refusing' && !this.tls) tellBusy(socket, limits)
    })
    // Over TLS, as soon as its handshake is done.
    this.http.on('secureConnection', (socket: Socket) => {
      if (this.setup.isRefused(socket)) tellBusy(socket, limits)
    })
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head, options.log))
    // A failed TLS handshake (a plain-HTTP client, a port scanner, garbage): drop the socket.
    this.http.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy())
    this.http.on('clientError', (_error, socket: Duplex) => {
      // Also what a request timeout ends in. The peer may never close its side: we do.
      endAndDrop(socket, 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    })
  }

  get port(): number {
    return this.boundPort
  }

  /** Serves `credentials` to every new TLS connection from now on (a re-issued certificate). */
  setCertificate(credentials: TlsCredentials): void {
    if (!this.tls) return
    ;(this.http as TlsServer).setSecureContext(hubSecureContext(credentials))
  }

  /**
   * Listens on `bind`:`port`. Without an explicit port, DEFAULT_PORT, or a free one when that is
   * taken; an explicit port that is taken is HUB_ERR_PORT_IN_USE. 0 picks a free port.
   */
  listen(bind: string, explicitPort: number | undefined): Promise<void> {
    const attempt = (port: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException): void => {
          this.http.off('listening', onListening)
          reject(error)
        }
        const onListening = (): void => {
          this.http.off('error', onError)
          // From now on an error of the server itself (an accept the system refuses: ENFILE,
          // ENOBUFS) is logged: unheard, it would end the process and the room with it.
          this.http.on('error', (error: Error) =>
            this.log.warn({ error: String(error) }, 'the server could not accept'),
          )
          this.boundPort = (this.http.address() as AddressInfo).port
          resolve()
        }
        this.http.once('error', onError)
        this.http.once('listening', onListening)
        this.http.listen(port, bind)
      })
    const port = explicitPort ?? DEFAULT_PORT
    return attempt(port).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' && explicitPort === undefined) return attempt(0)
      if (error.code === 'EADDRINUSE') {
        throw new HubError(
          'HUB_ERR_PORT_IN_USE',
          `port ${port} is already in use; choose another with --port (0 picks a free one)`,
        )
      }
      throw new HubError('HUB_ERR_LISTEN', `cannot listen on ${bind}:${port}: ${error.message}`)
    })
  }

  /** Releases the port and drops every socket still open; resolves once the port is free. */
  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.http.close(() => resolve())
      this.http.closeAllConnections()
      this.setup.destroyAll()
    })
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket
    if (this.setup.requested(socket, false)) return dropBusy(socket)
    this.setup.answering(socket, true)
    // The socket as it is now: by the response's close, Node may have detached it from the
    // request (req.socket null: an answer sent before the body was read, a 413).
    res.once('close', () => this.setup.answering(socket, false))
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === INFO_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      const body = JSON.stringify(this.hooks.info())
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(body),
      })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    if (path === INFO_PATH) {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' })
      res.end('Use GET.\n')
      return
    }
    if (this.hooks.files && (path === FILES_PATH || path.startsWith(`${FILES_PATH}/`))) {
      this.hooks.files(req, res, path)
      return
    }
    // With files, no whole-request timeout holds a body sent slowly (see requestTimeout): a
    // request elsewhere that has one gets its answer and loses the connection.
    if (this.hooks.files && (req.headers['content-length'] || req.headers['transfer-encoding'])) {
      res.setHeader('connection', 'close')
    }
    if (path === WS_PATH) {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' })
      res.end(`Connect with a WebSocket, subprotocol ${SUBPROTOCOL}.\n`)
      return
    }
    const guests = this.guestsAllowed()
    if (this.guestApp || !guests) return serveGuest(req, res, path, this.guestApp, guests)
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('Not found. Try GET /info or a WebSocket at /ws.\n')
  }

  private guestsAllowed(): boolean {
    return this.hooks.guests?.() ?? true
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, log: Logger): void {
    // First: Node has removed its own error listener by now, and an error with none would be
    // thrown. Not a closure of this function: it stays on the socket for the connection's
    // life, and a closure here would keep this call's context, and with it the request.
    socket.on('error', destroyOnError)
    if (this.setup.requested(req.socket, true)) return dropBusy(socket)
    const refuse = (refusal: Refusal): void => {
      const { status, reason } = refusal
      log.warn({ remote: req.socket.remoteAddress, status }, `upgrade refused: ${reason}`)
      endAndDrop(socket, refusalResponse(refusal))
    }
    const refusal = this.hooks.refusal() ?? this.upgradeProblem(req)
    if (refusal) return refuse(refusal)
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.hooks.connection(ws, socket as Socket, req),
    )
  }

  /** Why an upgrade request breaks the transport's own rules, or null. */
  private upgradeProblem(req: IncomingMessage): Refusal | null {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== WS_PATH) {
      return { status: 404, text: 'Not Found', reason: `WebSocket endpoint is ${WS_PATH}` }
    }
    const origin = req.headers.origin
    // A browser always sends Origin; any page a visitor opens could otherwise join rooms
    // through their browser. Non-browser clients send none and are not affected.
    if (origin !== undefined && !isOwnOrigin(origin, req.headers.host, this.tls)) {
      return {
        status: 403,
        text: 'Forbidden',
        reason: 'cross-origin WebSocket connections are not allowed',
      }
    }
    // An own-origin Origin is the hub's own page: a browser guest.
    if (origin !== undefined && !this.guestsAllowed()) {
      return { status: 403, text: 'Forbidden', reason: 'guest access is off for this room' }
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
    if (!offered.includes(SUBPROTOCOL)) {
      return {
        status: 400,
        text: 'Bad Request',
        reason: `the WebSocket subprotocol must be ${SUBPROTOCOL}`,
      }
    }
    return null
  }
}

/**
 * A browser page may connect only from the hub's own origin. Comparing Origin with Host alone
 * is not enough: a page on a name the attacker controls can re-point that name at the hub
 * (DNS rebinding) and then both agree. So the name must also be one no outsider controls:
 * an IP address, localhost, or a .local (mDNS) name.
 */
export function isOwnOrigin(origin: string, host: string | undefined, tls = false): boolean {
  if (!host || origin !== `${tls ? 'https' : 'http'}://${host}`) return false
  const name = host
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase()
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.local')
}

/** The whole HTTP response that refuses a request (it closes the connection). */
function refusalResponse({ status, text, reason, retryAfterS }: Refusal): string {
  const body = `${reason}\n`
  const retry = retryAfterS !== undefined ? `Retry-After: ${retryAfterS}\r\n` : ''
  return (
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
    `${retry}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}

const BUSY_RESPONSE = refusalResponse(BUSY)

/**
 * Answers a newcomer the hub has no room for 503 before it asks anything, and ends the
 * connection. The socket stays open for what the client still sends (its request, read and
 * then the socket dropped: see onUpgrade), or setupGraceMs at most: closing it with a request
 * unread would reset the connection, and the answer could be lost with it.
 */
function tellBusy(socket: Duplex, limits: Limits): void {
  socket.end(BUSY_RESPONSE)
  const linger = setTimeout(() => socket.destroy(), limits.setupGraceMs)
  linger.unref()
  socket.once('close', () => clearTimeout(linger))
}

/** The request of a connection told 503 by tellBusy came: it is dropped once that is sent. */
function dropBusy(socket: Duplex): void {
  if (socket.writable) return endAndDrop(socket, BUSY_RESPONSE)
  if (socket.writableFinished) return void socket.destroy()
  socket.once('finish', () => socket.destroy())
}

/**
 * Writes a last HTTP response and closes the socket once it is written, whether or not the
 * peer ever closes its side (http.Server keeps half-open sockets otherwise).
 */
function endAndDrop(socket: Duplex, response: string): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  socket.once('finish', () => socket.destroy())
  socket.end(response)
}

function destroyOnError(this: Duplex): void {
  this.destroy()
}
