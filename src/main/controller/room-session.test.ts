import { afterEach, describe, expect, it } from 'vitest'
import type { MemberView, TimelinePatch } from '../../shared/bridge'
import type { HubMessage, Member } from '../../shared/protocol'
import { FakeNetwork, ME, ME_ID, chat, welcome } from '../../../test/support/fake-room'
import { between, seededRandom } from '../../../test/support/prng'
import { waitFor } from '../../../test/support/ws-client'
import { compareMembers } from './member-list'
import { ConnectionSession } from './room-session'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const id = (i: number): string => `member-${String(i).padStart(5, '0')}`
const person = (i: number, name = `Person ${(i * 7_919) % 10_007}`): Member => ({
  clientId: id(i),
  name,
  host: i === 1,
})

/** Leaves, the fake hub answering the close at once (rather than the 2 s a silent hub gets). */
async function leave(session: ConnectionSession, network: FakeNetwork): Promise<void> {
  const closing = session.close()
  await new Promise((resolve) => setImmediate(resolve))
  network.last.drop(1000, 'bye')
  await closing
}

/** A session in a fake room whose welcome lists `members` (you among them). */
async function inRoom(members: Member[]) {
  const network = new FakeNetwork()
  const session = new ConnectionSession(
    { urls: ['ws://fake/ws'], roomId: null, name: 'Me', identity: ME },
    network.factory,
  )
  cleanups.push(() => leave(session, network))
  let changes = 0
  session.on('change', () => (changes += 1))
  await waitFor(() => network.sockets.length > 0, 5_000, 'the session to dial')
  const socket = network.last
  await socket.open()
  const you = { clientId: ME_ID, name: 'Me', host: false }
  socket.receive(welcome({ you, members: [you, ...members] }))
  await session.ready
  return {
    session,
    network,
    receive: (message: HubMessage) => network.last.receive(message),
    changes: () => changes,
  }
}

/** The members built from scratch: everyone, sorted whole. */
function fromScratch(members: Map<string, Member>): MemberView[] {
  return [...members.values()]
    .map((m) => ({ ...m, you: m.clientId === ME_ID, guest: m.guest === true }))
    .sort(compareMembers)
}

describe('ConnectionSession', () => {
  it('rebuilds the timeline for chats that go in between others at most once in 50 ms', async () => {
    const { session, receive } = await inRoom([])
    const patches: TimelinePatch[] = []
    session.on('timeline', (patch: TimelinePatch) => patches.push(patch))
    receive(chat(1, 'c1'))
    receive(chat(500, 'c500'))
    // A hub that sends older chats without end: each goes in before the newest.
    for (let seq = 2; seq < 300; seq++) receive(chat(seq, `c${seq}`))
    const resets = () => patches.filter((patch) => patch.reset)
    // The first at once; the rest wait for one more, with everything in it.
    expect(resets()).toHaveLength(1)
    await waitFor(() => resets().length === 2, 5_000, 'the second reset')
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(resets()).toHaveLength(2)
    const seqs = resets()[1]?.confirmed.flatMap((entry) =>
      entry.kind === 'chat' ? [entry.seq] : [],
    )
    expect(seqs).toEqual([...Array.from({ length: 299 }, (_, i) => i + 1), 500])
  })

  it('shows the members and who is typing as built from scratch, through random joins, leaves, renames and typing', async () => {
    for (const seed of [3, 17, 2_026]) {
      const random = seededRandom(seed)
      const initial = Array.from({ length: 60 }, (_, i) => person(i + 1))
      const { session, network, receive } = await inRoom(initial)
      const members = new Map<string, Member>([
        [ME_ID, { clientId: ME_ID, name: 'Me', host: false }],
      ])
      for (const member of initial) members.set(member.clientId, member)
      /** Who is typing, in the order they started (a refresh keeps the place). */
      const typing = new Map<string, string>()
      for (let step = 0; step < 1_000; step++) {
        const i = between(random, 1, 100)
        const known = members.get(id(i))
        const roll = random()
        if (roll < 0.15) {
          const member = person(i, `Joiner ${between(random, 0, 40)}`)
          members.set(member.clientId, member)
          if (typing.has(member.clientId)) typing.set(member.clientId, member.name)
          receive({ type: 'joined', member })
        } else if (roll < 0.3) {
          members.delete(id(i))
          typing.delete(id(i))
          receive({ type: 'left', clientId: id(i), name: known?.name ?? 'Gone', reason: 'left' })
        } else if (roll < 0.4 && known) {
          const member = { ...known, name: `Renamed ${between(random, 0, 40)}` }
          members.set(member.clientId, member)
          if (typing.has(member.clientId)) typing.set(member.clientId, member.name)
          receive({ type: 'renamed', member })
        } else if (roll < 0.45 && known) {
          typing.delete(known.clientId)
          const seq = step + 1
          receive({
            type: 'chat',
            seq,
            id: `m${seq}`,
            from: known.clientId,
            name: known.name,
            text: 'hi',
            ts: seq,
          })
        } else {
          const active = random() < 0.6
          const name = known?.name ?? 'Stranger'
          // Typing from someone not in the room shows nothing.
          if (known && active) typing.set(id(i), typing.get(id(i)) ?? name)
          if (known && !active) typing.delete(id(i))
          receive({ type: 'typing', clientId: id(i), name, active })
        }
        const view = session.view
        const expected = fromScratch(members)
        expect(
          view.members.map((m) => m.clientId),
          `seed ${seed}, step ${step}`,
        ).toEqual(expected.map((m) => m.clientId))
        expect(view.typing, `seed ${seed}, step ${step}`).toEqual(
          [...typing].map(([clientId, name]) => ({ clientId, name })),
        )
        if (step % 100 === 0) expect(view.members).toEqual(expected)
      }
      await leave(session, network)
    }
  })

  it('takes 1,000 typing frames in a room of 1,024 without sorting anyone, changing only when someone starts or stops', async () => {
    const others = Array.from({ length: 1_023 }, (_, i) => person(i + 1))
    const { session, receive, changes } = await inRoom(others)
    expect(session.view.members).toHaveLength(1_024)
    const comparisons = session.memberComparisons
    const changesBefore = changes()
    const members = session.view.members
    const random = seededRandom(11)
    const typing = new Set<string>()
    let visible = 0
    for (let frame = 0; frame < 1_000; frame++) {
      // Twenty people typing, refreshing their indicator and now and then stopping.
      const member = others[between(random, 0, 19)] as Member
      const active = random() < 0.8
      const wasTyping = typing.has(member.clientId)
      if (active) typing.add(member.clientId)
      else typing.delete(member.clientId)
      if (wasTyping !== active) visible += 1
      const view = session.view
      receive({ type: 'typing', clientId: member.clientId, name: member.name, active })
      expect(session.view === view, `frame ${frame}`).toBe(wasTyping === active)
    }
    expect(session.memberComparisons).toBe(comparisons)
    expect(changes() - changesBefore).toBe(visible)
    expect(visible).toBeLessThan(400)
    expect(session.view.members, 'the same list, not a copy per change').toBe(members)
    expect(session.view.typing.map((t) => t.clientId).sort()).toEqual([...typing].sort())
  })

  it('drops the typing of those who left while it was away: a welcome is the whole room again', async () => {
    const { session, network, receive } = await inRoom([person(1), person(2)])
    receive({ type: 'typing', clientId: id(1), name: person(1).name, active: true })
    receive({ type: 'typing', clientId: id(2), name: person(2).name, active: true })
    expect(session.view.typing).toHaveLength(2)
    network.last.drop()
    // The first reconnect waits 300 ms or so (the default backoff); the bound is a safety net.
    await waitFor(() => network.sockets.length === 2, 10_000, 'the reconnect')
    await network.last.open()
    const you = { clientId: ME_ID, name: 'Me', host: false }
    network.last.receive(welcome({ you, members: [you, person(2), person(3)] }))
    // Person 3743 before Person 5831.
    expect(session.view.members.map((m) => m.clientId)).toEqual([ME_ID, id(3), id(2)])
    expect(session.view.typing).toEqual([{ clientId: id(2), name: person(2).name }])
  })

  it('keeps the room’s certificate while reconnecting and after the host ended the room, and says it ended', async () => {
    const network = new FakeNetwork()
    const session = new ConnectionSession(
      { urls: ['wss://fake/ws'], roomId: null, name: 'Me', identity: ME },
      network.factory,
    )
    await waitFor(() => network.sockets.length > 0, 5_000, 'the session to dial')
    const fingerprint = 'ab'.repeat(32)
    network.last.peerFingerprint = fingerprint
    await network.last.open()
    const you = { clientId: ME_ID, name: 'Me', host: false }
    network.last.receive(welcome({ you, members: [you, person(1)] }))
    await session.ready
    expect(session.view.fingerprint).toBe(fingerprint)

    network.last.drop()
    expect(session.view.connection.status).toBe('reconnecting')
    expect(session.view.fingerprint).toBe(fingerprint)
    expect(session.view.connection.ended).toBeUndefined()

    // The first reconnect waits 300 ms or so (the default backoff); the bound is a safety net.
    await waitFor(() => network.sockets.length === 2, 10_000, 'the reconnect')
    network.last.peerFingerprint = fingerprint
    await network.last.open()
    network.last.receive(welcome({ you, members: [you, person(1)] }))
    await waitFor(() => session.view.connection.status === 'connected', 5_000, 'connected')
    network.last.drop(1001, 'room closed')
    expect(session.view.connection).toMatchObject({ status: 'closed', ended: true })
    expect(session.view.fingerprint).toBe(fingerprint)
    await session.close()
  })
})
