import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ReadPosition, ReadsMessage } from '../../shared/protocol'
import { AHEAD_MAX_MS, ReadRelay } from './read-positions'

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

  describe('shared with the other hubs of a clustered room', () => {
    /** A relay shared with a stand-in for the cluster, the room at `room.lastSeq`. */
    function shared() {
      const r = relay({ maxReadPositions: 10 })
      const published: ReadPosition[][] = []
      let merge: (positions: readonly ReadPosition[]) => void = () => {}
      const room = { lastSeq: 10 }
      r.reads.share(
        {
          publish: (positions) => published.push([...positions]),
          attach: (m) => (merge = m),
        },
        () => room.lastSeq,
      )
      return { ...r, published, room, merge: (positions: ReadPosition[]) => merge(positions) }
    }

    it("publishes only its own members' positions, and relays the others' to them", () => {
      vi.useFakeTimers()
      const { reads, sent, published, merge } = shared()
      reads.report('own', 3, 10)
      merge([{ clientId: 'remote', seq: 4 }])
      vi.advanceTimersByTime(0)
      expect(sent.flatMap((m) => m.positions)).toEqual([
        { clientId: 'remote', seq: 4 },
        { clientId: 'own', seq: 3 },
      ])
      expect(published).toEqual([[{ clientId: 'own', seq: 3 }]])
      // Only forward, whichever hub it comes from; a newer one from elsewhere is not sent back.
      reads.report('own', 5, 10)
      merge([
        { clientId: 'own', seq: 7 },
        { clientId: 'remote', seq: 2 },
      ])
      vi.advanceTimersByTime(1_000)
      expect(sent[1]?.positions).toEqual([{ clientId: 'own', seq: 7 }])
      expect(published).toHaveLength(1)
      expect(reads.all).toEqual([
        { clientId: 'own', seq: 7 },
        { clientId: 'remote', seq: 4 },
      ])
    })

    it('keeps a position beyond the room aside until the room gets there, for a while', () => {
      vi.useFakeTimers()
      const { reads, sent, room, merge } = shared()
      merge([
        { clientId: 'soon', seq: 12 },
        { clientId: 'never', seq: 1_000_000 },
      ])
      vi.advanceTimersByTime(1_000)
      expect(sent).toEqual([])
      room.lastSeq = 12
      vi.advanceTimersByTime(1_000)
      expect(sent.flatMap((m) => m.positions)).toEqual([{ clientId: 'soon', seq: 12 }])
      vi.advanceTimersByTime(AHEAD_MAX_MS)
      room.lastSeq = 1_000_000
      vi.advanceTimersByTime(5_000)
      expect(reads.all).toEqual([{ clientId: 'soon', seq: 12 }])
    })

    it('publishes the last positions when it stops', () => {
      vi.useFakeTimers()
      const { reads, published } = shared()
      reads.report('own', 3, 10)
      reads.stop()
      expect(published).toEqual([[{ clientId: 'own', seq: 3 }]])
    })
  })
})
