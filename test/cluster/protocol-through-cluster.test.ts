import { beforeAll, describe, expect, it } from 'vitest'
import { DELETED_TEXT, type ChatEvent, type HubMessage } from '../../src/shared/protocol'
import type { HubOptions } from '../../src/main/hub/hub'
import {
  outcome,
  received,
  say,
  sendOp,
  stampedOf,
} from '../../src/main/hub/testing/timeline-client'
import { ChaosProxy } from '../support/chaos-proxy'
import { natsServerInstalled, startNatsCluster, type NatsCluster } from '../support/nats-cluster'
import { perFile, perTest } from '../support/scope'
import { cid, waitFor, type TestClient } from '../support/ws-client'

// Issue #19: "everything else in the protocol works unchanged through a clustered room". Two
// real hubs serve one room through one real nats-server; a member on hub A and a member on
// hub B page the history, search, react, edit, delete, reply and mention, and resume on the
// other hub. Files, presence and typing are tested with their own parts.

const file = perFile()
const scope = perTest()
let nats: NatsCluster
let rooms = 0
let nextId = 0

/** Two hubs of a fresh room. */
async function twoHubs(options: Partial<HubOptions> = {}) {
  const roomName = `Protocol ${++rooms}`
  const start = () =>
    scope.hub({ roomName, rateLimit: 0, nats: { servers: nats.urls }, ...options })
  const a = await start()
  const b = await start()
  return { a, b }
}

/** Two hubs of a fresh room, Ada a member on the first and Bob on the second. */
async function adaAndBob(options: Partial<HubOptions> = {}) {
  const { a, b } = await twoHubs(options)
  const ada = (await memberOn(a.url, 'ada')).c
  const bob = (await memberOn(b.url, 'bob')).c
  return { a, b, ada, bob }
}

async function memberOn(
  url: string,
  name: string,
  resume?: { epoch: string; lastSeq: number },
): Promise<{ c: TestClient; welcome: Extract<HubMessage, { type: 'welcome' }> }> {
  const c = scope.client(url)
  const welcome = await c.join(name, cid(name), resume)
  return { c, welcome }
}

/** The error code or stamped type that answered the op `id` a member sent. */
async function answerTo(c: TestClient, id: string): Promise<string> {
  let answer: HubMessage | undefined
  await waitFor(
    () => (answer = c.received.find((m) => 'id' in m && m.id === id)) !== undefined,
    undefined,
    `the answer to ${id}`,
  )
  return answer?.type === 'error' ? answer.code : String(answer?.type)
}

/** Sends a `history` or `search` request and waits for what answers it. */
async function ask<T extends 'page' | 'results'>(
  c: TestClient,
  type: T,
  request: Record<string, unknown>,
): Promise<Extract<HubMessage, { type: T }>> {
  const id = `q${nextId++}`
  c.sendJson({ ...request, type: type === 'page' ? 'history' : 'search', id })
  let answer: HubMessage | undefined
  await waitFor(
    () =>
      (answer = c.received.find(
        (m) => 'id' in m && m.id === id && (m.type === type || m.type === 'error'),
      )) !== undefined,
    undefined,
    `the answer to ${id}`,
  )
  if (answer?.type !== type) throw new Error(`${id} refused: ${JSON.stringify(answer)}`)
  return answer as Extract<HubMessage, { type: T }>
}

/** Every page back from `before` to the first, as [first seq, last seq] of each page. */
async function pagesBack(c: TestClient, before: number, limit: number) {
  const pages: Array<{ seqs: number[]; first: boolean }> = []
  for (;;) {
    const page = await ask(c, 'page', { before, limit })
    pages.push({ seqs: page.chats.map((chat) => chat.seq), first: page.first })
    if (page.first) return pages
    before = page.chats[0]?.seq ?? before
  }
}

describe.skipIf(!natsServerInstalled)('the protocol through a clustered room (two hubs)', () => {
  beforeAll(async () => {
    nats = file.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
  })

  it('pages the history with the same boundaries on both hubs', async () => {
    const { b, ada, bob } = await adaAndBob({ limits: { historySize: 10 } })
    for (let i = 0; i < 20; i++) {
      ada.sendJson({ type: 'chat', id: `a${i}`, text: `from a ${i}` })
      bob.sendJson({ type: 'chat', id: `b${i}`, text: `from b ${i}` })
    }
    await waitFor(() => ada.all('chat').length === 40, 30_000, 'every chat at ada')
    await waitFor(() => bob.all('chat').length === 40, 30_000, 'every chat at bob')
    const all = ada.all('chat').map((chat) => chat.seq)
    const edited = ada.all('chat').find((chat) => chat.id === 'b3') as ChatEvent
    await sendOp(bob, { type: 'edit', id: 'e1', target: edited.seq, text: 'b3, edited' })
    await received(ada, 'edit', (m) => m.id === 'e1')
    const last = (await say(ada, 'end', 'the end')).seq
    await received(bob, 'chat', (m) => m.id === 'end')

    const atA = await pagesBack(ada, last, 7)
    const atB = await pagesBack(bob, last, 7)
    expect(atB).toEqual(atA)
    expect(atA.toReversed().flatMap((page) => page.seqs)).toEqual(all)
    expect(atA.map((page) => page.seqs.length)).toEqual([7, 7, 7, 7, 7, 5])
    // Forward, and the chats as they stand, the same on both.
    const forwardA = await ask(ada, 'page', { after: edited.seq - 1, limit: 3 })
    const forwardB = await ask(bob, 'page', { after: edited.seq - 1, limit: 3 })
    expect(forwardB.chats).toEqual(forwardA.chats)
    expect(forwardA.chats[0]).toMatchObject({ seq: edited.seq, text: 'b3, edited', edited: true })
    // The welcome carries the last historySize chats on either hub.
    const late = await memberOn(b.url, 'carl')
    expect(late.welcome.history.map((chat) => chat.seq)).toEqual([...all.slice(-9), last])
  }, 120_000)

  it('finds the same chats from either hub, chats sent at the other one included', async () => {
    const { ada, bob } = await adaAndBob()
    const one = await say(ada, 'a1', 'the build is green')
    const two = await say(bob, 'b1', 'rebuilding the docs')
    const three = await say(bob, 'b2', 'BUILD again')
    await say(ada, 'a2', 'unrelated')
    const gone = await say(ada, 'a3', 'build to delete')
    await sendOp(bob, { type: 'edit', id: 'e1', target: two.seq, text: 'rewriting the docs' })
    await sendOp(ada, { type: 'delete', id: 'd1', target: gone.seq })
    await received(bob, 'delete', (m) => m.id === 'd1')
    await received(ada, 'edit', (m) => m.id === 'e1')
    const atA = await ask(ada, 'results', { text: 'build' })
    const atB = await ask(bob, 'results', { text: 'build' })
    expect(atA.matches.map((m) => m.seq)).toEqual([three.seq, one.seq])
    expect(atB).toEqual({ ...atA, id: atB.id })
    const edited = await ask(ada, 'results', { text: 'rewriting' })
    expect(edited.matches.map((m) => m.seq)).toEqual([two.seq])
  }, 120_000)

  it('relays reactions to both hubs, once, and holds the reaction bound room-wide', async () => {
    const { a, b, ada, bob } = await adaAndBob({ limits: { maxReactionsPerMessage: 3 } })
    const carl = (await memberOn(b.url, 'carl')).c
    const { seq } = await say(ada, 'a1', 'vote')
    await received(bob, 'chat', (m) => m.id === 'a1')
    expect(await outcome(bob, { type: 'react', id: 'r1', target: seq, emoji: '👍' })).toBe('react')
    expect((await stampedOf(ada, 'react', 'r1')).from).toBe(cid('bob'))
    expect(await outcome(bob, { type: 'unreact', id: 'u1', target: seq, emoji: '👍' })).toBe(
      'unreact',
    )
    await stampedOf(ada, 'unreact', 'u1')
    // The same reaction twice in one go: the second reaches its hub before the first has come
    // back from the stream. Stamped once, everywhere.
    ada.sendJson({ type: 'react', id: 'r2', target: seq, emoji: '🎉' })
    ada.sendJson({ type: 'react', id: 'r3', target: seq, emoji: '🎉' })
    await received(ada, 'error', (m) => m.id === 'r3')
    await stampedOf(bob, 'react', 'r2')
    // Two members on B and one on A take the last two places at once: two get them.
    ada.sendJson({ type: 'react', id: 'r4', target: seq, emoji: '👍' })
    bob.sendJson({ type: 'react', id: 'r5', target: seq, emoji: '🚀' })
    carl.sendJson({ type: 'react', id: 'r6', target: seq, emoji: '🚀' })
    const answers = await Promise.all([
      answerTo(ada, 'r4'),
      answerTo(bob, 'r5'),
      answerTo(carl, 'r6'),
    ])
    expect(answers.filter((code) => code === 'react')).toHaveLength(2)
    expect(answers.filter((code) => code === 'too_many_reactions')).toHaveLength(1)
    // Every member saw each stamped reaction once, and a newcomer on either hub the same chat.
    const marker = await say(ada, 'a2', 'marker')
    await received(bob, 'chat', (m) => m.seq === marker.seq)
    await received(carl, 'chat', (m) => m.seq === marker.seq)
    const stampedIds = ada.all('react').map((m) => m.id)
    for (const c of [bob, carl]) expect(c.all('react').map((m) => m.id)).toEqual(stampedIds)
    expect(new Set(stampedIds).size).toBe(stampedIds.length)
    const atA = (await memberOn(a.url, 'dave')).welcome.history.find((m) => m.seq === seq)
    const atB = (await memberOn(b.url, 'erin')).welcome.history.find((m) => m.seq === seq)
    expect(atB).toEqual(atA)
    const pairs = (atA?.reactions ?? []).reduce((n, r) => n + r.from.length, 0)
    expect(pairs).toBe(3)
  }, 120_000)

  it('lets only the author edit or delete, whichever hub it is on', async () => {
    const { a, b, ada, bob } = await adaAndBob()
    const { seq } = await say(ada, 'a1', 'the secret plan')
    await received(bob, 'chat', (m) => m.id === 'a1')
    expect(await outcome(bob, { type: 'edit', id: 'f1', target: seq, text: 'forged' })).toBe(
      'not_author',
    )
    expect(await outcome(bob, { type: 'delete', id: 'f2', target: seq })).toBe('not_author')
    expect(await outcome(ada, { type: 'edit', id: 'e1', target: seq, text: 'plan v2' })).toBe(
      'edit',
    )
    expect((await stampedOf(bob, 'edit', 'e1')).text).toBe('plan v2')
    // A delete and an edit sent in one go: the edit reaches the hub before the delete has come
    // back from the stream, and must not bring a text back.
    ada.sendJson({ type: 'delete', id: 'd1', target: seq })
    ada.sendJson({ type: 'edit', id: 'e2', target: seq, text: 'plan v3' })
    expect((await received(ada, 'error', (m) => m.id === 'e2')).code).toBe('unknown_target')
    expect((await stampedOf(bob, 'delete', 'd1')).target).toBe(seq)
    expect(await outcome(ada, { type: 'delete', id: 'd2', target: seq })).toBe('no_change')
    const marker = await say(ada, 'a2', 'marker')
    await received(bob, 'chat', (m) => m.seq === marker.seq)
    expect(bob.all('edit').map((m) => m.id)).toEqual(['e1'])
    expect(bob.all('delete').map((m) => m.id)).toEqual(['d1'])
    for (const url of [a.url, b.url]) {
      const { welcome } = await memberOn(url, `carl${url === a.url ? 'a' : 'b'}`)
      expect(welcome.history.find((m) => m.seq === seq)).toMatchObject({
        text: DELETED_TEXT,
        deleted: true,
      })
      const json = JSON.stringify(welcome)
      expect(json).not.toContain('secret')
      expect(json).not.toContain('plan v')
    }
  }, 120_000)

  it('carries replies and mentions across hubs', async () => {
    const { ada, bob } = await adaAndBob()
    const first = await say(ada, 'a1', 'hello @bob', { mentions: [cid('bob')] })
    expect((await stampedOf(bob, 'chat', 'a1')).mentions).toEqual([cid('bob')])
    const reply = await say(bob, 'b1', 'hi @room', {
      replyTo: first.seq,
      mentions: [cid('ada')],
      mentionsRoom: true,
    })
    expect(await stampedOf(ada, 'chat', 'b1')).toEqual(reply)
    expect(reply).toMatchObject({ replyTo: first.seq, mentions: [cid('ada')], mentionsRoom: true })
    expect(await outcome(bob, { type: 'chat', id: 'b2', text: 'no', replyTo: 999 })).toBe(
      'unknown_target',
    )
  }, 120_000)

  it('resumes on the other hub with the edits, reactions and deletes it missed', async () => {
    const { a, b, ada, bob } = await adaAndBob()
    // Hub B's own reader of the stream: a welcome there shows what B has read.
    const watcher = (await memberOn(b.url, 'carl')).c
    const one = await say(ada, 'a1', 'one')
    const two = await say(ada, 'a2', 'two')
    const seen = await stampedOf(bob, 'chat', 'a2')
    bob.ws.terminate()
    await bob.closed
    await sendOp(ada, { type: 'react', id: 'r1', target: one.seq, emoji: '👍' })
    await sendOp(ada, { type: 'edit', id: 'e1', target: two.seq, text: 'two, edited' })
    const three = await say(ada, 'a3', 'three')
    await sendOp(ada, { type: 'edit', id: 'e2', target: three.seq, text: 'gone' })
    await sendOp(ada, { type: 'delete', id: 'd1', target: three.seq })
    // B welcomes a resume once it has read up to the resume's seq (a2), not to the room's last
    // op: the test waits until B has read d1, the last, so that its welcome holds them all.
    await stampedOf(watcher, 'delete', 'd1')
    const resume = { epoch: b.hub.epoch, lastSeq: seen.seq }
    for (const [url, name] of [
      [a.url, 'bob'],
      [b.url, 'bob'],
    ] as const) {
      const { c, welcome } = await memberOn(url, name, resume)
      expect(welcome).toMatchObject({ resumed: true, gap: false })
      expect(welcome.history.map((m) => [m.seq, m.text])).toEqual([[three.seq, DELETED_TEXT]])
      expect(welcome.events?.map((e) => [e.type, e.id])).toEqual([
        ['react', 'r1'],
        ['edit', 'e1'],
        ['delete', 'd1'],
      ])
      expect(welcome.lastSeq).toBe(three.seq + 2)
      expect(JSON.stringify(welcome)).not.toContain('gone')
      // A page from that hub shows the chats as they stand.
      const page = await ask(c, 'page', { before: three.seq, limit: 10 })
      expect(page.chats.map((m) => [m.text, m.reactions?.length ?? 0, m.edited ?? false])).toEqual([
        ['one', 1, false],
        ['two, edited', 0, true],
      ])
      c.ws.terminate()
      await c.closed
    }
  }, 120_000)

  it('welcomes a member resuming at a hub still behind the stream once that hub has read it', async () => {
    // Hub B reads the stream through a proxy that can stall: B falls behind the room while A,
    // where Ada is, goes on. Ada then moves to B with the last seq A gave her.
    const proxy = scope.keep(
      await ChaosProxy.start(Number(new URL(nats.urls[0] as string).port)),
      (p) => p.close(),
    )
    const roomName = `Protocol ${++rooms}`
    const a = await scope.hub({ roomName, rateLimit: 0, nats: { servers: nats.urls } })
    const b = await scope.hub({
      roomName,
      rateLimit: 0,
      nats: { servers: [`nats://127.0.0.1:${proxy.port}`] },
    })
    const { c: ada } = await memberOn(a.url, 'ada')
    const bob = (await memberOn(b.url, 'bob')).c
    const one = await say(ada, 'a1', 'one')
    const seen = await stampedOf(bob, 'chat', 'a1')
    expect(seen.seq).toBe(one.seq)
    const STALL_MS = 1_500
    let stalled = 0
    for (let i = 0; i < proxy.linkCount; i++) if (proxy.stallAt(i, STALL_MS, 'resume')) stalled++
    expect(stalled).toBeGreaterThan(0)
    const stalledAt = Date.now()
    await sendOp(ada, { type: 'react', id: 'r1', target: one.seq, emoji: '👍' })
    await say(ada, 'a2', 'two')
    await sendOp(ada, { type: 'edit', id: 'e1', target: one.seq, text: 'one, edited' })
    const last = await stampedOf(ada, 'edit', 'e1')
    // B has read none of it yet.
    expect(bob.received.some((m) => 'id' in m && m.id === 'a2')).toBe(false)
    ada.ws.terminate()
    await ada.closed
    const { welcome } = await memberOn(b.url, 'ada', { epoch: a.hub.epoch, lastSeq: last.seq })
    // Welcomed once B had read the stream that far: resumed, nothing missing, nothing again.
    expect(welcome).toMatchObject({ resumed: true, gap: false, lastSeq: last.seq, history: [] })
    expect(welcome.events ?? []).toEqual([])
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(STALL_MS - 100)
  }, 120_000)
})
