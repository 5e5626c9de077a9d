import { describe, expect, it } from 'vitest'
import { pieces, slot } from './phrase'

describe('pieces', () => {
  it('splits a sentence around its markers, in the order the translation put them', () => {
    expect(pieces(`${slot(0)} to send, ${slot(1)} + ${slot(0)} for a new line`)).toEqual([
      { text: '', slot: 0 },
      { text: ' to send, ', slot: null },
      { text: '', slot: 1 },
      { text: ' + ', slot: null },
      { text: '', slot: 0 },
      { text: ' for a new line', slot: null },
    ])
    expect(pieces(`${slot(0)}に返信中`)).toEqual([
      { text: '', slot: 0 },
      { text: 'に返信中', slot: null },
    ])
  })

  it('leaves a sentence without markers whole', () => {
    expect(pieces('Replying')).toEqual([{ text: 'Replying', slot: null }])
    expect(pieces('')).toEqual([])
  })
})
