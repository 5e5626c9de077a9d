/** What the RoomSocket tests (ws-socket, browser-socket) share: a recorder and an echo server. */
import { WebSocketServer } from 'ws'
import type { RoomSocket, SocketCloseEvent, SocketFactory } from '../../src/main/connection/socket'
import { SUBPROTOCOL } from '../../src/shared/protocol'

/** Records what a socket reports, and resolves when it has closed. */
export function observe(socket: RoomSocket) {
  const seen: string[] = []
  const closed = new Promise<SocketCloseEvent>((resolve) => {
    socket.onopen = () => seen.push('open')
    socket.onmessage = (data) => seen.push(`message ${data}`)
    socket.onerror = (reason) => seen.push(`error ${reason}`)
    socket.onclose = (event) => {
      seen.push(`close ${event.code}`)
      resolve(event)
    }
  })
  return { seen, closed }
}

/** A bare WebSocket server on loopback speaking the room's subprotocol; `cleanup` closes it. */
export async function socketServer(
  cleanup: (close: () => Promise<unknown>) => void,
): Promise<{ wss: WebSocketServer; url: string }> {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: () => SUBPROTOCOL,
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  cleanup(() => new Promise((resolve) => wss.close(resolve)))
  const address = wss.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { wss, url: `ws://127.0.0.1:${port}/ws` }
}

/**
 * The text-only contract over a real connection: a server that answers one frame with a binary
 * frame, an echo and the close 4005; the socket `factory` opens must pass the text both ways,
 * drop the binary frame, and report the close with its code. Resolves with what it saw.
 */
export async function echoExchange(
  url: string,
  wss: WebSocketServer,
  factory: SocketFactory,
): Promise<{ seen: string[]; close: SocketCloseEvent; socket: RoomSocket }> {
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      ws.send(Buffer.from([1, 2, 3]), { binary: true })
      ws.send(`echo ${String(data)}`)
      ws.close(4005, 'too slow')
    })
  })
  const socket = factory(url, SUBPROTOCOL)
  // Before it is open, a send is dropped, not thrown or queued.
  socket.send('too early')
  const { seen, closed } = observe(socket)
  const opened = socket.onopen
  socket.onopen = () => {
    opened?.()
    socket.send('ping')
  }
  const close = await closed
  // Sending on a closed socket is dropped, not thrown.
  socket.send('late')
  return { seen, close, socket }
}
