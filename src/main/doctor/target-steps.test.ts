import { createServer as createHttpServer } from 'node:http'
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testTls } from '../../../test/support/tls'
import { startTestHub, tempDir } from '../../../test/support/ws-client'
import { verificationCode } from '../../shared/security/verification-code'
import { wsSocketFactory } from '../connection/ws-socket'
import { PinStore } from '../security/pins'
import { addressOnlyResolver } from './context'
import { encodeRoomCode } from '../../shared/protocol/room-code'
import { ResolveError, resolveRoomCode, type TargetResolver } from './target'
import { runTargetSteps, type StepsOptions } from './target-steps'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

function steps(target: string, options: Partial<StepsOptions> = {}) {
  return runTargetSteps({
    target,
    resolve: addressOnlyResolver,
    deadline: Date.now() + 20_000,
    pins: null,
    expectCode: null,
    socketFactory: wsSocketFactory,
    ...options,
  })
}

async function hub(tls = true) {
  const started = await startTestHub(tls ? {} : { tls: false })
  cleanups.push(started.stop)
  return started.hub
}

async function listen(server: Server): Promise<number> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  return (server.address() as AddressInfo).port
}

const statuses = (outcome: Awaited<ReturnType<typeof steps>>) =>
  outcome.steps.map((step) => `${step.step}:${step.status}`)

describe('the steps of reaching a room', () => {
  it('passes every step of a room, and greets it without joining', async () => {
    const room = await hub()
    const outcome = await steps(`127.0.0.1:${room.port}`)
    expect(statuses(outcome)).toEqual([
      'resolve:ok',
      'tcp:ok',
      'tls:ok',
      'http:ok',
      'certificate:ok',
      'websocket:ok',
      'hello:ok',
    ])
    expect(outcome.failure).toBeNull()
    const code = verificationCode((await testTls()).fingerprint)
    expect(outcome.steps[2]?.found).toContain(code)
    expect(outcome.steps[6]?.found).toBe(`the hub greeted: room id ${room.roomId}`)
    // No hello was sent: nobody joined.
    expect(room.memberCount).toBe(0)
  })

  it('says a room without TLS is not encrypted, and still reaches it', async () => {
    const room = await hub(false)
    const outcome = await steps(`127.0.0.1:${room.port}`)
    expect(statuses(outcome)).toEqual([
      'resolve:ok',
      'tcp:ok',
      'tls:warn',
      'http:ok',
      'certificate:warn',
      'websocket:ok',
      'hello:ok',
    ])
    expect(outcome.steps[2]?.found).toMatch(/^not encrypted/)
  })

  it('names the certificate step when the room does not show the expected code', async () => {
    const room = await hub()
    const outcome = await steps(`127.0.0.1:${room.port}`, { expectCode: 'AAAAA-AAAAA' })
    expect(statuses(outcome).at(-1)).toBe('certificate:fail')
    expect(outcome.failure?.step).toBe('certificate')
    expect(outcome.steps.at(-1)?.found).toMatch(/verification code is .+, not AAAAA-AAAAA$/)
    expect(outcome.failure?.fix).toMatch(/Compare the verification code/)
  })

  it('names the certificate step when the room presents another certificate than pinned', async () => {
    const room = await hub()
    const dir = tempDir()
    cleanups.push(() => dir.remove())
    const pins = new PinStore(join(dir.path, 'pins.json'))
    pins.pin(room.roomId, 'ab'.repeat(32), 'Test room')
    const outcome = await steps(`127.0.0.1:${room.port}`, { pins })
    expect(outcome.failure?.step).toBe('certificate')
    expect(outcome.steps.at(-1)?.found).toMatch(/certificate of "Test room" has changed/)
    pins.pin(room.roomId, (await testTls()).fingerprint, 'Test room')
    const again = await steps(`127.0.0.1:${room.port}`, { pins })
    expect(again.failure).toBeNull()
    expect(again.steps[4]?.found).toMatch(/as pinned when you joined before/)
  })

  it('names the websocket step for a server that answers /info but refuses the upgrade', async () => {
    const room = await hub(false)
    const info = await (await fetch(`http://127.0.0.1:${room.port}/info`)).json()
    const server = createHttpServer((request, response) => {
      if (request.url === '/info') {
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify(info))
      } else response.writeHead(404).end()
    })
    server.on('upgrade', (_request, socket) => {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n')
    })
    const port = await listen(server)
    const outcome = await steps(`127.0.0.1:${port}`)
    expect(statuses(outcome)).toEqual([
      'resolve:ok',
      'tcp:ok',
      'tls:warn',
      'http:ok',
      'certificate:warn',
      'websocket:fail',
    ])
    expect(outcome.steps.at(-1)?.found).toMatch(/HTTP 403/)
    expect(outcome.failure?.fix).toMatch(/refuses the chat connection/)
  })

  it('names the tcp step when nothing listens, and the resolve step for what is not an address', async () => {
    const server = createTcpServer()
    const port = await listen(server)
    await new Promise((resolve) => server.close(resolve))
    const refused = await steps(`127.0.0.1:${port}`)
    expect(statuses(refused)).toEqual(['resolve:ok', 'tcp:fail'])
    expect(refused.steps[1]?.found).toMatch(/ECONNREFUSED/)
    expect(refused.failure?.fix).toMatch(/Nothing listens at that port/)

    const named = await steps('no such room', {
      resolve: async () => {
        throw new ResolveError('no room called "no such room" was found nearby', 'Use the address.')
      },
    })
    expect(statuses(named)).toEqual(['resolve:fail'])
    expect(named.failure).toEqual({ step: 'resolve', fix: 'Use the address.' })
  })

  it('bounds a peer that accepts connections and never speaks (hostile), by the deadline', async () => {
    const server = createTcpServer(() => {})
    const port = await listen(server)
    const started = performance.now()
    const outcome = await steps(`127.0.0.1:${port}`, { deadline: Date.now() + 1_000 })
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(statuses(outcome)).toEqual(['resolve:ok', 'tcp:ok', 'tls:fail'])
    expect(outcome.failure?.fix).toMatch(/not as a LAN Room/)
  })

  it('refuses a peer that speaks garbage instead of TLS or HTTP (hostile)', async () => {
    const server = createTcpServer((socket) =>
      socket.end('\u0000\u001b[2Jnot a room\r\n'.repeat(100)),
    )
    const port = await listen(server)
    const outcome = await steps(`127.0.0.1:${port}`)
    expect(outcome.failure?.step).toBe('tls')
  })

  describe('behind a room code', () => {
    const byCode: TargetResolver = async (target, timeoutMs) =>
      resolveRoomCode(target) ?? addressOnlyResolver(target, timeoutMs)

    it('passes for the room the code names', async () => {
      const room = await hub()
      const code = encodeRoomCode({
        address: '127.0.0.1',
        port: room.port,
        fingerprint: (await testTls()).fingerprint,
      })
      const outcome = await steps(code, { resolve: byCode })
      expect(outcome.failure).toBeNull()
      expect(outcome.steps[0]?.found).toMatch(new RegExp(`^the room code ${code}, which names`))
      expect(outcome.steps[4]?.found).toMatch(/, as expected$/)
    })

    it('names the certificate step when another certificate is behind the code', async () => {
      const room = await hub()
      const code = encodeRoomCode({
        address: '127.0.0.1',
        port: room.port,
        fingerprint: 'ab'.repeat(32),
      })
      const outcome = await steps(code, { resolve: byCode })
      expect(statuses(outcome).at(-1)).toBe('certificate:fail')
      expect(outcome.steps.at(-1)?.found).toMatch(/is not the one the room code names$/)
      expect(outcome.failure?.fix).toMatch(/not the room the code names/)
    })

    it('names the resolve step for a code with a typo', async () => {
      const code = encodeRoomCode({
        address: '127.0.0.1',
        port: 47800,
        fingerprint: 'ab'.repeat(32),
      })
      const last = code.at(-1) === '0' ? '1' : '0'
      const outcome = await steps(`${code.slice(0, -1)}${last}`, { resolve: byCode })
      expect(statuses(outcome)).toEqual(['resolve:fail'])
      expect(outcome.failure?.fix).toMatch(/a character may be mistyped/)
    })
  })
})
