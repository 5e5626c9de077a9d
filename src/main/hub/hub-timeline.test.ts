import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DELETED_TEXT, FEATURES, SCHEMAS } from '../../shared/protocol'
import { cid, waitFor, type TestClient } from '../../../test/support/ws-client'
import { useHubFixture } from './testing/hub-fixture'
import { MemoryDisk, memoryStoreOn } from './testing/memory-store'
import { outcome, received, refusalOf, say, sendOp, stampedOf } from './testing/timeline-client'

// Replies, mentions, reactions, edits and deletes end to end, on real sockets: the rules each
// op meets, what every member sees, and exactly-once across reconnects. Paging, search and read
// positions are in hub-history.test.ts.

const { hubWith, client, member } = useHubFixture()

/** `welcome` as the v1 schema had it before issue #13 (chats of seven fields, text never blank). */
const OLD_WELCOME = SCHEMAS.welcome
  .pick({
    type: true,
    v: true,
    you: true,
    room: true,
    members: true,
    lastSeq: true,
    resumed: true,
    gap: true,
    limits: true,
  })
  .extend({
    history: z.array(
      SCHEMAS.chatEvent.pick({
        type: true,
        seq: true,
        id: true,
        from: true,
        name: true,
        text: true,
        ts: true,
      }),
    ),
  })

describe('replies and mentions', () => {
  it('stamps a reply to a kept chat with its mentions, and refuses other targets', async () => {
    const { url } = await hubWith()
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const first = await say(ada, 'a1', 'hello @bob', { mentions: [cid('bob')] })
    expect(first.mentions).toEqual([cid('bob')])
    const reply = await say(bob, 'b1', 'hi', { replyTo: first.seq })
    expect(reply).toMatchObject({ replyTo: first.seq, from: cid('bob') })
    // Everyone sees it as stamped, the author included.
    expect((await stampedOf(ada, 'chat', 'b1')).replyTo).toBe(first.seq)
    const react = await sendOp(ada, {
      type: 'react',
      id: 'r1',
      target: first.seq,
      emoji: '👍',
    })
    expect(react.type).toBe('react')
    // A reaction's seq, a seq beyond the room, a seq that never was a chat.
    for (const [id, replyTo] of [
      ['x1', (react as { seq: number }).seq],
      ['x2', 999],
    ] as const) {
      expect(await outcome(bob, { type: 'chat', id, text: 'no', replyTo })).toBe('unknown_target')
    }
    // Nothing was stamped for the refused replies.
    expect(bob.all('chat').map((c) => c.id)).toEqual(['a1', 'b1'])
  })

  it('lets a member mention the room once per interval, then stamps without the flag', async () => {
    const { url } = await hubWith({ limits: { roomMentionIntervalMs: 60_000 } })
    const ada = await member(url, 'ada')
    const first = await say(ada, 'm1', '@room lunch', { mentionsRoom: true })
    expect(first.mentionsRoom).toBe(true)
    const second = await say(ada, 'm2', '@room really', { mentionsRoom: true })
    expect(second.mentionsRoom).toBeUndefined()
    expect(second.text).toBe('@room really')
    const limited = await received(ada, 'error', (e) => e.code === 'mention_limited')
    expect(limited.id).toBeUndefined()
    expect(limited.retryAfterMs).toBeGreaterThan(50_000)
    // By client id: a new connection does not reset it.
    ada.ws.terminate()
    const again = client(url)
    await again.join('ada', cid('ada'))
    expect((await say(again, 'm3', '@room now?', { mentionsRoom: true })).mentionsRoom).toBe(
      undefined,
    )
    await received(again, 'error', (e) => e.code === 'mention_limited')
  })
})

describe('reactions', () => {
  it('relays reactions, refuses what changes nothing and what is over the limits', async () => {
    const { url } = await hubWith({ limits: { maxReactionEmoji: 2, maxReactionsPerMessage: 3 } })
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const carl = await member(url, 'carl')
    const { seq } = await say(ada, 'a1', 'vote')
    const react = (c: TestClient, id: string, emoji: string, type = 'react') =>
      outcome(c, { type, id, target: seq, emoji })
    expect(await react(bob, 'b1', '👍')).toBe('react')
    expect((await stampedOf(ada, 'react', 'b1')).from).toBe(cid('bob'))
    expect(await react(bob, 'b2', '👍')).toBe('no_change')
    expect(await react(bob, 'b3', '🎉', 'unreact')).toBe('no_change')
    // Said to the person, whose app or terminal shows it as it is.
    const said = bob.all('error').map((e) => e.message)
    expect(said.slice(-2)).toEqual([
      'you already reacted with 👍 to this message',
      'you have no 🎉 reaction on this message',
    ])
    expect(await react(ada, 'a2', '🎉')).toBe('react')
    // A third distinct emoji, then a fourth (member, emoji) pair.
    expect(await react(carl, 'c1', '🚀')).toBe('too_many_reactions')
    expect(await react(carl, 'c2', '👍')).toBe('react')
    expect(await react(carl, 'c3', '🎉')).toBe('too_many_reactions')
    // Taking one back makes room.
    expect(await react(bob, 'b4', '👍', 'unreact')).toBe('unreact')
    expect(await react(carl, 'c4', '🎉')).toBe('react')
    expect(await react(bob, 'b5', '👍', 'react')).toBe('too_many_reactions')
    expect(await outcome(bob, { type: 'react', id: 'b6', target: seq + 100, emoji: '👍' })).toBe(
      'unknown_target',
    )
    // A newcomer sees the reactions in the chat itself.
    const dave = client(url)
    const welcome = await dave.join('dave', cid('dave'))
    expect(welcome.history.at(-1)?.reactions).toEqual([
      { emoji: '👍', from: [cid('carl')] },
      { emoji: '🎉', from: [cid('ada'), cid('carl')] },
    ])
  })

  it('refuses a reaction that is not one emoji (the schema)', async () => {
    const { url } = await hubWith()
    const ada = await member(url, 'ada')
    const { seq } = await say(ada, 'a1', 'x')
    for (const [id, emoji] of [
      ['e1', 'ab'],
      ['e2', '👍👍'],
      ['e3', '\u202e👍'],
      ['e4', '👍'.repeat(40)],
    ] as const) {
      expect(await outcome(ada, { type: 'react', id, target: seq, emoji })).toBe('invalid_message')
    }
  })
})

describe('edits and deletes', () => {
  it('lets only the author edit or delete, and forgets a deleted text', async () => {
    const disk = new MemoryDisk()
    const { url } = await hubWith({ openStore: memoryStoreOn(disk) })
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const { seq } = await say(ada, 'a1', 'the secret plan')
    await say(bob, 'b1', 'a reply', { replyTo: seq })
    // Bob proves his own identity; the hub knows the chat is Ada's.
    expect(await outcome(bob, { type: 'edit', id: 'f1', target: seq, text: 'forged' })).toBe(
      'not_author',
    )
    expect(await outcome(bob, { type: 'delete', id: 'f2', target: seq })).toBe('not_author')
    expect(await outcome(ada, { type: 'edit', id: 'e1', target: seq, text: 'the plan v2' })).toBe(
      'edit',
    )
    expect((await stampedOf(bob, 'edit', 'e1')).text).toBe('the plan v2')
    const late = client(url)
    const edited = (await late.join('carl', cid('carl'))).history.find((c) => c.seq === seq)
    expect(edited).toMatchObject({ text: 'the plan v2', edited: true })
    expect(await outcome(ada, { type: 'delete', id: 'd1', target: seq })).toBe('delete')
    expect((await stampedOf(bob, 'delete', 'd1')).target).toBe(seq)
    expect(await outcome(ada, { type: 'delete', id: 'd2', target: seq })).toBe('no_change')
    expect(await outcome(ada, { type: 'edit', id: 'e2', target: seq, text: 'back' })).toBe(
      'unknown_target',
    )
    expect(await outcome(bob, { type: 'react', id: 'r1', target: seq, emoji: '👍' })).toBe(
      'unknown_target',
    )
    // Replying to a deleted chat is allowed.
    expect((await say(bob, 'b2', 'what was it?', { replyTo: seq })).replyTo).toBe(seq)
    const after = client(url)
    const welcome = await after.join('dave', cid('dave'))
    const deleted = welcome.history.find((c) => c.seq === seq)
    expect(deleted).toMatchObject({ text: DELETED_TEXT, deleted: true })
    expect(deleted?.edited).toBeUndefined()
    const json = JSON.stringify(welcome)
    expect(json).not.toContain('secret')
    expect(json).not.toContain('v2')
    // Gone from what the store keeps, too: the chat and its edit.
    const kept = [...disk.records.values()].join('\n')
    expect(kept).not.toContain('secret')
    expect(kept).not.toContain('v2')
  })
})

describe('exactly once, resumed', () => {
  it('acknowledges a resent op after a reconnect without stamping it again', async () => {
    const { hub, url } = await hubWith()
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const { seq } = await say(ada, 'a1', 'hello')
    const ops = [
      { type: 'react', id: 'o1', target: seq, emoji: '👍' },
      { type: 'edit', id: 'o2', target: seq, text: 'hello!' },
      { type: 'unreact', id: 'o3', target: seq, emoji: '👍' },
    ]
    const stamped = []
    for (const op of ops) stamped.push(await sendOp(ada, op))
    const lastSeq = (stamped.at(-1) as { seq: number }).seq
    ada.ws.terminate()
    const again = client(url)
    await again.join('ada', cid('ada'), { epoch: hub.epoch, lastSeq })
    // The outbox resends everything it had not seen acknowledged: the same ids.
    for (const op of ops) again.sendJson(op)
    for (const [i, op] of ops.entries()) {
      expect(await stampedOf(again, op.type as 'react', op.id)).toEqual(stamped[i])
    }
    await say(again, 'a2', 'marker')
    // Bob saw each op once.
    for (const op of ops) {
      expect(bob.all(op.type as 'react').filter((m) => m.id === op.id)).toHaveLength(1)
    }
    // One table for every type: an op reusing a chat's id is that chat's resend.
    again.sendJson({ type: 'react', id: 'a1', target: seq, emoji: '🎉' })
    const echoed = await received(again, 'chat', (c) => c.id === 'a1')
    expect(echoed.seq).toBe(seq)
  })

  it('resumes with the ops missed, and the chats as they stand', async () => {
    const { hub, url } = await hubWith()
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const one = await say(ada, 'a1', 'one')
    const two = await say(ada, 'a2', 'two')
    const seen = await stampedOf(bob, 'chat', 'a2')
    await bob.close()
    await sendOp(ada, { type: 'react', id: 'r1', target: one.seq, emoji: '👍' })
    await sendOp(ada, { type: 'edit', id: 'e1', target: two.seq, text: 'two, edited' })
    const three = await say(ada, 'a3', 'three')
    await sendOp(ada, { type: 'edit', id: 'e2', target: three.seq, text: 'gone' })
    await sendOp(ada, { type: 'delete', id: 'd1', target: three.seq })
    const back = client(url)
    const welcome = await back.join('bob', cid('bob'), { epoch: hub.epoch, lastSeq: seen.seq })
    expect(welcome).toMatchObject({ resumed: true, gap: false })
    expect(welcome.history.map((c) => [c.seq, c.text])).toEqual([[three.seq, DELETED_TEXT]])
    // The edit of the deleted chat is not sent again; the delete says all.
    expect(welcome.events?.map((e) => [e.type, e.id])).toEqual([
      ['react', 'r1'],
      ['edit', 'e1'],
      ['delete', 'd1'],
    ])
    expect(welcome.lastSeq).toBe(three.seq + 2)
  })

  it('says there is a gap when more ops were missed than a welcome carries', async () => {
    const { hub, url } = await hubWith({ limits: { maxResumeEvents: 2 } })
    const ada = await member(url, 'ada')
    const { seq } = await say(ada, 'a1', 'one')
    for (const [i, emoji] of ['👍', '🎉', '🚀'].entries()) {
      await sendOp(ada, { type: 'react', id: `r${i}`, target: seq, emoji })
    }
    const welcome = await client(url).join('bob', cid('bob'), { epoch: hub.epoch, lastSeq: seq })
    expect(welcome).toMatchObject({ resumed: false, gap: true })
    expect(welcome.events).toBeUndefined()
    expect(welcome.history.at(-1)?.reactions).toHaveLength(3)
  })
})

describe('welcome', () => {
  it('lists the features, and stays readable for a client that knows only chats', async () => {
    const { url } = await hubWith()
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const { seq } = await say(ada, 'a1', 'hello')
    await sendOp(ada, { type: 'edit', id: 'e1', target: seq, text: 'hello again' })
    await sendOp(bob, { type: 'react', id: 'r1', target: seq, emoji: '👍' })
    const { seq: gone } = await say(ada, 'a2', 'oops')
    await sendOp(ada, { type: 'delete', id: 'd1', target: gone })
    const carl = client(url)
    const raw: unknown[] = []
    carl.ws.on('message', (data) => raw.push(JSON.parse(String(data))))
    const welcome = await carl.join('carl', cid('carl'))
    // The welcome as a client built from the v1 schema before issue #13 reads it.
    const oldWelcome = OLD_WELCOME.parse(
      raw.find((m) => (m as { type: string }).type === 'welcome'),
    )
    expect(oldWelcome.history.map((c) => c.text)).toEqual(['hello again', DELETED_TEXT])
    expect(welcome.features).toEqual(FEATURES.filter((feature) => feature !== 'files'))
    expect(welcome.reads).toEqual([])
    // What a v1 client reads: chats only, each with its text (never blank), one per seq.
    expect(welcome.history.map((c) => [c.type, c.text])).toEqual([
      ['chat', 'hello again'],
      ['chat', DELETED_TEXT],
    ])
    // Live ops are types of their own, which such a client ignores.
    expect(bob.received.filter((m) => m.type === 'chat').map((m) => m.id)).toEqual(['a1', 'a2'])
    expect(bob.all('edit')).toHaveLength(1)
  })
})

describe('hostile members', () => {
  it('paces every op like chats: a reaction flood and an edit storm are refused', async () => {
    const { url } = await hubWith({ rateLimit: 0.5, limits: { chatBurst: 4 } })
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    const { seq } = await say(ada, 'a1', 'target')
    const emoji = ['👍', '🎉', '🚀', '❤️', '😂', '😮', '😢', '🙏', '👀', '🔥']
    for (let i = 0; i < 200; i++) {
      bob.sendJson({ type: 'react', id: `r${i}`, target: seq, emoji: emoji[i % emoji.length] })
      ada.sendJson({ type: 'edit', id: `e${i}`, target: seq, text: `edit ${i}` })
    }
    await received(bob, 'error', (e) => e.id === 'r199')
    await received(ada, 'error', (e) => e.id === 'e199')
    // The burst passed (less one token: the chat), the rest was refused for the rate (one
    // token more may have come in meanwhile on a busy machine).
    expect(ada.all('react').length).toBeLessThanOrEqual(5)
    expect(ada.all('edit').length).toBeLessThanOrEqual(4)
    expect(bob.all('error').every((e) => e.code === 'rate_limited')).toBe(true)
    // The room still answers at once.
    const carl = await member(url, 'carl')
    await say(carl, 'c1', 'still here')
    const stampedEdits = ada.all('edit')
    const welcome = await client(url).join('dave', cid('dave'))
    expect(welcome.history.find((c) => c.seq === seq)?.text).toBe(stampedEdits.at(-1)?.text)
  })

  it('refuses an op that is not well-formed', async () => {
    const { url } = await hubWith()
    const ada = await member(url, 'ada')
    const { seq } = await say(ada, 'a1', 'target')
    for (const [i, op] of [
      { type: 'react', target: seq, emoji: '👍' },
      { type: 'edit', id: 'x', target: 0, text: 'no' },
      { type: 'edit', id: 'x', target: seq, text: '   ' },
      { type: 'delete', id: 'x', target: 'one' },
      { type: 'chat', id: 'x', text: 'hi', mentions: [cid('bob'), cid('bob')] },
      { type: 'chat', id: 'x', text: 'hi', mentionsRoom: false },
    ].entries()) {
      ada.sendJson(op)
      await waitFor(() => ada.all('error').length === i + 1)
      expect(ada.all('error')[i]?.code).toBe('invalid_message')
    }
    expect(ada.all('react')).toEqual([])
    await refusalOf(ada, 'x')
  })
})
