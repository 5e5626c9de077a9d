import { describe, expect, it } from 'vitest'
import { fakeConnection, fullWelcome } from '../../../test/support/fake-connection'
import { ME_ID, chat } from '../../../test/support/fake-room'
import { LIMITS, type ChatEvent, type OpEvent } from '../../shared/protocol'
import { MAX_PENDING_OPS, type TimelineChange } from './timeline'

const OTHER = 'client-other'

function op(
  type: OpEvent['type'],
  seq: number,
  id: string,
  target: number,
  extra: { emoji?: string; text?: string } = {},
  from = OTHER,
): OpEvent {
  const base = { seq, id, from, name: from === ME_ID ? 'Me' : 'Other', target, ts: seq }
  if (type === 'react' || type === 'unreact') return { type, ...base, emoji: extra.emoji ?? '👍' }
  if (type === 'edit') return { type, ...base, text: extra.text ?? 'edited' }
  return { type, ...base }
}

function chatState(chat: ChatEvent | undefined): string {
  if (!chat) return 'none'
  const reactions = (chat.reactions ?? []).map((r) => `${r.emoji}${r.from.length}`).join('')
  return `${chat.text}${chat.edited ? ' (edited)' : ''}${chat.deleted ? ' (deleted)' : ''}${reactions ? ` ${reactions}` : ''}`
}

describe('ops (exact, against a scripted hub)', () => {
  it('sends reactions, edits and deletes through the outbox and resolves each with its stamp', async () => {
    const { connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(
      fullWelcome({ history: [chat(1, 'a', ME_ID, 'hello')], lastSeq: 1 }),
    )
    const react = connection.react(1, '👍', 'r1')
    const edit = connection.edit(1, 'hello there', 'e1')
    const del = connection.delete(1, 'd1')
    expect(socket.sent.slice(1)).toEqual([
      { type: 'react', target: 1, emoji: '👍', id: 'r1' },
      { type: 'edit', target: 1, text: 'hello there', id: 'e1' },
      { type: 'delete', target: 1, id: 'd1' },
    ])
    expect(frames(socket, 'chat')).toEqual([])
    const ops: number[] = []
    connection.on('op', (event) => ops.push(event.seq))
    socket.receive(op('react', 2, 'r1', 1, {}, ME_ID))
    socket.receive(op('edit', 3, 'e1', 1, { text: 'hello there' }, ME_ID))
    expect(chatState(connection.timeline.chatAt(1))).toBe('hello there (edited) 👍1')
    socket.receive(op('delete', 4, 'd1', 1, {}, ME_ID))
    expect((await react).seq).toBe(2)
    expect((await edit).seq).toBe(3)
    expect((await del).seq).toBe(4)
    expect(ops).toEqual([2, 3, 4])
    expect(chatState(connection.timeline.chatAt(1))).toBe('message deleted (deleted)')
    expect(connection.pendingCount).toBe(0)
    expect(connection.resumePosition?.lastSeq).toBe(4)
  })

  it('is exactly once across a reconnect: resent with the same ids, applied once, in seq order', async () => {
    const { connection, welcomeOn, frames, reconnect } = fakeConnection()
    void connection.connect()
    const first = await welcomeOn(
      fullWelcome({
        history: [chat(1, 'a', OTHER, 'one'), chat(2, 'b', ME_ID, 'two')],
        lastSeq: 2,
      }),
    )
    const ops: string[] = []
    connection.on('op', (event) => ops.push(`${event.type}@${event.seq}`))
    const changes: TimelineChange['type'][] = []
    connection.timeline.on('change', (change) => changes.push(change.type))
    const react = connection.react(1, '🎉', 'r1')
    const edit = connection.edit(2, 'two!', 'e1')
    const unreact = connection.unreact(1, '🎉', 'u1')
    expect(frames(first, 'react').map((f) => f['id'])).toEqual(['r1'])
    // The hub stamped r1 (seq 3) and someone else's reaction (seq 4); the connection dropped
    // before either came back.
    await reconnect(first)
    expect(connection.outboxEntries.map((e) => `${e.id}:${e.state}`)).toEqual([
      'r1:pending',
      'e1:pending',
      'u1:pending',
    ])
    const second = await welcomeOn(
      fullWelcome({
        history: [chat(1, 'a', OTHER, 'one'), chat(2, 'b', ME_ID, 'two')],
        lastSeq: 4,
        resumed: true,
        events: [op('react', 3, 'r1', 1, { emoji: '🎉' }, ME_ID), op('react', 4, 'x', 2)],
      }),
    )
    // The welcome acknowledged r1: only e1 and u1 are resent, in order, with their ids.
    expect((await react).seq).toBe(3)
    expect(second.sent.filter((f) => f['type'] !== 'hello').map((f) => f['id'])).toEqual([
      'e1',
      'u1',
    ])
    expect(ops).toEqual(['react@3', 'react@4'])
    // The resend of e1 had been stamped already (seq 5, lost with the first connection): the hub
    // gives the stamp back, and the live copy of it follows later as a repeat.
    second.receive(op('edit', 5, 'e1', 2, { text: 'two!' }, ME_ID))
    second.receive(op('unreact', 6, 'u1', 1, { emoji: '🎉' }, ME_ID))
    second.receive(op('edit', 5, 'e1', 2, { text: 'two!' }, ME_ID))
    expect((await edit).seq).toBe(5)
    expect((await unreact).seq).toBe(6)
    expect(ops).toEqual(['react@3', 'react@4', 'edit@5', 'unreact@6'])
    expect(chatState(connection.timeline.chatAt(1))).toBe('one')
    expect(chatState(connection.timeline.chatAt(2))).toBe('two! (edited) 👍1')
    // The welcome's ops changed the timeline in one update, never one change per op.
    expect(changes.filter((c) => c === 'update').length).toBe(3)
  })

  it('merges a resuming welcome: new chats as the hub has them now, missed ops on older ones', async () => {
    const { connection, welcomeOn, reconnect } = fakeConnection()
    void connection.connect()
    const first = await welcomeOn(
      fullWelcome({ history: [chat(1, 'a', OTHER, 'one')], lastSeq: 1 }),
    )
    await reconnect(first)
    const events: string[] = []
    connection.on('chat', (c) => events.push(`chat@${c.seq}`))
    connection.on('op', (o) => events.push(`${o.type}@${o.seq}`))
    // Chat 3 was edited (seq 4) before the welcome: its copy in the history is materialized,
    // and the edit re-applied to it changes nothing.
    await welcomeOn(
      fullWelcome({
        history: [
          chat(1, 'a', OTHER, 'one'),
          { ...chat(3, 'c', OTHER, 'three, fixed'), edited: true },
        ],
        lastSeq: 5,
        resumed: true,
        events: [
          op('edit', 2, 'e', 1, { text: 'one, fixed' }),
          op('edit', 4, 'f', 3, { text: 'three, fixed' }),
          op('react', 5, 'g', 3, { emoji: '👀' }),
        ],
      }),
    )
    expect(events).toEqual(['edit@2', 'chat@3', 'edit@4', 'react@5'])
    expect(chatState(connection.timeline.chatAt(1))).toBe('one, fixed (edited)')
    expect(chatState(connection.timeline.chatAt(3))).toBe('three, fixed (edited) 👀1')
    expect(connection.timeline.entries.some((e) => e.kind === 'gap')).toBe(false)
  })

  it('removes a refused op from the outbox with a readable reason; resends one refused for the rate', async () => {
    const { clock, connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(fullWelcome({ history: [chat(1, 'a', OTHER)], lastSeq: 1 }))
    const edit = connection.edit(1, 'mine now', 'e1')
    socket.receive({ type: 'error', code: 'not_author', message: 'not your message', id: 'e1' })
    await expect(edit).rejects.toMatchObject({
      code: 'HUB_not_author',
      message: 'not your message',
    })
    expect(connection.outboxEntries).toEqual([])
    const react = connection.react(1, '👍', 'r1')
    socket.receive({
      type: 'error',
      code: 'rate_limited',
      message: 'slow down',
      id: 'r1',
      retryAfterMs: 300,
    })
    expect(frames(socket, 'react')).toHaveLength(1)
    clock.advance(300)
    expect(frames(socket, 'react').map((f) => f['id'])).toEqual(['r1', 'r1'])
    socket.receive(op('react', 2, 'r1', 1, {}, ME_ID))
    expect((await react).seq).toBe(2)
    // What the client can tell is wrong never goes out.
    await expect(connection.react(1, 'not an emoji')).rejects.toMatchObject({
      code: 'CONN_ERR_INVALID',
    })
    expect(frames(socket, 'react')).toHaveLength(2)
  })

  it('refuses ops a hub does not list in its features, without sending them', async () => {
    const { connection, welcomeOn } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(
      fullWelcome({ history: [chat(1, 'a', OTHER)], lastSeq: 1, features: [] }),
    )
    await expect(connection.react(1, '👍')).rejects.toMatchObject({ code: 'CONN_ERR_UNSUPPORTED' })
    await expect(connection.history({ before: 2 }, 10)).rejects.toMatchObject({
      code: 'CONN_ERR_UNSUPPORTED',
    })
    connection.markRead(1)
    expect(socket.sent.map((f) => f['type'])).toEqual(['hello'])
  })

  it('sends a chat with its reply and mentions', async () => {
    const { connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn()
    const sent = connection.send('@Other look', {
      id: 'm1',
      replyTo: 1,
      mentions: [OTHER],
      mentionsRoom: true,
    })
    void connection.send('plain', 'm2')
    expect(frames(socket, 'chat')).toEqual([
      {
        type: 'chat',
        id: 'm1',
        text: '@Other look',
        replyTo: 1,
        mentions: [OTHER],
        mentionsRoom: true,
      },
      { type: 'chat', id: 'm2', text: 'plain' },
    ])
    socket.receive({ ...chat(2, 'm1', ME_ID, '@Other look'), replyTo: 1, mentions: [OTHER] })
    expect((await sent).mentions).toEqual([OTHER])
  })
})

describe('hostile hub input', () => {
  it('ignores invalid and nonsensical ops, and keeps a bounded number for chats not loaded', async () => {
    const { connection, welcomeOn } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(
      fullWelcome({ history: [chat(1, 'a', OTHER, 'one')], lastSeq: 1 }),
    )
    const errors: string[] = []
    connection.on('error', (e) => errors.push(e.code))
    // Not one grapheme, an oversized text, an op on a seq after its own.
    socket.onmessage?.(JSON.stringify({ ...op('react', 2, 'x', 1), emoji: '👍👍' }))
    socket.onmessage?.(
      JSON.stringify(op('edit', 3, 'y', 1, { text: 'x'.repeat(LIMITS.maxTextBytes + 1) })),
    )
    socket.receive(op('react', 4, 'z', 9))
    expect(errors).toEqual(['invalid_message'])
    expect(chatState(connection.timeline.chatAt(1))).toBe('one')
    // An edit by someone other than the author does nothing here either.
    socket.receive(op('edit', 5, 'w', 1, { text: 'forged' }, 'client-mallory'))
    expect(chatState(connection.timeline.chatAt(1))).toBe('one')
    // A flood of ops for chats not loaded: kept, but bounded.
    const flood = MAX_PENDING_OPS + 500
    for (let i = 0; i < flood; i++) socket.receive(op('react', 10 + 2 * i, `f${i}`, 9 + 2 * i))
    expect(connection.resumePosition?.lastSeq).toBe(10 + 2 * (flood - 1))
    expect(connection.timeline.waitingOps).toBe(MAX_PENDING_OPS)
  })

  it('filters a page to ascending chats on the asked side', async () => {
    const { connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(fullWelcome({ history: [chat(10, 'j', OTHER)], lastSeq: 10 }))
    const page = connection.history({ before: 10 }, 5)
    const request = frames(socket, 'history')[0]
    expect(request).toMatchObject({ type: 'history', before: 10, limit: 5 })
    socket.receive({
      type: 'page',
      id: String(request?.['id']),
      chats: [chat(3, 'c'), chat(2, 'b'), chat(5, 'e'), chat(12, 'l')],
      first: false,
      last: false,
      trimmed: false,
    })
    expect((await page).chats.map((c) => c.seq)).toEqual([3, 5])
  })
})

describe('requests', () => {
  it('answers history and search by id, and rejects with typed errors', async () => {
    const { clock, connection, welcomeOn, frames, reconnect } = fakeConnection({
      requestTimeoutMs: 5_000,
    })
    void connection.connect()
    const socket = await welcomeOn(fullWelcome({ lastSeq: 40 }))
    const search = connection.search({ text: 'lunch', limit: 5 })
    const limited = connection.history({ after: 0 }, 10)
    const [searchFrame, historyFrame] = [frames(socket, 'search')[0], frames(socket, 'history')[0]]
    expect(searchFrame).toMatchObject({ text: 'lunch', limit: 5 })
    socket.receive({
      type: 'error',
      code: 'request_limited',
      message: 'too many requests',
      id: String(historyFrame?.['id']),
      retryAfterMs: 500,
    })
    await expect(limited).rejects.toMatchObject({
      code: 'HUB_request_limited',
      retryAfterMs: 500,
    })
    // An answer of the wrong type, or to no request, is ignored.
    socket.receive({
      type: 'page',
      id: String(searchFrame?.['id']),
      chats: [],
      first: true,
      last: true,
      trimmed: false,
    })
    socket.receive({
      type: 'results',
      id: String(searchFrame?.['id']),
      matches: [
        { seq: 7, from: OTHER, name: 'Other', ts: 7, snippet: 'lunch?', highlights: [[0, 5]] },
      ],
      more: false,
    })
    expect((await search).matches.map((m) => m.seq)).toEqual([7])

    const late = connection.search({ text: 'late' })
    clock.advance(5_000)
    await expect(late).rejects.toMatchObject({ code: 'CONN_ERR_TIMEOUT' })
    const lost = expect(connection.history({ before: 40 }, 10)).rejects.toMatchObject({
      code: 'CONN_ERR_DISCONNECTED',
    })
    await reconnect(socket)
    await lost
    await expect(connection.search({ text: 'x' })).rejects.toMatchObject({
      code: 'CONN_ERR_DISCONNECTED',
    })
    await expect(connection.search({ text: '   ' })).rejects.toMatchObject({
      code: 'CONN_ERR_DISCONNECTED',
    })
  })

  it('pages back into the timeline, says when the start is reached, and lets the page win', async () => {
    const { connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(
      fullWelcome({ history: [chat(5, 'e'), chat(6, 'f')], lastSeq: 6 }),
    )
    // A reaction to a chat not loaded, before the page that brings it.
    socket.receive(op('react', 7, 'r', 3))
    const older = connection.loadOlder(50)
    const request = frames(socket, 'history')[0]
    expect(request).toMatchObject({ before: 5, limit: 50 })
    const reacted = { ...chat(3, 'c'), reactions: [{ emoji: '👍', from: [OTHER] }] }
    socket.receive({
      type: 'page',
      id: String(request?.['id']),
      chats: [chat(1, 'a'), reacted],
      first: true,
      last: false,
      trimmed: true,
    })
    expect(await older).toEqual({ added: 2, refused: false })
    expect(
      connection.timeline.entries.map((e) => (e.kind === 'chat' ? e.chat.seq : e.kind)),
    ).toEqual([1, 3, 5, 6])
    expect(chatState(connection.timeline.chatAt(3))).toBe('text c 👍1')
    expect(connection.timeline.start).toEqual({ trimmed: true })
    expect(await connection.loadOlder(50)).toEqual({ added: 0, refused: false })
    expect(frames(socket, 'history')).toHaveLength(1)
  })

  it('fetches a replied-to original once loaded nowhere, and keeps it current', async () => {
    const { connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(
      fullWelcome({ history: [{ ...chat(50, 'r'), replyTo: 4 }], lastSeq: 50 }),
    )
    const fetched = connection.fetchChat(4)
    const request = frames(socket, 'history')[0]
    expect(request).toMatchObject({ before: 5, limit: 1 })
    socket.receive({
      type: 'page',
      id: String(request?.['id']),
      chats: [chat(4, 'd', OTHER, 'original')],
      first: false,
      last: false,
      trimmed: false,
    })
    expect((await fetched)?.text).toBe('original')
    const known: string[] = []
    connection.timeline.on('change', (c) => {
      if (c.type === 'known') known.push(...c.chats.map(chatState))
    })
    socket.receive(op('edit', 51, 'e', 4, { text: 'original, edited' }))
    expect(known).toEqual(['original, edited (edited)'])
    // Known now: no second request.
    expect((await connection.fetchChat(4))?.text).toBe('original, edited')
    expect(frames(socket, 'history')).toHaveLength(1)
    // Not a chat (or no longer kept): null.
    const none = connection.fetchChat(30)
    const second = frames(socket, 'history')[1]
    socket.receive({
      type: 'page',
      id: String(second?.['id']),
      chats: [chat(29, 'x')],
      first: false,
      last: false,
      trimmed: false,
    })
    expect(await none).toBeNull()
  })
})

describe('read positions', () => {
  it('reports only forward, coalesced and paced; takes the positions the hub relays', async () => {
    const { clock, connection, welcomeOn, frames } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(
      fullWelcome({ lastSeq: 100, reads: [{ clientId: OTHER, seq: 90 }] }),
    )
    expect(connection.reads).toEqual([{ clientId: OTHER, seq: 90 }])
    for (let seq = 1; seq <= 20; seq++) connection.markRead(seq)
    connection.markRead(5)
    connection.markRead(500) // beyond what was received: the last seq received
    const sent = (): unknown[] => frames(socket, 'read').map((f) => f['seq'])
    // The burst lets the first few out at once; the rest wait and coalesce into the latest.
    expect(sent().length).toBeLessThanOrEqual(LIMITS.readBurst)
    clock.advance(2_000)
    expect(sent().at(-1)).toBe(100)
    const count = sent().length
    clock.advance(10_000)
    expect(sent()).toHaveLength(count)
    expect(sent()).toEqual([...(sent() as number[])].sort((a, b) => a - b))
    const told: string[] = []
    connection.on('reads', (positions) =>
      told.push(...positions.map((p) => `${p.clientId}@${p.seq}`)),
    )
    socket.receive({
      type: 'reads',
      positions: [
        { clientId: OTHER, seq: 95 },
        { clientId: 'client-b', seq: 3 },
      ],
    })
    socket.receive({ type: 'reads', positions: [{ clientId: OTHER, seq: 94 }] })
    expect(told).toEqual(['client-b@3', `${OTHER}@95`])
    expect(connection.reads).toEqual([
      { clientId: OTHER, seq: 95 },
      { clientId: 'client-b', seq: 3 },
    ])
  })
})
