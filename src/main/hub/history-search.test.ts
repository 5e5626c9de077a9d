import { afterEach, describe, expect, it } from 'vitest'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { LIMITS, SCHEMAS, type ChatEvent, type TimelineEvent } from '../../shared/protocol'
import { tempDir } from '../../../test/support/ws-client'
import { excerpt, fold, Query } from './history-search'
import { SILENT_LOGGER } from './logger'
import { RoomStore, type StoreBudget } from './room-store'
import { chatAt as chat, editAt } from './testing/timeline-events'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function storeWith(events: readonly TimelineEvent[], budget?: StoreBudget): RoomStore {
  const dir = tempDir()
  const store = RoomStore.open({
    dataDir: dir.path,
    name: 'Room',
    schemas: SCHEMAS,
    logger: SILENT_LOGGER,
    budget,
  })
  cleanups.push(() => {
    store.close()
    dir.remove()
  })
  for (const event of events) store.append(JSON.stringify(event))
  store.flush()
  return store
}

/** The stored text as the current one: no edits, no deletes. */
const stored = (chat: ChatEvent): string => chat.text
const never = new AbortController().signal

function search(store: RoomStore, text: string, options: { before?: number; limit?: number } = {}) {
  return store.search({ text, limit: options.limit ?? 50, before: options.before }, stored, never)
}

describe('search', () => {
  it('finds chats with every word, in any case, newest first', async () => {
    const store = storeWith([
      chat(1, 'Der Ärger mit dem Drucker'),
      chat(2, 'kein ärger heute'),
      chat(3, 'DRUCKER kaputt, großer ÄRGER', 'client-b'),
      chat(4, 'nothing to see'),
      chat(5, 'ΟΔΥΣΣΕΥΣ came home'),
    ])
    const result = await search(store, 'ärger  drucker')
    expect(result.matches.map((m) => m.seq)).toEqual([3, 1])
    expect(result.more).toBe(false)
    expect(result.matches[0]).toEqual({
      seq: 3,
      from: 'client-b',
      name: 'B',
      ts: chat(3).ts,
      snippet: 'DRUCKER kaputt, großer ÄRGER',
      highlights: [
        [0, 7],
        [23, 28],
      ],
    })
    expect((await search(store, 'ÄRGER')).matches.map((m) => m.seq)).toEqual([3, 2, 1])
    // The final sigma is a sigma.
    expect((await search(store, 'οδυσσευσ')).matches.map((m) => m.seq)).toEqual([5])
    expect((await search(store, 'drucker missing')).matches).toEqual([])
    for (const match of result.matches) expect(SCHEMAS.match.parse(match)).toEqual(match)
  })

  it('pages with limit, more and before', async () => {
    const store = storeWith(Array.from({ length: 30 }, (_, i) => chat(i + 1, `note ${i + 1}`)))
    const first = await search(store, 'note', { limit: 10 })
    expect(first.matches.map((m) => m.seq)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21])
    expect(first.more).toBe(true)
    const next = await search(store, 'note', { limit: 10, before: 21 })
    expect(next.matches[0]?.seq).toBe(20)
    const last = await search(store, 'note', { limit: 50, before: 5 })
    expect(last.matches.map((m) => m.seq)).toEqual([4, 3, 2, 1])
    expect(last.more).toBe(false)
    // The oldest chat as the limit'th match: nothing older can match.
    expect((await search(store, 'note', { limit: 1, before: 2 })).more).toBe(false)
  })

  it('matches the current text: edits count, deleted chats never match', async () => {
    const store = storeWith([
      chat(1, 'typo hre'),
      chat(2, 'secret plan'),
      editAt(3, 1, 'typo fixed here'),
      chat(4, 'plan B'),
    ])
    const current = (c: ChatEvent): string | null =>
      c.seq === 2 ? null : c.seq === 1 ? 'typo fixed here' : c.text
    const plan = await store.search({ text: 'plan', limit: 10 }, current, never)
    expect(plan.matches.map((m) => m.seq)).toEqual([4])
    // Chat 1's record does not contain "here": the edit does, and the search asks `current`.
    const here = await store.search({ text: 'here', limit: 10 }, current, never)
    expect(here.matches.map((m) => [m.seq, m.snippet])).toEqual([[1, 'typo fixed here']])
    const old = await store.search({ text: 'hre', limit: 10 }, current, never)
    expect(old.matches).toEqual([])
  })

  it('finds words with quotes and backslashes as typed', async () => {
    const store = storeWith([chat(1, 'say "hi" to C:\\Users'), chat(2, 'say hi')])
    expect((await search(store, '"hi"')).matches.map((m) => m.seq)).toEqual([1])
    expect((await search(store, 'c:\\users')).matches.map((m) => m.seq)).toEqual([1])
  })

  it('cuts a long text around the first match and highlights every word in the snippet', async () => {
    const words = Array.from({ length: 600 }, (_, i) => `w${i}`)
    words[400] = 'Needle'
    words[402] = '🎉needle🎉'
    const text = words.join(' ')
    const store = storeWith([chat(1, text)])
    const [match] = (await search(store, 'NEEDLE')).matches
    if (!match) throw new Error('no match')
    expect(match.snippet.startsWith('…')).toBe(true)
    expect(match.snippet.endsWith('…')).toBe(true)
    expect([...new Intl.Segmenter().segment(match.snippet)].length).toBeLessThanOrEqual(
      LIMITS.maxSnippetLength + 2,
    )
    expect(match.highlights).toHaveLength(2)
    for (const [start, end] of match.highlights) {
      expect(fold(match.snippet.slice(start, end))).toBe('needle')
    }
    expect(SCHEMAS.match.parse(match)).toEqual(match)
  })

  it('finds words that other characters lower to (the Kelvin sign is a k)', async () => {
    const store = storeWith([
      chat(1, 'minus 3 \u212Aelvin'),
      chat(2, 'KELVIN scale'),
      chat(3, 'kelp'),
    ])
    expect((await search(store, 'kelvin')).matches.map((m) => m.seq)).toEqual([2, 1])
  })

  it('maps highlights back when lower case is longer than the text (İ)', () => {
    const query = new Query('stanbul')
    const text = 'İİ İstanbul'
    expect(fold(text).length).toBeGreaterThan(text.length)
    const match = excerpt(text, [[4, 11]], LIMITS)
    expect(match).toEqual({ snippet: text, highlights: [[4, 11]] })
    expect(query.matches(fold(text))).toBe(true)
  })

  it('bounds a snippet of many-byte graphemes by bytes too', () => {
    const heavy = 'e' + '\u0301'.repeat(30)
    const text = Array.from({ length: 300 }, () => heavy).join('')
    const { snippet } = excerpt(text, [[0, 1]], LIMITS)
    expect(SCHEMAS.match.shape.snippet.safeParse(snippet).success).toBe(true)
  })

  it('stops when aborted, before and during a search', async () => {
    const store = storeWith(Array.from({ length: 5000 }, (_, i) => chat(i + 1, `row ${i}`)))
    const aborted = new AbortController()
    aborted.abort()
    await expect(store.search({ text: 'row', limit: 10 }, stored, aborted.signal)).rejects.toThrow(
      'aborted',
    )
    const later = new AbortController()
    let calls = 0
    // Every record may match, and none does: the search reads all of them unless stopped.
    const slow = (): string => {
      calls += 1
      const until = performance.now() + 0.5
      while (performance.now() < until);
      return 'edited away'
    }
    // Slices that end among the candidates of a chunk go on where they stopped.
    const steady = (c: ChatEvent): string => {
      const until = performance.now() + 0.02
      while (performance.now() < until);
      return c.text
    }
    const all = await store.search({ text: 'row', limit: 5000 }, steady, never)
    expect(all.matches.map((m) => m.seq)).toEqual(Array.from({ length: 5000 }, (_, i) => 5000 - i))
    const running = store.search({ text: 'row', limit: 10 }, slow, later.signal)
    await nextTurn()
    later.abort()
    await expect(running).rejects.toThrow('aborted')
    expect(calls).toBeLessThan(5000)
  })

  it('keeps the event loop turning through a search made to be slow', async () => {
    const text = (i: number): string => `aaaa bbbb aaab ${i} ${'ab'.repeat(40)}`
    const store = storeWith(Array.from({ length: 20_000 }, (_, i) => chat(i + 1, text(i))))
    // Many short words that every record contains, and one it never does.
    const query = [...'abab '.repeat(38).split(' '), 'a', 'b', 'ab', 'zzzz'].join(' ')
    let turns = 0
    let ticking = true
    const tick = async (): Promise<void> => {
      while (ticking) {
        turns += 1
        await nextTurn()
      }
    }
    const ticker = tick()
    const result = await search(store, query.slice(0, LIMITS.maxSearchLength))
    ticking = false
    await ticker
    expect(result).toEqual({ matches: [], more: false })
    expect(turns).toBeGreaterThan(1)
  })

  it('finds nothing for a query of only white space, and stops at once for limit 0', async () => {
    const store = storeWith([chat(1, 'anything')])
    expect(await search(store, '   ')).toEqual({ matches: [], more: false })
    expect(await search(store, 'anything', { limit: 0 })).toEqual({ matches: [], more: false })
  })

  it('goes on through a compaction that moves every record', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => chat(i + 1, `item ${i + 1}`))
    const store = storeWith(items, { events: 3000, bytes: 1e9 })
    // A search that pauses at every chat, while 400 more chats push the file over its budget.
    const running = store.search(
      { text: 'item', limit: 3000 },
      (c) => {
        const until = performance.now() + 0.05
        while (performance.now() < until);
        return c.text
      },
      new AbortController().signal,
    )
    for (let seq = 3001; seq <= 3400; seq++) store.append(JSON.stringify(chat(seq, `new ${seq}`)))
    store.flush()
    await store.compacted
    const result = await running
    const seqs = result.matches.map((m) => m.seq)
    expect(seqs[0]).toBe(3000)
    expect(seqs.length).toBeGreaterThanOrEqual(2600)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    for (const match of result.matches) expect(match.snippet).toBe(`item ${match.seq}`)
  })
})
