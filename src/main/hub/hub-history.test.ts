import { describe, expect, it } from 'vitest'
import { DELETED_TEXT, type ChatEvent, type PageMessage } from '../../shared/protocol'
import { cid, tempDir, waitFor, type TestClient } from '../../../test/support/ws-client'
import { useHubFixture } from './testing/hub-fixture'
import { MemoryDisk, memoryStoreOn } from './testing/memory-store'
import { received, sendOp } from './testing/timeline-client'
import type { HubOptions } from './hub'

// History pages, search, read positions and what survives a restart, end to end on real
// sockets. The ops themselves are in hub-timeline.test.ts.

const { cleanups, hubWith, client, member } = useHubFixture()

let nextId = 0

/** Sends a request and waits for the message that answers its id. */
async function ask<T extends 'page' | 'results'>(
  c: TestClient,
  type: T,
  request: Record<string, unknown>,
) {
  const id = `q${nextId++}`
  c.sendJson({ ...request, type: type === 'page' ? 'history' : 'search', id })
  await waitFor(() =>
    c.received.some((m) => (m.type === type || m.type === 'error') && 'id' in m && m.id === id),
  )
  const answer = c.received.find(
    (m) => 'id' in m && m.id === id && (m.type === type || m.type === 'error'),
  )
  return answer as Extract<typeof answer, { type: T | 'error' }>
}

/** Stamps `count` chats from `c`, `text(i)` each, sent in one go and all acknowledged. */
async function fill(c: TestClient, count: number, text = (i: number) => `message ${i}`) {
  for (let i = 0; i < count; i++) c.sendJson({ type: 'chat', id: `f${i}`, text: text(i) })
  await received(c, 'chat', (m) => m.id === `f${count - 1}`)
}

describe('history pages', () => {
  it('pages back to the first message, with chats as they stand', async () => {
    const { url } = await hubWith({ rateLimit: 0, limits: { historySize: 50 } })
    const ada = await member(url, 'ada')
    await fill(ada, 430)
    const edited = ada.all('chat')[10] as ChatEvent
    await sendOp(ada, { type: 'edit', id: 'e1', target: edited.seq, text: 'changed' })
    await sendOp(ada, { type: 'react', id: 'r1', target: edited.seq, emoji: '👍' })
    const welcome = await client(url).join('bob', cid('bob'))
    expect(welcome.history).toHaveLength(50)
    const seen: number[] = []
    let before = welcome.history[0]?.seq as number
    let page: PageMessage
    let pages = 0
    do {
      const answer = await ask(ada, 'page', { before, limit: 200 })
      if (answer.type !== 'page') throw new Error(answer.message)
      page = answer
      pages += 1
      seen.unshift(...page.chats.map((c) => c.seq))
      before = page.chats[0]?.seq ?? before
    } while (!page.first)
    expect(pages).toBe(2)
    expect(page.trimmed).toBe(false)
    expect(seen).toEqual(
      ada
        .all('chat')
        .slice(0, 380)
        .map((c) => c.seq),
    )
    const back = await ask(ada, 'page', { before: edited.seq + 1, limit: 1 })
    expect(back.type === 'page' && back.chats[0]).toMatchObject({
      text: 'changed',
      edited: true,
      reactions: [{ emoji: '👍', from: [cid('ada')] }],
    })
    // Forward from a seq: the oldest chats after it; the newest page says `last`.
    const forward = await ask(ada, 'page', { after: 0, limit: 3 })
    expect(forward.type === 'page' && forward.chats.map((c) => c.id)).toEqual(['f0', 'f1', 'f2'])
    expect(forward).toMatchObject({ first: true, last: false })
    const newest = await ask(ada, 'page', {
      after: (ada.all('chat').at(-2) as ChatEvent).seq,
      limit: 5,
    })
    expect(newest).toMatchObject({ last: true, first: false })
    expect(newest.type === 'page' && newest.chats.map((c) => c.id)).toEqual(['f429'])
  })

  it('says when the budget dropped older chats', async () => {
    const { url } = await hubWith({
      rateLimit: 0,
      historyEvents: 40,
      openStore: memoryStoreOn(new MemoryDisk()),
    })
    const ada = await member(url, 'ada')
    await fill(ada, 100)
    const page = await ask(ada, 'page', { before: 1_000, limit: 200 })
    expect(page).toMatchObject({ type: 'page', first: true, trimmed: true })
    expect(page.type === 'page' && page.chats.map((c) => c.id)).toEqual(
      Array.from({ length: 40 }, (_, i) => `f${60 + i}`),
    )
    // A reply to a dropped chat names nothing the room keeps.
    const refused = await sendOp(ada, { type: 'chat', id: 'x', text: 'hm', replyTo: 1 })
    expect(refused).toMatchObject({ type: 'error', code: 'unknown_target' })
    // Nor does a welcome list them, while the room runs; a resume from before them has a gap.
    const kept = page.type === 'page' ? page.chats.map((c) => c.id) : []
    const bob = client(url)
    const welcome = await bob.join('bob', cid('bob'))
    expect(welcome.history.map((c) => c.id)).toEqual(kept)
    const early = (ada.all('chat')[10] as ChatEvent).seq
    const back = client(url)
    const resumed = await back.join('ada', cid('ada'), {
      epoch: welcome.room.epoch,
      lastSeq: early,
    })
    expect([resumed.resumed, resumed.gap]).toEqual([false, true])
    expect(resumed.history.map((c) => c.id)).toEqual(kept)
  })

  it('refuses a huge limit and paces requests', async () => {
    const { url } = await hubWith({ limits: { requestsPerSecond: 0.1, requestBurst: 3 } })
    const ada = await member(url, 'ada')
    for (const request of [
      { before: 5, limit: 100_000 },
      { before: 5, after: 1, limit: 5 },
      { limit: 5 },
    ]) {
      const answer = await ask(ada, 'page', request)
      expect(answer).toMatchObject({ type: 'error', code: 'invalid_message' })
    }
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await ask(ada, 'page', { before: 5, limit: 5 }))
    expect(answers.map((a) => a.type)).toEqual(['page', 'page', 'page', 'error', 'error'])
    const limited = answers[3]
    expect(limited).toMatchObject({ code: 'request_limited' })
    expect(limited?.type === 'error' && limited.retryAfterMs).toBeGreaterThan(1_000)
  })
})

describe('search', () => {
  it('finds every word, newest first, in current texts only, and continues', async () => {
    const { url } = await hubWith({ rateLimit: 0 })
    const ada = await member(url, 'ada')
    await fill(ada, 30, (i) => (i % 3 === 0 ? `Lunch at the pizza place ${i}` : `nothing ${i}`))
    const chats = ada.all('chat')
    const [third, sixth] = [chats[3] as ChatEvent, chats[6] as ChatEvent]
    await sendOp(ada, { type: 'edit', id: 'e1', target: third.seq, text: 'no food here' })
    await sendOp(ada, { type: 'delete', id: 'd1', target: sixth.seq })
    const answer = await ask(ada, 'results', { text: 'PIZZA lunch', limit: 4 })
    if (answer.type !== 'results') throw new Error(answer.message)
    expect(answer.matches.map((m) => m.snippet)).toEqual([
      'Lunch at the pizza place 27',
      'Lunch at the pizza place 24',
      'Lunch at the pizza place 21',
      'Lunch at the pizza place 18',
    ])
    expect(answer.more).toBe(true)
    expect(answer.matches[0]?.highlights).toEqual([
      [0, 5],
      [13, 18],
    ])
    const rest = await ask(ada, 'results', { text: 'pizza lunch', before: answer.matches[3]?.seq })
    if (rest.type !== 'results') throw new Error(rest.message)
    // 6 was deleted, 3 edited away.
    expect(rest.matches.map((m) => m.snippet.split(' ').at(-1))).toEqual(['15', '12', '9', '0'])
    expect(rest.more).toBe(false)
    const edited = await ask(ada, 'results', { text: 'food' })
    expect(edited.type === 'results' && edited.matches.map((m) => m.seq)).toEqual([third.seq])
    const none = await ask(ada, 'results', { text: DELETED_TEXT })
    expect(none).toMatchObject({ type: 'results', matches: [], more: false })
  })

  it('runs one search per member and a few per room, abandoning those of members who leave', async () => {
    const disk = new MemoryDisk()
    const { hub, url } = await hubWith({
      openStore: memoryStoreOn(disk),
      limits: { maxConcurrentSearches: 2 },
    })
    const store = disk.store
    if (!store) throw new Error('no store')
    let release = (): void => {}
    store.searchGate = new Promise((resolve) => (release = resolve))
    const [ada, bob, carl] = await Promise.all(['ada', 'bob', 'carl'].map((n) => member(url, n)))
    await sendOp(ada as TestClient, { type: 'chat', id: 'a1', text: 'needle' })
    ;(ada as TestClient).sendJson({ type: 'search', id: 's1', text: 'needle' })
    await waitFor(() => store.searches === 1)
    const second = await ask(ada as TestClient, 'results', { text: 'needle' })
    expect(second).toMatchObject({ type: 'error', code: 'request_limited' })
    ;(bob as TestClient).sendJson({ type: 'search', id: 's2', text: 'needle' })
    await waitFor(() => store.searches === 2)
    const third = await ask(carl as TestClient, 'results', { text: 'needle' })
    expect(third).toMatchObject({ type: 'error', code: 'request_limited' })
    // Bob leaves: his search is abandoned, and makes room for Carl's.
    await (bob as TestClient).close()
    await waitFor(() => hub.memberCount === 2)
    release()
    await received(ada as TestClient, 'results', (r) => r.id === 's1')
    await waitFor(() => store.aborted === 1)
    const carls = await ask(carl as TestClient, 'results', { text: 'needle' })
    expect(carls).toMatchObject({ type: 'results', matches: [{ snippet: 'needle' }] })
  })

  it('answers a search that fails in the store with request_limited, and searches again after', async () => {
    const disk = new MemoryDisk()
    const { url } = await hubWith({ openStore: memoryStoreOn(disk) })
    const store = disk.store
    if (!store) throw new Error('no store')
    const ada = await member(url, 'ada')
    await sendOp(ada, { type: 'chat', id: 'a1', text: 'needle' })
    let fail = (_error: Error): void => {}
    store.searchGate = new Promise((_resolve, reject) => (fail = reject))
    ada.sendJson({ type: 'search', id: 's1', text: 'needle' })
    await waitFor(() => store.searches === 1)
    fail(new Error('the disk went away'))
    const refused = await received(ada, 'error', (e) => e.id === 's1')
    expect(refused).toMatchObject({
      code: 'request_limited',
      message: 'the search failed; try again',
    })
    expect(refused.retryAfterMs).toBeGreaterThan(0)
    store.searchGate = null
    await new Promise((resolve) => setTimeout(resolve, refused.retryAfterMs))
    const again = await ask(ada, 'results', { text: 'needle' })
    expect(again).toMatchObject({ type: 'results', matches: [{ snippet: 'needle' }] })
  })

  it('abandons the searches running when the hub stops', async () => {
    const disk = new MemoryDisk()
    const { hub, url } = await hubWith({ openStore: memoryStoreOn(disk) })
    const store = disk.store
    if (!store) throw new Error('no store')
    let release = (): void => {}
    store.searchGate = new Promise((resolve) => (release = resolve))
    const ada = await member(url, 'ada')
    ada.sendJson({ type: 'search', id: 's1', text: 'anything' })
    await waitFor(() => store.searches === 1)
    await hub.stop()
    release()
    await waitFor(() => store.aborted === 1)
    expect(ada.all('results')).toEqual([])
  })

  it('refuses searches that are blank or too long (the schema)', async () => {
    const { url } = await hubWith()
    const ada = await member(url, 'ada')
    for (const request of [
      { text: '   ' },
      { text: 'x'.repeat(201) },
      { text: 'x', limit: 10_000 },
    ]) {
      expect(await ask(ada, 'results', request)).toMatchObject({ code: 'invalid_message' })
    }
  })
})

describe('read positions', () => {
  it('relays positions in coalesced batches, only forward, only the sender’s own', async () => {
    const { url } = await hubWith({ limits: { readRelayMs: 300 } })
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    await fill(ada, 5)
    for (const seq of [1, 2, 3]) bob.sendJson({ type: 'read', seq })
    // No clientId of someone else's can be named: the field is not part of the message.
    bob.sendJson({ type: 'read', seq: 4, clientId: cid('ada') })
    await received(ada, 'reads', (r) => r.positions.some((p) => p.seq === 4))
    // Coalesced: however the hub read the four (a busy machine may split them over two
    // batches; read-positions.test.ts checks the coalescing itself), only Bob's own position went out, never backwards.
    const bobs = ada.all('reads').flatMap((r) => r.positions)
    expect(bobs.every((p) => p.clientId === cid('bob'))).toBe(true)
    expect(bobs.map((p) => p.seq)).toEqual([...bobs.map((p) => p.seq)].sort((a, b) => a - b))
    expect(bobs.length).toBeLessThanOrEqual(4)
    // Backwards, beyond the room, and malformed: nothing changes.
    bob.sendJson({ type: 'read', seq: 2 })
    bob.sendJson({ type: 'read', seq: 99 })
    bob.sendJson({ type: 'read', seq: 0 })
    await received(bob, 'error', (e) => e.code === 'invalid_message')
    ada.sendJson({ type: 'read', seq: 5 })
    const next = await received(bob, 'reads', (r) =>
      r.positions.some((p) => p.clientId === cid('ada')),
    )
    expect(next.positions).toEqual([{ clientId: cid('ada'), seq: 5 }])
    expect(ada.all('reads').flatMap((r) => r.positions)).toEqual([
      ...bobs,
      { clientId: cid('ada'), seq: 5 },
    ])
    const welcome = await client(url).join('carl', cid('carl'))
    expect(welcome.reads).toEqual([
      { clientId: cid('ada'), seq: 5 },
      { clientId: cid('bob'), seq: 4 },
    ])
  })

  it('keeps the latest position of a member over its pace, and relays it later', async () => {
    const { url } = await hubWith({
      limits: { readRelayMs: 100, readsPerSecond: 0.5, readBurst: 1 },
    })
    const ada = await member(url, 'ada')
    const bob = await member(url, 'bob')
    await fill(ada, 20)
    for (let seq = 1; seq <= 20; seq++) bob.sendJson({ type: 'read', seq })
    await received(ada, 'reads', (r) => r.positions.some((p) => p.seq === 20))
    expect(ada.all('reads').length).toBeLessThanOrEqual(2)
  })
})

describe('restart', () => {
  const variants: Array<[string, () => Partial<HubOptions>]> = [
    ['a store in memory', () => ({ openStore: memoryStoreOn(new MemoryDisk()) })],
    ['the default store on disk', () => ({})],
  ]
  for (const [label, options] of variants) {
    it(`brings back reactions, edits, deletes and reads (${label})`, async () => {
      const dir = tempDir()
      cleanups.push(() => dir.remove())
      const base = { ...options(), dataDir: dir.path, limits: { readRelayMs: 50 } }
      const first = await hubWith(base)
      const ada = await member(first.url, 'ada')
      const bob = await member(first.url, 'bob')
      const one = (await sendOp(ada, { type: 'chat', id: 'a1', text: 'one' })) as ChatEvent
      const two = (await sendOp(ada, { type: 'chat', id: 'a2', text: 'two secret' })) as ChatEvent
      await sendOp(bob, { type: 'react', id: 'r1', target: one.seq, emoji: '👍' })
      await sendOp(ada, { type: 'edit', id: 'e1', target: one.seq, text: 'one, edited' })
      await sendOp(ada, { type: 'delete', id: 'd1', target: two.seq })
      bob.sendJson({ type: 'read', seq: two.seq })
      await received(ada, 'reads')
      // What the host's process dying leaves behind.
      first.hub.abort()
      const second = await hubWith(base)
      expect(second.hub.epoch).toBe(first.hub.epoch)
      const carl = client(second.url)
      const welcome = await carl.join('carl', cid('carl'))
      expect(welcome.history).toMatchObject([
        {
          id: 'a1',
          text: 'one, edited',
          edited: true,
          reactions: [{ emoji: '👍', from: [cid('bob')] }],
        },
        { id: 'a2', text: DELETED_TEXT, deleted: true },
      ])
      expect(JSON.stringify(welcome)).not.toContain('secret')
      expect(welcome.reads).toEqual([{ clientId: cid('bob'), seq: two.seq }])
      // The op table came back too: a resend is acknowledged, not stamped again.
      const again = client(second.url)
      await again.join('bob', cid('bob'))
      again.sendJson({ type: 'react', id: 'r1', target: one.seq, emoji: '👍' })
      const ack = await received(again, 'react', (r) => r.id === 'r1')
      expect(ack.seq).toBe(welcome.lastSeq - 2)
      expect(
        await sendOp(again, { type: 'unreact', id: 'u1', target: one.seq, emoji: '👍' }),
      ).toMatchObject({ type: 'unreact' })
    })
  }
})
