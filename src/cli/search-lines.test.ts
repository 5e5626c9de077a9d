import { describe, expect, it } from 'vitest'
import type { SearchMatch } from '../shared/protocol'
import { MARK_END, MARK_START, cleanRanges, formatMatch } from './search-lines'

const TS = new Date(2026, 10, 3, 14, 5).getTime()

function match(snippet: string, highlights: Array<[number, number]>): SearchMatch {
  return { seq: 1234, from: 'bob-client-0001', name: 'Bob', ts: TS, snippet, highlights }
}

describe('formatMatch', () => {
  it('prints #SEQ [YYYY-MM-DD HH:MM] name: snippet on one line', () => {
    expect(formatMatch(match('…the build\nis green…', [[5, 10]]), false)).toBe(
      '#1234 [2026-11-03 14:05] Bob: …the build is green…',
    )
  })

  it('marks the matched words on a terminal', () => {
    expect(
      formatMatch(
        match('build is green', [
          [0, 5],
          [9, 14],
        ]),
        true,
      ),
    ).toBe(
      `#1234 [2026-11-03 14:05] Bob: ${MARK_START}build${MARK_END} is ${MARK_START}green${MARK_END}`,
    )
  })

  it('prints nothing a terminal would act on, whatever the snippet holds', () => {
    // The schema bounds a snippet's length only: it is printed through the same filter.
    const hostile = match('a\u001b[2Jb\u202ec\u0007d', [[0, 4]])
    expect(formatMatch(hostile, false)).toBe('#1234 [2026-11-03 14:05] Bob: a[2Jbcd')
    expect(formatMatch(hostile, true)).toBe(
      `#1234 [2026-11-03 14:05] Bob: ${MARK_START}a[2${MARK_END}Jbcd`,
    )
  })
})

describe('cleanRanges', () => {
  it('orders, merges and bounds ranges, and never splits a character', () => {
    expect(
      cleanRanges('abcdefgh', [
        [5, 7],
        [0, 2],
        [1, 3],
        [6, 99],
        [4, 4],
      ]),
    ).toEqual([
      [0, 3],
      [5, 8],
    ])
    // '😀' is two UTF-16 units: a range ending inside it ends before it.
    expect(
      cleanRanges('ab😀c', [
        [0, 1],
        [3, 5],
      ]),
    ).toEqual([
      [0, 1],
      [2, 5],
    ])
    expect(cleanRanges('ab😀c', [[0, 3]])).toEqual([[0, 2]])
    expect(cleanRanges('ab', [[5, 9]])).toEqual([])
  })
})
