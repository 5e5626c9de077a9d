import { describe, expect, it } from 'vitest'
import type { TimelineEntry, TimelinePatch } from './bridge'
import { TimelineBuffer } from './timeline-buffer'

function chat(
  n: number,
  extra: Partial<Extract<TimelineEntry, { kind: 'chat' }>> = {},
): TimelineEntry {
  return {
    kind: 'chat',
    key: `c:${n}`,
    seq: n,
    id: `m${n}`,
    from: 'client-a',
    name: 'Alice',
    text: `message ${n}`,
    ts: 1_000 * n,
    own: false,
    status: 'sent',
    error: null,
    ...extra,
  }
}

/** Chats 0 to count - 1. */
const chats = (count: number): TimelineEntry[] => Array.from({ length: count }, (_, i) => chat(i))

const patch = (
  confirmed: TimelineEntry[],
  pending: TimelineEntry[] = [],
  reset = false,
): TimelinePatch => ({ reset, confirmed, pending })

const keys = (buffer: TimelineBuffer): string[] =>
  Array.from({ length: buffer.length }, (_, i) => buffer.at(i)?.key ?? '?')

describe('TimelineBuffer', () => {
  it('replaces everything on reset and appends otherwise', () => {
    const buffer = new TimelineBuffer()
    buffer.apply(patch([chat(1), chat(2)], [], true))
    expect(buffer.apply(patch([chat(3)]))).toMatchObject({ reset: false, appended: 1, dropped: 0 })
    expect(keys(buffer)).toEqual(['c:1', 'c:2', 'c:3'])
    const generation = buffer.generation
    buffer.apply(patch([chat(9)], [], true))
    expect(keys(buffer)).toEqual(['c:9'])
    expect(buffer.generation).toBe(generation + 1)
  })

  it('replaces pending wholesale and shows it after the confirmed entries', () => {
    const buffer = new TimelineBuffer()
    const mine = chat(0, { key: 'p:1', seq: null, own: true, status: 'pending' })
    buffer.apply(patch([chat(1)], [mine], true))
    expect(keys(buffer)).toEqual(['c:1', 'p:1'])
    expect(buffer.indexOfKey('p:1')).toBe(1)
    buffer.apply(patch([chat(2)], []))
    expect(keys(buffer)).toEqual(['c:1', 'c:2'])
    expect(buffer.indexOfKey('p:1')).toBe(-1)
  })

  it('ignores confirmed entries it already has, and pending ones already confirmed', () => {
    const buffer = new TimelineBuffer()
    buffer.apply(patch([chat(1), chat(2)], [], true))
    const change = buffer.apply(
      patch([chat(2), chat(3), chat(3)], [chat(3), chat(4, { seq: null })]),
    )
    expect(change.appended).toBe(1)
    expect(keys(buffer)).toEqual(['c:1', 'c:2', 'c:3', 'c:4'])
  })

  it('stays within its bound, dropping the oldest in chunks', () => {
    const buffer = new TimelineBuffer(100, 10)
    buffer.apply(patch(chats(100), [], true))
    expect(buffer.confirmedLength).toBe(100)
    const change = buffer.apply(patch([chat(100)]))
    expect(change).toMatchObject({ reset: false, appended: 1, dropped: 11 })
    expect(buffer.confirmedLength).toBe(90)
    expect(buffer.at(0)?.key).toBe('c:11')
    expect(buffer.dropped).toBe(11)
    expect(buffer.indexOfKey('c:11')).toBe(0)
    expect(buffer.indexOfKey('c:5')).toBe(-1)
    // A dropped key may come back (main resent it): it is new again.
    expect(buffer.apply(patch([chat(5)])).appended).toBe(1)
  })

  it('never holds more than its bound, whatever is streamed into it', () => {
    const buffer = new TimelineBuffer(1_000, 100)
    let n = 0
    for (let batch = 0; batch < 500; batch++) {
      buffer.apply(patch(Array.from({ length: 7 }, () => chat(n++))))
      expect(buffer.confirmedLength).toBeLessThanOrEqual(1_000)
    }
    expect(buffer.at(buffer.confirmedLength - 1)?.key).toBe(`c:${n - 1}`)
    expect(buffer.indexOfKey(`c:${n - 1}`)).toBe(buffer.confirmedLength - 1)
  })

  it('keeps the last entries of a reset longer than its bound', () => {
    const buffer = new TimelineBuffer(10, 2)
    buffer.apply(patch(chats(25), [], true))
    expect(buffer.confirmedLength).toBeLessThanOrEqual(10)
    expect(buffer.at(buffer.confirmedLength - 1)?.key).toBe('c:24')
  })

  it('tracks names shared by different senders among the entries kept', () => {
    const buffer = new TimelineBuffer(4, 2)
    buffer.apply(
      patch(
        [
          chat(1),
          chat(2, { from: 'client-b', name: 'alice' }),
          chat(3, { name: 'Bob', from: 'b' }),
        ],
        [],
        true,
      ),
    )
    expect([...buffer.collidingNames]).toEqual(['alice'])
    buffer.apply(patch([chat(4, { name: 'Bob', from: 'b' }), chat(5, { name: 'Bob', from: 'b' })]))
    expect(buffer.collidingNames.size).toBe(0)
  })

  it('treats out-of-range positions as absent', () => {
    const buffer = new TimelineBuffer()
    expect(buffer.at(0)).toBeUndefined()
    expect(buffer.at(-1)).toBeUndefined()
    expect(() => new TimelineBuffer(0)).toThrow(RangeError)
  })

  it('puts older pages before the first entry, keeping keys and positions right', () => {
    const buffer = new TimelineBuffer()
    buffer.apply(patch([chat(10), chat(11)], [chat(0, { key: 'p:1', seq: null })], true))
    const change = buffer.apply({ ...patch([chat(12)]), older: [chat(8), chat(9), chat(10)] })
    expect(change).toMatchObject({ prepended: 2, appended: 1 })
    expect(keys(buffer)).toEqual(['c:8', 'c:9', 'c:10', 'c:11', 'c:12'])
    expect(buffer.indexOfKey('c:8')).toBe(0)
    expect(buffer.indexOfKey('c:11')).toBe(3)
    expect(buffer.indexOfSeq(9)).toBe(1)
    expect(buffer.indexOfSeq(99)).toBe(-1)
    buffer.apply({ ...patch([]), older: [chat(7)] })
    expect(keys(buffer)).toEqual(['c:7', 'c:8', 'c:9', 'c:10', 'c:11', 'c:12'])
    expect(buffer.indexOfKey('c:12')).toBe(5)
  })

  it('reuses the room left by dropped entries when a page comes, and stays bounded', () => {
    const buffer = new TimelineBuffer(10, 4)
    buffer.apply(
      patch(
        chats(12).map((_, i) => chat(100 + i)),
        [],
        true,
      ),
    )
    expect(buffer.confirmedLength).toBe(6)
    const change = buffer.apply({ ...patch([]), older: chats(8).map((_, i) => chat(90 + i)) })
    // Only four fit; the newest of the page, next to what is shown.
    expect(change.prepended).toBe(4)
    expect(keys(buffer).slice(0, 5)).toEqual(['c:94', 'c:95', 'c:96', 'c:97', 'c:106'])
    expect(buffer.indexOfKey('c:106')).toBe(4)
    expect(buffer.indexOfKey('c:90')).toBe(-1)
  })

  it('replaces updated entries in place, confirmed or pending, and ignores unknown keys', () => {
    const buffer = new TimelineBuffer()
    const mine = chat(0, { key: 'p:1', seq: null, own: true, status: 'pending' })
    buffer.apply(patch([chat(1), chat(2)], [mine], true))
    const change = buffer.apply({
      ...patch([], [mine]),
      updated: [chat(2, { text: 'fixed', edited: true }), { ...mine, text: 'x' }, chat(5)],
    })
    expect(change.updated).toEqual([1, 2])
    expect(buffer.at(1)).toMatchObject({ key: 'c:2', text: 'fixed', edited: true })
    expect(buffer.at(2)).toMatchObject({ key: 'p:1', text: 'x' })
    expect(buffer.length).toBe(3)
  })

  it('remembers the start of the history until a reset or a drop', () => {
    const buffer = new TimelineBuffer(10, 4)
    buffer.apply(patch([chat(1)], [], true))
    expect(buffer.start).toBeNull()
    buffer.apply({ ...patch([]), start: { trimmed: true } })
    expect(buffer.start).toEqual({ trimmed: true })
    buffer.apply(patch(chats(12).map((_, i) => chat(10 + i))))
    expect(buffer.start).toBeNull()
    buffer.apply({ ...patch([], [], true), start: { trimmed: false } })
    expect(buffer.start).toEqual({ trimmed: false })
    buffer.apply(patch([], [], true))
    buffer.markStart(true)
    buffer.apply(patch([chat(50)]))
    expect(buffer.start).toEqual({ trimmed: true })
  })
})
