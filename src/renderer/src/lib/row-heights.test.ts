import { describe, expect, it } from 'vitest'
import { RowHeights, bottomScrollTop, visibleRange } from './row-heights'

function naive(heights: number[], index: number): number {
  return heights.slice(0, index).reduce((a, b) => a + b, 0)
}

function build(values: number[]): RowHeights {
  const rows = new RowHeights()
  for (const value of values) rows.push(value)
  return rows
}

describe('RowHeights', () => {
  it('sums heights like a plain loop, through pushes, sets, truncations and drops', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const values: number[] = []
    const rows = new RowHeights()
    for (let step = 0; step < 3_000; step++) {
      const action = random()
      if (action < 0.6 || values.length === 0) {
        const h = Math.floor(random() * 100) + 1
        values.push(h)
        rows.push(h)
      } else if (action < 0.9) {
        const i = Math.floor(random() * values.length)
        const h = Math.floor(random() * 100) + 1
        values[i] = h
        rows.set(i, h)
      } else if (action < 0.97) {
        const n = Math.floor(random() * values.length)
        values.length = n
        rows.truncate(n)
      } else {
        const n = Math.floor(random() * Math.min(10, values.length))
        const removed = rows.dropFront(n)
        expect(removed).toBe(naive(values, n))
        values.splice(0, n)
      }
      expect(rows.length).toBe(values.length)
      expect(rows.total).toBe(naive(values, values.length))
      const probe = Math.floor(random() * (values.length + 1))
      expect(rows.offsetOf(probe)).toBe(naive(values, probe))
    }
  })

  it('puts rows before the first one', () => {
    const rows = build([10, 20])
    rows.prepend([5, 6])
    expect(rows.length).toBe(4)
    expect(rows.offsetOf(2)).toBe(11)
    expect(rows.total).toBe(41)
    expect(rows.get(3)).toBe(20)
    rows.prepend([])
    expect(rows.length).toBe(4)
  })

  it('finds the row at an offset', () => {
    const rows = build([10, 20, 30, 40])
    expect(rows.indexAt(-5)).toBe(0)
    expect(rows.indexAt(0)).toBe(0)
    expect(rows.indexAt(9.9)).toBe(0)
    expect(rows.indexAt(10)).toBe(1)
    expect(rows.indexAt(29)).toBe(1)
    expect(rows.indexAt(30)).toBe(2)
    expect(rows.indexAt(99)).toBe(3)
    expect(rows.indexAt(1_000)).toBe(3)
    expect(new RowHeights().indexAt(10)).toBe(0)
  })

  it('reports the change a new height makes', () => {
    const rows = build([10, 10])
    expect(rows.set(1, 25)).toBe(15)
    expect(rows.set(1, 25)).toBe(0)
    expect(rows.get(1)).toBe(25)
    expect(() => rows.set(5, 1)).toThrow(RangeError)
  })
})

describe('visibleRange', () => {
  const rows = build(Array.from({ length: 1_000 }, () => 20))

  it('covers the viewport and the overscan on both sides', () => {
    expect(visibleRange(rows, 2_000, 400, 100)).toEqual({ start: 95, end: 126 })
  })

  it('is clamped at both ends', () => {
    expect(visibleRange(rows, 0, 400, 100)).toEqual({ start: 0, end: 26 })
    expect(visibleRange(rows, bottomScrollTop(rows, 400), 400, 100)).toEqual({
      start: 975,
      end: 1_000,
    })
    expect(visibleRange(new RowHeights(), 0, 400, 100)).toEqual({ start: 0, end: 0 })
  })

  it('renders a short list whole', () => {
    expect(visibleRange(build([20, 20]), 0, 400, 100)).toEqual({ start: 0, end: 2 })
    expect(bottomScrollTop(build([20, 20]), 400)).toBe(0)
  })
})
