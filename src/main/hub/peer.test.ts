import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import {
  CLOSE_CODES,
  LIMITS,
  SCHEMAS,
  type HubMessage,
  type LeaveReason,
  type Limits,
} from '../../shared/protocol'
import { Fanout } from './fanout'
import { SILENT_LOGGER } from './logger'
import { Peer } from './peer'

const cleanups: Array<() => unknown> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

interface Harness {
  /** The hub's side. */
  peer: Peer
  /** The client's side. */
  client: WebSocket
  received: HubMessage[]
  messages: Array<{ type: string; value: object }>
  closed: Promise<{ reason: LeaveReason; code: number }>
}

/** One Peer on a real loopback WebSocket, with a client for the test to speak through. */
async function connect(limits: Partial<Limits> = {}, autoPong = true): Promise<Harness> {
  const server: Server = createServer()
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false })
  const fanout = new Fanout<Peer>({
    maxTotalUniqueBytes: LIMITS.maxTotalUniqueBytes,
    log: SILENT_LOGGER,
    beforeWrite: () => true,
  })
  const messages: Harness['messages'] = []
  let closed!: (value: { reason: LeaveReason; code: number }) => void
  const accepted = new Promise<Peer>((resolve) => {
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        const peer = new Peer({
          id: 1,
          ws,
          socket: socket as Socket,
          remoteAddress: req.socket.remoteAddress,
          remotePort: req.socket.remotePort,
          limits: { ...LIMITS, ...limits },
          log: SILENT_LOGGER,
          fanout,
          events: {
            message: (_peer, type, value) => messages.push({ type, value }),
            closed: (_peer, reason, code) => closed({ reason, code }),
          },
        })
        fanout.add(peer)
        resolve(peer)
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => server.close())
  cleanups.push(() => server.closeAllConnections())
  const port = (server.address() as AddressInfo).port
  const client = new WebSocket(`ws://127.0.0.1:${port}/`, { autoPong })
  cleanups.push(() => client.terminate())
  client.on('error', () => {})
  const received: HubMessage[] = []
  client.on('message', (data) => received.push(SCHEMAS.hubMessage.parse(JSON.parse(String(data)))))
  await new Promise((resolve) => client.once('open', resolve))
  return {
    peer: await accepted,
    client,
    received,
    messages,
    closed: new Promise((resolve) => (closed = resolve)),
  }
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('Peer: reading frames', () => {
  it('passes on objects of a known type, and answers every malformed frame with its code', async () => {
    const { client, received, messages } = await connect()
    const cases: Array<[string, string]> = [
      ['{"type":"typing","active":true}', ''],
      ['{nope', 'invalid_json'],
      ['', 'invalid_json'],
      ['null', 'invalid_message'],
      ['[{"type":"chat"}]', 'invalid_message'],
      ['{"type":7}', 'invalid_message'],
      [`{"type":"${'x'.repeat(5_000)}"}`, 'unknown_type'],
      ['{"type":"__proto__"}', 'unknown_type'],
      [`{"type":"chat","x":[${'0,'.repeat(400)}0]}`, 'invalid_message'],
      ['{"type":"chat","id":"a","text":"b","deep":[[[[[[[[[[]]]]]]]]]]}', ''],
    ]
    for (const [frame] of cases) client.send(frame)
    const errors = cases.filter(([, code]) => code !== '').map(([, code]) => code)
    await until(() => received.length === errors.length)
    expect(received.map((m) => (m.type === 'error' ? m.code : m.type))).toEqual(errors)
    const unknown = received.find((m) => m.type === 'error' && m.code === 'unknown_type')
    expect(unknown?.type === 'error' && unknown.message.length).toBeLessThan(100)
    expect(messages.map((m) => m.type)).toEqual(['typing', 'chat'])
  })

  it('closes after maxBadFrames malformed frames, the member removed', async () => {
    const { client, received, closed } = await connect({ maxBadFrames: 3 })
    for (let i = 0; i < 10; i++) client.send('garbage')
    expect(await closed).toEqual({ reason: 'removed', code: CLOSE_CODES.tooManyErrors })
    expect(received).toHaveLength(3)
  })

  it('closes on a binary frame (1003) and on invalid UTF-8 (1007), the member removed', async () => {
    const binary = await connect()
    binary.client.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await binary.closed).toEqual({ reason: 'removed', code: CLOSE_CODES.unsupportedData })
    const invalid = await connect()
    invalid.client.send(Buffer.from([0x7b, 0xff, 0x7d]), { binary: false })
    expect((await invalid.closed).reason).toBe('removed')
  })

  it('tells a member that left (1000) from one that was lost', async () => {
    const left = await connect()
    left.client.close(1000)
    expect((await left.closed).reason).toBe('left')
    const lost = await connect()
    lost.client.terminate()
    expect((await lost.closed).reason).toBe('lost')
  })
})

describe('Peer: pings and heartbeats', () => {
  it('answers pings with their payload, and closes a peer that floods them', async () => {
    const { client, closed } = await connect()
    const pong = new Promise<Buffer>((resolve) => client.once('pong', resolve))
    client.ping(Buffer.from('are you there'))
    expect(String(await pong)).toBe('are you there')
    for (let i = 0; i < 200; i++) client.ping()
    expect(await closed).toEqual({ reason: 'removed', code: CLOSE_CODES.tooManyErrors })
  })

  it('drops a peer that did not answer the previous heartbeat, keeps one that did', async () => {
    const silent = await connect({}, false)
    const answering = await connect()
    const ponged = new Promise((resolve) => answering.peer.ws.once('pong', resolve))
    for (const { peer } of [silent, answering]) peer.heartbeat()
    await ponged
    for (const { peer } of [silent, answering]) peer.heartbeat()
    expect((await silent.closed).reason).toBe('lost')
    expect(answering.client.readyState).toBe(WebSocket.OPEN)
  })
})

describe('Peer: reading at its pace', () => {
  // The smallest pace the limits allow: 4 × (1 chat + 60 pings) = 244 frames at once, then
  // 4 × (1 + 10) = 44 a second (readPace).
  const slow: Partial<Limits> = {
    chatsPerSecond: 1,
    chatBurst: 1,
    typingPerSecond: 0,
    typingBurst: 0,
    readsPerSecond: 0,
    readBurst: 0,
    requestsPerSecond: 0,
    requestBurst: 0,
  }
  const flood = (client: WebSocket, count: number): void => {
    for (let n = 0; n < count; n++) client.send(`{"type":"typing","active":true,"n":${n}}`)
  }
  const numbers = (messages: Harness['messages']): number[] =>
    messages.map(({ value }) => (value as { n: number }).n)

  it('holds frames past its pace, hands them on in order, and none once the hub closes', async () => {
    const { peer, client, messages, closed } = await connect(slow)
    flood(client, 1_000)
    await until(() => messages.length >= 244)
    // Held past the pace: a quarter of a second later, at most a pause's refill more.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const handled = messages.length
    expect(handled).toBeLessThan(1_000)
    expect(numbers(messages)).toEqual([...Array(handled).keys()])
    peer.close(CLOSE_CODES.tooManyErrors, 'enough')
    await closed
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(messages).toHaveLength(handled)
  })

  it('keeps a peer whose pong waits behind held frames', async () => {
    const { peer, client, messages, closed } = await connect(slow)
    let ended = false
    void closed.then(() => (ended = true))
    flood(client, 1_000)
    await until(() => messages.length >= 244)
    // The ping's pong comes after the thousand frames, most of them not read yet.
    peer.heartbeat()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(messages.length).toBeLessThan(1_000)
    peer.heartbeat()
    // A peer found silent is terminated at once: its state says so right away.
    expect(peer.ws.readyState).toBe(WebSocket.OPEN)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(ended).toBe(false)
    expect(client.readyState).toBe(WebSocket.OPEN)
  })
})
