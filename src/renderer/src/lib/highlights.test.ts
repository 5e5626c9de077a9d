import { describe, expect, it } from 'vitest'
import { snippetParts } from './highlights'

describe('snippetParts', () => {
  it('cuts the snippet at the ranges', () => {
    expect(
      snippetParts('…the quick fox', [
        [5, 10],
        [11, 14],
      ]),
    ).toEqual([
      { text: '…the ', match: false },
      { text: 'quick', match: true },
      { text: ' ', match: false },
      { text: 'fox', match: true },
    ])
  })

  it('survives hostile ranges: out of bounds, reversed, overlapping, unsorted, fractional', () => {
    expect(
      snippetParts('abcdef', [
        [4, 99],
        [-5, 2],
        [1, 3],
        [3, 2],
        [0.5, 1],
      ]),
    ).toEqual([
      { text: 'abc', match: true },
      { text: 'd', match: false },
      { text: 'ef', match: true },
    ])
    expect(snippetParts('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', match: false }])
  })
})
