/**
 * The baseline of the broadcast benchmark: a room hub written the way the tutorials write one.
 * A `Set` of sockets; each chat is built as an object and, for every member,
 * `ws.send(JSON.stringify(event))`. It speaks the subset of protocol v1 the benchmark uses
 * (hello → welcome with the member list, joined, chat) on the same endpoint, subprotocol and
 * limits as the real hub, with permessage-deflate off like the real hub, so that the two differ
 * only in how they broadcast (and in what the real hub does besides: validation, dedupe,
 * history on disk).
 *
 * Child entry, run from its bundle (see broadcast.ts); prints `{"port":N,"pid":P}`
 * once listening (see lib/hub-child.ts for the rest).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { LIMITS, SUBPROTOCOL, WS_PATH, type Member } from '../src/shared/protocol'
import { serveControl } from './lib/hub-child'
import { chatEvent, field, welcomeMessage } from './lib/minimal-hub'

const server = createServer((_req, res) => {
  res.writeHead(404)
  res.end()
})
const wss = new WebSocketServer({
  server,
  path: WS_PATH,
  maxPayload: LIMITS.maxFrameBytes,
  perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
})

const clients = new Set<WebSocket>()
const members = new Map<WebSocket, Member>()
let seq = 0

function broadcast(message: object, except?: WebSocket): void {
  for (const client of clients) {
    if (client !== except && client.readyState === WebSocket.OPEN) {
      client.send(JSON.stringify(message))
    }
  }
}

wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    let message: unknown
    try {
      message = JSON.parse(data.toString())
    } catch {
      return
    }
    if (typeof message !== 'object' || message === null) return
    const type = field(message, 'type')
    if (type === 'hello') {
      const member: Member = {
        clientId: String(field(message, 'clientId')),
        name: String(field(message, 'name')),
        host: false,
      }
      members.set(ws, member)
      clients.add(ws)
      ws.send(JSON.stringify(welcomeMessage('baseline', member, [...members.values()], seq)))
      broadcast({ type: 'joined', member }, ws)
    } else if (type === 'chat') {
      const member = members.get(ws)
      if (!member) return
      broadcast(chatEvent(message, member, ++seq))
    }
  })
  ws.on('close', () => {
    clients.delete(ws)
    const member = members.get(ws)
    members.delete(ws)
    if (member)
      broadcast({ type: 'left', clientId: member.clientId, name: member.name, reason: 'left' })
  })
})

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  serveControl(
    port,
    () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.close(1001)
        wss.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
})
