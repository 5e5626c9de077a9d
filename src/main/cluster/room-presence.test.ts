import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
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
import { membersSeen } from '../hub/testing/timeline-client'
import { typingSubject } from './names'
import { openPresenceBucket } from './presence'

// Presence and typing of one room across three hubs on one real nats-server: what a member on
// one hub sees of the members of the others, and a room of more members than one hub may hold
// (maxMembers per hub, maxRoomMembers for the room).

const { hubWith, client, cleanups } = useHubFixture()

/** A short presence TTL for these tests (15 s by default); the heartbeat is a quarter of it. */
const TTL_MS = 2000
/** Waits on what crosses hubs: a safety net far above the ~10 ms it takes, and the TTL. */
const POLL = { timeout: 5 * TTL_MS + 20_000, interval: 20 }

let nats: NatsCluster | null = null
let rooms = 0

beforeAll(async () => {
  if (natsServerInstalled) nats = await startNatsCluster({ servers: 1 })
})
afterAll(async () => {
  await nats?.stop()
})

type TestHub = Awaited<ReturnType<typeof hubWith>>

async function roomOnHubs(count: number): Promise<{ name: string; hubs: TestHub[] }> {
  const name = `Presence room ${++rooms}`
  const hubs: TestHub[] = []
  for (let i = 0; i < count; i++) {
    const servers = (nats as NatsCluster).urls
    hubs.push(await hubWith({ roomName: name, nats: { servers, presenceTtlMs: TTL_MS } }))
  }
  return { name, hubs }
}

function hubAt(hubs: readonly TestHub[], i: number): TestHub {
  const hub = hubs[i]
  if (hub === undefined) throw new Error(`no hub ${i}`)
  return hub
}

async function memberOn(hub: TestHub, name: string, clientId = cid(name)): Promise<TestClient> {
  const c = client(hub.url)
  await c.join(name, clientId)
  return c
}

let probes = 0

/** The names a newcomer's welcome on `hub` lists (a probe that joins and leaves, itself and
 * other probes left out). Another hub's member reaches this hub's list a moment after it
 * joined there: poll it. */
async function welcomeNames(hub: TestHub): Promise<string[]> {
  const c = client(hub.url)
  const name = `probe${++probes}`
  const welcome = await c.join(name, cid(name))
  await c.close()
  return welcome.members
    .map((m) => m.name)
    .filter((m) => !m.startsWith('probe'))
    .sort()
}

/** The presence frames a member got about `clientId`, in order, as `type:name`. */
function about(c: TestClient, clientId: string): string[] {
  return c.received.flatMap((m: HubMessage) => {
    if ((m.type === 'joined' || m.type === 'renamed') && m.member.clientId === clientId) {
      return [`${m.type}:${m.member.name}`]
    }
    if (m.type === 'left' && m.clientId === clientId) return [`left:${m.name}:${m.reason}`]
    return []
  })
}

/** A hello at `url` refused for want of room: closed with `code`, with this sentence. */
async function refused(
  url: string,
  name: string,
  code: number = CLOSE_CODES.roomFull,
): Promise<string | undefined> {
  const c = client(url)
  await c.hello(name, cid(name))
  expect(await c.closed).toBe(code)
  expect(c.all('error')[0]?.code).toBe('room_full')
  return c.all('error')[0]?.message
}

const HUB_FULL = 'this hub of the room is full (3); another of its hubs may not be'

describe.skipIf(!natsServerInstalled)('presence and typing across the hubs of a room', () => {
  it('lists the whole room in a welcome, and tells joined, renamed and left across hubs once each', async () => {
    const { hubs } = await roomOnHubs(3)
    const [a, b, c] = [hubAt(hubs, 0), hubAt(hubs, 1), hubAt(hubs, 2)]
    const alice = await memberOn(a, 'Alice')
    await memberOn(b, 'Bob')
    await expect.poll(() => welcomeNames(b), POLL).toEqual(['Alice', 'Bob'])
    const bob = await memberOn(b, 'Bob2', cid('Bob2'))
    const carol = await memberOn(c, 'Carol')
    await expect.poll(() => about(alice, cid('Carol')), POLL).toEqual(['joined:Carol'])
    await expect.poll(() => about(bob, cid('Carol')), POLL).toEqual(['joined:Carol'])
    await memberOn(c, 'Dave')
    await expect
      .poll(() => welcomeNames(c), POLL)
      .toEqual(['Alice', 'Bob', 'Bob2', 'Carol', 'Dave'])

    // A rename: Alice comes back to her hub under another name.
    const alicia = await memberOn(a, 'Alicia', cid('Alice'))
    await expect.poll(() => about(bob, cid('Alice')), POLL).toEqual(['renamed:Alicia'])
    await expect.poll(() => about(carol, cid('Alice')), POLL).toEqual(['renamed:Alicia'])
    await alicia.close()
    await expect
      .poll(() => about(bob, cid('Alice')), POLL)
      .toEqual(['renamed:Alicia', 'left:Alicia:left'])
    await expect
      .poll(() => about(carol, cid('Alice')), POLL)
      .toEqual(['renamed:Alicia', 'left:Alicia:left'])
    await memberOn(b, 'Erin')
    await expect.poll(() => welcomeNames(b), POLL).toEqual(['Bob', 'Bob2', 'Carol', 'Dave', 'Erin'])
  })

  it('counts a member on two hubs at once (moving) as one member', async () => {
    const { hubs } = await roomOnHubs(3)
    const [a, b, c] = [hubAt(hubs, 0), hubAt(hubs, 1), hubAt(hubs, 2)]
    const watcher = await memberOn(c, 'Wendy')
    const onA = await memberOn(a, 'Mo')
    await expect.poll(() => about(watcher, cid('Mo')), POLL).toEqual(['joined:Mo'])
    const onB = await memberOn(b, 'Mo')
    await memberOn(c, 'Zed')
    await expect.poll(() => welcomeNames(c), POLL).toEqual(['Mo', 'Wendy', 'Zed'])
    // A barrier: once Bea's join from hub B is seen, Mo's listing from B was seen before it.
    await memberOn(b, 'Bea')
    await expect.poll(() => about(watcher, cid('Bea')), POLL).toEqual(['joined:Bea'])
    await expect.poll(() => about(onA, cid('Bea')), POLL).toEqual(['joined:Bea'])
    expect(about(watcher, cid('Mo'))).toEqual(['joined:Mo'])
    expect(about(onA, cid('Mo'))).toEqual([])

    // Mo leaves hub A but is still on B: nobody is told Mo left.
    await onA.close()
    await memberOn(a, 'Abe')
    await expect.poll(() => about(watcher, cid('Abe')), POLL).toEqual(['joined:Abe'])
    await expect.poll(() => about(onB, cid('Abe')), POLL).toEqual(['joined:Abe'])
    expect(about(watcher, cid('Mo'))).toEqual(['joined:Mo'])
    expect(about(onB, cid('Mo'))).toEqual([])

    await onB.close()
    await expect.poll(() => about(watcher, cid('Mo')), POLL).toEqual(['joined:Mo', 'left:Mo:left'])
  })

  it("announces a dead hub's members as lost once the TTL passes", async () => {
    const { hubs } = await roomOnHubs(2)
    const [dying, alive] = [hubAt(hubs, 0), hubAt(hubs, 1)]
    await memberOn(dying, 'Dora')
    // Dora reaches the other hub's list a moment after she joined (its watch of the bucket).
    await expect.poll(() => welcomeNames(alive), POLL).toEqual(['Dora'])
    const watcher = await memberOn(alive, 'Abe')
    expect(about(watcher, cid('Dora'))).toEqual([])
    expect(watcher.received.find((m) => m.type === 'welcome')).toMatchObject({
      members: expect.arrayContaining([expect.objectContaining({ name: 'Dora' })]),
    })
    // As if its process died: its NATS connection closes without deleting anything.
    dying.hub.abort()
    await expect.poll(() => about(watcher, cid('Dora')), POLL).toEqual(['left:Dora:lost'])
    await memberOn(alive, 'Late')
    await expect.poll(() => welcomeNames(alive), POLL).toEqual(['Abe', 'Late'])
  })

  it("gives each member the other live hubs' join URLs (welcome.hubs, /info hubs): none of its own, none of a hub gone", async () => {
    const { hubs } = await roomOnHubs(3)
    const [a, b, c] = [hubAt(hubs, 0), hubAt(hubs, 1), hubAt(hubs, 2)]
    const hubsOf = async (hub: TestHub): Promise<string[] | undefined> => {
      const probe = client(hub.url)
      const name = `probe${++probes}`
      const welcome = await probe.join(name, cid(name))
      await probe.close()
      expect(hub.hub.info().hubs?.sort()).toEqual(welcome.hubs?.sort())
      return welcome.hubs?.sort()
    }
    await expect.poll(() => hubsOf(a), POLL).toEqual([b.url, c.url].sort())
    await expect.poll(() => hubsOf(b), POLL).toEqual([a.url, c.url].sort())
    // A hub that stops deletes its record: gone from the lists at once.
    await c.hub.stop()
    await expect.poll(() => hubsOf(a), POLL).toEqual([b.url])
    // A hub that dies is gone once its record is older than the TTL; alone, a hub lists none.
    b.hub.abort()
    await expect.poll(() => hubsOf(a), POLL).toBeUndefined()
    expect('hubs' in a.hub.info()).toBe(false)
  })

  it('counts maxRoomMembers over the whole room, every hub: hub A is not full, the room is', async () => {
    const name = `Presence room ${++rooms}`
    const servers = (nats as NatsCluster).urls
    const options = {
      roomName: name,
      nats: { servers, presenceTtlMs: TTL_MS },
      limits: { maxMembers: 2, maxRoomMembers: 2 },
    }
    const a = await hubWith(options)
    const b = await hubWith(options)
    const first = await memberOn(a, 'One')
    await memberOn(b, 'Two')
    await expect.poll(() => about(first, cid('Two')), POLL).toEqual(['joined:Two'])
    const third = client(a.url)
    await third.hello('Three', cid('Three'))
    expect(await third.closed).toBe(CLOSE_CODES.roomFull)
    expect(third.all('error')[0]?.code).toBe('room_full')
    // The same member again (on its other hub) is not a newcomer.
    const again = await memberOn(a, 'Two')
    expect(
      again
        .all('welcome')[0]
        ?.members.map((m) => m.name)
        .sort(),
    ).toEqual(['One', 'Two'])
  })

  it('relays typing across hubs', async () => {
    const { hubs } = await roomOnHubs(2)
    const [a, b] = [hubAt(hubs, 0), hubAt(hubs, 1)]
    const typist = await memberOn(a, 'Tia')
    const reader = await memberOn(b, 'Ray')
    // Each hub lists the other's member: a hub drops typing of members it does not list.
    await expect.poll(() => about(typist, cid('Ray')), POLL).toEqual(['joined:Ray'])
    await expect.poll(() => membersSeen(reader), POLL).toEqual(['Ray', 'Tia'])
    typist.sendJson({ type: 'typing', active: true })
    const typing = await reader.next('typing')
    expect([typing.clientId, typing.name, typing.active]).toEqual([cid('Tia'), 'Tia', true])
    typist.sendJson({ type: 'typing', active: false })
    expect(await reader.next('typing')).toMatchObject({ clientId: cid('Tia'), active: false })
  })

  it('drops hostile presence records and typing signals', async () => {
    const { hubs } = await roomOnHubs(1)
    const watcher = await memberOn(hubAt(hubs, 0), 'Wes')
    const roomId = hubAt(hubs, 0).hub.roomId
    const nc = await connect({ servers: (nats as NatsCluster).urls })
    cleanups.push(() => nc.close())
    const kv = await openPresenceBucket(nc, roomId, { ttlMs: TTL_MS })
    const eve = { name: 'Eve', clientId: cid('Eve'), hubId: 'evil', joinedAt: 1 }
    await kv.put(`evil.${cid('Eve')}`, 'not json')
    await kv.put(`evil.${cid('Eve')}`, JSON.stringify({ ...eve, name: 'x'.repeat(600) }))
    await kv.put(`other.${cid('Eve')}`, JSON.stringify(eve))
    await kv.put(`evil.${cid('Eve')}`, JSON.stringify({ ...eve, host: 'yes' }))
    // Typing of a member nobody lists, and typing that is not a signal.
    const subject = typingSubject(roomId)
    nc.publish(subject, JSON.stringify({ hubId: 'evil', clientId: cid('Ghost'), active: true }))
    nc.publish(subject, 'not json')
    await nc.flush()
    // The valid one last: once it is seen, every record before it was seen too.
    await kv.put(`evil.${cid('Eve')}`, JSON.stringify(eve))
    await expect.poll(() => about(watcher, cid('Eve')), POLL).toEqual(['joined:Eve'])
    nc.publish(subject, JSON.stringify({ hubId: 'evil', clientId: cid('Eve'), active: true }))
    expect(await watcher.next('typing')).toMatchObject({ clientId: cid('Eve'), name: 'Eve' })
    expect(watcher.all('typing')).toHaveLength(1)
    expect(watcher.all('joined').map((m) => m.member.name)).toEqual(['Eve'])
    // The record was never re-put: Eve's "hub" is gone once the TTL passes.
    await expect
      .poll(() => about(watcher, cid('Eve')), POLL)
      .toEqual(['joined:Eve', 'left:Eve:lost'])
  })

  it('takes maxMembers on each hub and maxRoomMembers in all; everyone sees everyone', async () => {
    const options = {
      roomName: `Presence room ${++rooms}`,
      nats: { servers: (nats as NatsCluster).urls, presenceTtlMs: TTL_MS },
      limits: { maxMembers: 3, maxRoomMembers: 8 },
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
    // Hub A has its maxMembers; the room (3 of 8) is not full: not final (4012).
    expect(await refused(a.url, 'Amy', CLOSE_CODES.hubFull)).toBe(HUB_FULL)
    for (const name of ['Bea', 'Bob']) await join(b.url, name)
    const cy = await join(c.url, 'Cy')
    await expect.poll(() => membersSeen(cy), POLL).toHaveLength(6)

    // The client's own session (the app's), one on hub B and one on hub C.
    const connect = async (candidates: string[], name: string) => {
      const connection = new RoomConnection({
        candidates,
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
    // Hub A first: it is full, so Rita's connection goes on to hub B rather than end.
    const rita = await connect([a.url, b.url], 'Rita')
    expect(rita.state.status === 'connected' ? rita.state.url : null).toBe(b.url)
    await expect.poll(() => membersSeen(cy), POLL).toHaveLength(7)
    const cal = await connect([c.url], 'Cal')
    const everyone = ['Abe', 'Ada', 'Ann', 'Bea', 'Bob', 'Cal', 'Cy', 'Rita']
    // Cal's welcome on hub C listed the five members of hubs A and B.
    expect(cal.members.map((m) => m.name).sort()).toEqual(everyone)
    await expect.poll(() => rita.members.map((m) => m.name).sort(), POLL).toEqual(everyone)
    for (const m of members) await expect.poll(() => membersSeen(m), POLL).toEqual(everyone)
    // Hub C holds two of its three, but the room is full: final (4003), on every hub.
    expect(await refused(c.url, 'Cora')).toBe('the room is full (8)')
    expect(await refused(b.url, 'Bill')).toBe('the room is full (8)')
    // A member of hub A moving to hub B is no newcomer to the room, but is one to hub B, full.
    expect(await refused(b.url, 'Abe', CLOSE_CODES.hubFull)).toBe(HUB_FULL)
    expect(b.hub.memberCount).toBe(3)

    // A member coming back, on each hub: its welcome lists the whole room. It leaves first, and
    // its hub sees it go (`home` is told), so that hub deletes its record, then puts it again.
    const named = (name: string): TestClient => {
      const found = members.find((m) => m.all('welcome')[0]?.you.name === name)
      if (!found) throw new Error(`no ${name}`)
      return found
    }
    const bob = named('Bob')
    for (const [url, name, home, others] of [
      [a.url, 'Ann', abe, [bob, cy]],
      [b.url, 'Bea', bob, [abe, cy]],
      [c.url, 'Ada', abe, []],
    ] as const) {
      const before = about(home, cid(name)).length
      await named(name).close()
      await expect
        .poll(() => about(home, cid(name)).slice(before), POLL)
        .toEqual([`left:${name}:left`])
      const again = client(url)
      const welcome = await again.join(name, cid(name))
      expect(welcome.members.map((m) => m.name).sort()).toEqual(everyone)
      // The other hubs take the delete and the put each in its turn: a welcome they made between
      // the two would lack the member. The next one comes back once they have taken both.
      for (const other of others) {
        await expect
          .poll(() => about(other, cid(name)).slice(-2), POLL)
          .toEqual([`left:${name}:left`, `joined:${name}`])
      }
      const seen = () => [membersSeen(abe), rita.members.map((m) => m.name).sort(), membersSeen(cy)]
      await expect.poll(seen, POLL).toEqual([everyone, everyone, everyone])
    }
    // /info counts the whole room, on every hub (the views above may have shown everyone before
    // a hub had taken a member's return: its left and joined can reach them in one write).
    const counts = () => [a, b, c].map((hub) => hub.hub.info().members)
    await expect.poll(counts, POLL).toEqual([8, 8, 8])
    // Ada moved from hub A to hub C.
    expect([a, b, c].map((hub) => hub.hub.memberCount)).toEqual([2, 3, 3])
  })
})
