/**
 * The heights of a virtual list's rows, measured or estimated, with the sums a scroll position
 * needs: where row i starts, which row is at offset y. A Fenwick (binary indexed) tree makes
 * each of these O(log n), so that appending a row, correcting one row's height after it is
 * measured, and finding the rows on screen stay cheap with tens of thousands of rows.
 */
export class RowHeights {
  #values: number[] = []
  /** 1-based Fenwick tree: #tree[i] is the sum of rows (i - lowbit(i), i], counted from 1. */
  #tree: number[] = [0]
  #total = 0

  get length(): number {
    return this.#values.length
  }

  /** The height of every row together. */
  get total(): number {
    return this.#total
  }

  get(index: number): number {
    return this.#values[index] ?? 0
  }

  push(height: number): void {
    const position = this.#values.length + 1
    this.#values.push(height)
    // The node covers (position - lowbit, position]: this row plus the rows before it in range.
    const low = position & -position
    this.#tree.push(height + this.#prefix(position - 1) - this.#prefix(position - low))
    this.#total += height
  }

  /** Changes one row's height; returns the difference. */
  set(index: number, height: number): number {
    const old = this.#values[index]
    if (old === undefined) throw new RangeError(`no row ${index}`)
    const delta = height - old
    if (delta === 0) return 0
    this.#values[index] = height
    for (let i = index + 1; i < this.#tree.length; i += i & -i) {
      this.#tree[i] = (this.#tree[i] as number) + delta
    }
    this.#total += delta
    return delta
  }

  /** Keeps the first `length` rows. Cheap: the tree's nodes never reach past their own row. */
  truncate(length: number): void {
    if (length >= this.#values.length) return
    this.#values.length = length
    this.#tree.length = length + 1
    this.#total = this.#prefix(length)
  }

  /** Removes the first `count` rows; returns their height. O(n): call it rarely. */
  dropFront(count: number): number {
    if (count <= 0) return 0
    const removed = this.offsetOf(Math.min(count, this.length))
    const rest = this.#values.slice(count)
    this.clear()
    for (const height of rest) this.push(height)
    return removed
  }

  /** Puts rows before the first one. O(n): for pages of older rows, which are rare. */
  prepend(heights: readonly number[]): void {
    if (heights.length === 0) return
    const rest = this.#values
    this.clear()
    for (const height of heights) this.push(height)
    for (const height of rest) this.push(height)
  }

  clear(): void {
    this.#values = []
    this.#tree = [0]
    this.#total = 0
  }

  /** Where row `index` starts: the height of the rows before it. */
  offsetOf(index: number): number {
    if (index >= this.#values.length) return this.#total
    return this.#prefix(index)
  }

  /** The row at offset `y` (the last row if y is past the end; 0 for an empty list). */
  indexAt(y: number): number {
    const length = this.#values.length
    if (length === 0 || y <= 0) return 0
    let position = 0
    let rest = y
    for (let step = highestPowerOfTwo(length); step > 0; step >>= 1) {
      const next = position + step
      if (next <= length && (this.#tree[next] as number) <= rest) {
        position = next
        rest -= this.#tree[next] as number
      }
    }
    return Math.min(position, length - 1)
  }

  #prefix(count: number): number {
    let sum = 0
    for (let i = count; i > 0; i -= i & -i) sum += this.#tree[i] as number
    return sum
  }
}

function highestPowerOfTwo(n: number): number {
  let power = 1
  while (power * 2 <= n) power *= 2
  return power
}

export interface RowRange {
  /** First row to render. */
  start: number
  /** One past the last row to render. */
  end: number
}

/**
 * The rows to render for a viewport: those it shows, plus `overscan` pixels' worth on each
 * side so that scrolling does not reveal unrendered space before the next frame.
 */
export function visibleRange(
  heights: RowHeights,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): RowRange {
  if (heights.length === 0) return { start: 0, end: 0 }
  const start = heights.indexAt(Math.max(0, scrollTop - overscan))
  const end = Math.min(heights.length, heights.indexAt(scrollTop + viewportHeight + overscan) + 1)
  return { start, end }
}

/** The scroll position that shows the end of the list. */
export function bottomScrollTop(heights: RowHeights, viewportHeight: number): number {
  return Math.max(0, heights.total - viewportHeight)
}
