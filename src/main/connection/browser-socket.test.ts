/**
 * The browser socket over `ws`'s WebSocket, which has the WHATWG API (onopen, onmessage with
 * `event.data`, onclose with code and reason): the same code paths a browser takes, run in Node.
 * The real browser is e2e/guest-connection.e2e.ts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SUBPROTOCOL } from '../../shared/protocol'
import { cid, startTestHub, TestClient, testIdentity } from '../../../test/support/ws-client'
import { echoExchange, observe, socketServer } from '../../../test/support/socket-observer'
import { browserSocketFactory, type WebSocketConstructorLike } from './browser-socket'
import { RoomConnection } from './room-connection'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const server = () => socketServer((close) => cleanups.push(close))

/** `ws`'s WebSocket as a page's: it trusts the hub's self-signed certificate, as a person who
 * accepted the browser's warning does. */
class PageWebSocket extends WebSocket {
  constructor(url: string, protocol: string) {
    super(url, protocol, { rejectUnauthorized: false })
  }
}
const Impl = PageWebSocket as unknown as WebSocketConstructorLike
const factory = (fingerprint: string | null = null) =>
  browserSocketFactory({ fingerprint, WebSocket: Impl })

describe('browserSocketFactory', () => {
  it('reports a failed connection as an error, then a close, once each', async () => {
    const { seen, closed } = observe(factory()('ws://127.0.0.1:1/ws', SUBPROTOCOL))
    expect((await closed).code).toBe(1006)
    expect(seen).toEqual(['error the browser could not connect', 'close 1006'])
  })

  it('returns at once and then reports a URL the platform refuses outright', async () => {
    const socket = factory()('http://127.0.0.1:1/ws', SUBPROTOCOL)
    const { seen, closed } = observe(socket)
    expect(seen).toEqual([])
    expect((await closed).code).toBe(1006)
    expect(seen).toHaveLength(2)
    expect(seen[0]).toMatch(/^error /)
    socket.send('dropped')
    socket.close(1000, 'bye')
  })

  it('passes text frames both ways, drops binary ones, and reports the close code', async () => {
    const { wss, url } = await server()
    const { seen, close } = await echoExchange(url, wss, factory())
    expect(close).toEqual({ code: 4005, reason: 'too slow' })
    expect(seen).toEqual(['open', 'message echo ping', 'close 4005'])
  })

  it('terminates at once, reporting one close', async () => {
    const { wss, url } = await server()
    const accepted = new Promise((resolve) => wss.on('connection', resolve))
    const socket = factory()(url, SUBPROTOCOL)
    const { seen, closed } = observe(socket)
    const open = new Promise<void>((resolve) => {
      socket.onopen = () => {
        seen.push('open')
        resolve()
      }
    })
    await accepted
    await open
    socket.terminate?.()
    expect((await closed).code).toBe(1006)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toEqual(['open', 'close 1006'])
  })

  it('reports the fingerprint it was given over wss, and none over plain ws', () => {
    const given = 'ab'.repeat(32)
    const secure = factory(given)('wss://127.0.0.1:1/ws', SUBPROTOCOL)
    const plain = factory(given)('ws://127.0.0.1:1/ws', SUBPROTOCOL)
    expect(secure.peerFingerprint).toBe(given)
    expect(plain.peerFingerprint).toBeNull()
    // Given for the page's own addresses: another host (a hub a welcome lists) reports none,
    // so that the dialer refuses it unless it is one of them.
    const candidates = ['wss://127.0.0.1:1/ws']
    const own = browserSocketFactory({ fingerprint: given, candidates, WebSocket: Impl })
    const listed = own('wss://127.0.0.2:1/ws', SUBPROTOCOL)
    const again = own('wss://127.0.0.1:1/ws', SUBPROTOCOL)
    expect(listed.peerFingerprint).toBeNull()
    expect(again.peerFingerprint).toBe(given)
    for (const socket of [secure, plain, listed, again]) socket.close()
  })
})

describe('a RoomConnection over the browser socket', () => {
  /** A connection to a real hub (wss) for a page given `given(the hub's fingerprint)`. */
  async function join(given: (fingerprint: string | null) => string | null) {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const connection = new RoomConnection({
      candidates: [started.url],
      name: 'Gus',
      identity: testIdentity('gus'),
      socketFactory: factory(given(started.hub.fingerprint)),
      connectTimeoutMs: 10_000,
    })
    cleanups.push(() => connection.close())
    return { url: started.url, connection }
  }

  it('joins a real hub with its hello bound to the given fingerprint, and chats', async () => {
    const { url, connection } = await join((fingerprint) => fingerprint)
    const watcher = new TestClient(url)
    cleanups.push(() => watcher.ws.terminate())
    await watcher.join('watch', cid('watch'))
    const welcome = await connection.connect()
    expect(welcome.you.clientId).toBe(cid('gus'))
    await connection.send('hello from a page', 'p1')
    expect((await watcher.next('chat')).text).toBe('hello from a page')
  })

  it('is refused when the page was given another fingerprint: its hello proves nothing', async () => {
    const { connection } = await join(() => 'cd'.repeat(32))
    await expect(connection.connect()).rejects.toThrow()
    expect(connection.state).toMatchObject({ status: 'closed', reason: 'unproven' })
  })
})
