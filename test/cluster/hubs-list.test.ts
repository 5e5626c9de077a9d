/**
 * Issue #19, "resume works on any hub" for a member who joined by address: a welcome's `hubs`
 * is hearsay. Whoever can write to the room's presence bucket (any holder of the NATS
 * account's credentials) can put a hub record whose URLs point anywhere, and every hub of the
 * room then lists them. A member must go only to a hub that proves to be the room (its room id
 * and certificate, before anything is sent), and otherwise try the next address. Real hubs on
 * loopback, a real nats-server, real RoomConnections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import { RoomConnection, wsSocketFactory, type SocketFactory } from '../../src/main/connection'
import { openPresenceBucket } from '../../src/main/cluster/presence'
import { useHubFixture } from '../../src/main/hub/testing/hub-fixture'
import { testIdentity } from '../support/identities'
import { natsServerInstalled, startNatsCluster, type NatsCluster } from '../support/nats-cluster'

const { hubWith, cleanups } = useHubFixture()

const TTL_MS = 2000
/** Safety nets far above what each takes here (tens of milliseconds; the TTL). */
const POLL = { timeout: 5 * TTL_MS + 20_000, interval: 20 }
/** Hostile hub records: with five of them and one real other hub, a welcome's list starts with
 * the hostile URL five times in six (the hub it starts from is chosen at random). */
const HOSTILE_HUBS = 5
const MEMBERS = 8

let nats: NatsCluster | null = null

beforeAll(async () => {
  if (natsServerInstalled) nats = await startNatsCluster({ servers: 1 })
})
afterAll(async () => {
  await nats?.stop()
})

describe.skipIf(!natsServerInstalled)("a welcome's hubs", () => {
  it("lead a member whose hub dies only to a hub of the room: another room's hub at a listed URL is refused, and the next tried", async () => {
    const servers = (nats as NatsCluster).urls
    const roomName = 'Hearsay'
    const a = await hubWith({ roomName, nats: { servers, presenceTtlMs: TTL_MS } })
    const b = await hubWith({ roomName, nats: { servers, presenceTtlMs: TTL_MS } })
    // Another room on this machine, with the very same certificate: only its room id differs.
    const other = await hubWith({ roomName: 'Somewhere else' })
    expect(other.hub.fingerprint).toBe(a.hub.fingerprint)
    expect(other.hub.roomId).not.toBe(a.hub.roomId)

    // Hostile records in the room's presence bucket, heartbeating as a hub would.
    const nc = await connect({ servers })
    cleanups.push(() => nc.close())
    const kv = await openPresenceBucket(nc, a.hub.roomId, { ttlMs: TTL_MS })
    const forge = async (): Promise<void> => {
      for (let i = 0; i < HOSTILE_HUBS; i++) {
        const hubId = `forged${i}`
        const beat = { hubId, address: other.url, urls: [other.url], members: 0, appliedSeq: null }
        await kv.put(`${hubId}._hub`, JSON.stringify({ ...beat, at: Date.now() }))
      }
    }
    await forge()
    const forging = setInterval(() => void forge().catch(() => {}), TTL_MS / 4)
    cleanups.push(() => clearInterval(forging))
    await expect
      .poll(() => a.hub.info().hubs?.slice().sort(), POLL)
      .toEqual([b.url, other.url].sort())

    const fingerprint = a.hub.fingerprint
    const members = Array.from({ length: MEMBERS }, (_, i) => {
      const tried: string[] = []
      const factory: SocketFactory = (url, protocol) => {
        tried.push(url)
        return wsSocketFactory(url, protocol)
      }
      const connection = new RoomConnection({
        // Joined by address: hub A's, and nothing else.
        candidates: [a.url],
        name: `member ${i}`,
        identity: testIdentity(`hearsay-member-${i}`),
        socketFactory: factory,
        verifyPeer: (peer) =>
          peer.fingerprint === fingerprint ? null : `not the room's certificate`,
        backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
      })
      cleanups.push(() => connection.close())
      const states: string[] = []
      connection.on('state', (state) => {
        if (state.status === 'reconnecting') states.push(state.lastError)
      })
      return { connection, tried, states }
    })
    await Promise.all(members.map((m) => m.connection.connect()))
    for (const m of members) {
      expect(m.connection.welcome?.hubs?.slice().sort()).toEqual([b.url, other.url].sort())
    }
    const sent = await Promise.all(members.map((m, i) => m.connection.send(`before ${i}`)))

    a.hub.abort()
    for (const m of members) {
      const at = (): string | null => {
        const state = m.connection.state
        return state.status === 'connected' ? state.url : null
      }
      await expect.poll(at, POLL).toBe(b.url)
      expect(m.connection.room?.id).toBe(a.hub.roomId)
      expect(m.connection.welcome?.resumed).toBe(true)
    }
    // Most went to the other room's hub first (five in six), were refused there before sending
    // anything, and went on; none ended.
    const misled = members.filter((m) => m.tried.slice(1).includes(other.url))
    expect(misled.length).toBeGreaterThan(0)
    expect(other.hub.memberCount).toBe(0)
    const after = await Promise.all(members.map((m, i) => m.connection.send(`after ${i}`)))
    expect(after.every((chat, i) => chat.seq > (sent[i]?.seq ?? Infinity))).toBe(true)
    // Each send resolved on its sender's acknowledgement: the others' copies may still be on
    // their way, so every member is waited for (a safety net), then checked for doubles.
    for (const m of members) {
      const seqs = (): number[] =>
        m.connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat.seq] : []))
      await expect.poll(() => seqs().length, POLL).toBe(2 * MEMBERS)
      expect(seqs()).toEqual([...new Set(seqs())].sort((x, y) => x - y))
    }
    console.log(
      `[cluster] hearsay: ${MEMBERS} members moved from hub A to hub B, ${misled.length} of them ` +
        `led first to another room's hub (refused); reconnect errors seen: ` +
        JSON.stringify([...new Set(members.flatMap((m) => m.states))].slice(0, 3)),
    )
  }, 120_000)
})
