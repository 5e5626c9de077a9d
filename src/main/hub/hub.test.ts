import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { CLOSE_CODES, LIMITS, PROTOCOL_VERSION } from '../../shared/protocol'
import { TestClient, cid, startTestHub, tempDir, waitFor } from '../../../test/support/ws-client'
import {
  clientFrame,
  hubRequest,
  rawChallenge,
  rawRequest,
  rawUpgrade,
  upgrade,
} from '../../../test/support/raw-socket'
import { freePort } from '../../../test/support/free-port'
import { signedHello } from '../../../test/support/identities'
import { testTls } from '../../../test/support/tls'
import { Hub, HubError, isOwnOrigin } from './hub'
import { rawConnection } from './testing/raw-connection'

type TestHub = Awaited<ReturnType<typeof startTestHub>>
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function hubWith(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const started = await startTestHub(options)
  cleanups.push(started.stop)
  return started
}

function client(url: string, options?: ConstructorParameters<typeof TestClient>[1]): TestClient {
  const c = new TestClient(url, options)
  cleanups.push(() => c.ws.terminate())
  return c
}

async function member(url: string, name: string): Promise<TestClient> {
  const c = client(url)
  await c.join(name, cid(name))
  return c
}

describe('HTTP endpoints', () => {
  it('describes the room at GET /info', async () => {
    const { hub } = await hubWith({ roomName: '  Team room ', hostName: 'Alice' })
    const response = await hubRequest(hub.port, '/info')
    expect(response.status).toBe(200)
    const { fingerprint } = await testTls()
    expect(JSON.parse(response.body)).toEqual({
      v: PROTOCOL_VERSION,
      protocol: 'lanroom.v1',
      roomId: hub.roomId,
      name: 'Team room',
      hostName: 'Alice',
      members: 0,
      passphrase: false,
      tls: true,
      fingerprint,
    })
    // What /info announces is the certificate the connection presents.
    expect(response.fingerprint).toBe(fingerprint)
  })

  it('answers 404 elsewhere, 405 for POST /info and 426 for a plain GET of /ws', async () => {
    const { hub } = await hubWith()
    expect((await hubRequest(hub.port, '/nope')).status).toBe(404)
    expect((await hubRequest(hub.port, '/info', { method: 'POST' })).status).toBe(405)
    expect((await hubRequest(hub.port, '/ws')).status).toBe(426)
  })

  it('refuses a WebSocket from a foreign Origin with 403, and accepts its own origin', async () => {
    const { hub, url } = await hubWith()
    const foreign = client(url, { headers: { Origin: 'https://evil.example' } })
    await expect(foreign.opened).rejects.toThrow('HTTP 403')
    // Over TLS the hub's own origin is https://…; the plain-http one is another origin.
    const downgraded = client(url, { headers: { Origin: `http://127.0.0.1:${hub.port}` } })
    await expect(downgraded.opened).rejects.toThrow('HTTP 403')
    const own = client(url, { headers: { Origin: `https://127.0.0.1:${hub.port}` } })
    await own.opened
  })

  it('refuses a page whose name was re-pointed at the hub (DNS rebinding)', async () => {
    const { hub, url } = await hubWith()
    const host = `evil.example:${hub.port}`
    const rebound = client(url, { headers: { Origin: `https://${host}`, Host: host } })
    await expect(rebound.opened).rejects.toThrow('HTTP 403')
    expect(isOwnOrigin('http://kitchen.local:47800', 'kitchen.local:47800')).toBe(true)
    expect(isOwnOrigin('http://[::1]:47800', '[::1]:47800')).toBe(true)
    expect(isOwnOrigin('http://localhost:1', 'localhost:1')).toBe(true)
    expect(isOwnOrigin('http://evil.example', 'evil.example')).toBe(false)
    expect(isOwnOrigin('http://127.0.0.1:1', undefined)).toBe(false)
  })

  it('refuses connections beyond the pending-hello limit with 503', async () => {
    const { url } = await hubWith({ limits: { maxPendingConnections: 2 } })
    const waiting = [client(url), client(url)]
    await Promise.all(waiting.map((c) => c.opened))
    await expect(client(url).opened).rejects.toThrow('HTTP 503')
    await (waiting[0] as TestClient).join('now-a-member', cid('member'))
    await client(url).opened
  })

  it('refuses an upgrade without the lanroom.v1 subprotocol (400) or on another path (404)', async () => {
    const { hub, url } = await hubWith()
    await expect(client(url, { protocol: 'chat' }).opened).rejects.toThrow('HTTP 400')
    await expect(client(`wss://127.0.0.1:${hub.port}/other`).opened).rejects.toThrow('HTTP 404')
  })

  it('answers a malformed HTTP request with 400 and keeps serving', async () => {
    const { hub, url } = await hubWith()
    expect(await rawRequest(hub.port, 'GARBAGE\r\n\r\n')).toContain('400')
    await member(url, 'after')
  })
})

describe('a room session', () => {
  it('welcomes with room, members, history and limits, and announces joins', async () => {
    const { hub, url } = await hubWith({ roomName: 'Lobby', hostName: 'Hosty' })
    const alice = client(url)
    const welcome = await alice.join('Alice', cid('alice'))
    expect(welcome.room).toEqual({
      id: hub.roomId,
      name: 'Lobby',
      hostName: 'Hosty',
      epoch: hub.epoch,
    })
    expect(welcome.you).toEqual({ clientId: cid('alice'), name: 'Alice', host: false })
    expect(welcome.members).toEqual([welcome.you])
    expect(welcome.history).toEqual([])
    expect(welcome.lastSeq).toBe(0)
    expect(welcome.limits).toEqual({
      maxTextLength: LIMITS.maxTextLength,
      chatsPerSecond: LIMITS.chatsPerSecond,
      chatBurst: LIMITS.chatBurst,
    })
    const bob = client(url)
    const bobWelcome = await bob.join('Bob', cid('bob'))
    expect(bobWelcome.members.map((m) => m.name).sort()).toEqual(['Alice', 'Bob'])
    expect((await alice.next('joined')).member).toEqual({
      clientId: cid('bob'),
      name: 'Bob',
      host: false,
    })
    expect(hub.memberCount).toBe(2)
  })

  it('turns Windows line endings into line breaks and refuses broken UTF-16', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    alice.chat('crlf', 'one\r\ntwo\rthree')
    expect((await alice.next('chat')).text).toBe('one\ntwo\nthree')
    alice.chat('lone', 'half a pair \ud83d')
    expect((await alice.next('error')).code).toBe('invalid_message')
    const broken = client(url)
    await broken.opened
    broken.hello('bad\udc00name', cid('broken'))
    expect(await broken.closed).toBe(CLOSE_CODES.badHello)
  })

  it('marks the host in the member list', async () => {
    const { url } = await hubWith({ hostClientId: cid('host') })
    const host = client(url)
    expect((await host.join('Host', cid('host'))).you.host).toBe(true)
  })

  it('stamps a chat once and delivers it to everyone, the sender included as its ack', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    await alice.next('joined')
    const before = Date.now()
    alice.chat('m1', 'hello there')
    const ack = await alice.next('chat')
    const seen = await bob.next('chat')
    expect(ack).toEqual(seen)
    expect(ack).toMatchObject({
      seq: 1,
      id: 'm1',
      from: cid('alice'),
      name: 'alice',
      text: 'hello there',
    })
    expect(ack.ts).toBeGreaterThanOrEqual(before - 5)
    bob.chat('m1', 'same id, other sender')
    expect((await alice.next('chat')).seq).toBe(2)
  })

  it('sends history on join, limited to historySize', async () => {
    const { url } = await hubWith({ limits: { historySize: 5 } })
    const alice = await member(url, 'alice')
    for (let i = 1; i <= 8; i++) alice.chat(`m${i}`, `message ${i}`)
    await waitFor(() => alice.all('chat').length === 8)
    const late = client(url)
    const welcome = await late.join('late', cid('late'))
    expect(welcome.history.map((c) => c.seq)).toEqual([4, 5, 6, 7, 8])
    expect(welcome.lastSeq).toBe(8)
  })

  it('announces leaving with a reason', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    await bob.close()
    expect(await alice.next('left')).toEqual({
      type: 'left',
      clientId: cid('bob'),
      name: 'bob',
      reason: 'left',
    })
    const carol = await member(url, 'carol')
    carol.ws.terminate()
    expect((await alice.next('left')).reason).toBe('lost')
  })
})

describe('reconnecting', () => {
  it('replaces the old connection of a client id without a left/joined flicker', async () => {
    const { hub, url } = await hubWith()
    const alice = await member(url, 'alice')
    const bob1 = await member(url, 'bob')
    await alice.next('joined')
    const bob2 = client(url)
    const welcome = await bob2.join('bob', cid('bob'))
    expect(await bob1.closed).toBe(CLOSE_CODES.replaced)
    expect(welcome.members.filter((m) => m.clientId === cid('bob'))).toHaveLength(1)
    expect(hub.memberCount).toBe(2)
    bob2.chat('after', 'still here')
    await alice.next('chat')
    expect(alice.all('left')).toEqual([])
    expect(alice.all('joined')).toHaveLength(1)
  })

  it('ends the typing indicator of a replaced connection', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    await alice.next('joined')
    bob.sendJson({ type: 'typing', active: true })
    expect((await alice.next('typing')).active).toBe(true)
    const replacement = client(url)
    await replacement.join('bob', cid('bob'))
    expect(await alice.next('typing')).toMatchObject({ clientId: cid('bob'), active: false })
    // The new connection hears nothing about its own old indicator: the challenge, then
    // the welcome come first.
    expect(replacement.received.slice(0, 2).map((m) => m.type)).toEqual(['challenge', 'welcome'])
    expect(replacement.all('typing')).toEqual([])
  })

  it('announces a new display name on reconnect as renamed', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    await member(url, 'bob')
    await alice.next('joined')
    const bob2 = client(url)
    await bob2.join('Robert', cid('bob'))
    expect((await alice.next('renamed')).member.name).toBe('Robert')
  })

  it('resumes with exactly what was missed', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    const bob = client(url)
    const first = await bob.join('bob', cid('bob'))
    alice.chat('a1', 'one')
    const seen = await bob.next('chat')
    await bob.close()
    alice.chat('a2', 'two')
    alice.chat('a3', 'three')
    await waitFor(() => alice.all('chat').length === 3)
    const again = client(url)
    const welcome = await again.join('bob', cid('bob'), {
      epoch: first.room.epoch,
      lastSeq: seen.seq,
    })
    expect(welcome.resumed).toBe(true)
    expect(welcome.gap).toBe(false)
    expect(welcome.history.map((c) => c.id)).toEqual(['a2', 'a3'])
  })

  it('says so when history no longer reaches back, or the epoch is another', async () => {
    const { url, hub } = await hubWith({ limits: { historySize: 3 } })
    const alice = await member(url, 'alice')
    for (let i = 1; i <= 6; i++) alice.chat(`m${i}`, `n${i}`)
    await waitFor(() => alice.all('chat').length === 6)
    const tooFar = await client(url).join('bob', cid('bob'), { epoch: hub.epoch, lastSeq: 1 })
    expect(tooFar).toMatchObject({ resumed: false, gap: true })
    expect(tooFar.history.map((c) => c.seq)).toEqual([4, 5, 6])
    const otherEpoch = await client(url).join('carol', cid('carol'), {
      epoch: 'elsewhere',
      lastSeq: 6,
    })
    expect(otherEpoch).toMatchObject({ resumed: false, gap: true })
    const upToDate = await client(url).join('dave', cid('dave'), { epoch: hub.epoch, lastSeq: 6 })
    expect(upToDate).toMatchObject({ resumed: true, gap: false, history: [] })
  })

  it('acknowledges a resent message id again but never broadcasts it twice', async () => {
    const { url } = await hubWith()
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    await alice.next('joined')
    alice.chat('dup', 'once')
    const ack = await alice.next('chat')
    alice.chat('dup', 'once')
    expect(await alice.next('chat')).toEqual(ack)
    alice.chat('after', 'next')
    expect((await bob.next('chat')).id).toBe('dup')
    expect((await bob.next('chat')).id).toBe('after')
    expect(bob.all('chat').map((c) => c.id)).toEqual(['dup', 'after'])
  })
})

describe('limits and malformed input', () => {
  it('answers each malformed frame with an error code, and keeps the room working', async () => {
    const { url } = await hubWith()
    const witness = await member(url, 'witness')
    const bad = await member(url, 'bad')
    await witness.next('joined')
    const cases: Array<[string, string]> = [
      ['{not json', 'invalid_json'],
      ['[1,2,3]', 'invalid_message'],
      ['"text"', 'invalid_message'],
      ['{"type":"dance"}', 'unknown_type'],
      ['{"type":"chat","id":"x"}', 'invalid_message'],
      ['{"type":"chat","id":"has space","text":"hi"}', 'invalid_message'],
      [
        JSON.stringify({ type: 'chat', id: 'long', text: 'x'.repeat(LIMITS.maxTextLength + 1) }),
        'invalid_message',
      ],
      [JSON.stringify({ type: 'chat', id: 'blank', text: '   \n ' }), 'invalid_message'],
      [JSON.stringify({ type: 'chat', id: 'ctl', text: 'bell\u0007' }), 'invalid_message'],
      ['{"type":"typing","active":"yes"}', 'invalid_message'],
      [
        JSON.stringify({ type: 'hello', v: 1, name: 'again', clientId: cid('bad') }),
        'already_joined',
      ],
      ['['.repeat(30_000) + ']'.repeat(30_000), 'invalid_message'],
      // Refused before parsing: more objects, arrays and commas than LIMITS.maxJsonTokens.
      [
        JSON.stringify({ type: 'chat', id: 'wide', text: 'ok', extra: new Array(300).fill(0) }),
        'invalid_message',
      ],
      [
        JSON.stringify({
          type: 'chat',
          id: 'deep',
          text: 'ok',
          extra: JSON.parse('['.repeat(100) + ']'.repeat(100)),
        }),
        '',
      ],
    ]
    for (const [frame, code] of cases) {
      bad.ws.send(frame)
      if (code === '') {
        // Unknown fields are ignored: the chat itself is fine.
        expect((await bad.next('chat')).id).toBe('deep')
        continue
      }
      const error = await bad.next('error')
      expect(error.code, frame.slice(0, 60)).toBe(code)
    }
    const long = bad.all('error').find((e) => e.message.includes('at most'))
    expect(long?.id).toBe('long')
    bad.chat('ok', 'I can still talk')
    expect((await witness.next('chat')).id).toBe('deep')
    expect((await witness.next('chat')).id).toBe('ok')
    expect(witness.all('error')).toEqual([])
  })

  it('requires hello first', async () => {
    const { url } = await hubWith()
    const c = client(url)
    await c.opened
    c.chat('early', 'hi')
    expect((await c.next('error')).code).toBe('hello_required')
    await c.join('later', cid('later'))
  })

  it('closes on an invalid hello, another protocol version, or no hello in time', async () => {
    const { url } = await hubWith()
    // Each hello is properly proven (signed for this connection's challenge) and has exactly
    // one defect, which the error names: it is refused for that, not for a missing proof.
    type Case = [string, (c: TestClient) => Record<string, unknown>, number, RegExp]
    const cases: Case[] = [
      [
        'empty name',
        (c) => c.helloFrame('', cid('a')),
        CLOSE_CODES.badHello,
        /^invalid hello: name/,
      ],
      [
        'name too long',
        (c) => c.helloFrame('x'.repeat(LIMITS.maxNameLength + 1), cid('a')),
        CLOSE_CODES.badHello,
        /^invalid hello: name/,
      ],
      [
        'control character',
        (c) => c.helloFrame('bell\u0007', cid('a')),
        CLOSE_CODES.badHello,
        /^invalid hello: name/,
      ],
      [
        'bidi override',
        (c) => c.helloFrame('evil\u202eeman', cid('a')),
        CLOSE_CODES.badHello,
        /^invalid hello: name/,
      ],
      [
        'client id too short',
        (c) => ({ ...c.helloFrame('short id', cid('a')), clientId: 'abc' }),
        CLOSE_CODES.badHello,
        /^invalid hello: clientId/,
      ],
      [
        'protocol version 2',
        (c) => ({ ...c.helloFrame('future', cid('a')), v: 2 }),
        CLOSE_CODES.incompatibleVersion,
        /version 1, not 2/,
      ],
    ]
    for (const [label, hello, code, message] of cases) {
      const c = client(url)
      await c.challenged()
      c.sendJson(hello(c))
      expect(await c.closed, label).toBe(code)
      expect(c.all('error'), label).toHaveLength(1)
      expect(c.all('error')[0]?.message, label).toMatch(message)
    }
    // The same hello without a defect is welcomed.
    expect((await client(url).join('fine', cid('a'))).you.name).toBe('fine')
    // A short hello timeout on a hub of its own, so that no hello above can run into it.
    const hurried = await hubWith({ limits: { helloTimeoutMs: 200 } })
    const silent = client(hurried.url)
    await silent.opened
    expect(await silent.closed).toBe(CLOSE_CODES.helloTimeout)
  })

  it('trims display names', async () => {
    const { url } = await hubWith()
    const c = client(url)
    expect((await c.join('  Ann  ', cid('ann'))).you.name).toBe('Ann')
  })

  it('closes binary frames (1003), invalid UTF-8 (1007) and oversized frames (1009)', async () => {
    const { url, hub } = await hubWith({ limits: { maxFrameBytes: 1024 } })
    const witness = await member(url, 'witness')
    const binary = await member(url, 'binary')
    binary.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await binary.closed).toBe(CLOSE_CODES.unsupportedData)
    expect(binary.all('error').map((e) => e.code)).toEqual(['binary_unsupported'])
    expect(await witness.next('left')).toMatchObject({ name: 'binary', reason: 'removed' })

    const invalid = await rawUpgrade(hub.port)
    const invalidClosed = new Promise<Buffer>((resolve) => {
      let data = Buffer.alloc(0)
      invalid.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])))
      invalid.on('close', () => resolve(data))
    })
    invalid.write(clientFrame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])))
    const frames = await invalidClosed
    // A close frame: 0x88, length, then the status code.
    const at = frames.indexOf(0x88)
    expect(frames.readUInt16BE(at + 2)).toBe(CLOSE_CODES.invalidPayload)

    const big = await member(url, 'big')
    big.chat('big', 'x'.repeat(2000))
    expect(await big.closed).toBe(CLOSE_CODES.messageTooBig)

    witness.chat('w', 'unaffected')
    expect((await witness.next('chat')).id).toBe('w')
  })

  it('closes a connection after too many malformed frames', async () => {
    const { url } = await hubWith({ limits: { maxBadFrames: 5 } })
    const c = await member(url, 'noisy')
    for (let i = 0; i < 10; i++) c.ws.send('nope')
    expect(await c.closed).toBe(CLOSE_CODES.tooManyErrors)
    expect(c.all('error')).toHaveLength(5)
  })

  it('rate-limits chats per member with a token bucket', async () => {
    const { url } = await hubWith({ rateLimit: 5, limits: { chatBurst: 5 } })
    const witness = await member(url, 'witness')
    const fast = await member(url, 'fast')
    for (let i = 0; i < 8; i++) fast.chat(`f${i}`, `flood ${i}`)
    await waitFor(() => fast.all('chat').length + fast.all('error').length === 8)
    const limited = fast.all('error')
    expect(limited.map((e) => e.code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited'])
    expect(limited[0]?.id).toBe('f5')
    expect(limited[0]?.retryAfterMs).toBeGreaterThan(0)
    expect(fast.all('chat')).toHaveLength(5)
    await new Promise((resolve) => setTimeout(resolve, limited[0]?.retryAfterMs ?? 0))
    fast.chat('f5', 'flood 5')
    await waitFor(() => fast.all('chat').length === 6)
    // The other member was not limited by someone else's flood.
    witness.chat('w1', 'calm')
    await waitFor(() => witness.all('chat').some((c) => c.id === 'w1'))
  })

  it('rate-limits the member, not the connection: reconnecting gives no fresh burst', async () => {
    // One chat every 10 s: however slow this machine is to reconnect, the burst is not back.
    const { url } = await hubWith({ rateLimit: 0.1, limits: { chatBurst: 3 } })
    const witness = await member(url, 'witness')
    const fast = await member(url, 'fast')
    for (let i = 0; i < 3; i++) fast.chat(`f${i}`, `burst ${i}`)
    await waitFor(() => fast.all('chat').length === 3)
    // A new connection that replaces the old one at once...
    const replacing = client(url)
    await replacing.join('fast', cid('fast'))
    replacing.chat('r', 'replaced')
    expect(await replacing.next('error')).toMatchObject({ code: 'rate_limited', id: 'r' })
    // ...and one that comes back after the member left: the same bucket.
    await replacing.close()
    await witness.next('left')
    const back = client(url)
    await back.join('fast', cid('fast'))
    back.chat('b', 'back again')
    const limited = await back.next('error')
    expect(limited).toMatchObject({ code: 'rate_limited', id: 'b' })
    expect(limited.retryAfterMs).toBeGreaterThan(0)
    // Another member is not limited by it.
    witness.chat('w', 'calm')
    await waitFor(() => witness.all('chat').some((c) => c.id === 'w'))
    expect(witness.all('error')).toEqual([])
  })

  it('does not limit with rate limit 0', async () => {
    const { url } = await hubWith({ rateLimit: 0 })
    const c = await member(url, 'bench')
    for (let i = 0; i < 200; i++) c.chat(`b${i}`, 'x')
    await waitFor(() => c.all('chat').length === 200)
    expect(c.all('error')).toEqual([])
  })

  it('refuses members beyond the room limit, but lets a member reconnect', async () => {
    const { url } = await hubWith({ limits: { maxMembers: 2 } })
    await member(url, 'one')
    await member(url, 'two')
    const third = client(url)
    await third.opened
    third.hello('three', cid('three'))
    expect(await third.closed).toBe(CLOSE_CODES.roomFull)
    expect(third.all('error')[0]?.code).toBe('room_full')
    await client(url).join('two', cid('two'))
  })
})

describe('limits against hostile peers', () => {
  /** A raw connection that records whether the hub closed it (see rawConnection). */
  function tcp(...args: Parameters<typeof rawConnection>): ReturnType<typeof rawConnection> {
    const connection = rawConnection(...args)
    cleanups.push(() => connection.socket.destroy())
    return connection
  }

  it('closes connections that never complete a request within httpRequestTimeoutMs', async () => {
    const { hub, url } = await hubWith({ limits: { httpRequestTimeoutMs: 300 } })
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    const started = Date.now()
    // Never starts TLS; finishes TLS but sends nothing; sends a request a header at a time.
    const silent = tcp(hub.port, false)
    const idle = tcp(hub.port)
    const dribbling = tcp(hub.port)
    dribbling.socket.write('GET /info HTTP/1.1\r\n')
    const drip = setInterval(() => dribbling.socket.write('X-Slow: 1\r\n'), 100)
    cleanups.push(() => clearInterval(drip))
    // The members talk while those connections hang on...
    alice.chat('during', 'still here')
    expect((await bob.next('chat')).id).toBe('during')
    await Promise.all([silent.closedByHub, idle.closedByHub, dribbling.closedByHub])
    // Typically 0.3–0.6 s; a bound of many times that, still far below the 10 s default.
    expect(Date.now() - started).toBeLessThan(5_000)
    // ...and after the hub closed them, undisturbed.
    bob.chat('after', 'me too')
    expect((await alice.next('chat')).id).toBe('during')
    expect((await alice.next('chat')).id).toBe('after')
    expect([alice.closeCode, bob.closeCode]).toEqual([null, null])
    expect([...alice.all('error'), ...bob.all('error')]).toEqual([])
  })

  it('keeps at most maxHttpConnections plain HTTP connections, closing the oldest', async () => {
    const { hub, url } = await hubWith({ limits: { maxHttpConnections: 4 } })
    const idle = Array.from({ length: 6 }, (_, i) => tcp(hub.port, i % 2 === 0))
    // The two oldest make room for the newest...
    await Promise.all(idle.slice(0, 2).map((c) => c.closedByHub))
    // ...and a newcomer gets in although the others still hold their connections.
    await member(url, 'newcomer')
    await (idle[2] as { closedByHub: Promise<string> }).closedByHub
  })

  it("counts a peer port connected to two of the hub's addresses as two connections", async () => {
    const { hub } = await hubWith({ limits: { maxHttpConnections: 2 } })
    // A hub bound to every interface takes connections on each of its addresses. Here a second
    // address, 127.0.0.2, hands what it accepts to the hub's own server, as the kernel would.
    const server = (hub as unknown as { server: { http: Server } }).server.http
    const door = createServer((socket) => server.emit('connection', socket))
    await new Promise<void>((resolve) => door.listen(0, '127.0.0.2', resolve))
    cleanups.push(() => door.close())
    const doorPort = (door.address() as AddressInfo).port
    // One peer port, to both addresses: an idle connection that finishes TLS and says nothing,
    // and one that becomes a WebSocket.
    const localPort = await freePort()
    const idle = tcp(hub.port, true, { localAddress: '127.0.0.1', localPort })
    await new Promise((resolve) => idle.socket.once('secureConnect', resolve))
    const upgraded = tcp(doorPort, true, {
      localAddress: '127.0.0.1',
      localPort,
      host: '127.0.0.2',
    })
    await new Promise((resolve) => upgraded.socket.once('secureConnect', resolve))
    await upgrade(upgraded.socket)
    expect((await rawChallenge(upgraded.socket)).nonce).toBeTruthy()
    // The upgrade took its own connection out of the plain-HTTP count, not the idle one: two
    // newcomers make the idle connection the oldest of three, and the hub closes it (long
    // before its request timeout), while the WebSocket stays.
    const newcomers = [tcp(hub.port), tcp(hub.port)]
    const closed = await Promise.race([
      idle.closedByHub.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 3_000)),
    ])
    expect(closed).toBe(true)
    expect(upgraded.socket.destroyed).toBe(false)
    expect(newcomers.every((c) => !c.socket.destroyed)).toBe(true)
  })

  it('closes new TCP connections at once beyond maxConnections', async () => {
    const { hub, url } = await hubWith({ limits: { maxConnections: 2 } })
    await member(url, 'one')
    await member(url, 'two')
    expect(await tcp(hub.port, false).closedByHub).toBe('')
  })

  it('answers a request head larger than maxHeaderBytes with 400 and closes', async () => {
    const { hub } = await hubWith({ limits: { maxHeaderBytes: 1024 } })
    const big = tcp(hub.port)
    big.socket.write(`GET /info HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(2048)}\r\n\r\n`)
    expect(await big.closedByHub).toMatch(/^HTTP\/1.1 400/)
  })

  it('closes a refused upgrade and a malformed request even if the peer never does', async () => {
    const { hub } = await hubWith()
    const foreign = tcp(hub.port)
    foreign.socket.write(
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Protocol: lanroom.v1\r\nOrigin: http://evil.example\r\n\r\n',
    )
    const garbage = tcp(hub.port)
    garbage.socket.write('GARBAGE\r\n\r\n')
    expect(await foreign.closedByHub).toMatch(/^HTTP\/1.1 403/)
    expect(await garbage.closedByHub).toMatch(/^HTTP\/1.1 400/)
  })

  it('drops a peer that does not answer its close frame within closeTimeoutMs', async () => {
    const { hub } = await hubWith({ limits: { closeTimeoutMs: 200 } })
    const peer = await rawUpgrade(hub.port)
    cleanups.push(() => peer.destroy())
    const closed = new Promise<void>((resolve) => peer.on('close', () => resolve()))
    const started = Date.now()
    peer.write(clientFrame(Buffer.from('{"type":"hello","v":1,"name":"","clientId":"x"}')))
    await closed
    // Typically 0.2–0.3 s; a bound of many times that, far below ws's own 30 s.
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('ignores typing messages beyond typingPerSecond, and the indicator still ends', async () => {
    const { url } = await hubWith({
      limits: { typingPerSecond: 1, typingBurst: 3, typingTimeoutMs: 300 },
    })
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    await alice.next('joined')
    for (let i = 0; i < 200; i++) bob.sendJson({ type: 'typing', active: i % 2 === 0 })
    // true, false, true: the burst; the other 197 were ignored...
    const relayed = [await alice.next('typing'), await alice.next('typing')]
    relayed.push(await alice.next('typing'))
    expect(relayed.map((t) => t.active)).toEqual([true, false, true])
    // ...the `false` that followed among them too, so the expiry ends the indicator.
    expect((await alice.next('typing')).active).toBe(false)
    expect(alice.all('typing')).toHaveLength(4)
    expect(bob.all('error')).toEqual([])
  })

  it('closes the members holding the most of their own frames past maxTotalUniqueBytes', async () => {
    const { hub, url } = await hubWith({
      rateLimit: 1,
      // The flooder never answers the close either: it is dropped closeTimeoutMs later.
      limits: { chatBurst: 1, maxTotalUniqueBytes: 50_000, closeTimeoutMs: 250 },
    })
    const witness = await member(url, 'witness')
    const flooder = await rawUpgrade(hub.port)
    cleanups.push(() => flooder.destroy())
    const flooded = await rawChallenge(flooder)
    flooder.write(
      clientFrame(
        Buffer.from(
          JSON.stringify(signedHello(flooded.nonce, flooded.fingerprint, 'flood', cid('fl'))),
        ),
      ),
    )
    await witness.next('joined')
    flooder.pause() // never reads the errors it is about to earn
    // Chats beyond the rate: each earns an error frame made for the flooder alone, and
    // thousands arrive in one read, before the socket could take any of them.
    const chats = Array.from({ length: 3_000 }, (_, i) =>
      clientFrame(Buffer.from(JSON.stringify({ type: 'chat', id: `f${i}`, text: 'x' }))),
    )
    flooder.write(Buffer.concat(chats))
    expect(await witness.next('left')).toMatchObject({ name: 'flood', reason: 'removed' })
    witness.chat('w', 'still here')
    expect((await witness.next('chat')).id).toBe('w')
    expect(witness.closeCode).toBeNull()
  })
})

describe('typing', () => {
  it('relays typing to the others, throttled, and expires it by itself', async () => {
    // The two sends right after the first relay fall within the throttle however slow the
    // machine; the expiry is waited for with many times its length.
    const { url } = await hubWith({ limits: { typingThrottleMs: 1_000, typingTimeoutMs: 1_000 } })
    const alice = await member(url, 'alice')
    const bob = await member(url, 'bob')
    await alice.next('joined')
    bob.sendJson({ type: 'typing', active: true })
    expect(await alice.next('typing')).toEqual({
      type: 'typing',
      clientId: cid('bob'),
      name: 'bob',
      active: true,
    })
    bob.sendJson({ type: 'typing', active: true })
    bob.sendJson({ type: 'typing', active: true })
    const expired = await alice.next('typing', 10_000)
    expect(expired.active).toBe(false)
    expect(alice.all('typing')).toHaveLength(2)
    expect(bob.all('typing')).toEqual([])
    bob.sendJson({ type: 'typing', active: true })
    expect((await alice.next('typing')).active).toBe(true)
    bob.sendJson({ type: 'typing', active: false })
    expect((await alice.next('typing')).active).toBe(false)
  })
})

describe('heartbeats and slow consumers', () => {
  it('removes a member that stops answering pings and announces it', async () => {
    const { url, hub } = await hubWith({ limits: { heartbeatIntervalMs: 150 } })
    const alice = await member(url, 'alice')
    const zombie = client(url, { autoPong: false })
    await zombie.hello('zombie', cid('zombie'))
    await alice.next('joined')
    const started = Date.now()
    const left = await alice.next('left', 10_000)
    expect(left).toMatchObject({ name: 'zombie', reason: 'lost' })
    // Two heartbeats: typically 0.2–0.3 s. Nothing but the heartbeat removes a silent member.
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(hub.memberCount).toBe(1)
  })

  it('closes a member that cannot keep up, without delaying the others', async () => {
    const { url, hub } = await hubWith({
      rateLimit: 0,
      // The slow member never answers the close either: it is dropped closeTimeoutMs later.
      limits: { maxBufferedBytes: 256 * 1024, closeTimeoutMs: 250 },
    })
    const witness = await member(url, 'witness')
    const sender = await member(url, 'sender')
    const slow = await rawUpgrade(hub.port)
    cleanups.push(() => slow.destroy())
    const slowChallenge = await rawChallenge(slow)
    slow.write(
      clientFrame(
        Buffer.from(
          JSON.stringify(
            signedHello(slowChallenge.nonce, slowChallenge.fingerprint, 'slow', cid('slow')),
          ),
        ),
      ),
    )
    await witness.next('joined')
    await sender.next('joined')
    slow.pause() // never reads again
    const text = 'y'.repeat(3000)
    let sent = 0
    // Bounded: at most 6000 chats of 3 kB, far more than the kernel buffers can hide.
    while (sent < 6000 && !witness.all('left').length) {
      for (let i = 0; i < 10; i++) sender.chat(`s${sent++}`, text)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const left = await witness.next('left')
    expect(left).toMatchObject({ name: 'slow', reason: 'removed' })
    await waitFor(() => witness.all('chat').length === sent, 10_000, 'witness to get every chat')
    expect(witness.all('chat').map((c) => c.seq)).toEqual(
      Array.from({ length: sent }, (_, i) => i + 1),
    )
    expect(hub.memberCount).toBe(2)
  })
})

describe('large welcomes', () => {
  it('does not count a long history against a member that joins', async () => {
    const { url, hub } = await hubWith({ rateLimit: 0, limits: { maxBufferedBytes: 256 * 1024 } })
    const alice = await member(url, 'alice')
    // 500 chats of 12 kB: a 6 MB welcome, more than the kernel's socket buffers hold.
    // Sent in batches that alice reads back, so she is not a slow consumer herself.
    for (let batch = 0; batch < 25; batch++) {
      for (let i = 0; i < 20; i++) alice.chat(`h${batch * 20 + i}`, '€'.repeat(4000))
      await waitFor(() => alice.all('chat').length === (batch + 1) * 20, 10_000, 'history')
    }
    // A joiner that does not read for a moment while the room goes on.
    const late = await rawUpgrade(hub.port)
    cleanups.push(() => late.destroy())
    const lateChallenge = await rawChallenge(late)
    late.pause()
    late.write(
      clientFrame(
        Buffer.from(
          JSON.stringify(
            signedHello(lateChallenge.nonce, lateChallenge.fingerprint, 'late', cid('late')),
          ),
        ),
      ),
    )
    await alice.next('joined')
    alice.chat('live', 'while you were loading')
    await alice.next('chat')
    await new Promise((resolve) => setTimeout(resolve, 200))
    let received = ''
    late.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
    late.resume()
    await waitFor(() => received.includes('while you were loading'), 20_000, 'the live chat')
    expect(hub.memberCount).toBe(2)
    expect(alice.all('left')).toEqual([])
  })
})

describe('stopping', () => {
  it('says goodbye to every member with 1001, flushes and releases the port', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const hub = await Hub.start({
      roomName: 'Stop',
      hostName: 'H',
      dataDir: dir.path,
      bind: '127.0.0.1',
      port: 0,
      tls: await testTls(),
    })
    const url = `wss://127.0.0.1:${hub.port}/ws`
    const alice = await member(url, 'alice')
    alice.chat('last', 'last words')
    await alice.next('chat')
    await hub.stop()
    expect((await alice.next('closing')).reason).toBe('host_stopped')
    expect(await alice.closed).toBe(CLOSE_CODES.goingAway)
    const again = await Hub.start({
      roomName: 'Stop',
      hostName: 'H',
      dataDir: dir.path,
      bind: '127.0.0.1',
      port: hub.port,
      tls: await testTls(),
    })
    cleanups.push(() => again.stop())
    expect(again.roomId).toBe(hub.roomId)
    const welcome = await client(`wss://127.0.0.1:${again.port}/ws`).join('bob', cid('bob'))
    expect(welcome.history.map((c) => c.text)).toEqual(['last words'])
  })

  it('reports an explicit port in use clearly, and falls back when the default is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)))
    const port = (blocker.address() as { port: number }).port
    const dir = tempDir()
    cleanups.push(dir.remove)
    const attempt = Hub.start({
      roomName: 'R',
      hostName: 'H',
      dataDir: dir.path,
      bind: '127.0.0.1',
      port,
      tls: false,
    })
    await expect(attempt).rejects.toThrow(HubError)
    await expect(attempt).rejects.toThrow(`port ${port} is already in use`)
  })
})
