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
    expect(buffer.apply(patch([chat(3)]))).toEqual({ reset: false, appended: 1, dropped: 0 })
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
    expect(change).toEqual({ reset: false, appended: 1, dropped: 11 })
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
})
