import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, type HubMessage } from '../../shared/protocol'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { cid, testIdentity, type TestClient } from '../../../test/support/ws-client'
import { RoomConnection } from '../connection/room-connection'
import { wsSocketFactory } from '../connection/ws-socket'
import { useHubFixture } from '../hub/testing/hub-fixture'

// A clustered room of more members than one hub may hold (maxMembers per hub, maxRoomMembers
// for the room), on three hubs and one real nats-server: each hub takes its own share, the room
// is bounded as a whole, and every member, on every hub, sees everyone.

const { hubWith, client, cleanups } = useHubFixture()

/** A short presence TTL (15 s by default); the heartbeat is a quarter of it. */
const TTL_MS = 2000
/** Waits on what crosses hubs: a safety net far above the ~10 ms it takes. */
const POLL = { timeout: 5 * TTL_MS + 20_000, interval: 20 }
const LIMITS = { maxMembers: 3, maxRoomMembers: 8 }

let nats: NatsCluster | null = null

beforeAll(async () => {
  if (natsServerInstalled) nats = await startNatsCluster({ servers: 1 })
})
afterAll(async () => {
  await nats?.stop()
})

/** Who a member sees in the room: its welcome's list, then every joined and left, in order. */
function view(c: TestClient): string[] {
  const names = new Map<string, string>()
  for (const m of c.received as HubMessage[]) {
    if (m.type === 'welcome')
      for (const member of m.members) names.set(member.clientId, member.name)
    else if (m.type === 'joined' || m.type === 'renamed')
      names.set(m.member.clientId, m.member.name)
    else if (m.type === 'left') names.delete(m.clientId)
  }
  return [...names.values()].sort()
}

async function refused(url: string, name: string): Promise<string | undefined> {
  const c = client(url)
  await c.hello(name, cid(name))
  expect(await c.closed).toBe(CLOSE_CODES.roomFull)
  return c.all('error')[0]?.message
}

describe.skipIf(!natsServerInstalled)('a clustered room of more than one hub holds', () => {
  it('takes maxMembers on each hub and maxRoomMembers in all; everyone sees everyone', async () => {
    const options = {
      roomName: 'Members room',
      nats: { servers: (nats as NatsCluster).urls, presenceTtlMs: TTL_MS },
      limits: LIMITS,
    }
    const [a, b, c] = [await hubWith(options), await hubWith(options), await hubWith(options)]
    const members: TestClient[] = []
    const join = async (url: string, name: string) => {
      const m = client(url)
      await m.join(name, cid(name))
      members.push(m)
      return m
    }
    await join(a.url, 'Ann')
    const abe = await join(a.url, 'Abe')
    await join(a.url, 'Ada')
    // Hub A has its maxMembers; the room (3 of 8) is not full.
    expect(await refused(a.url, 'Amy')).toBe('the room is full (3)')
    for (const name of ['Bea', 'Bob']) await join(b.url, name)
    const cy = await join(c.url, 'Cy')
    await expect.poll(() => view(cy), POLL).toHaveLength(6)

    // The client's own session (the app's), one on hub B and one on hub C.
    const connect = async (url: string, name: string) => {
      const connection = new RoomConnection({
        candidates: [url],
        name,
        identity: testIdentity(name),
        socketFactory: wsSocketFactory,
        connectTimeoutMs: 10_000,
        backoff: { initialDelayMs: 20, maxDelayMs: 200 },
      })
      cleanups.push(() => connection.close())
      await connection.connect()
      return connection
    }
    const rita = await connect(b.url, 'Rita')
    await expect.poll(() => view(cy), POLL).toHaveLength(7)
    const cal = await connect(c.url, 'Cal')
    const everyone = ['Abe', 'Ada', 'Ann', 'Bea', 'Bob', 'Cal', 'Cy', 'Rita']
    // Cal's welcome on hub C listed the five members of hubs A and B.
    expect(cal.members.map((m) => m.name).sort()).toEqual(everyone)
    await expect.poll(() => rita.members.map((m) => m.name).sort(), POLL).toEqual(everyone)
    for (const m of members) await expect.poll(() => view(m), POLL).toEqual(everyone)
    // Hub C holds two of its three, but the room is full.
    expect(await refused(c.url, 'Cora')).toBe('the room is full (8)')
    expect(await refused(b.url, 'Bill')).toBe('the room is full (3)')

    // A member coming back, on each hub: its welcome lists the whole room.
    for (const [url, name] of [
      [a.url, 'Ann'],
      [b.url, 'Bea'],
      [c.url, 'Ada'],
    ] as const) {
      await members.find((m) => m.all('welcome')[0]?.you.name === name)?.close()
      const again = client(url)
      const welcome = await again.join(name, cid(name))
      expect(welcome.members.map((m) => m.name).sort()).toEqual(everyone)
      // Every hub has it back before the next one comes back.
      const seen = () => [view(abe), rita.members.map((m) => m.name).sort(), view(cy)]
      await expect.poll(seen, POLL).toEqual([everyone, everyone, everyone])
    }
    // /info counts the whole room, on every hub.
    for (const hub of [a, b, c]) expect(hub.hub.info().members).toBe(8)
    // Ada moved from hub A to hub C.
    expect([a, b, c].map((hub) => hub.hub.memberCount)).toEqual([2, 3, 3])
  })
})
