import { describe, expect, it } from 'vitest'
import {
  LIMITS,
  type ErrorMessage,
  type HubMessage,
  type Member,
  type TimelineEvent,
} from '../../shared/protocol'
import { FakeSocket, ME_ID, chat, welcome } from '../../../test/support/fake-room'
import { Session } from './session'
import type { ConnectionEnd } from './state'
import { Timeline } from './timeline'

const ME: Member = { clientId: ME_ID, name: 'Me', host: false }
const ADA: Member = { clientId: 'client-ada', name: 'Ada', host: true }
const BO: Member = { clientId: 'client-bo', name: 'Bo', host: false }

function setup(resume: { epoch: string; lastSeq: number } | null = null, maxRoomMembers?: number) {
  const timeline = new Timeline(100, () => 0, resume)
  const acknowledged: string[] = []
  const ours = new Set<string>()
  const events: string[] = []
  const closes: Array<[ConnectionEnd | null, string]> = []
  const session = new Session({
    clientId: ME_ID,
    timeline,
    parse: (data) => JSON.parse(data) as HubMessage,
    acknowledged: (event: TimelineEvent) => acknowledged.push(event.id),
    chatRefused: (error: ErrorMessage) => error.id !== undefined && ours.has(error.id),
    answered: () => {},
    requestRefused: () => false,
    ...(maxRoomMembers !== undefined ? { maxRoomMembers } : {}),
  })
  session.on('chat', (event) => events.push(`chat ${event.id}`))
  session.on('joined', ({ member }) => events.push(`joined ${member.name}`))
  session.on('renamed', ({ member }) => events.push(`renamed ${member.name}`))
  session.on('left', ({ name }) => events.push(`left ${name}`))
  session.on('typing', ({ name, active }) => events.push(`typing ${name} ${active}`))
  session.on('error', ({ message }) => events.push(`error ${message}`))
  session.on('closing', (message) => events.push(`closing ${message}`))
  session.on('closed', (end, cause) => closes.push([end, cause]))
  /** A socket welcomed with `w`, the session begun and caught up on it. */
  const enter = (w = welcome(), reconnected = false): FakeSocket => {
    const socket = new FakeSocket('ws://a/ws')
    const before = session.begin(socket, w)
    session.catchUp(w, before, reconnected)
    return socket
  }
  const notices = (): string[] =>
    timeline.entries.flatMap((e) =>
      e.kind === 'chat'
        ? []
        : [
            e.kind === 'left'
              ? `left ${e.name}`
              : `${e.kind} ${e.kind === 'gap' ? e.reason : e.member.name}`,
          ],
    )
  return { session, timeline, acknowledged, ours, events, closes, enter, notices }
}

describe('Session', () => {
  it('takes a first visit’s history as the recent past, and acknowledges its own chats in it', () => {
    const { session, timeline, acknowledged, events, enter } = setup()
    enter(
      welcome({
        members: [ME, ADA],
        history: [chat(1, 'a'), chat(2, 'mine', ME_ID)],
        lastSeq: 2,
      }),
    )
    expect(session.members).toEqual([ME, ADA])
    expect(timeline.entries.map((e) => (e.kind === 'chat' ? e.chat.id : e.kind))).toEqual([
      'a',
      'mine',
    ])
    expect(events).toEqual([])
    expect(acknowledged).toEqual(['mine'])
  })

  it('tells what a resume gives back as chats, and who came and went meanwhile as notices', () => {
    const { events, enter, notices, session } = setup({ epoch: 'epoch-1', lastSeq: 1 })
    enter(welcome({ members: [ME, ADA, BO], history: [], lastSeq: 1 }))
    const renamed = { ...BO, name: 'Bob' }
    enter(
      welcome({
        members: [ME, renamed, { clientId: 'client-cy', name: 'Cy', host: false }],
        history: [chat(2, 'missed')],
        lastSeq: 2,
        resumed: true,
      }),
      true,
    )
    expect(events).toEqual(['chat missed'])
    expect(notices()).toEqual(['left Ada', 'renamed Bob', 'joined Cy'])
    expect(session.members.map((m) => m.name)).toEqual(['Me', 'Bob', 'Cy'])
  })

  it('keeps presence and the timeline from live frames', () => {
    const { session, events, enter, notices, acknowledged } = setup()
    const socket = enter(welcome({ members: [ME] }))
    socket.receive({ type: 'joined', member: ADA })
    socket.receive({ type: 'renamed', member: { ...ADA, name: 'Ada L.' } })
    socket.receive({ type: 'typing', clientId: ADA.clientId, name: 'Ada L.', active: true })
    socket.receive(chat(1, 'hi', ADA.clientId))
    socket.receive(chat(1, 'hi', ADA.clientId))
    socket.receive(chat(2, 'mine', ME_ID))
    socket.receive({ type: 'left', clientId: ADA.clientId, name: 'Ada L.', reason: 'lost' })
    expect(events).toEqual([
      'joined Ada',
      'renamed Ada L.',
      'typing Ada L. true',
      'chat hi',
      'chat mine',
      'left Ada L.',
    ])
    expect(acknowledged).toEqual(['mine'])
    expect(notices()).toEqual(['joined Ada', 'renamed Ada L.', 'left Ada L.'])
    expect(session.members).toEqual([ME])
  })

  it('takes no more members than a room holds: more joins are a hub lying', () => {
    const { session, events, enter, notices } = setup(null, 2)
    const socket = enter(welcome({ members: [ME] }))
    socket.receive({ type: 'joined', member: ADA })
    socket.receive({ type: 'joined', member: BO })
    for (let i = 0; i < 100; i++) {
      socket.receive({ type: 'joined', member: { ...BO, clientId: `client-${i}` } })
    }
    // Nor do renames of people nobody listed.
    for (let i = 0; i < 100; i++) {
      socket.receive({ type: 'renamed', member: { ...BO, clientId: `client-r${i}` } })
    }
    // Someone already in the room joining again (a reconnect that replaced them) is no more.
    socket.receive({ type: 'joined', member: { ...ADA, name: 'Ada L.' } })
    expect(session.members).toEqual([ME, { ...ADA, name: 'Ada L.' }])
    expect(events).toEqual(['joined Ada', 'joined Ada L.'])
    expect(notices()).toEqual(['joined Ada', 'joined Ada L.'])
    // Once someone leaves, there is room again.
    socket.receive({ type: 'left', clientId: ADA.clientId, name: 'Ada L.', reason: 'left' })
    socket.receive({ type: 'joined', member: BO })
    expect(session.members).toEqual([ME, BO])
  })

  it('keeps a clustered room of maxRoomMembers members, more than one hub holds', () => {
    const { session, enter } = setup()
    const others = Array.from({ length: LIMITS.maxRoomMembers - 2 }, (_, i) => ({
      clientId: `client-${String(i).padStart(5, '0')}`,
      name: `M${i}`,
      host: false,
    }))
    const socket = enter(welcome({ members: [ME, ...others] }))
    expect(session.members).toHaveLength(LIMITS.maxRoomMembers - 1)
    socket.receive({ type: 'joined', member: ADA })
    socket.receive({ type: 'joined', member: BO })
    expect(session.members).toHaveLength(LIMITS.maxRoomMembers)
    expect(session.members.at(-1)).toEqual(ADA)
  })

  it('leaves refusals of its own chats to the outbox, and tells the rest', () => {
    const { events, enter, ours } = setup()
    const socket = enter()
    ours.add('m1')
    socket.receive({ type: 'error', code: 'invalid_message', message: 'bad chat', id: 'm1' })
    socket.receive({ type: 'error', code: 'unknown_type', message: 'what was that?' })
    expect(events).toEqual(['error what was that?'])
  })

  it('reads the close: a drop to reconnect after, or the end explained by what the hub said', () => {
    const dropped = setup()
    dropped.enter().drop(1006)
    expect(dropped.closes).toEqual([[null, 'the connection was lost (code 1006)']])

    const full = setup()
    const socket = full.enter()
    socket.receive({ type: 'error', code: 'room_full', message: 'the room is full' })
    socket.drop(4003)
    expect(full.closes).toEqual([
      [
        {
          reason: 'full',
          message: 'The room is full.',
          closeCode: 4003,
          extra: { errorCode: 'room_full' },
        },
        'the room is full',
      ],
    ])

    const closing = setup()
    const host = closing.enter()
    host.receive({ type: 'closing', reason: 'host_stopped', message: 'Lab is closing.' })
    host.drop(1006)
    expect(closing.events).toEqual(['closing Lab is closing.'])
    expect(closing.closes[0]?.[0]).toEqual({
      reason: 'ended',
      message: 'Lab is closing.',
      closeCode: 1006,
    })
  })

  it('hears nothing more from a socket it released, nor from an earlier one', () => {
    const { session, events, closes, enter } = setup()
    const first = enter()
    const second = enter()
    first.receive(chat(1, 'old socket'))
    expect(session.release()).toBe(second)
    second.receive(chat(2, 'released'))
    second.drop(1006)
    expect(events).toEqual([])
    expect(closes).toEqual([])
    expect(session.release()).toBeNull()
  })

  it('sends only while it has a socket', () => {
    const { session, enter } = setup()
    session.send({ type: 'typing', active: true })
    const socket = enter()
    session.send({ type: 'typing', active: true })
    session.release()
    session.send({ type: 'typing', active: false })
    expect(socket.sent).toEqual([{ type: 'typing', active: true }])
  })
})
