/**
 * Issue #19: a clustered room loses and doubles nothing through failures. Three real
 * nats-servers in a JetStream cluster, the room's stream with three replicas, three hubs in
 * processes of their own (kill -9 is real), one certificate for all of them, and members that
 * are real RoomConnections trying the hubs in turn. Each test counts what every member's
 * sockets received and prints the counts.
 */
import { isDeepStrictEqual } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { requestInfo } from '../../src/main/discovery/probe'
import { SCHEMAS } from '../../src/shared/protocol'
import { natsServerInstalled } from '../support/nats-cluster'
import { startClusterRoom, type ClusterRoom } from './cluster-room'
import { ClusterMember, count, describeCounts, rotated, type Counts } from './cluster-members'

/** Safety nets (≥ 5× what each takes here, on a machine others are loading too). */
const SETTLE_MS = 120_000
const TEST_MS = 300_000

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: () => string,
) {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what()}`)
    await sleep(50)
  }
}

let room: ClusterRoom | null = null
let members: ClusterMember[] = []

afterEach(async () => {
  await Promise.all(members.map((m) => m.connection.close().catch(() => {})))
  members = []
  await room?.close()
  room = null
})

/** `n` more members spread over the hubs (member i tries hub i mod hubs first), all in; or
 * each given only the addresses `candidates` says. */
async function join(
  r: ClusterRoom,
  n: number,
  candidates = (index: number): string[] => rotated(r.urls, index),
): Promise<ClusterMember[]> {
  // Numbered on from the members already in: the same number is the same person.
  const first = members.length
  const joined = Array.from({ length: n }, (_, i) => {
    const index = first + i
    return new ClusterMember(index, candidates(index), r.fingerprint, r.urls)
  })
  members.push(...joined)
  // A few at a time: a hundred TLS handshakes at once are a burst a busy machine takes slowly.
  for (let i = 0; i < joined.length; i += 10) {
    await Promise.all(joined.slice(i, i + 10).map((m) => m.connection.connect()))
  }
  return joined
}

/** Every member writes `perMember` more chats, `gapMs` apart (settle() waits for the acks). */
async function chatter(all: readonly ClusterMember[], perMember: number, gapMs = 0) {
  await Promise.all(
    all.map(async (m) => {
      const from = m.firstChat + m.written.length
      for (let n = from; n < from + perMember; n++) {
        void m.write(n)
        if (gapMs > 0) await sleep(gapMs)
      }
    }),
  )
}

/** Waits until every chat is acknowledged and every member holds every acknowledged chat. */
async function settle(all: readonly ClusterMember[]): Promise<Counts & { seqs: number[] }> {
  const what = (): string =>
    describeCounts('waiting', count(all)) +
    `; not connected ${all.filter((m) => m.connection.state.status !== 'connected').length}` +
    `, outboxes ${all.reduce((sum, m) => sum + m.connection.pendingCount, 0)}` +
    (room ? [0, 1, 2].map((i) => `\nhub ${i} said: ${room?.log(i).slice(-1500)}`).join('') : '')
  await waitUntil(
    () => all.every((m) => m.written.every((w) => w.seq !== null || w.failed !== null)),
    SETTLE_MS,
    () => `every chat to be acknowledged: ${what()}`,
  )
  await waitUntil(
    () => count(all).lost === 0,
    SETTLE_MS,
    () => `every member to hold every chat: ${what()}`,
  )
  // A moment for a double to arrive, if one were on its way.
  await sleep(500)
  return count(all)
}

/** Every member writes `perMember` chats 150 ms apart while hub `i` is killed (SIGKILL) 0.3 s
 * in; then waits for it all to settle. */
async function killMidChat(r: ClusterRoom, i: number, all: ClusterMember[], perMember: number) {
  const chatting = chatter(all, perMember, 150)
  await sleep(300)
  const killedAt = performance.now()
  await r.kill(i)
  await chatting
  const counts = await settle(all)
  return { counts, settled: `${((performance.now() - killedAt) / 1000).toFixed(1)} s` }
}

/** What must hold whatever happened: everything once, in one order, the same everywhere. */
function expectWhole(all: readonly ClusterMember[], counts: Counts & { seqs: number[] }) {
  expect(counts.failed).toBe(0)
  expect(counts.seqs).toHaveLength(counts.chats)
  expect(new Set(counts.seqs).size).toBe(counts.chats)
  expect(counts.lost).toBe(0)
  expect(counts.doubled).toBe(0)
  expect(counts.outOfOrder).toBe(0)
  expect(counts.delivered).toBe(counts.expected)
  for (const m of all) {
    // The timeline: the chats in seq order, the same list for everyone, nothing marked missing.
    expect(
      m.timeline.map((chat) => chat.seq),
      `timeline of member ${m.index}`,
    ).toEqual(counts.seqs)
    expect(m.gapMarkers, `gap markers of member ${m.index}`).toBe(0)
  }
}

describe.skipIf(!natsServerInstalled)('a clustered room through failures', () => {
  it(
    'gives 100 members on three hubs every chat exactly once, in one order',
    async () => {
      const r = (room = await startClusterRoom({ natsServers: 3, hubs: 3 }))
      const all = await join(r, 100)
      expect(new Set(all.map((m) => m.hubs[0])).size).toBe(3)
      const started = performance.now()
      await chatter(all, 5)
      const counts = await settle(all)
      console.log(
        describeCounts(
          'three hubs, no failure',
          counts,
          `${((performance.now() - started) / 1000).toFixed(1)} s`,
        ),
      )
      expectWhole(all, counts)
      expect(counts.chats).toBe(500)
    },
    TEST_MS,
  )

  it(
    'moves the members of a hub killed mid-chat to the others: 0 lost, 0 doubled',
    async () => {
      const r = (room = await startClusterRoom({ natsServers: 3, hubs: 3 }))
      const all = await join(r, 100)
      const victims = all.filter((m) => m.hubs[0] === 1)
      expect(victims.length).toBeGreaterThan(20)
      const { counts, settled } = await killMidChat(r, 1, all, 4)
      const recovered = Math.max(...victims.flatMap((m) => m.recoveries))
      const waited = Math.max(...all.flatMap((m) => m.written.map((w) => w.waited ?? 0)))
      console.log(
        describeCounts(
          'hub 1 of 3 killed (SIGKILL) mid-chat',
          counts,
          `${victims.length} members moved, longest recovery ${(recovered / 1000).toFixed(2)} s, ` +
            `longest write-to-acknowledgement ${(waited / 1000).toFixed(2)} s, ` +
            `all settled ${settled} after the kill`,
        ),
      )
      expectWhole(all, counts)
      for (const m of victims) {
        // Moved to another hub of the room, resumed there, never back on the dead one.
        expect(m.hubs.length, `welcomes of member ${m.index}`).toBeGreaterThanOrEqual(2)
        expect(m.hubs.slice(1).every((hub) => hub !== 1 && hub >= 0)).toBe(true)
        expect(m.connection.welcome?.resumed).toBe(true)
      }
    },
    TEST_MS,
  )

  it(
    'moves members who joined one hub by its address alone to the others the welcome named: 0 lost, 0 doubled',
    async () => {
      const r = (room = await startClusterRoom({ natsServers: 1, hubs: 3 }))
      // Hub 0 hears the others' join URLs a moment after they start: its /info says when.
      const others = r.urls.slice(1).sort()
      const port = Number(new URL(r.urls[0] as string).port)
      const listed = async (): Promise<unknown> => {
        const answer = await requestInfo('127.0.0.1', port, { tls: true, timeoutMs: 5_000 })
        const info = answer.ok ? SCHEMAS.info.safeParse(answer.info) : null
        return info?.success ? info.data.hubs?.slice().sort() : null
      }
      await waitUntil(
        async () => isDeepStrictEqual(await listed(), others),
        SETTLE_MS,
        () => 'hub 0 to list the others',
      )
      // Joined by address (no discovery, no other candidate): all they know of the room's other
      // hubs is what hub 0's welcome says.
      const all = await join(r, 12, () => [r.urls[0] as string])
      for (const m of all) {
        expect(m.connection.welcome?.hubs?.slice().sort()).toEqual(r.urls.slice(1).sort())
      }
      const { counts, settled } = await killMidChat(r, 0, all, 6)
      const recovered = Math.max(...all.flatMap((m) => m.recoveries))
      console.log(
        describeCounts(
          'hub 0 of 3 killed (SIGKILL), its members knowing only its address',
          counts,
          `longest recovery ${(recovered / 1000).toFixed(2)} s, all settled ` +
            `${settled} after the kill, moved to hubs ` +
            JSON.stringify(all.map((m) => m.hubs.at(-1))),
        ),
      )
      expectWhole(all, counts)
      expect(counts.chats).toBe(all.length * 6)
      for (const m of all) {
        expect(m.candidates).toEqual([r.urls[0]])
        expect(m.hubs[0]).toBe(0)
        expect(m.hubs.slice(1).every((hub) => hub === 1 || hub === 2)).toBe(true)
        expect(m.hubs.length, `welcomes of member ${m.index}`).toBeGreaterThanOrEqual(2)
        expect(m.connection.welcome?.resumed).toBe(true)
        // The hub it is on now names the one other live hub (the dead one is gone within the
        // presence TTL, 15 s; it may still be listed before that).
        const now = r.urls[m.hubs.at(-1) as number]
        expect(m.connection.welcome?.hubs ?? []).not.toContain(now)
      }
    },
    TEST_MS,
  )

  it(
    'loses nothing when a NATS server is killed mid-chat, and the chat goes on',
    async () => {
      const r = (room = await startClusterRoom({ natsServers: 3, hubs: 3 }))
      const all = await join(r, 30)
      const chatting = chatter(all, 10, 150)
      await sleep(500)
      // The server leading the room's stream: the hardest one to lose (a new leader is elected,
      // and the consumers it held are gone).
      const leader = await r.streamLeader()
      expect(leader).toBeGreaterThanOrEqual(0)
      await r.nats.kill(leader)
      await chatting
      const during = await settle(all)
      // …and after: a round of chats with the server still down.
      const before = during.chats
      await chatter(all, 2)
      const counts = await settle(all)
      const waited = Math.max(...all.flatMap((m) => m.written.map((w) => w.waited ?? 0)))
      console.log(
        describeCounts(
          "the NATS server leading the room's stream killed (SIGKILL) mid-chat",
          counts,
          `${counts.chats - before} chats after it, longest write-to-acknowledgement ` +
            `${(waited / 1000).toFixed(2)} s`,
        ),
      )
      expectWhole(all, counts)
      expect(counts.chats).toBe(all.length * 12)
      expect([0, 1, 2].map((i) => r.running(i))).toEqual([true, true, true])
      expect(r.nats.running(leader)).toBe(false)
    },
    TEST_MS,
  )

  it(
    'keeps the room id, epoch and history when everything stops and starts again',
    async () => {
      const r = (room = await startClusterRoom({ natsServers: 3, hubs: 3 }))
      const all = await join(r, 12)
      await chatter(all, 5)
      const counts = await settle(all)
      expectWhole(all, counts)
      const texts = new Map(all[0]!.timeline.map((chat) => [chat.seq, chat.text]))
      const positions = all.map((m) => m.connection.resumePosition)
      const { roomId, epoch } = r.first

      // Everything stops: the hubs (gracefully, their members told), then every NATS server.
      await Promise.all(all.map((m) => m.connection.close()))
      members = []
      await Promise.all([0, 1, 2].map((i) => r.stop(i)))
      for (const i of [0, 1, 2]) await r.nats.kill(i)
      const restartedAt = performance.now()
      await Promise.all([0, 1, 2].map((i) => r.nats.restart(i)))
      const ready = await Promise.all([0, 1, 2].map((i) => r.start(i)))
      const restarted = performance.now() - restartedAt
      for (const hub of ready)
        expect({ roomId: hub.roomId, epoch: hub.epoch }).toEqual({ roomId, epoch })

      // Somebody new sees the whole history, seq for seq, text for text.
      const newcomer = new ClusterMember(1000, r.urls, r.fingerprint, r.urls)
      members.push(newcomer)
      const welcome = await newcomer.connection.connect()
      expect(welcome.room.id).toBe(roomId)
      expect(welcome.room.epoch).toBe(epoch)
      expect(new Map(welcome.history.map((chat) => [chat.seq, chat.text]))).toEqual(texts)

      // The members come back where they were (each on another hub than before), resume with
      // nothing missing, and chat on.
      const back = all.map((m, i) => {
        const position = positions[i]
        if (!position) throw new Error(`member ${i} has no position`)
        const again = new ClusterMember(
          m.index,
          rotated(r.urls, i + 1),
          r.fingerprint,
          r.urls,
          position,
        )
        again.firstChat = m.written.length
        return again
      })
      members.push(...back)
      const welcomes = await Promise.all(back.map((m) => m.connection.connect()))
      for (const w of welcomes) {
        expect(w.resumed).toBe(true)
        expect(w.gap).toBe(false)
        expect(w.lastSeq).toBe(Math.max(...texts.keys()))
      }
      await chatter(back, 2)
      const after = await settle(back)
      console.log(
        `[cluster] everything stopped and started again (3 NATS servers, 3 hubs) in ` +
          `${(restarted / 1000).toFixed(1)} s: ${texts.size} chats kept, room id and epoch the ` +
          `same; ${back.length} members resumed and sent ${after.chats} more, delivered ` +
          `${after.delivered} of ${after.expected}, lost ${after.lost}, doubled ${after.doubled}`,
      )
      expect(after.failed).toBe(0)
      expect(after.lost).toBe(0)
      expect(after.doubled).toBe(0)
      expect(after.seqs[0]).toBe(Math.max(...texts.keys()) + 1)
      for (const m of back) expect(m.gapMarkers).toBe(0)
    },
    TEST_MS,
  )

  it(
    'resumes a member exactly on another hub when its own dies',
    async () => {
      const r = (room = await startClusterRoom({ natsServers: 3, hubs: 3 }))
      const [ada] = await join(r, 1)
      const others = await join(r, 3)
      const mover = ada!
      expect(mover.candidates.slice(0, 2)).toEqual([r.urls[0], r.urls[1]])
      // The others are on hubs 1 and 2; member 3 (index 3) is on hub 0 too.
      const talkers = others.filter((m) => m.hubs[0] !== 0)
      await chatter(talkers, 3)
      await settle([mover, ...talkers])
      const lastSeen = mover.connection.resumePosition
      await r.kill(0)
      // While it is away, the others go on.
      await chatter(talkers, 5)
      await waitUntil(
        () => mover.hubs.length >= 2,
        SETTLE_MS,
        () => `the member to land on another hub: ${JSON.stringify(mover.connection.state)}`,
      )
      const welcome = mover.connection.welcome
      // Hub 0's welcome listed hubs 1 and 2 (starting at a random one): either is right.
      expect(mover.hubs).toHaveLength(2)
      expect(mover.hubs[0]).toBe(0)
      expect([1, 2]).toContain(mover.hubs[1])
      expect(welcome?.resumed).toBe(true)
      expect(welcome?.gap).toBe(false)
      expect(lastSeen).not.toBeNull()
      const counts = await settle([mover, ...talkers])
      console.log(
        describeCounts(
          'a member whose hub died, resumed on the next',
          counts,
          `recovered in ${((mover.recoveries[0] ?? 0) / 1000).toFixed(2)} s`,
        ),
      )
      expect(counts.lost).toBe(0)
      expect(counts.doubled).toBe(0)
      expect(mover.timeline.map((chat) => chat.seq)).toEqual(counts.seqs)
      expect(mover.gapMarkers).toBe(0)
    },
    TEST_MS,
  )
})
