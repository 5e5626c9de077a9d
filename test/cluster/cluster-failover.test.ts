/**
 * Issue #19: a clustered room loses and doubles nothing through failures. Three real
 * nats-servers in a JetStream cluster, the room's stream with three replicas, three hubs in
 * processes of their own (kill -9 is real), one certificate for all of them, and members that
 * are real RoomConnections trying the hubs in turn. Each test counts what every member's
 * sockets received and prints the counts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { natsServerInstalled } from '../support/nats-cluster'
import { startClusterRoom, type ClusterRoom } from './cluster-room'
import { ClusterMember, count, describeCounts, rotated, type Counts } from './cluster-members'

/** Safety nets (≥ 5× what each takes here, on a machine others are loading too). */
const SETTLE_MS = 120_000
const TEST_MS = 300_000

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(check: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
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

/** `n` members spread over the hubs (member i tries hub i mod hubs first), all in the room. */
async function join(r: ClusterRoom, n: number): Promise<ClusterMember[]> {
  const joined = Array.from(
    { length: n },
    (_, i) => new ClusterMember(i, rotated(r.urls, i), r.fingerprint, r.urls),
  )
  members.push(...joined)
  // A few at a time: a hundred TLS handshakes at once are a burst a busy machine takes slowly.
  for (let i = 0; i < joined.length; i += 10) {
    await Promise.all(joined.slice(i, i + 10).map((m) => m.connection.connect()))
  }
  return joined
}

/** Every member writes `perMember` chats, each after the previous one was sent. */
async function chatter(all: readonly ClusterMember[], perMember: number, gapMs = 0) {
  await Promise.all(
    all.map(async (m) => {
      const acks: Array<Promise<void>> = []
      for (let n = 0; n < perMember; n++) {
        acks.push(m.write(n))
        if (gapMs > 0) await sleep(gapMs)
      }
      await Promise.all(acks)
    }),
  )
}

/** Waits until every chat is acknowledged and every member holds every acknowledged chat. */
async function settle(all: readonly ClusterMember[]): Promise<Counts & { seqs: number[] }> {
  const what = (): string =>
    describeCounts('waiting', count(all)) +
    `; not connected ${all.filter((m) => m.connection.state.status !== 'connected').length}` +
    `, outboxes ${all.reduce((sum, m) => sum + m.connection.pendingCount, 0)}`
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
})
