import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { SUBPROTOCOL } from '../../shared/protocol'
import { startTestHub } from '../../../test/support/ws-client'
import type { RoomSocket, SocketCloseEvent } from './socket'
import { wsSocketFactory } from './ws-socket'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** Records what a socket reports, and resolves when it has closed. */
function observe(socket: RoomSocket) {
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

async function server(): Promise<{ wss: WebSocketServer; url: string }> {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: () => SUBPROTOCOL,
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  cleanups.push(() => new Promise((resolve) => wss.close(resolve)))
  const address = wss.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { wss, url: `ws://127.0.0.1:${port}/ws` }
}

describe('wsSocketFactory', () => {
  it('reports a refused TCP connection as its code, then a close', async () => {
    const { seen, closed } = observe(wsSocketFactory('ws://127.0.0.1:1/ws', SUBPROTOCOL))
    expect((await closed).code).toBe(1006)
    expect(seen).toEqual(['error ECONNREFUSED', 'close 1006'])
  })

  it('reports an HTTP refusal with its status', async () => {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const url = `wss://127.0.0.1:${started.hub.port}/nope`
    const { seen, closed } = observe(wsSocketFactory(url, SUBPROTOCOL))
    await closed
    expect(seen).toEqual(['error the hub refused the connection (HTTP 404)', 'close 1006'])
  })

  it('passes text frames both ways, drops binary ones, and reports the close code', async () => {
    const { wss, url } = await server()
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        ws.send(Buffer.from([1, 2, 3]), { binary: true })
        ws.send(`echo ${String(data)}`)
        ws.close(4005, 'too slow')
      })
    })
    const socket = wsSocketFactory(url, SUBPROTOCOL)
    const { seen, closed } = observe(socket)
    const opened = socket.onopen
    socket.onopen = () => {
      opened?.()
      socket.send('ping')
    }
    expect(await closed).toEqual({ code: 4005, reason: 'too slow' })
    expect(seen).toEqual(['open', 'message echo ping', 'close 4005'])
    // Sending on a closed socket is dropped, not thrown.
    socket.send('late')
  })

  it('terminates at once, even a socket whose peer never answers', async () => {
    const { wss, url } = await server()
    const accepted = new Promise((resolve) => wss.on('connection', resolve))
    const socket = wsSocketFactory(url, SUBPROTOCOL)
    const { closed } = observe(socket)
    await accepted
    socket.terminate?.()
    expect((await closed).code).toBe(1006)
  })
})
