import { describe, expect, it } from 'vitest'
import { between, seededRandom } from '../../../test/support/prng'
import { RemoteMembers } from './remote-members'
import { Seated, testHello, testRoom } from './testing/test-room'

const CLIENTS = ['ann', 'abe', 'ada', 'bea', 'bob', 'cy', 'cal', 'rita', 'dee', 'eve']
const HUBS = ['hub-a', 'hub-b']
const SEEDS = 40
const STEPS = 400

/**
 * A seeded model of one hub of a clustered room: its members join (new, again over a live
 * connection, or under another name), leave (and the replaced connections' closes arrive late),
 * and the other hubs list and unlist members (some of them this hub's own, moving). After every
 * welcome, the list it carries is checked against the model: the joiner in it, no one twice, and
 * exactly this hub's members and the other hubs' when the room is within its bound.
 */
describe('the member list a welcome carries, under a seeded model', () => {
  it.each(Array.from({ length: SEEDS }, (_, seed) => seed + 1))('seed %i', (seed) => {
    const random = seededRandom(seed)
    const maxRoomMembers = between(random, 4, 12)
    // A hub never holds more than the room: as in LIMITS (1024 of 8192).
    const maxMembers = between(random, 2, maxRoomMembers)
    const remote = new RemoteMembers()
    const { room } = testRoom({ remote, limits: { maxMembers, maxRoomMembers } })
    // The model: this hub's connections by client id, and which hubs list each client.
    const links = new Map<string, Seated>()
    /** The name each of this hub's members joined under (the other hubs list each by its id). */
    const names = new Map<string, string>()
    let joins = 0
    const stale: Seated[] = []
    const listedBy = new Map<string, Set<string>>()
    const pick = <T>(list: readonly T[]): T => list[between(random, 0, list.length - 1)] as T
    const trace: string[] = []

    for (let step = 0; step < STEPS; step++) {
      const clientId = `client-${pick(CLIENTS)}`
      const roll = random()
      if (roll < 0.35) {
        const name = random() < 0.8 ? clientId.slice(7) : `${clientId.slice(7)}2`
        const link = new Seated()
        trace.push(`join ${clientId} as ${name}`)
        const previous = links.get(clientId)
        const where = `seed ${seed}, step ${step}:\n${trace.slice(-12).join('\n')}`
        // Refused exactly when full (room-full.ts): a newcomer to the room while it holds
        // maxRoomMembers, or anyone new to this hub while it holds maxMembers.
        const roomSize = new Set([...links.keys(), ...listedBy.keys()]).size
        const full =
          !previous &&
          ((!listedBy.has(clientId) && roomSize >= maxRoomMembers) || links.size >= maxMembers)
        const joined = room.join(link, testHello(name, clientId))
        expect(joined, where).toBe(!full)
        if (!joined) continue
        joins += 1
        if (previous) stale.push(previous)
        links.set(clientId, link)
        names.set(clientId, name)
        const welcome = link.last('welcome')
        const ids = welcome.members.map((m) => m.clientId)
        const expected = new Set([...links.keys(), ...listedBy.keys()])
        expect(ids, where).toContain(clientId)
        expect(new Set(ids).size, where).toBe(ids.length)
        for (const m of welcome.members) {
          expect(m.name, where).toBe(names.get(m.clientId) ?? m.clientId.slice(7))
        }
        if (expected.size <= maxRoomMembers) expect(new Set(ids), where).toEqual(expected)
        else expect(ids.length, where).toBe(maxRoomMembers)
      } else if (roll < 0.55) {
        const link = links.get(clientId)
        if (!link) continue
        trace.push(`leave ${clientId}`)
        links.delete(clientId)
        names.delete(clientId)
        room.leave(link, 'left', 1000)
      } else if (roll < 0.65) {
        const link = stale.shift()
        if (!link) continue
        trace.push('a replaced connection closes')
        room.leave(link, 'left', 4000)
      } else if (roll < 0.85) {
        const hub = pick(HUBS)
        trace.push(`${hub} lists ${clientId}`)
        remote.put(hub, { clientId, name: clientId.slice(7), host: false })
        listedBy.set(clientId, (listedBy.get(clientId) ?? new Set()).add(hub))
      } else {
        const hub = pick(HUBS)
        trace.push(`${hub} unlists ${clientId}`)
        remote.remove(hub, clientId, 'left')
        const hubs = listedBy.get(clientId)
        hubs?.delete(hub)
        if (hubs?.size === 0) listedBy.delete(clientId)
      }
    }
    // The welcomes above were checked: plenty of joins were taken.
    expect(joins).toBeGreaterThan(STEPS / 20)
  })
})
