/**
 * The fastest reference of the broadcast benchmark: a minimal room hub on uWebSockets.js (the
 * `uwebsockets` package, a devDependency used by the benchmark alone). Like the baseline
 * (bench/baseline-hub.ts) it speaks the subset of protocol v1 the benchmark uses (hello →
 * welcome with the member list, joined, chat) on the same endpoint, subprotocol and frame limit
 * as the real hub, compression off; a chat is serialized once and sent to every member with
 * uWS's own pub/sub (`app.publish`), the way uWS is meant to broadcast. A member whose backlog
 * passes LIMITS.maxBufferedBytes is closed, as the real hub closes a slow consumer (so neither
 * drops frames silently).
 *
 * Child entry, run from its bundle like the others (see broadcast.ts), with `[--tls DIR]`: with `--tls`, an
 * SSLApp serving DIR/cert.pem and DIR/key.pem (the benchmark hands the LAN Room hub the very
 * same pair). Prints `{"port":N,"pid":P}` once listening (see lib/hub-child.ts for the rest).
 * Where uWS has no binary for this platform and Node, it prints `{"unavailable":"why"}` and
 * exits 0: the benchmark then reports that peer as skipped.
 */
import { createRequire } from 'node:module'
import type * as UwsModule from 'uwebsockets'
import type { WebSocket } from 'uwebsockets'
import { join } from 'node:path'
import { LIMITS, SUBPROTOCOL, WS_PATH } from '../src/shared/protocol'
import { serveControl } from './lib/hub-child'
import { chatEvent, field, welcomeMessage } from './lib/minimal-hub'

/** uWebSockets.js (its typings ship with the package), loaded at run time: it may not load. */
type Uws = typeof UwsModule
type UwsSocket = WebSocket<Member>

interface Member {
  clientId: string
  name: string
  host: boolean
  joined: boolean
}

const TOPIC = 'room'

function loadUws(): Uws | string {
  try {
    return createRequire(import.meta.url)('uwebsockets') as Uws
  } catch (error) {
    // Its loader wraps the cause (no binary for this platform and Node, or too old a glibc):
    // the last line names it.
    const lines = (error instanceof Error ? error.message : String(error)).trim().split('\n')
    return lines[lines.length - 1] ?? 'cannot load uwebsockets'
  }
}

const uws = loadUws()
if (typeof uws === 'string') {
  process.stdout.write(`${JSON.stringify({ unavailable: uws })}\n`)
  process.exit(0)
}

const tlsIndex = process.argv.indexOf('--tls')
const tlsDir = tlsIndex >= 0 ? process.argv[tlsIndex + 1] : undefined
const app = tlsDir
  ? uws.SSLApp({
      cert_file_name: join(tlsDir, 'cert.pem'),
      key_file_name: join(tlsDir, 'key.pem'),
    })
  : uws.App()

const sockets = new Set<UwsSocket>()
let seq = 0

function onHello(ws: UwsSocket, message: object): void {
  const member = ws.getUserData()
  member.clientId = String(field(message, 'clientId'))
  member.name = String(field(message, 'name'))
  member.joined = true
  const members: Array<Omit<Member, 'joined'>> = []
  for (const other of sockets) {
    const m = other.getUserData()
    if (m.joined) members.push({ clientId: m.clientId, name: m.name, host: m.host })
  }
  const you = { clientId: member.clientId, name: member.name, host: member.host }
  ws.send(JSON.stringify(welcomeMessage('uws', you, members, seq)), false)
  // Everyone else (publish from a socket leaves that socket out), then join the topic.
  ws.publish(TOPIC, JSON.stringify({ type: 'joined', member: you }), false)
  ws.subscribe(TOPIC)
}

app.ws<Member>(WS_PATH, {
  compression: uws.DISABLED,
  maxPayloadLength: LIMITS.maxFrameBytes,
  maxBackpressure: LIMITS.maxBufferedBytes,
  // Typed as a number (a boolean in its docs): non-zero closes the socket past maxBackpressure.
  closeOnBackpressureLimit: 1,
  idleTimeout: 32,
  upgrade: (res, req, context) => {
    const offered = req
      .getHeader('sec-websocket-protocol')
      .split(',')
      .map((p) => p.trim())
    if (!offered.includes(SUBPROTOCOL)) {
      res.writeStatus('400 Bad Request').end('subprotocol required\n')
      return
    }
    res.upgrade<Member>(
      { clientId: '', name: '', host: false, joined: false },
      req.getHeader('sec-websocket-key'),
      SUBPROTOCOL,
      req.getHeader('sec-websocket-extensions'),
      context,
    )
  },
  open: (ws) => {
    sockets.add(ws)
  },
  message: (ws, data, isBinary) => {
    if (isBinary) return
    let message: unknown
    try {
      message = JSON.parse(Buffer.from(data).toString('utf8'))
    } catch {
      return
    }
    if (typeof message !== 'object' || message === null) return
    const type = field(message, 'type')
    if (type === 'hello') return onHello(ws, message)
    const member = ws.getUserData()
    if (type !== 'chat' || !member.joined) return
    // To every member, the sender too (its echo), as the other hubs do.
    app.publish(TOPIC, JSON.stringify(chatEvent(message, member, ++seq)), false)
  },
  close: (ws) => {
    sockets.delete(ws)
    const member = ws.getUserData()
    if (member.joined) {
      app.publish(
        TOPIC,
        JSON.stringify({
          type: 'left',
          clientId: member.clientId,
          name: member.name,
          reason: 'left',
        }),
        false,
      )
    }
  },
})

app.any('/*', (res) => {
  res.writeStatus('404 Not Found').end()
})

app.listen('127.0.0.1', 0, (token) => {
  if (!token) {
    process.stderr.write('uws-hub: cannot listen\n')
    process.exit(1)
  }
  const port = uws.us_socket_local_port(token)
  serveControl(
    port,
    () =>
      new Promise<void>((resolve) => {
        for (const ws of [...sockets]) ws.end(1001)
        uws.us_listen_socket_close(token)
        setTimeout(resolve, 50)
      }),
  )
})
