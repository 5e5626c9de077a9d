import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../../test/support/free-port'
import { testTls } from '../../../test/support/tls'
import { MAX_INFO_BYTES, fetchInfo, requestInfo } from './probe'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A server on loopback that answers every request with `handler`; resolves with its port. */
async function serve(handler: RequestListener, tls = false): Promise<number> {
  const server = tls ? createHttpsServer(await testTls(), handler) : createHttpServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

const INFO = { v: 1, roomId: 'r1', name: 'Lab' }
const json =
  (body: unknown, status = 200): RequestListener =>
  (request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ ...(body as object), path: request.url }))
  }
const PLAIN = { tls: false, timeoutMs: 5_000 }

describe('requestInfo', () => {
  it('reads /info over http, and over https with the certificate presented', async () => {
    const plain = await serve(json(INFO))
    expect(await requestInfo('127.0.0.1', plain, PLAIN)).toEqual({
      ok: true,
      info: { ...INFO, path: '/info' },
      fingerprint: null,
    })
    const secure = await serve(json(INFO), true)
    expect(await requestInfo('127.0.0.1', secure, { ...PLAIN, tls: true })).toEqual({
      ok: true,
      info: { ...INFO, path: '/info' },
      fingerprint: (await testTls()).fingerprint,
    })
  })

  it('says why there is no answer: status, size, not JSON, refused', async () => {
    const missing = await serve(json(INFO, 404))
    expect(await requestInfo('127.0.0.1', missing, PLAIN)).toEqual({
      ok: false,
      reason: 'HTTP 404',
    })
    const huge = await serve((_request, response) => {
      response.writeHead(200)
      response.end(JSON.stringify({ padding: 'x'.repeat(MAX_INFO_BYTES) }))
    })
    expect(await requestInfo('127.0.0.1', huge, PLAIN)).toEqual({
      ok: false,
      reason: 'its answer is too large',
    })
    const html = await serve((_request, response) => response.end('<html>hello</html>'))
    expect(await requestInfo('127.0.0.1', html, PLAIN)).toEqual({
      ok: false,
      reason: 'it answered, but not as a LAN Room',
    })
    expect(await requestInfo('127.0.0.1', await freePort(), PLAIN)).toEqual({
      ok: false,
      reason: 'ECONNREFUSED',
    })
  })

  it('gives up on a room that never answers, or answers a byte at a time, at its deadline', async () => {
    const silent = await serve(() => {})
    expect(await requestInfo('127.0.0.1', silent, { tls: false, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: 'no answer in time',
    })
    const dribbling = await serve((_request, response) => {
      response.writeHead(200)
      const timer = setInterval(() => response.write(' '), 20)
      response.on('close', () => clearInterval(timer))
    })
    expect(await requestInfo('127.0.0.1', dribbling, { tls: false, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: 'no answer in time',
    })
  })
})

describe('fetchInfo (the directory probe)', () => {
  it('is requestInfo with null for every failure', async () => {
    const port = await serve(json(INFO))
    expect(await fetchInfo('127.0.0.1', port, 5_000)).toEqual({
      info: { ...INFO, path: '/info' },
      fingerprint: null,
    })
    const missing = await serve(json(INFO, 500))
    expect(await fetchInfo('127.0.0.1', missing, 5_000)).toBeNull()
    expect(await fetchInfo('127.0.0.1', port, 5_000, true)).toBeNull()
  })
})
