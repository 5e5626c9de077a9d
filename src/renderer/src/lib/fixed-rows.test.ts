import { describe, expect, it } from 'vitest'
import { fixedWindow } from './fixed-rows'

describe('fixedWindow', () => {
  it('renders the rows in view and an overscan on each side, spacers for the rest', () => {
    // 1,024 rows of 36 px, a 360 px view scrolled to row 100.
    expect(fixedWindow(1_024, 36, 3_600, 360, 5)).toEqual({
      start: 95,
      end: 115,
      before: 95 * 36,
      after: (1_024 - 115) * 36,
    })
  })

  it('keeps rows, spacers and the list height in step wherever the list is scrolled', () => {
    for (const count of [0, 1, 7, 1_024, 150_000]) {
      for (const scrollTop of [-50, 0, 17, 1_000, count * 36 - 100, count * 36 + 500]) {
        const w = fixedWindow(count, 36, scrollTop, 400, 8)
        expect(w.start).toBeGreaterThanOrEqual(0)
        expect(w.end).toBeLessThanOrEqual(count)
        expect(w.start).toBeLessThanOrEqual(w.end)
        expect(w.before + (w.end - w.start) * 36 + w.after).toBe(count * 36)
        // Never more rows than the view holds plus the overscan, however long the list.
        expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(400 / 36) + 1 + 16)
      }
    }
  })

  it('shows the first rows before the view has been measured, and nothing of an empty list', () => {
    expect(fixedWindow(1_024, 36, 0, 0, 10)).toMatchObject({ start: 0, end: 10 })
    expect(fixedWindow(0, 36, 0, 400, 10)).toEqual({ start: 0, end: 0, before: 0, after: 0 })
  })

  it('shows the last rows at the end of the list', () => {
    const end = fixedWindow(100, 36, 100 * 36 - 360, 360, 2)
    expect(end).toMatchObject({ start: 88, end: 100, after: 0 })
  })
})
