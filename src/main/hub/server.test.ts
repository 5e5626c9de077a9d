import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { LIMITS, PROTOCOL_VERSION, type Limits, type RoomInfo } from '../../shared/protocol'
import {
  hubRequest,
  openSocket,
  rawRequest,
  rawResponse,
  upgrade,
} from '../../../test/support/raw-socket'
import { testTls } from '../../../test/support/tls'
import { HubError } from './hub-error'
import { SILENT_LOGGER } from './logger'
import { HubServer, isOwnOrigin, type Refusal } from './server'
import { rawConnection } from './testing/raw-connection'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const INFO: RoomInfo = {
  v: PROTOCOL_VERSION,
  protocol: 'lanroom.v1',
  roomId: 'room-id-1',
  name: 'Transport',
  hostName: 'Host',
  members: 3,
  passphrase: false,
  tls: false,
  fingerprint: null,
}

/** A transport alone, on a free loopback port: no room behind it, hooks the test controls. */
async function serve(
  options: { tls?: boolean; limits?: Partial<Limits>; refusal?: () => Refusal | null } = {},
): Promise<{ server: HubServer; port: number; accepted: WebSocket[] }> {
  const accepted: WebSocket[] = []
  const server = new HubServer(
    {
      tls: options.tls === false ? false : await testTls(),
      limits: { ...LIMITS, ...options.limits },
      log: SILENT_LOGGER,
    },
    {
      info: () => INFO,
      refusal: options.refusal ?? (() => null),
      connection: (ws) => {
        accepted.push(ws)
        ws.send('accepted')
      },
    },
  )
  await server.listen('127.0.0.1', 0)
  cleanups.push(() => server.close())
  return { server, port: server.port, accepted }
}

/** A WebSocket client that resolves with its first message, or rejects with the HTTP status. */
function dial(
  url: string,
  options: { protocol?: string; headers?: Record<string, string> } = {},
): Promise<string> {
  const ws = new WebSocket(url, options.protocol ?? 'lanroom.v1', {
    headers: options.headers,
    rejectUnauthorized: false,
  })
  cleanups.push(() => ws.terminate())
  return new Promise((resolve, reject) => {
    ws.once('message', (data) => resolve(String(data)))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

/** Resolves once the connection is open (TLS: once its handshake is done). */
function connected(c: { socket: Socket }): Promise<unknown> {
  const tls = 'encrypted' in c.socket
  return new Promise((resolve) => c.socket.once(tls ? 'secureConnect' : 'connect', resolve))
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A raw connection that records whether the server closed it (see rawConnection). */
function hold(port: number, tls = true): { socket: Socket; closedByServer: Promise<string> } {
  const { socket, closedByHub } = rawConnection(port, tls)
  cleanups.push(() => socket.destroy())
  return { socket, closedByServer: closedByHub }
}

describe('HubServer, once listening', () => {
  it('logs an error of the server itself and serves on (unheard, it would end the process)', async () => {
    const { server, port } = await serve({ tls: false })
    const error = Object.assign(new Error('accept ENFILE'), { code: 'ENFILE' })
    expect(() => server.http.emit('error', error)).not.toThrow()
    expect((await hubRequest(port, '/info', { tls: false })).status).toBe(200)
  })
})

describe('HubServer: HTTP', () => {
  it.each([true, false])(
    'answers /info from the hub, HEAD without a body (tls %s)',
    async (tls) => {
      const { port } = await serve({ tls })
      const got = await hubRequest(port, '/info?x=1', { tls })
      expect(got.status).toBe(200)
      expect(JSON.parse(got.body)).toEqual(INFO)
      const head = await hubRequest(port, '/info', { tls, method: 'HEAD' })
      expect([head.status, head.body]).toEqual([200, ''])
    },
  )

  it('answers 405 for another method on /info, 426 for /ws without upgrade, 404 elsewhere', async () => {
    const { port } = await serve()
    expect((await hubRequest(port, '/info', { method: 'DELETE' })).status).toBe(405)
    expect((await hubRequest(port, '/ws')).status).toBe(426)
    expect((await hubRequest(port, '/../../etc/passwd')).status).toBe(404)
  })

  it('refuses an explicit port in use with HUB_ERR_PORT_IN_USE', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)))
    const taken = (blocker.address() as { port: number }).port
    const server = new HubServer(
      { tls: false, limits: LIMITS, log: SILENT_LOGGER },
      { info: () => INFO, refusal: () => null, connection: () => {} },
    )
    const error: unknown = await server.listen('127.0.0.1', taken).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HubError)
    expect((error as HubError).code).toBe('HUB_ERR_PORT_IN_USE')
  })
})

describe('HubServer: upgrades', () => {
  it('hands a WebSocket with lanroom.v1 at /ws to the hub', async () => {
    const { port, accepted } = await serve()
    expect(await dial(`wss://127.0.0.1:${port}/ws`)).toBe('accepted')
    expect(accepted[0]?.protocol).toBe('lanroom.v1')
  })

  it('asks the hub first: its refusal wins over every other rule', async () => {
    let refusal: Refusal | null = {
      status: 503,
      text: 'Service Unavailable',
      reason: 'busy',
      retryAfterS: 3,
    }
    const { port, accepted } = await serve({ refusal: () => refusal })
    await expect(dial(`wss://127.0.0.1:${port}/elsewhere`)).rejects.toThrow('HTTP 503')
    expect(await rawRequest(port, upgradeRequest('/ws'))).toBe('HTTP/1.1 503 Service Unavailable')
    const head = await rawResponse(port, upgradeRequest('/ws'))
    expect(head).toMatch(/\r\nRetry-After: 3\r\n/)
    refusal = null
    expect(await dial(`wss://127.0.0.1:${port}/ws`)).toBe('accepted')
    expect(accepted).toHaveLength(1)
  })

  it('refuses another path (404), a foreign Origin (403) and no lanroom.v1 (400)', async () => {
    const { port, accepted } = await serve()
    const url = `wss://127.0.0.1:${port}/ws`
    await expect(dial(`wss://127.0.0.1:${port}/wss`)).rejects.toThrow('HTTP 404')
    await expect(dial(url, { headers: { Origin: 'https://evil.example' } })).rejects.toThrow(
      'HTTP 403',
    )
    // The same address over plain http is another origin than this TLS server's own.
    await expect(dial(url, { headers: { Origin: `http://127.0.0.1:${port}` } })).rejects.toThrow(
      'HTTP 403',
    )
    await expect(dial(url, { protocol: 'lanroom.v2' })).rejects.toThrow('HTTP 400')
    expect(accepted).toHaveLength(0)
    expect(await dial(url, { headers: { Origin: `https://127.0.0.1:${port}` } })).toBe('accepted')
  })

  it('tells own origins from rebound and malformed ones', () => {
    expect(isOwnOrigin('http://kitchen.local:47800', 'kitchen.local:47800')).toBe(true)
    expect(isOwnOrigin('https://KITCHEN.LOCAL', 'KITCHEN.LOCAL', true)).toBe(true)
    expect(isOwnOrigin('http://[::1]:47800', '[::1]:47800')).toBe(true)
    expect(isOwnOrigin('http://10.0.0.7:1', '10.0.0.7:1')).toBe(true)
    expect(isOwnOrigin('http://evil.example:1', 'evil.example:1')).toBe(false)
    expect(isOwnOrigin('http://local:1', 'local:1')).toBe(false)
    expect(isOwnOrigin('null', '127.0.0.1:1')).toBe(false)
    expect(isOwnOrigin('http://127.0.0.1:1/', '127.0.0.1:1')).toBe(false)
    expect(isOwnOrigin('http://127.0.0.1:1', '127.0.0.1:1', true)).toBe(false)
    expect(isOwnOrigin('http://127.0.0.1:1', undefined)).toBe(false)
  })
})

describe('HubServer: hostile connections', () => {
  it('answers garbage and oversized heads with 400, closes them and keeps serving', async () => {
    const { port } = await serve({ limits: { maxHeaderBytes: 1024 } })
    expect(await rawRequest(port, '\u0000\u00ff GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1.1 400/)
    const big = hold(port)
    big.socket.write(`GET /info HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(4096)}\r\n\r\n`)
    expect(await big.closedByServer).toMatch(/^HTTP\/1.1 400/)
    // A plain-HTTP request to the TLS port fails its handshake and is dropped.
    const plain = hold(port, false)
    plain.socket.write('GET /info HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(await plain.closedByServer).toBe('')
    expect((await hubRequest(port, '/info')).status).toBe(200)
  })

  it('closes a refused upgrade even if the peer never closes its side', async () => {
    const { port } = await serve()
    const foreign = hold(port)
    foreign.socket.write(upgradeRequest('/ws', 'Origin: http://evil.example\r\n'))
    expect(await foreign.closedByServer).toMatch(/^HTTP\/1.1 403/)
  })

  it('closes connections that never complete a request within httpRequestTimeoutMs', async () => {
    const { port } = await serve({ limits: { httpRequestTimeoutMs: 300 } })
    const silent = hold(port, false)
    const idle = hold(port)
    const dribbling = hold(port)
    dribbling.socket.write('GET /info HTTP/1.1\r\n')
    const drip = setInterval(() => dribbling.socket.write('X-Slow: 1\r\n'), 100)
    cleanups.push(() => clearInterval(drip))
    await Promise.all([silent.closedByServer, idle.closedByServer, dribbling.closedByServer])
  })

  it('past maxHttpConnections, a newcomer takes the place of one set up for setupGraceMs', async () => {
    const { port, accepted } = await serve({
      limits: { maxHttpConnections: 2, setupGraceMs: 200 },
    })
    const first = hold(port)
    await connected(first)
    const second = hold(port, false)
    await connected(second)
    await sleep(250)
    // Both have been at it for longer than the grace: the oldest (first) makes room...
    expect(await dial(`wss://127.0.0.1:${port}/ws`)).toBe('accepted')
    expect(await first.closedByServer).toBe('')
    // ...and, upgraded, the WebSocket no longer counts: two more close only the oldest one left.
    const third = hold(port)
    await connected(third)
    hold(port)
    expect(await second.closedByServer).toBe('')
    expect(third.socket.destroyed).toBe(false)
    expect(accepted[0]?.readyState).toBe(WebSocket.OPEN)
  })

  it.each([true, false])(
    'past maxHttpConnections of fresh ones, answers a newcomer 503 + Retry-After: 1 (tls %s)',
    async (tls) => {
      const { port, accepted } = await serve({ tls, limits: { maxHttpConnections: 2 } })
      const holders = [hold(port, tls), hold(port, tls)]
      await Promise.all(holders.map(connected))
      const head = await rawResponse(port, upgradeRequest('/ws'), { tls })
      expect(head).toMatch(/^HTTP\/1.1 503 Service Unavailable\r\n/)
      expect(head).toMatch(/\r\nRetry-After: 1\r\n/)
      expect(head).toMatch(/too many connections are being set up/)
      // Any request on it: GET /info too.
      const info = await hubRequest(port, '/info', { tls })
      expect([info.status, info.headers['retry-after']]).toEqual([503, '1'])
      // A WebSocket client sees the 503 as the answer to its upgrade.
      const url = `ws${tls ? 's' : ''}://127.0.0.1:${port}/ws`
      await expect(dial(url)).rejects.toThrow('HTTP 503')
      // The ones being set up were not touched, and one that upgrades is welcome.
      expect(holders.map((h) => h.socket.destroyed)).toEqual([false, false])
      await upgrade(holders[0]?.socket as Socket)
      expect(accepted).toHaveLength(1)
      expect(await dial(url)).toBe('accepted')
    },
  )

  it('keeps at most maxHttpConnections more for a 503, closing the silent ones', async () => {
    const { port } = await serve({ limits: { maxHttpConnections: 2 } })
    const holders = [hold(port), hold(port)]
    await Promise.all(holders.map(connected))
    // Two newcomers are kept for their 503: one never says a thing, one speaks TLS...
    const silent = hold(port, false)
    await connected(silent)
    const told = hold(port)
    await new Promise((resolve) => told.socket.once('connect', resolve))
    // ...and a third is closed at once, before any TLS handshake.
    const closed = hold(port, false)
    expect(await closed.closedByServer).toBe('')
    // The one that spoke TLS is told 503 as soon as its handshake is done, without asking; the
    // silent one is closed once it has sent nothing for setupGraceMs.
    expect(await told.closedByServer).toMatch(/^HTTP\/1.1 503 .*\r\nRetry-After: 1\r\n/s)
    expect(await silent.closedByServer).toBe('')
    expect(holders.map((h) => h.socket.destroyed)).toEqual([false, false])
  })

  it('lets a newcomer from another address take the place of the address holding most', async () => {
    const { port } = await serve({ limits: { maxHttpConnections: 3 } })
    const from = { localAddress: '127.0.0.2' }
    const holders: Array<ReturnType<typeof rawConnection>> = []
    cleanups.push(() => holders.forEach((h) => h.socket.destroy()))
    for (let i = 0; i < 3; i++) {
      holders.push(rawConnection(port, true, from))
      await connected(holders[i] as { socket: Socket })
    }
    // One more from the same address is told to come back...
    const same = rawConnection(port, true, from)
    cleanups.push(() => same.socket.destroy())
    same.socket.write(upgradeRequest('/ws'))
    expect(await same.closedByHub).toMatch(/^HTTP\/1.1 503/)
    // ...while one from another address gets in, in place of the youngest of the three.
    expect(await dial(`wss://127.0.0.1:${port}/ws`)).toBe('accepted')
    expect(await holders[2]?.closedByHub).toBe('')
    expect(holders.slice(0, 2).map((h) => h.socket.destroyed)).toEqual([false, false])
  })

  it('closes new TCP connections at once beyond maxConnections', async () => {
    const { port } = await serve({ limits: { maxConnections: 1 } })
    const first = await openSocket(port, { tls: false })
    cleanups.push(() => first.destroy())
    expect(await hold(port, false).closedByServer).toBe('')
  })
})

function upgradeRequest(path: string, extraHeaders = ''): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
    `Sec-WebSocket-Protocol: lanroom.v1\r\n${extraHeaders}\r\n`
  )
}
