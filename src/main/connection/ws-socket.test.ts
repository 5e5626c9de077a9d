import { afterEach, describe, expect, it } from 'vitest'
import { SUBPROTOCOL } from '../../shared/protocol'
import { startTestHub } from '../../../test/support/ws-client'
import { echoExchange, observe, socketServer } from '../../../test/support/socket-observer'
import { wsSocketFactory } from './ws-socket'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const server = () => socketServer((close) => cleanups.push(close))

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
    const { seen, close } = await echoExchange(url, wss, wsSocketFactory)
    expect(close).toEqual({ code: 4005, reason: 'too slow' })
    expect(seen).toEqual(['open', 'message echo ping', 'close 4005'])
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
