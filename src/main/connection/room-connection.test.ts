import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { LIMITS } from '../../shared/protocol'
import { ChaosProxy } from '../../../test/support/chaos-proxy'
import { fakeConnection } from '../../../test/support/fake-connection'
import {
  FAKE_NONCE,
  ME,
  ME_ID,
  ROOM,
  chat,
  welcome,
  type FakeSocket,
} from '../../../test/support/fake-room'
import { testTls } from '../../../test/support/tls'
import {
  TestClient,
  cid,
  startTestHub,
  tempDir,
  testIdentity,
  waitFor,
} from '../../../test/support/ws-client'
import { checkHelloProof } from '../security/identity'
import {
  RoomConnection,
  type ClosedState,
  type ConnectionState,
  type RoomConnectionOptions,
} from './room-connection'
import type { SocketFactory } from './socket'
import { wsSocketFactory } from './ws-socket'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** Lets promise continuations (the reconnect's candidate lookup) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

// ------------------------------------------------------------------ exact, with fakes

function fake(options: Partial<RoomConnectionOptions> = {}) {
  const base = fakeConnection(options)
  const states: ConnectionState[] = []
  base.connection.on('state', (state) => states.push(state))
  /** Opens the newest socket and answers its hello with `w` (a hub of before #13 by default). */
  const welcomeOn = (w = welcome()): Promise<FakeSocket> => base.welcomeOn(w)
  const statuses = (): string[] =>
    states.map((s) =>
      s.status === 'reconnecting'
        ? `reconnecting#${s.attempt}${s.retryAt === null ? '!' : ''}`
        : s.status,
    )
  return { ...base, states, welcomeOn, statuses }
}

describe('connecting (exact)', () => {
  it('tries the candidates in order, each for connectTimeoutMs, and sends hello on open', async () => {
    const { network, clock, connection, states, welcomeOn } = fake({
      candidates: ['ws://a/ws', 'ws://b/ws', 'ws://c/ws'],
    })
    expect(connection.state).toEqual({ status: 'idle' })
    const connected = connection.connect()
    network.last.refuse()
    expect(network.last.url).toBe('ws://b/ws')
    await network.last.open()
    expect(network.last.sent).toEqual([
      {
        type: 'hello',
        v: 1,
        name: 'Me',
        clientId: ME_ID,
        key: ME.publicKey,
        sig: expect.any(String) as string,
      },
    ])
    // The hello proves the id for this challenge (plain fake: no certificate).
    const hello = network.last.sent[0] as { clientId: string; key: string; sig: string }
    expect(checkHelloProof({ ...hello, nonce: FAKE_NONCE, fingerprint: null })).toBeNull()
    clock.advance(999)
    expect(network.sockets).toHaveLength(2)
    clock.advance(1)
    expect(network.sockets[1]?.terminated).toBe(true)
    expect(network.last.url).toBe('ws://c/ws')
    await welcomeOn()
    await connected
    expect(
      states.map((s) => (s.status === 'connecting' ? `connecting ${s.url}` : s.status)),
    ).toEqual(['connecting ws://a/ws', 'connecting ws://b/ws', 'connecting ws://c/ws', 'connected'])
    expect(connection.room).toEqual(ROOM)
  })

  it('is refused for good by another protocol version, and says so', async () => {
    const { network, connection } = fake()
    const connected = connection.connect()
    await network.last.open()
    network.last.receive({
      type: 'error',
      code: 'incompatible_version',
      message: 'this room speaks protocol version 1, not 2',
    })
    network.last.drop(4004, 'incompatible protocol version')
    await expect(connected).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    expect(connection.state).toEqual({
      status: 'closed',
      reason: 'incompatible',
      message:
        'This room speaks another version of LAN Room (this room speaks protocol version 1, not 2).',
      closeCode: 4004,
      errorCode: 'incompatible_version',
    })
  })
  it('says in a sentence the window can hold that none of 16 addresses answered', async () => {
    const candidates = Array.from({ length: 16 }, (_, i) => `wss://192.168.1.${i + 10}:53127/ws`)
    const { network, connection } = fake({ candidates })
    const connected = connection.connect()
    for (let i = 0; i < 16; i++) network.last.refuse('EHOSTUNREACH')
    await expect(connected).rejects.toMatchObject({ code: 'CONN_ERR_UNREACHABLE' })
    const state = connection.state as ClosedState
    expect(state.reason).toBe('unreachable')
    expect(state.message.length).toBeLessThanOrEqual(500)
    expect(state.message).toMatch(
      /^Cannot reach the room at any of its 16 addresses: cannot connect to wss:\/\/192\.168\.1\.10:53127\/ws: EHOSTUNREACH; .*; and 13 more\.$/,
    )
  })
})

describe('reconnecting (exact)', () => {
  it('backs off exponentially with jitter, capped, and starts over once connected', async () => {
    const script = [0, 1, 0.5, 0, 0, 1, 0.25, 0]
    const { network, clock, connection, welcomeOn } = fake({
      random: () => script.shift() ?? 0,
    })
    const waits: Array<[attempt: number, delay: number]> = []
    connection.on('state', (s) => {
      if (s.status === 'reconnecting' && s.retryAt !== null)
        waits.push([s.attempt, s.retryAt - clock.now()])
    })
    void connection.connect()
    await welcomeOn()
    network.last.drop()
    for (let attempt = 1; attempt <= 7; attempt++) {
      expect(clock.scheduled).toEqual([waits.at(-1)?.[1]])
      clock.advance(waits.at(-1)?.[1] ?? 0)
      await settle()
      network.last.refuse()
    }
    expect(waits).toEqual([
      [1, 150],
      [2, 600],
      [3, 900],
      [4, 1200],
      [5, 2400],
      [6, 5000],
      [7, 3125],
      [8, 2500],
    ])
    expect(connection.state).toMatchObject({
      lastError: 'cannot connect to ws://a/ws: ECONNREFUSED',
    })

    clock.advance(clock.scheduled[0] ?? 0)
    await settle()
    await welcomeOn()
    expect(connection.state.status).toBe('connected')
    network.last.drop()
    expect(connection.state).toMatchObject({ status: 'reconnecting', attempt: 1 })
  })

  it('tries at once on retryNow(), and from attempt 1 again on networkChanged()', async () => {
    const { network, connection, welcomeOn, statuses } = fake()
    void connection.connect()
    await welcomeOn()
    network.last.drop()
    connection.retryNow()
    await settle()
    expect(network.sockets).toHaveLength(2)
    network.last.refuse()
    connection.retryNow()
    await settle()
    network.last.refuse()
    expect(connection.state).toMatchObject({ status: 'reconnecting', attempt: 3 })
    connection.networkChanged()
    await settle()
    expect(network.sockets).toHaveLength(4)
    network.last.refuse()
    expect(statuses()).toEqual([
      'connecting',
      'connected',
      'reconnecting#1',
      'reconnecting#1!',
      'reconnecting#2',
      'reconnecting#2!',
      'reconnecting#3',
      'reconnecting#1!',
      'reconnecting#2',
    ])
    // Neither does anything unless waiting to reconnect.
    connection.retryNow()
    network.last.refuse()
  })

  it('asks resolveCandidates for the room before each attempt and tries its answer first', async () => {
    const asked: string[] = []
    let answer: Promise<string[]> = Promise.resolve(['ws://moved/ws'])
    const { network, clock, connection, welcomeOn } = fake({
      candidates: ['ws://a/ws', 'ws://b/ws'],
      resolveCandidates: (roomId) => {
        asked.push(roomId)
        return answer
      },
    })
    void connection.connect()
    network.last.refuse()
    await welcomeOn()
    network.last.drop()
    connection.retryNow()
    await settle()
    expect(asked).toEqual([ROOM.id])
    network.last.refuse()
    network.last.refuse()
    network.last.refuse()
    // The discovery answer, the address that worked last, then the rest of the list.
    expect(network.sockets.slice(2).map((s) => s.url)).toEqual([
      'ws://moved/ws',
      'ws://b/ws',
      'ws://a/ws',
    ])
    // A lookup that never answers does not hold reconnecting up.
    answer = new Promise(() => {})
    connection.retryNow()
    await settle()
    expect(network.sockets).toHaveLength(5)
    clock.advance(1_000)
    await settle()
    expect(network.last.url).toBe('ws://b/ws')
  })

  it('replaces a connection whose chats go unacknowledged for ackTimeoutMs', async () => {
    const { network, clock, connection, welcomeOn } = fake()
    void connection.connect()
    const first = await welcomeOn(welcome({ history: [chat(1, 'old')], lastSeq: 1 }))
    const delivered = connection.send('hello?', 'm1')
    expect(first.chatIds).toEqual(['m1'])
    clock.advance(1_999)
    expect(connection.state.status).toBe('connected')
    clock.advance(1)
    expect(first.terminated).toBe(true)
    expect(connection.state).toMatchObject({
      status: 'reconnecting',
      lastError: 'no acknowledgement for 2 s',
    })
    clock.advance(clock.scheduled[0] ?? 0)
    await settle()
    const second = network.last
    await second.open()
    expect(second.sent[0]).toMatchObject({
      type: 'hello',
      resume: { epoch: ROOM.epoch, lastSeq: 1 },
    })
    second.receive(welcome({ history: [], lastSeq: 1, resumed: true }))
    expect(second.chatIds).toEqual(['m1'])
    second.receive(chat(2, 'm1', ME_ID))
    expect((await delivered).seq).toBe(2)
  })

  it('takes a 4001 after an abandoned hello for that hello, not for somebody else', async () => {
    const { network, clock, connection, welcomeOn } = fake({
      candidates: ['ws://a/ws', 'ws://b/ws'],
    })
    void connection.connect()
    await network.last.open()
    // a's hello gets no answer in time: a is abandoned, but its hello may still arrive.
    clock.advance(1_000)
    await welcomeOn()
    network.last.drop(4001, 'replaced by a newer connection')
    expect(connection.state).toMatchObject({ status: 'reconnecting', attempt: 1 })
    clock.advance(clock.scheduled[0] ?? 0)
    await settle()
    await welcomeOn()
    network.last.drop(4001, 'replaced by a newer connection')
    expect(connection.state).toEqual({
      status: 'closed',
      reason: 'replaced',
      message: 'You joined this room from somewhere else, so this connection was closed.',
      closeCode: 4001,
    })
    expect(clock.scheduled).toEqual([])
  })

  it('ends without retrying when the host closes the room, even if the 1001 is lost', async () => {
    const { network, clock, connection, welcomeOn } = fake()
    void connection.connect()
    await welcomeOn()
    const unsent = connection.send('too late?', 'late')
    network.last.receive({
      type: 'closing',
      reason: 'host_stopped',
      message: 'The host closed the room.',
    })
    network.last.drop(1006)
    expect(connection.state).toEqual({
      status: 'closed',
      reason: 'ended',
      message: 'The host closed the room.',
      closeCode: 1006,
    })
    await expect(unsent).rejects.toMatchObject({ code: 'CONN_ERR_CLOSED' })
    expect(connection.outboxEntries.map((e) => e.id)).toEqual(['late'])
    expect(clock.scheduled).toEqual([])
    expect(await connection.drain()).toBe(false)
  })
})

describe('outbox (exact)', () => {
  it('resends after a reconnect only what the welcome does not acknowledge, in order, same ids', async () => {
    const { clock, connection, welcomeOn } = fake()
    void connection.connect()
    const first = await welcomeOn()
    const sent = ['a', 'b', 'c'].map((id) => connection.send(`text ${id}`, id))
    expect(first.chatIds).toEqual(['a', 'b', 'c'])
    first.drop()
    const d = connection.send('text d', 'd')
    expect(connection.outboxEntries.map((e) => `${e.id}:${e.state}`)).toEqual([
      'a:pending',
      'b:pending',
      'c:pending',
      'd:pending',
    ])
    clock.advance(clock.scheduled[0] ?? 0)
    await settle()
    const second = await welcomeOn(
      welcome({ history: [chat(1, 'a', ME_ID)], lastSeq: 1, resumed: true }),
    )
    expect((await sent[0])?.seq).toBe(1)
    expect(second.chatIds).toEqual(['b', 'c', 'd'])
    for (const [seq, id] of [
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ] as const) {
      second.receive(chat(seq, id, ME_ID))
    }
    expect((await d).seq).toBe(4)
    expect(connection.pendingCount).toBe(0)
    expect(
      connection.timeline.entries.map((e) => (e.kind === 'chat' ? e.chat.id : e.kind)),
    ).toEqual(['a', 'b', 'c', 'd'])
  })

  it('paces to the room limits and resends in order from a chat refused for the rate', async () => {
    const { network, clock, connection, welcomeOn } = fake()
    void connection.connect()
    const socket = await welcomeOn(
      welcome({ limits: { maxTextLength: 4000, chatsPerSecond: 10, chatBurst: 20 } }),
    )
    const ids = Array.from({ length: 25 }, (_, i) => `m${i}`)
    for (const id of ids) void connection.send(id, id)
    // A burst of chatBurst − 2, then 90 % of the rate.
    expect(socket.chatIds).toEqual(ids.slice(0, 18))
    clock.advance(1_000)
    expect(socket.chatIds).toEqual(ids)
    socket.receive({
      type: 'error',
      code: 'rate_limited',
      message: 'too many messages; at most 10 per second',
      id: 'm23',
      retryAfterMs: 300,
    })
    expect(connection.outboxEntries.slice(-3).map((e) => e.state)).toEqual([
      'sent',
      'pending',
      'pending',
    ])
    clock.advance(299)
    expect(socket.chatIds).toHaveLength(25)
    clock.advance(1)
    expect(socket.chatIds.slice(25)).toEqual(['m23', 'm24'])
    expect(network.sockets).toHaveLength(1)
  })

  it('keeps a chat the hub refused as failed, with the reason, until retried or discarded', async () => {
    const { connection, welcomeOn } = fake()
    void connection.connect()
    const socket = await welcomeOn()
    const first = connection.send('fine by me', 'x1')
    socket.receive({
      type: 'error',
      code: 'invalid_message',
      message: 'invalid chat: text: must not contain control characters',
      id: 'x1',
    })
    await expect(first).rejects.toMatchObject({ code: 'HUB_invalid_message' })
    expect(connection.outboxEntries).toEqual([
      {
        id: 'x1',
        text: 'fine by me',
        op: { type: 'chat', text: 'fine by me' },
        state: 'failed',
        error: {
          code: 'invalid_message',
          message: 'invalid chat: text: must not contain control characters',
        },
        sends: 1,
      },
    ])
    const again = connection.retry('x1')
    expect(socket.chatIds).toEqual(['x1', 'x1'])
    socket.receive(chat(1, 'x1', ME_ID))
    expect((await again).seq).toBe(1)

    // What the client can tell is invalid never goes out.
    const blank = connection.send('   ', 'x2')
    await expect(blank).rejects.toMatchObject({ code: 'CONN_ERR_INVALID' })
    await expect(connection.send('y'.repeat(4001), 'x3')).rejects.toThrow(/at most 4000/)
    expect(socket.chatIds).toEqual(['x1', 'x1'])
    expect(connection.failedCount).toBe(2)
    // A second chat with an id already in the outbox leaves the first alone.
    await expect(connection.send('   ', 'x3')).rejects.toMatchObject({
      code: 'CONN_ERR_DUPLICATE_ID',
    })
    expect(connection.outboxEntries.find((e) => e.id === 'x3')?.text).toBe('y'.repeat(4001))
    expect(connection.discard('x2')).toBe(true)
    expect(connection.discard('x3')).toBe(true)
    expect(connection.outboxEntries).toEqual([])
  })
})

// ------------------------------------------------------------------ real sockets on loopback

interface Counted {
  factory: SocketFactory
  opened: string[]
}

function counting(): Counted {
  const opened: string[] = []
  return {
    opened,
    factory: (url, protocol) => {
      opened.push(url)
      return wsSocketFactory(url, protocol)
    },
  }
}

function real(candidates: string[], options: Partial<RoomConnectionOptions> = {}) {
  const sockets = counting()
  const states: ConnectionState[] = []
  const connection = new RoomConnection({
    candidates,
    name: 'Rita',
    identity: testIdentity('rita'),
    socketFactory: sockets.factory,
    // A safety net: a loopback join takes milliseconds, a passphrase login (key stretching on
    // both sides) a few hundred on a busy machine.
    connectTimeoutMs: 10_000,
    backoff: { initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  })
  connection.on('state', (state) => states.push(state))
  cleanups.push(() => connection.close())
  return { connection, states, opened: sockets.opened }
}

async function hubWith(options: Parameters<typeof startTestHub>[0] = {}) {
  const started = await startTestHub(options)
  cleanups.push(started.stop)
  return started
}

async function proxyTo(port: number, scheme: 'wss' | 'ws' = 'wss'): Promise<ChaosProxy> {
  const proxy = await ChaosProxy.start(port, 0, scheme)
  cleanups.push(() => proxy.close())
  return proxy
}

async function watcher(url: string, name = 'watch'): Promise<TestClient> {
  const client = new TestClient(url)
  cleanups.push(() => client.ws.terminate())
  await client.join(name, cid(name))
  return client
}

function chatTexts(connection: RoomConnection): string[] {
  return connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat.text] : []))
}

describe('a real room', () => {
  it('joins at the first candidate that answers and chats, acknowledged by the echo', async () => {
    const { url } = await hubWith()
    const others = await watcher(url)
    const { connection, states } = real(['ws://127.0.0.1:1/ws', url])
    const welcome = await connection.connect()
    expect(welcome.room.name).toBe('Test room')
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connecting', 'connected'])
    const stamped = await connection.send('hi all', 'first')
    expect(stamped).toMatchObject({ seq: 1, id: 'first', from: cid('rita'), text: 'hi all' })
    expect((await others.next('chat')).text).toBe('hi all')
    expect(connection.members.map((m) => m.name).sort()).toEqual(['Rita', 'watch'])
  })

  it('says in one sentence why it cannot join: unreachable, or refused', async () => {
    const one = real(['ws://127.0.0.1:1/ws']).connection
    await expect(one.connect()).rejects.toMatchObject({
      code: 'CONN_ERR_UNREACHABLE',
      message: 'Cannot connect to ws://127.0.0.1:1/ws: ECONNREFUSED.',
    })
    expect(one.state).toMatchObject({ status: 'closed', reason: 'unreachable' })
    const two = real(['ws://127.0.0.1:1/ws', 'ws://127.0.0.1:2/ws']).connection
    await expect(two.connect()).rejects.toThrow(
      'Cannot reach the room at any of its 2 addresses: cannot connect to ws://127.0.0.1:1/ws: ' +
        'ECONNREFUSED; cannot connect to ws://127.0.0.1:2/ws: ECONNREFUSED.',
    )
    const { hub, url } = await hubWith()
    const notFound = real([`wss://127.0.0.1:${hub.port}/elsewhere`]).connection
    await expect(notFound.connect()).rejects.toThrow('the hub refused the connection (HTTP 404)')
    const bell = real([url], { name: 'bell\u0007' }).connection
    await expect(bell.connect()).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    expect(bell.state).toEqual({
      status: 'closed',
      reason: 'refused',
      message:
        'The room refused to let you in: invalid hello: name: must not contain control characters.',
      closeCode: 4006,
      errorCode: 'invalid_message',
    })
  })

  it('reconnects after a cut and resumes: nothing missed, nothing twice, the outbox delivered in order', async () => {
    const { hub, url } = await hubWith()
    const proxy = await proxyTo(hub.port)
    const others = await watcher(url)
    const { connection, states } = real([proxy.url])
    await connection.connect()
    await connection.send('before', 'b0')
    proxy.setRefusing(true)
    proxy.cutAll()
    await waitFor(() => connection.state.status === 'reconnecting', 10_000, 'reconnecting')
    // Others talk, and Rita writes, while she is away.
    others.chat('o1', 'while away 1')
    others.chat('o2', 'while away 2')
    await others.next('chat')
    await others.next('chat')
    const written = ['w1', 'w2', 'w3'].map((id) => connection.send(`written ${id}`, id))
    expect(connection.outboxEntries.every((e) => e.state === 'pending')).toBe(true)
    proxy.setRefusing(false)
    await Promise.all(written)
    await waitFor(() => chatTexts(connection).length === 6, 10_000, 'timeline')
    expect(chatTexts(connection)).toEqual([
      'before',
      'while away 1',
      'while away 2',
      'written w1',
      'written w2',
      'written w3',
    ])
    const seqs = connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat.seq] : []))
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6])
    // The hub broadcast each once.
    await waitFor(() => others.all('chat').length === 6, 10_000, 'watcher')
    expect(others.all('chat').map((c) => c.id)).toEqual(['b0', 'o1', 'o2', 'w1', 'w2', 'w3'])
    expect(states.map((s) => s.status)).toContain('reconnecting')
    expect(connection.state.status).toBe('connected')
  })

  it('finds a host that crashed and came back at another address through resolveCandidates', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const { hub: first } = await hubWith({ roomName: 'Moving', dataDir: dir.path })
    const proxy = await proxyTo(first.port)
    const asked: string[] = []
    let where: string[] = []
    const { connection } = real([proxy.url], {
      resolveCandidates: async (roomId) => {
        asked.push(roomId)
        return where
      },
    })
    await connection.connect()
    await connection.send('one', 'c1')
    // The host vanishes without a word (its clients are cut first, so no `closing` reaches
    // them): a crash, as far as they can tell.
    proxy.setRefusing(true)
    proxy.cutAll()
    await first.stop()
    await waitFor(() => connection.state.status === 'reconnecting', 10_000, 'reconnecting')
    const pending = connection.send('two', 'c2')
    const { hub } = await hubWith({ roomName: 'Moving', dataDir: dir.path })
    expect(hub.roomId).toBe(first.roomId)
    where = [`wss://127.0.0.1:${hub.port}/ws`]
    connection.retryNow()
    expect((await pending).seq).toBe(2)
    expect(asked[0]).toBe(first.roomId)
    expect(connection.state).toMatchObject({ status: 'connected', url: where[0] })
    expect(connection.welcome).toMatchObject({ resumed: true, gap: false, lastSeq: 1 })
    expect(chatTexts(connection)).toEqual(['one', 'two'])
  })

  it('survives its own late hello taking its place (4001), and loses nothing', async () => {
    // Plain ws, so that the proxy's stall (everything after the first chunk the client sends)
    // holds the hello itself; under TLS it would hold the TLS handshake instead.
    const { hub, url } = await hubWith({ tls: false })
    const proxy = await proxyTo(hub.port, 'ws')
    const others = await watcher(url)
    const { connection, states } = real([proxy.url], { connectTimeoutMs: 1_000 })
    await connection.connect()
    // The next connection's hello is held until released: the client gives up on it after
    // 1 s and joins through another connection; then the old hello reaches the hub.
    const release = proxy.stallNextHandshake()
    proxy.cutAll()
    await waitFor(
      () => states.some((s) => s.status === 'reconnecting' && /no answer/.test(s.lastError)),
      10_000,
      'the held attempt to be given up',
    )
    await waitFor(() => connection.state.status === 'connected', 10_000, 'connected again')
    const during = connection.send('during the ghost', 'g1')
    release()
    await waitFor(
      () => states.some((s) => s.status === 'reconnecting' && /earlier attempt/.test(s.lastError)),
      10_000,
      'the late hello to replace the connection',
    )
    await during
    await waitFor(() => connection.state.status === 'connected', 10_000, 'connected once more')
    await connection.send('after the ghost', 'g2')
    await waitFor(() => others.all('chat').length === 2, 10_000, 'both chats')
    expect(others.all('chat').map((c) => c.text)).toEqual(['during the ghost', 'after the ghost'])
    expect(chatTexts(connection)).toEqual(['during the ghost', 'after the ghost'])
  })

  it('ends for good when the host closes the room: closing, 1001, no retry', async () => {
    const { hub, url } = await hubWith()
    const { connection, opened } = real([url])
    await connection.connect()
    const closing: string[] = []
    connection.on('closing', (message) => closing.push(message))
    await hub.stop()
    await waitFor(() => connection.state.status === 'closed', 10_000, 'closed')
    expect(connection.state).toEqual({
      status: 'closed',
      reason: 'ended',
      message: 'The host closed the room.',
      closeCode: 1001,
    })
    expect(closing).toEqual(['The host closed the room.'])
    // Any retry would have happened within the 20–200 ms backoff.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(opened).toHaveLength(1)
  })

  it('ends for good when the same client id joins from elsewhere', async () => {
    const { url } = await hubWith()
    const { connection } = real([url])
    await connection.connect()
    const elsewhere = new TestClient(url)
    cleanups.push(() => elsewhere.ws.terminate())
    await elsewhere.join('Rita', cid('rita'))
    await waitFor(() => connection.state.status === 'closed', 10_000, 'closed')
    expect(connection.state).toMatchObject({ reason: 'replaced', closeCode: 4001 })
  })

  it('leaves with 1000, so the others see "left"', async () => {
    const { url } = await hubWith()
    const others = await watcher(url)
    const { connection } = real([url])
    await connection.connect()
    await others.next('joined')
    await connection.close()
    expect(connection.state).toMatchObject({ status: 'closed', reason: 'left' })
    expect(await others.next('left')).toMatchObject({ name: 'Rita', reason: 'left' })
  })

  it('shows join and leave notices, including who came and went while it was away', async () => {
    const { hub, url } = await hubWith()
    const proxy = await proxyTo(hub.port)
    const early = await watcher(url, 'early')
    const { connection } = real([proxy.url])
    await connection.connect()
    await watcher(url, 'late')
    await waitFor(() => connection.members.length === 3, 10_000, 'late joined')
    proxy.setRefusing(true)
    proxy.cutAll()
    await waitFor(() => connection.state.status === 'reconnecting', 10_000, 'reconnecting')
    await early.close()
    await waitFor(() => hub.memberCount === 1, 10_000, 'early gone')
    proxy.setRefusing(false)
    await waitFor(() => connection.state.status === 'connected', 10_000, 'back')
    const notices = connection.timeline.entries.map((e) =>
      e.kind === 'joined' || e.kind === 'renamed'
        ? `${e.kind} ${e.member.name}`
        : e.kind === 'left'
          ? `left ${e.name} ${e.reason}`
          : e.kind,
    )
    expect(notices).toEqual(['joined late', 'left early null'])
    expect(connection.members.map((m) => m.name).sort()).toEqual(['Rita', 'late'])
  })
})

/**
 * A hub on loopback that sends every connection a valid challenge and, on its first frame (the
 * hello, unchecked), does what `afterHello` says. Resolves with its ws:// URL.
 */
async function scriptedHub(afterHello: (ws: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: () => 'lanroom.v1',
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  cleanups.push(() => new Promise((resolve) => wss.close(resolve)))
  wss.on('connection', (ws) => {
    ws.send(
      JSON.stringify({
        type: 'challenge',
        v: 1,
        nonce: FAKE_NONCE,
        roomId: ROOM.id,
        passphrase: false,
      }),
    )
    ws.once('message', () => afterHello(ws))
  })
  const address = wss.address()
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws`
}

describe('a hostile or broken hub', () => {
  it('ignores frames it cannot read, says so once each, and keeps the room going', async () => {
    const url = await scriptedHub((ws) => {
      ws.send(
        JSON.stringify(welcome({ you: { clientId: cid('rita'), name: 'Rita', host: false } })),
      )
      ws.send('not json')
      ws.send(JSON.stringify({ type: 'chat', seq: -1, id: 'x', from: 'y' }))
      ws.send(JSON.stringify({ type: 'nonsense' }))
      ws.send(JSON.stringify([1, 2, 3]))
      ws.send(JSON.stringify({ ...chat(1, 'evil'), text: 'x'.repeat(5000) }))
      ws.send(Buffer.from('binary'), { binary: true })
      ws.send(JSON.stringify({ type: 'welcome' }))
      ws.send(JSON.stringify(chat(1, 'good', cid('other'), 'still fine')))
    })
    const { connection } = real([url])
    const errors: string[] = []
    connection.on('error', (error) => errors.push(error.message))
    await connection.connect()
    await waitFor(() => chatTexts(connection).length === 1, 10_000, 'the good chat')
    expect(chatTexts(connection)).toEqual(['still fine'])
    // Six unreadable frames in a burst: reported once (at most once every 10 s), all dropped.
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^unreadable message from the hub: /)
    expect(connection.state.status).toBe('connected')
  })
})

describe('a hub whose welcome cannot be read', () => {
  it('says the room answered with what this app cannot read, not that nothing answered', async () => {
    const url = await scriptedHub((ws) =>
      ws.send(JSON.stringify({ ...welcome(), members: 'everyone' })),
    )
    const { connection } = real([url], { connectTimeoutMs: 300 })
    await expect(connection.connect()).rejects.toThrow(
      `${url} answered with a message this app cannot read, and no welcome within 0.3 s.`,
    )
  })
})

describe('a hub that sends JSON costly to parse', () => {
  it('refuses unparsed a frame of more objects, arrays and commas than any a hub sends after its welcome', async () => {
    // Just over the bound after the welcome (the welcome itself may hold four times as many),
    // and 8 MB of `[[],…]`: 2.8 million.
    const justOver = `{"type":"zzz","x":[${'0,'.repeat(LIMITS.maxHubFrameTokens - 2)}0]}`
    const flat = `{"type":"zzz","x":[${'[],'.repeat(2_800_000)}[]]}`
    const url = await scriptedHub((ws) => {
      ws.send(
        JSON.stringify(welcome({ you: { clientId: cid('rita'), name: 'Rita', host: false } })),
      )
      ws.send(justOver)
      ws.send(flat)
      ws.send(JSON.stringify(chat(1, 'good', cid('other'), 'after them')))
    })
    const { connection } = real([url])
    const errors: string[] = []
    connection.on('error', (error) => errors.push(error.message))
    await connection.connect()
    await waitFor(() => chatTexts(connection).length === 1, 10_000, 'the chat after them')
    expect(errors).toEqual([
      `unreadable message from the hub: more than ${LIMITS.maxHubFrameTokens} objects, arrays and commas`,
    ])
    expect(connection.state.status).toBe('connected')
  })
})

describe('trust and passphrases', () => {
  it('checks the certificate before sending anything, and ends as untrusted when refused', async () => {
    const seen: unknown[] = []
    const { network, connection } = fake({
      verifyPeer: (peer) => {
        seen.push(peer)
        return 'The certificate of "Fake room" has changed.'
      },
    })
    const connected = connection.connect()
    network.last.peerFingerprint = 'ab'.repeat(32)
    await network.last.open()
    await expect(connected).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    expect(seen).toEqual([{ url: 'ws://a/ws', fingerprint: 'ab'.repeat(32), roomId: ROOM.id }])
    expect(network.last.sent).toEqual([])
    expect(connection.state).toMatchObject({
      status: 'closed',
      reason: 'untrusted',
      message: 'The certificate of "Fake room" has changed.',
      peer: { fingerprint: 'ab'.repeat(32), roomId: ROOM.id },
    })
  })

  it('ignores a welcome that comes before the challenge (no certificate check was made)', async () => {
    const { network, connection } = fake()
    void connection.connect()
    await network.last.open(false)
    network.last.receive(welcome())
    expect(connection.state.status).toBe('connecting')
    expect(network.last.sent).toEqual([])
  })

  it('says a room needs a passphrase without sending a hello when none was given', async () => {
    const { network, connection } = fake()
    const connected = connection.connect()
    await network.last.open({ passphrase: true })
    await expect(connected).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    expect(network.last.sent).toEqual([])
    expect(connection.state).toMatchObject({
      reason: 'passphrase',
      message: 'This room needs a passphrase.',
      errorCode: 'passphrase_required',
    })
  })

  it('joins a passphrase room with the right passphrase over TLS, and says "Wrong passphrase." otherwise', async () => {
    const { url } = await hubWith({ passphrase: 'correct horse' })
    const right = real([url], { passphrase: 'correct horse' })
    const welcomed = await right.connection.connect()
    expect(welcomed.room.name).toBe('Test room')
    expect(right.connection.state).toMatchObject({
      status: 'connected',
      fingerprint: (await testTls()).fingerprint,
    })

    const wrong = real([url], { passphrase: 'battery staple', identity: testIdentity('wrong') })
    await expect(wrong.connection.connect()).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    expect(wrong.connection.state).toMatchObject({
      status: 'closed',
      reason: 'passphrase',
      message: 'Wrong passphrase.',
      errorCode: 'wrong_passphrase',
    })
    // A wrong passphrase is final: no retry.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(wrong.opened).toHaveLength(1)
  })

  it('reports too many attempts with the time to wait', async () => {
    const { url } = await hubWith({
      passphrase: 'correct horse',
      limits: { passphraseAttemptBurst: 1, passphraseAttemptsPerSecond: 0.01 },
    })
    const first = real([url], { passphrase: 'nope', identity: testIdentity('g1') })
    await expect(first.connection.connect()).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    const second = real([url], { passphrase: 'correct horse', identity: testIdentity('g2') })
    await expect(second.connection.connect()).rejects.toMatchObject({ code: 'CONN_ERR_REFUSED' })
    expect(second.connection.state).toMatchObject({
      reason: 'throttled',
      errorCode: 'too_many_attempts',
      retryAfterMs: expect.any(Number) as number,
    })
    const state = second.connection.state as { retryAfterMs: number; message: string }
    expect(state.retryAfterMs).toBeGreaterThan(90_000)
    expect(state.message).toMatch(/^Too many passphrase attempts: .*try again in \d+ s\.$/)
  })
})
