import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, headers } from '@nats-io/transport-node'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { LIMITS, type ChatEvent } from '../../shared/protocol'
import { cid, waitFor, type TestClient } from '../../../test/support/ws-client'
import { useHubFixture } from '../hub/testing/hub-fixture'
import type { Logger } from '../hub/logger'
import { received } from '../hub/testing/timeline-client'
import { msgId } from './event-log'
import { HAVE_NATS_SERVER, startNats, type TestNats } from './testing/nats-server'

// One room served by several hubs through one JetStream server (a single nats-server: the
// clustered servers are test/support/nats-cluster.ts). Real hubs, real sockets, a real nats-server.

const { hubWith, client } = useHubFixture()

/** Every test gets a room of its own on the one server. */
let rooms = 0
let nats: TestNats | null = null

beforeAll(async () => {
  if (HAVE_NATS_SERVER) nats = await startNats()
})
afterAll(async () => {
  await nats?.stop()
})

/** A log that keeps the warnings, to see what the hub dropped. */
function recordingLogger(): Logger & { warnings: Array<{ fields: object; message: string }> } {
  const warnings: Array<{ fields: object; message: string }> = []
  const none = (): void => {}
  return {
    warnings,
    debug: none,
    info: none,
    error: none,
    warn: (fields, message) => warnings.push({ fields, message }),
  }
}

type TestHub = Awaited<ReturnType<ReturnType<typeof useHubFixture>['hubWith']>>

/** The i-th of a list the test made long enough. */
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i]
  if (item === undefined) throw new Error(`no item ${i}`)
  return item
}

async function clusteredHubs(count: number, roomName: string, logger?: Logger): Promise<TestHub[]> {
  const url = (nats as TestNats).url
  const hubs = []
  for (let i = 0; i < count; i++) {
    hubs.push(
      await hubWith({
        roomName,
        rateLimit: 0,
        nats: { servers: [url] },
        ...(logger ? { logger } : {}),
      }),
    )
  }
  return hubs
}

async function memberOn(url: string, name: string, resume?: { epoch: string; lastSeq: number }) {
  const c = client(url)
  const welcome = await c.join(name, cid(name), resume)
  return { c, welcome }
}

/** The chats a member received live (not in its welcome), in the order they came. */
function chatsOf(c: TestClient): ChatEvent[] {
  return c.all('chat')
}

describe.skipIf(!HAVE_NATS_SERVER)('a room on several hubs through JetStream', () => {
  it('gives every member every chat exactly once, in one seq order on every hub', async () => {
    const hubs = await clusteredHubs(3, `Room ${++rooms}`)
    const first = nth(hubs, 0).hub
    for (const { hub } of hubs) {
      expect(hub.roomId).toBe(first.roomId)
      expect(hub.epoch).toBe(first.epoch)
    }
    const members: TestClient[] = []
    for (let i = 0; i < 30; i++) {
      members.push((await memberOn(nth(hubs, i % 3).url, `m${i}`)).c)
    }
    const perMember = 3
    for (let round = 0; round < perMember; round++) {
      for (const [i, c] of members.entries()) c.chat(`m${i}-${round}`, `hello ${i} ${round}`)
    }
    const total = members.length * perMember
    for (const c of members) {
      await waitFor(() => chatsOf(c).length >= total, 60_000, 'every chat')
    }
    // A moment for any double to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const reference = chatsOf(nth(members, 0)).map((chat) => `${chat.seq}:${chat.id}`)
    expect(new Set(reference).size).toBe(total)
    const seqs = chatsOf(nth(members, 0)).map((chat) => chat.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    for (const c of members) {
      expect(chatsOf(c).map((chat) => `${chat.seq}:${chat.id}`)).toEqual(reference)
    }

    // A member drops, comes back (to its hub) and sends its last chat again: acknowledged
    // with its seq, to it alone.
    const m0 = nth(members, 0)
    const last = chatsOf(m0).find((chat) => chat.id === `m0-${perMember - 1}`) as ChatEvent
    m0.ws.terminate()
    const back = await memberOn(nth(hubs, 0).url, 'm0', {
      epoch: first.epoch,
      lastSeq: seqs.at(-1) as number,
    })
    expect(back.welcome.resumed).toBe(true)
    back.c.chat(last.id, last.text)
    const again = await received(back.c, 'chat', (chat) => chat.id === last.id)
    expect(again.seq).toBe(last.seq)
    // …and on another hub, the same.
    const m1 = nth(members, 1)
    const last1 = chatsOf(m1).find((chat) => chat.id === `m1-0`) as ChatEvent
    m1.ws.terminate()
    const moved = await memberOn(nth(hubs, 2).url, 'm1', {
      epoch: first.epoch,
      lastSeq: seqs.at(-1) as number,
    })
    moved.c.chat(last1.id, last1.text)
    expect((await received(moved.c, 'chat', (chat) => chat.id === last1.id)).seq).toBe(last1.seq)
    // A new chat after the resends, to know the others have seen everything before it.
    moved.c.chat('after', 'after the resends')
    for (const c of members.slice(2)) {
      await received(c, 'chat', (chat) => chat.id === 'after')
      expect(chatsOf(c)).toHaveLength(total + 1)
    }
  }, 120_000)

  it('resumes a member on another hub from its last seq, losing nothing', async () => {
    const hubs = await clusteredHubs(2, `Room ${++rooms}`)
    const [a, b] = [nth(hubs, 0), nth(hubs, 1)]
    const ada = (await memberOn(a.url, 'ada')).c
    const bob = (await memberOn(b.url, 'bob')).c
    for (let i = 0; i < 5; i++) bob.chat(`b${i}`, `before ${i}`)
    await waitFor(() => chatsOf(ada).length === 5, 30_000, 'the first chats')
    const lastSeq = (chatsOf(ada).at(-1) as ChatEvent).seq
    ada.ws.terminate()
    await ada.closed
    for (let i = 5; i < 12; i++) bob.chat(`b${i}`, `while away ${i}`)
    await waitFor(() => chatsOf(bob).length === 12, 30_000, "bob's chats")
    const { welcome } = await memberOn(b.url, 'ada', { epoch: a.hub.epoch, lastSeq })
    expect(welcome.resumed).toBe(true)
    expect(welcome.gap).toBe(false)
    expect(welcome.history.map((chat) => chat.id)).toEqual(
      Array.from({ length: 7 }, (_, i) => `b${i + 5}`),
    )
    expect(welcome.lastSeq).toBe((chatsOf(bob).at(-1) as ChatEvent).seq)
  }, 60_000)

  it('catches a hub that starts late (or again) up from the stream before it welcomes', async () => {
    const roomName = `Room ${++rooms}`
    const a = nth(await clusteredHubs(1, roomName), 0)
    const ada = (await memberOn(a.url, 'ada')).c
    for (let i = 0; i < 20; i++) ada.chat(`a${i}`, `early ${i}`)
    await waitFor(() => chatsOf(ada).length === 20, 30_000, "ada's chats")
    const late = nth(await clusteredHubs(1, roomName), 0)
    const first = await memberOn(late.url, 'bob')
    expect(first.welcome.lastSeq).toBe((chatsOf(ada).at(-1) as ChatEvent).seq)
    expect(first.welcome.history.map((chat) => chat.id)).toEqual(
      chatsOf(ada).map((chat) => chat.id),
    )
    // Stopped, the room goes on without it; started again on its data, it reads only the rest.
    await late.hub.stop()
    for (let i = 20; i < 25; i++) ada.chat(`a${i}`, `while it was down ${i}`)
    await waitFor(() => chatsOf(ada).length === 25, 30_000, 'the later chats')
    const again = nth(
      [
        await hubWith({
          roomName,
          rateLimit: 0,
          nats: { servers: [(nats as TestNats).url] },
          dataDir: late.dataDir,
        }),
      ],
      0,
    )
    const { welcome } = await memberOn(again.url, 'bob')
    expect(welcome.history.map((chat) => chat.id)).toEqual(chatsOf(ada).map((chat) => chat.id))
  }, 60_000)

  it('drops and logs what is not a hub’s op on the subject, and applies the rest', async () => {
    const logger = recordingLogger()
    const roomName = `Room ${++rooms}`
    const hub = nth(await clusteredHubs(1, roomName, logger), 0)
    const ada = (await memberOn(hub.url, 'ada')).c
    const roomId = hub.hub.roomId
    const subject = `lanroom.${roomId}.events`
    const nc = await connect({ servers: (nats as TestNats).url })
    try {
      const jsm = await jetstreamManager(nc)
      // Whoever may change the stream may lift its size limit: the hub has its own.
      const info = await jsm.streams.info(`LANROOM_${roomId}`)
      await jsm.streams.update(`LANROOM_${roomId}`, { ...info.config, max_msg_size: -1 })
      const js = jetstream(nc)
      const op = (id: string, text: string) => ({
        type: 'chat',
        id,
        from: cid('mallory'),
        name: 'Mallory',
        text,
        ts: Date.now(),
      })
      const publish = (data: string, id?: string) => {
        const h = headers()
        if (id) h.set('Nats-Msg-Id', id)
        return js.publish(subject, data, { headers: h })
      }
      await publish('not json at all', 'x1')
      await publish(JSON.stringify({ type: 'chat', id: 'x2', text: 'no sender' }), 'x2')
      await publish(JSON.stringify({ ...op('x3', 'hi'), seq: 1 }), msgId(cid('mallory'), 'x3'))
      await publish(JSON.stringify(op('x4', 'wrong id')), 'someone-else:x4')
      await publish(
        JSON.stringify(op('x5', 'x'.repeat(LIMITS.maxFrameBytes))),
        msgId(cid('mallory'), 'x5'),
      )
      await publish(
        JSON.stringify({ ...op('x6', 'extra'), edited: true }),
        msgId(cid('mallory'), 'x6'),
      )
      const good = await publish(
        JSON.stringify(op('ok', 'a hub’s op')),
        msgId(cid('mallory'), 'ok'),
      )
      const chat = await received(ada, 'chat', (c) => c.id === 'ok')
      // The stream's seq is the room's, even past the messages no hub applied.
      expect(chat.seq).toBe(good.seq)
      expect(chatsOf(ada).map((c) => c.id)).toEqual(['ok'])
      const dropped = logger.warnings.filter(
        (w) => w.message === 'dropped a message from the room stream',
      )
      expect(dropped.map((w) => (w.fields as { reason: string }).reason)).toEqual([
        'not JSON',
        'not an op',
        'not an op',
        'message id is not the op’s',
        `larger than ${LIMITS.maxFrameBytes} bytes`,
        'not an op',
      ])
    } finally {
      await nc.close()
    }
  }, 60_000)
})
