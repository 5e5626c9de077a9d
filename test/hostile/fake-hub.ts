/**
 * A hub that speaks the protocol just far enough to be joined, then does whatever a test tells
 * it to: the attacker of the hostile-hub suite (test/hostile/hostile-hub.test.ts) and of its
 * benchmark (bench/hostile-hub.ts).
 *
 * It listens on 127.0.0.1 (plain, or TLS with a certificate of its own), answers `GET /info`
 * (a valid room description unless told otherwise), sends every WebSocket a real challenge
 * (a fresh nonce and its room id), takes the signed hello without checking it, and hands the
 * connection to the test's script. Frames are built as strings, so that a welcome of 150,000
 * members costs the attacker little and the client all it costs.
 */
import { randomBytes } from 'node:crypto'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'
import { PROTOCOL_VERSION, SUBPROTOCOL, WS_PATH } from '../../src/shared/protocol'
import type { TlsCredentials } from '../../src/main/security/tls'

export const FAKE_ROOM = {
  id: 'fake-room-0001',
  name: 'Hostile room',
  hostName: 'Mallory',
  epoch: 'fake-epoch-0001',
}

/** The host the fake room says it has: a member of every welcome built here. */
export const HOST_MEMBER = { clientId: 'mallory-host-0001', name: 'Mallory', host: true }

export interface ClientHello {
  clientId: string
  name: string
  [key: string]: unknown
}

/** One client connection, after its hello: the script's handle on it. */
export class FakePeer {
  /** Frames the client sent after its hello, parsed. */
  readonly received: Array<Record<string, unknown>> = []
  readonly closed: Promise<void>

  constructor(
    readonly ws: WebSocket,
    readonly hello: ClientHello,
    /** Which connection of this hub this is, from 1. */
    readonly index: number,
  ) {
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()))
    ws.on('message', (data) => {
      try {
        this.received.push(JSON.parse(String(data)) as Record<string, unknown>)
      } catch {
        // A client that sends garbage is not what these tests are about.
      }
    })
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  /** Sends a frame: an object (as JSON) or a string as is. Resolves once it is written. */
  send(frame: object | string): Promise<void> {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame)
    return new Promise((resolve) => {
      if (!this.open) return resolve()
      this.ws.send(data, () => resolve())
    })
  }

  /** Sends many frames, waiting for the socket to drain every so often (bounded memory). */
  async sendAll(frames: Iterable<object | string>): Promise<number> {
    let sent = 0
    for (const frame of frames) {
      if (!this.open) break
      const written = this.send(frame)
      sent += 1
      if (this.ws.bufferedAmount > 1024 * 1024) await written
    }
    return sent
  }

  /** The welcome a real hub would send this client, with `members` and `history` as given. */
  welcome(options: { members?: string[]; history?: string[]; lastSeq?: number } = {}): string {
    return welcomeFrame(this.hello, options)
  }

  close(code = 1000, reason = ''): void {
    if (this.open) this.ws.close(code, reason)
  }
}

export type PeerScript = (peer: FakePeer) => void | Promise<void>
export type InfoHandler = (request: IncomingMessage, response: ServerResponse) => void

export interface FakeHubOptions {
  /** Serve TLS with these credentials; plain ws/http without. */
  tls?: TlsCredentials
  /** What each connection does after its hello. Default: welcome it and stay quiet. */
  script?: PeerScript
  /** Answers `GET /info`. Default: a valid description of FAKE_ROOM. */
  info?: InfoHandler
  /** Largest frame accepted from the client. */
  maxPayload?: number
  /** The address to listen on. Default 127.0.0.1. */
  host?: string
}

export class FakeHub {
  readonly peers: FakePeer[] = []
  /** GET /info requests received. */
  infoRequests = 0
  /** Errors thrown by scripts (they would otherwise vanish): tests assert it stays empty. */
  readonly scriptErrors: unknown[] = []
  private readonly sockets = new Set<Socket>()
  private readonly peerWaiters: Array<() => void> = []
  private connections = 0

  private constructor(
    private readonly server: ReturnType<typeof createHttpServer>,
    private readonly wss: WebSocketServer,
    readonly host: string,
    readonly port: number,
    readonly tls: boolean,
    readonly scriptDone: Array<Promise<void>>,
  ) {}

  static async start(options: FakeHubOptions = {}): Promise<FakeHub> {
    const info: InfoHandler = options.info ?? ((_req, res) => sendInfo(res, hub.tls))
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      if (request.url === '/info') {
        hub.infoRequests += 1
        info(request, response)
      } else {
        response.writeHead(404).end()
      }
    }
    const server = options.tls
      ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest)
      : createHttpServer(onRequest)
    const wss = new WebSocketServer({
      server,
      path: WS_PATH,
      maxPayload: options.maxPayload ?? 1024 * 1024,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    })
    const host = options.host ?? '127.0.0.1'
    await new Promise<void>((resolve) => server.listen(0, host, resolve))
    const port = (server.address() as AddressInfo).port
    const hub: FakeHub = new FakeHub(server, wss, host, port, options.tls !== undefined, [])
    server.on('connection', (socket) => {
      hub.sockets.add(socket)
      socket.once('close', () => hub.sockets.delete(socket))
    })
    const script = options.script ?? ((peer) => peer.send(peer.welcome()))
    wss.on('connection', (ws) => hub.accept(ws, script))
    return hub
  }

  get url(): string {
    return `${this.tls ? 'wss' : 'ws'}://${this.host}:${this.port}${WS_PATH}`
  }

  /** The latest connection that sent its hello (waits for one). */
  async peer(timeoutMs = 10_000): Promise<FakePeer> {
    const deadline = Date.now() + timeoutMs
    while (this.peers.length === 0) {
      if (Date.now() > deadline) throw new Error('no client connected to the fake hub')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50)
        this.peerWaiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    return this.peers[this.peers.length - 1] as FakePeer
  }

  /** Sends a chat from the host on the newest connection. */
  async chat(seq: number, text: string): Promise<void> {
    await (await this.peer()).send(chatJson(seq, text))
  }

  /** Resolves once every script run so far has finished. */
  async settled(): Promise<void> {
    await Promise.all(this.scriptDone)
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(ws: WebSocket, script: PeerScript): void {
    const index = ++this.connections
    ws.on('error', () => {})
    ws.send(
      JSON.stringify({
        type: 'challenge',
        v: PROTOCOL_VERSION,
        nonce: randomBytes(32).toString('base64url'),
        roomId: FAKE_ROOM.id,
        passphrase: false,
      }),
    )
    ws.once('message', (data) => {
      let hello: ClientHello
      try {
        hello = JSON.parse(String(data)) as ClientHello
      } catch {
        ws.terminate()
        return
      }
      // Whatever the hello proves, it is taken: this hub only wants to be joined.
      const peer = new FakePeer(ws, hello, index)
      this.peers.push(peer)
      for (const wake of this.peerWaiters.splice(0)) wake()
      this.scriptDone.push(
        Promise.resolve()
          .then(() => script(peer))
          .catch((error: unknown) => {
            this.scriptErrors.push(error)
          }),
      )
    })
  }
}

// ------------------------------------------------------------------ frames, as strings

/** A client id the protocol accepts (8–64 of [A-Za-z0-9_-]), unique for `i`. */
export function fakeClientId(i: number, prefix = 'member'): string {
  return `${prefix}-${i.toString(36).padStart(6, '0')}`
}

/** A member as JSON: `name` must be JSON-safe (no quotes or backslashes) or escaped by the caller. */
export function memberJson(clientId: string, name: string, host = false): string {
  return `{"clientId":${JSON.stringify(clientId)},"name":${JSON.stringify(name)},"host":${host}}`
}

/**
 * `count` members with names of the longest length the protocol allows (40), in no order: a
 * list that arrives sorted would cost a sort almost nothing.
 */
export function crowd(count: number, prefix = 'member'): string[] {
  const out: string[] = new Array<string>(count)
  for (let i = 0; i < count; i++) {
    const id = fakeClientId(i, prefix)
    const scrambled = (Math.imul(i + 1, 2_654_435_761) >>> 0).toString(36)
    out[i] = memberJson(id, `Member ${scrambled} ${id}`.padEnd(40, '.').slice(0, 40))
  }
  return out
}

/** A chat event as JSON. */
export function chatJson(seq: number, text: string, from = HOST_MEMBER): string {
  return (
    `{"type":"chat","seq":${seq},"id":"m-${seq}","from":${JSON.stringify(from.clientId)},` +
    `"name":${JSON.stringify(from.name)},"text":${JSON.stringify(text)},"ts":${1_700_000_000_000 + seq}}`
  )
}

/** `count` chats of `length` characters each, seq 1..count. */
export function history(count: number, length: number): string[] {
  const text = 'h'.repeat(Math.max(1, length))
  return Array.from({ length: count }, (_, i) => chatJson(i + 1, text))
}

export function welcomeFrame(
  hello: ClientHello,
  options: { members?: string[]; history?: string[]; lastSeq?: number } = {},
): string {
  const you = memberJson(String(hello.clientId), String(hello.name))
  // concat, not push(...): a spread of 150,000 arguments overflows the stack.
  const members = [you, memberJson(HOST_MEMBER.clientId, HOST_MEMBER.name, true)].concat(
    options.members ?? [],
  )
  const chats = options.history ?? []
  return (
    `{"type":"welcome","v":${PROTOCOL_VERSION},"you":${you},` +
    `"room":${JSON.stringify(FAKE_ROOM)},"members":[${members.join(',')}],` +
    `"history":[${chats.join(',')}],"lastSeq":${options.lastSeq ?? chats.length},` +
    `"resumed":false,"gap":false,` +
    `"limits":{"maxTextLength":4000,"chatsPerSecond":10,"chatBurst":20}}`
  )
}

export function joinedFrame(clientId: string, name: string): string {
  return `{"type":"joined","member":${memberJson(clientId, name)}}`
}

export function leftFrame(clientId: string, name: string): string {
  return `{"type":"left","clientId":${JSON.stringify(clientId)},"name":${JSON.stringify(name)},"reason":"left"}`
}

export function typingFrame(clientId: string, name: string, active = true): string {
  return `{"type":"typing","clientId":${JSON.stringify(clientId)},"name":${JSON.stringify(name)},"active":${active}}`
}

/** A valid /info body for FAKE_ROOM (the fingerprint is left out: null, as for plain). */
export function infoBody(overrides: Record<string, unknown> = {}, tls = false): string {
  return JSON.stringify({
    v: PROTOCOL_VERSION,
    protocol: SUBPROTOCOL,
    roomId: FAKE_ROOM.id,
    name: FAKE_ROOM.name,
    hostName: FAKE_ROOM.hostName,
    members: 2,
    passphrase: false,
    tls,
    fingerprint: null,
    ...overrides,
  })
}

function sendInfo(response: ServerResponse, tls: boolean): void {
  const body = infoBody({}, tls)
  response.writeHead(200, { 'content-type': 'application/json' }).end(body)
}
