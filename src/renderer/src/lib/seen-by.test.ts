import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import type { TimelineEntry } from './bridge'
import { lastOwnKey, seenBy, seenByLabel } from './seen-by'

const READS = [
  { clientId: 'me', name: 'Ada', seq: 50 },
  { clientId: 'b', name: 'Bob', seq: 10 },
  { clientId: 'c', name: 'Cy', seq: 9 },
  { clientId: 'd', name: 'Di', seq: 12 },
]

function chat(seq: number | null, own: boolean, deleted = false): TimelineEntry {
  return {
    kind: 'chat',
    key: `k${seq}`,
    seq,
    id: `m${seq}`,
    from: own ? 'me' : 'x',
    name: own ? 'Ada' : 'X',
    text: 't',
    ts: 0,
    own,
    status: seq === null ? 'pending' : 'sent',
    error: null,
    deleted,
  }
}

describe('seen by', () => {
  it('counts the others who read at least this far', () => {
    expect(seenBy(10, READS, 'me')).toEqual({ count: 2, names: ['Bob', 'Di'] })
    expect(seenBy(13, READS, 'me')).toEqual({ count: 0, names: [] })
    expect(seenBy(1, READS, 'me', 1)).toEqual({ count: 3, names: ['Bob'] })
    expect(seenByLabel({ count: 3, names: ['Bob'] })).toBe('Seen by Bob and 2 more')
    expect(seenByLabel({ count: 2, names: ['Bob', 'Di'] })).toBe('Seen by Bob, Di')
  })

  it('shows it on your latest sent, not deleted, message', () => {
    const entries = [chat(1, true), chat(2, false), chat(3, true, true), chat(4, false)]
    expect(lastOwnKey((i) => entries[i], entries.length)).toBe('k1')
    expect(lastOwnKey((i) => entries[i], entries.length, 2)).toBeNull()
  })
})

describe('seenByLabel in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('joins the names as the language does, with the rest counted', () => {
    setLanguage('de')
    expect(seenByLabel({ count: 2, names: ['Bob', 'Di'] })).toBe('Gesehen von Bob und Di')
    expect(seenByLabel({ count: 4, names: ['Bob', 'Di'] })).toBe(
      'Gesehen von Bob, Di und 2 weiteren',
    )
    setLanguage('ar')
    expect(seenByLabel({ count: 3, names: ['Bob'] })).toBe('شاهدها Bob وشخصين آخرين')
  })
})
