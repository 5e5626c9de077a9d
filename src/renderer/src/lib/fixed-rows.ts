/**
 * The window of a virtual list whose rows all have one height (the member list): which rows
 * to render for a scroll position, and the space that stands for the others. The timeline's
 * rows vary and need measured heights (row-heights.ts); here a row's position is its index
 * times the height, so each answer is O(1) whatever the list's length.
 */
import type { RowRange } from './row-heights'

export interface FixedWindow extends RowRange {
  /** Space above the first rendered row: the rows before it. */
  before: number
  /** Space below the last rendered row: the rows after it. */
  after: number
}

/**
 * The rows of a list of `count` rows of `rowHeight` px that a viewport of `viewportHeight` px
 * scrolled to `scrollTop` shows, plus `overscan` rows on each side so that scrolling does not
 * reveal blank space before the next frame.
 */
export function fixedWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): FixedWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 }
  const top = Math.min(Math.max(0, scrollTop), count * rowHeight)
  const first = Math.floor(top / rowHeight)
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight)
  const start = Math.max(0, Math.min(count, first - overscan))
  const end = Math.max(start, Math.min(count, last + overscan))
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight }
}
