import { createServer, type AddressInfo, type Server } from 'node:net'
import { describe, expect, it } from 'vitest'
import { CLOSE_CODES, LIMITS } from '../../shared/protocol'
import { cid, waitFor, type TestClient } from '../../../test/support/ws-client'
import { clientFrame, rawChallenge, rawUpgrade, upgrade } from '../../../test/support/raw-socket'
import { freePort } from '../../../test/support/free-port'
import { useHubFixture } from './testing/hub-fixture'
import { readPace } from './peer'
import { rawConnection } from './testing/raw-connection'

// The hub end to end against peers that break the rules: malformed frames, floods, idle and
// dribbling connections, and every limit in LIMITS that such peers run into.

const { cleanups, hubWith, client, member, rawMember } = useHubFixture()

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

  it('handles a flood no faster than its read pace, even what one read brought; each frame answered in order', async () => {
    const { url } = await hubWith({})
    const pace = readPace(LIMITS, LIMITS.chatsPerSecond)
    // The read bucket is made, full, when the connection is: after this.
    const start = performance.now()
    const flooder = await member(url, 'flood')
    const sent = pace.burst + 150
    // All at once: they reach the hub in a few reads of hundreds of frames each.
    for (let i = 0; i < sent; i++) flooder.chat(`f${i}`, 'x')
    const answered = (): string[] =>
      flooder.received.flatMap((m) =>
        (m.type === 'chat' && m.name === 'flood') || (m.type === 'error' && m.id !== undefined)
          ? [m.id as string]
          : [],
      )
    // What the flooder has been answered is at most what the hub has handled, which the pace
    // bounds at every moment (the hello took a frame too).
    let worst = Number.NEGATIVE_INFINITY
    await waitFor(
      () => {
        const allowed = pace.burst + (pace.perSecond * (performance.now() - start)) / 1000
        worst = Math.max(worst, answered().length + 1 - allowed)
        return answered().length === sent
      },
      // The last 150 take about 1.2 s at the pace.
      20_000,
    )
    expect(worst).toBeLessThanOrEqual(1)
    expect(answered()).toEqual(Array.from({ length: sent }, (_, i) => `f${i}`))
    expect(flooder.closeCode).toBeNull()
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

  // This hub's own bound (maxMembers), and the room's (maxRoomMembers), whichever is lower.
  for (const limits of [{ maxMembers: 2 }, { maxMembers: 5, maxRoomMembers: 2 }]) {
    it(`refuses members beyond ${JSON.stringify(limits)}, but lets a member reconnect`, async () => {
      const { url } = await hubWith({ limits })
      await member(url, 'one')
      await member(url, 'two')
      const third = client(url)
      await third.opened
      third.hello('three', cid('three'))
      expect(await third.closed).toBe(CLOSE_CODES.roomFull)
      expect(third.all('error')[0]).toMatchObject({
        code: 'room_full',
        message: 'the room is full (2)',
      })
      await client(url).join('two', cid('two'))
    })
  }
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

  it('keeps at most maxHttpConnections connections being set up, as many waiting for a 503', async () => {
    const { hub, url } = await hubWith({ limits: { maxHttpConnections: 4, setupGraceMs: 200 } })
    // Every other one never starts TLS; the others finish it and say nothing.
    const idle: Array<ReturnType<typeof tcp>> = []
    for (let i = 0; i < 9; i++) {
      idle.push(tcp(hub.port, i % 2 === 0))
      await new Promise((resolve) => idle[i]?.socket.once('connect', resolve))
    }
    const at = (i: number): ReturnType<typeof tcp> => idle[i] as ReturnType<typeof tcp>
    // Four are being set up, the next four are kept for a 503 and the last is closed at once,
    // without an answer. Of the four kept, those that speak TLS are told 503 as soon as their
    // handshake is done; those that never start it are closed once silent for the grace.
    expect(await at(8).closedByHub).toBe('')
    for (const i of [4, 6]) {
      expect(await at(i).closedByHub).toMatch(/^HTTP\/1.1 503 .*\r\nretry-after: 1\r\n/is)
    }
    expect(await Promise.all([at(5).closedByHub, at(7).closedByHub])).toEqual(['', ''])
    // A newcomer gets in although the others still hold their connections: in place of the
    // oldest, set up for longer than the grace.
    await member(url, 'newcomer')
    await at(0).closedByHub
    expect([1, 2, 3].map((i) => at(i).socket.destroyed)).toEqual([false, false, false])
  })

  it("counts a peer port connected to two of the hub's addresses as two connections", async () => {
    const { hub } = await hubWith({ limits: { maxHttpConnections: 2, setupGraceMs: 100 } })
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
    // newcomers make the idle connection, set up for longer than the grace, the oldest of three,
    // and the hub closes it (long before its request timeout), while the WebSocket stays.
    await new Promise((resolve) => setTimeout(resolve, 150))
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
      limits: { chatBurst: 1, maxTotalUniqueBytes: 20_000, closeTimeoutMs: 250 },
    })
    const witness = await member(url, 'witness')
    const flooder = await rawMember(hub.port, 'flood', cid('fl'))
    await witness.next('joined')
    flooder.pause() // never reads the errors it is about to earn
    // Chats beyond the rate: each earns an error frame made for the flooder alone, and the
    // read pace's whole burst (380 here) is answered in one turn, before the socket could take
    // any of them. Fewer than two bursts in all: none is closed for frames held past the pace.
    const { burst } = readPace({ ...LIMITS, chatBurst: 1 }, 1)
    const chats = Array.from({ length: burst + 200 }, (_, i) =>
      clientFrame(Buffer.from(JSON.stringify({ type: 'chat', id: `f${i}`, text: 'x' }))),
    )
    flooder.write(Buffer.concat(chats))
    expect(await witness.next('left')).toMatchObject({ name: 'flood', reason: 'removed' })
    witness.chat('w', 'still here')
    expect((await witness.next('chat')).id).toBe('w')
    expect(witness.closeCode).toBeNull()
  })
})
