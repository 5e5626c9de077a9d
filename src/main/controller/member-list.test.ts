import { describe, expect, it } from 'vitest'
import type { MemberView } from '../../shared/bridge'
import type { Member } from '../../shared/protocol'
import { between, seededRandom } from '../../../test/support/prng'
import { MemberList, compareMembers } from './member-list'

const ME = 'me-0000000000000000000'

/** The list built from scratch: every member, sorted whole. */
function fromScratch(members: Map<string, Member>, you = ME): MemberView[] {
  return [...members.values()]
    .map((m) => ({ ...m, you: m.clientId === you, guest: m.guest === true }))
    .sort(compareMembers)
}

const order = (members: MemberView[]): string => members.map((m) => m.clientId).join(' ')

const NAMES = ['Ada', 'ada', 'Åsa', 'Zoë', 'Émile', 'emile', 'Bob', '李', 'Ω', 'Ada 2', 'Ada 10']

function randomMember(random: () => number, clientId: string): Member {
  return {
    clientId,
    name: NAMES[between(random, 0, NAMES.length - 1)] as string,
    host: random() < 0.05,
  }
}

describe('MemberList', () => {
  it('lists you first, then the host, then everyone by name as people read it, then by id', () => {
    const list = new MemberList(ME)
    list.reset([
      { clientId: 'zed-b', name: 'Zed', host: false },
      { clientId: 'emile', name: 'émile', host: false },
      { clientId: 'zed-a', name: 'Zed', host: false },
      { clientId: 'host', name: 'Zara', host: true },
      { clientId: ME, name: 'Me', host: false },
      { clientId: 'adam', name: 'Adam', host: false },
      { clientId: 'frank', name: 'Frank', host: false },
    ])
    expect(list.list.map((m) => m.clientId)).toEqual([
      ME,
      'host',
      'adam',
      'emile',
      'frank',
      'zed-a',
      'zed-b',
    ])
    expect(list.list[0]).toEqual({ clientId: ME, name: 'Me', host: false, you: true, guest: false })
  })

  it('takes in a welcome of any size', () => {
    const list = new MemberList(ME)
    const count = 200_000
    list.reset(
      Array.from({ length: count }, (_, i) => ({
        clientId: `c${String(i).padStart(6, '0')}`,
        name: 'Same',
        host: false,
      })),
    )
    expect(list.size).toBe(count)
    expect(list.list.at(-1)?.clientId).toBe(`c${count - 1}`)
  })

  it('takes a client id named twice in a welcome once, the last one counting', () => {
    const list = new MemberList(ME)
    list.reset([
      { clientId: 'a', name: 'Old', host: false },
      { clientId: 'a', name: 'New', host: false },
    ])
    expect(list.list).toEqual([
      { clientId: 'a', name: 'New', host: false, you: false, guest: false },
    ])
  })

  it('matches the list built from scratch after every join, leave, rename and welcome', () => {
    for (const seed of [1, 42, 1_234]) {
      const random = seededRandom(seed)
      const truth = new Map<string, Member>()
      const list = new MemberList(ME)
      for (let step = 0; step < 2_000; step++) {
        const roll = random()
        const id = `c${between(random, 0, 199)}`
        if (roll < 0.01) {
          // A welcome after a reconnect: the whole room again.
          truth.clear()
          for (let i = 0; i < between(random, 0, 60); i++) {
            const member = randomMember(random, `c${between(random, 0, 199)}`)
            truth.set(member.clientId, member)
          }
          if (random() < 0.5) truth.set(ME, { clientId: ME, name: 'Me', host: false })
          list.reset(truth.values())
        } else if (roll < 0.45) {
          const member = randomMember(random, random() < 0.02 ? ME : id)
          truth.set(member.clientId, member)
          list.set(member)
        } else if (roll < 0.7) {
          truth.delete(id)
          list.delete(id)
        } else {
          const earlier = truth.get(id)
          if (!earlier) continue
          const renamed = { ...earlier, name: randomMember(random, id).name }
          truth.set(id, renamed)
          list.set(renamed)
        }
        const expected = fromScratch(truth)
        // The order at every step; every field now and then (a deep comparison is slow).
        expect(order(list.list), `seed ${seed}, step ${step}`).toBe(order(expected))
        if (step % 50 === 0) expect(list.list).toEqual(expected)
        expect(list.size).toBe(truth.size)
        expect(list.has(id)).toBe(truth.has(id))
      }
    }
  })

  it('costs a binary search per change, not a sort of the room', () => {
    const list = new MemberList(ME)
    const members = Array.from({ length: 1_024 }, (_, i) => ({
      clientId: `c${i}`,
      name: `Person ${(i * 7_919) % 10_007}`,
      host: i === 1,
    }))
    list.reset(members)
    const random = seededRandom(7)
    // log2(1,024) = 10: a rename is two searches (where it was, where it goes) of at most 11.
    const perChange = 2 * 11
    for (let i = 0; i < 1_000; i++) {
      const before = list.comparisons
      const id = `c${between(random, 2, 1_023)}`
      const change = random()
      if (change < 0.4) list.set({ clientId: id, name: `Renamed ${i}`, host: false })
      else if (change < 0.7) list.delete(id)
      else list.set({ clientId: `new${i}`, name: `Newcomer ${i}`, host: false })
      expect(list.comparisons - before).toBeLessThanOrEqual(perChange)
    }
  })

  it('hands out the same list until something changes, and never changes a list handed out', () => {
    const list = new MemberList(ME)
    list.reset([{ clientId: 'a', name: 'Ann', host: false }])
    const first = list.list
    expect(list.list).toBe(first)
    list.set({ clientId: 'a', name: 'Ann', host: false })
    expect(list.list, 'a join of someone already there, unchanged').toBe(first)
    list.set({ clientId: 'b', name: 'Ben', host: false })
    const second = list.list
    expect(second).not.toBe(first)
    expect(first.map((m) => m.name)).toEqual(['Ann'])
    expect(second.map((m) => m.name)).toEqual(['Ann', 'Ben'])
    list.delete('nobody')
    expect(list.list).toBe(second)
  })
})
