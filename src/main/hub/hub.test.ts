import { existsSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLOSE_CODES, LIMITS, PROTOCOL_VERSION } from '../../shared/protocol'
import { cid, tempDir, waitFor, type TestClient } from '../../../test/support/ws-client'
import { hubRequest, rawRequest } from '../../../test/support/raw-socket'
import { testTls } from '../../../test/support/tls'
import { Hub, HubError, isOwnOrigin } from './hub'
import { useHubFixture } from './testing/hub-fixture'
import { lockOfKilledHub } from './testing/dead-lock'
import { SILENT_LOGGER, type Logger } from './logger'

// The hub end to end, on real sockets: what a member sees. Its limits against hostile peers
// are in hub-limits.test.ts; each part has tests of its own beside it.

const { cleanups, hubWith, client, member, rawMember } = useHubFixture()

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
      guests: true,
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
    // A second between pings: alice, who does answer, must not be taken for dead when this
    // process is slow to run (at 150 ms a busy machine dropped her too).
    const { url, hub } = await hubWith({ limits: { heartbeatIntervalMs: 1_000 } })
    const alice = await member(url, 'alice')
    const zombie = client(url, { autoPong: false })
    await zombie.hello('zombie', cid('zombie'))
    await alice.next('joined')
    const started = Date.now()
    const left = await alice.next('left', 30_000)
    expect(left).toMatchObject({ name: 'zombie', reason: 'lost' })
    // Two heartbeats: typically 1-2 s. Nothing but the heartbeat removes a silent member.
    expect(Date.now() - started).toBeLessThan(15_000)
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
    const slow = await rawMember(hub.port, 'slow')
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
    const late = await rawMember(hub.port, 'late')
    late.pause()
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
    const { hub, url } = await hubWith({ roomName: 'Stop', dataDir: dir.path })
    const alice = await member(url, 'alice')
    alice.chat('last', 'last words')
    await alice.next('chat')
    await hub.stop()
    expect((await alice.next('closing')).reason).toBe('host_stopped')
    expect(await alice.closed).toBe(CLOSE_CODES.goingAway)
    const again = await hubWith({ roomName: 'Stop', dataDir: dir.path, port: hub.port })
    expect(again.hub.roomId).toBe(hub.roomId)
    const welcome = await client(again.url).join('bob', cid('bob'))
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

describe('one hub per room', () => {
  it('refuses a second hub of the room in the same data directory, until the first stops', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const first = await hubWith({ roomName: 'Shared', dataDir: dir.path })
    const second = hubWith({ roomName: 'Shared', dataDir: dir.path })
    await expect(second).rejects.toThrow(HubError)
    await expect(second).rejects.toMatchObject({
      code: 'HUB_ERR_ROOM_IN_USE',
      message: `the room "Shared" is already being hosted from this data directory (by process ${process.pid})`,
    })
    // Another room of the same data directory is another lock.
    await hubWith({ roomName: 'Other', dataDir: dir.path })
    const alice = await member(first.url, 'alice')
    alice.chat('kept', 'still here')
    await alice.next('chat')
    await first.hub.stop()
    const again = await hubWith({ roomName: 'Shared', dataDir: dir.path })
    expect(again.hub.roomId).toBe(first.hub.roomId)
    const welcome = await client(again.url).join('bob', cid('bob'))
    expect(welcome.history.map((c) => c.text)).toEqual(['still here'])
  })

  it('takes over the lock of a hub that was killed, and says so', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const first = await hubWith({ roomName: 'Crashed', dataDir: dir.path })
    // What kill -9 leaves: the lock file, naming a process that is gone.
    const roomDir = join(dir.path, 'rooms', first.hub.roomId)
    first.hub.abort()
    const dead = lockOfKilledHub(join(roomDir, 'hub.lock'))
    const warnings: Array<{ fields: object; message: string }> = []
    const logger: Logger = {
      ...SILENT_LOGGER,
      warn: (fields, message) => warnings.push({ fields, message }),
    }
    const again = await hubWith({ roomName: 'Crashed', dataDir: dir.path, logger })
    expect(again.hub.roomId).toBe(first.hub.roomId)
    expect(warnings).toContainEqual({
      fields: { path: join(roomDir, 'hub.lock'), holderPid: dead },
      message: 'taking over the room lock of a process that is gone',
    })
    await again.stop()
    // A graceful stop leaves no lock behind.
    expect(existsSync(join(roomDir, 'hub.lock'))).toBe(false)
    expect(readdirSync(join(dir.path, 'rooms'))).toEqual([first.hub.roomId])
  })
})
