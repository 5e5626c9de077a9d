import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ReadPosition, ReadsMessage } from '../../shared/protocol'
import { ReadRelay } from './read-positions'

afterEach(() => {
  vi.useRealTimers()
})

function relay(
  limits: Partial<ConstructorParameters<typeof ReadRelay>[0]['limits']> = {},
  loaded: ReadPosition[] = [],
) {
  const sent: ReadsMessage[] = []
  const saved: ReadPosition[][] = []
  const reads = new ReadRelay({
    limits: { readsPerSecond: 2, readBurst: 4, readRelayMs: 1_000, maxReadPositions: 3, ...limits },
    loaded,
    maxPaces: 10,
    relay: (message) => sent.push(message),
    save: (positions) => saved.push([...positions]),
  })
  return { reads, sent, saved }
}

describe('ReadRelay', () => {
  it('coalesces changes into one batch per interval, most recent first', () => {
    vi.useFakeTimers()
    const { reads, sent, saved } = relay()
    reads.report('a', 1, 10)
    reads.report('b', 2, 10)
    reads.report('a', 3, 10)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(0)
    expect(sent).toEqual([
      {
        type: 'reads',
        positions: [
          { clientId: 'a', seq: 3 },
          { clientId: 'b', seq: 2 },
        ],
      },
    ])
    reads.report('b', 5, 10)
    vi.advanceTimersByTime(999)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent[1]).toEqual({ type: 'reads', positions: [{ clientId: 'b', seq: 5 }] })
    expect(saved.at(-1)).toEqual([
      { clientId: 'b', seq: 5 },
      { clientId: 'a', seq: 3 },
    ])
  })

  it('ignores positions backwards or beyond the room', () => {
    vi.useFakeTimers()
    const { reads, sent } = relay()
    reads.report('a', 5, 10)
    reads.report('a', 4, 10)
    reads.report('a', 5, 10)
    reads.report('a', 11, 10)
    vi.advanceTimersByTime(5_000)
    expect(sent.flatMap((m) => m.positions)).toEqual([{ clientId: 'a', seq: 5 }])
  })

  it('keeps the latest report beyond the pace for the next batch', () => {
    vi.useFakeTimers()
    const { reads, sent } = relay({ readsPerSecond: 0.001, readBurst: 1 })
    for (let seq = 1; seq <= 50; seq++) reads.report('a', seq, 100)
    vi.advanceTimersByTime(0)
    expect(sent.flatMap((m) => m.positions)).toEqual([{ clientId: 'a', seq: 50 }])
    expect(reads.all).toEqual([{ clientId: 'a', seq: 50 }])
  })

  it('remembers at most maxReadPositions, the most recently updated', () => {
    vi.useFakeTimers()
    const loaded = [
      { clientId: 'c', seq: 3 },
      { clientId: 'b', seq: 2 },
      { clientId: 'a', seq: 1 },
    ]
    const { reads } = relay({}, loaded)
    expect(reads.all).toEqual(loaded)
    expect(JSON.parse(reads.allJson.toString())).toEqual(loaded)
    reads.report('d', 4, 10)
    expect(reads.all.map((p) => p.clientId)).toEqual(['d', 'c', 'b'])
    reads.report('b', 5, 10)
    expect(reads.all.map((p) => p.clientId)).toEqual(['b', 'd', 'c'])
    expect(JSON.parse(reads.allJson.toString())).toEqual(reads.all)
  })
})
