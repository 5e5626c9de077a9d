import { describe, expect, it } from 'vitest'
import { insertMention, mentionAt, mentionOptions, mentionsIn, splitMentions } from './mentions'

const MEMBERS = [
  { clientId: 'me', name: 'Ada', you: true },
  { clientId: 'b1', name: 'Bob', you: false },
  { clientId: 'b2', name: 'bobby tables', you: false },
  { clientId: 'c1', name: 'Cy', you: false },
]

describe('mentions', () => {
  it('finds the mention being typed at the caret, and nothing inside words or lines', () => {
    expect(mentionAt('hi @Bo', 6)).toEqual({ start: 3, text: 'Bo' })
    expect(mentionAt('@', 1)).toEqual({ start: 0, text: '' })
    expect(mentionAt('hi @bobby ta', 12)).toEqual({ start: 3, text: 'bobby ta' })
    expect(mentionAt('mail a@b', 8)).toBeNull()
    expect(mentionAt('@Bo\nx', 5)).toBeNull()
    expect(mentionAt('no at', 5)).toBeNull()
    expect(mentionAt(`@${'x'.repeat(80)}`, 81)).toBeNull()
  })

  it('offers members by name prefix (not you), and @room', () => {
    expect(mentionOptions('bo', MEMBERS, true).map((o) => o.name)).toEqual(['Bob', 'bobby tables'])
    expect(mentionOptions('', MEMBERS, true).map((o) => o.clientId)).toEqual([
      'b1',
      'b2',
      'c1',
      null,
    ])
    expect(mentionOptions('ro', MEMBERS, true)).toEqual([{ clientId: null, name: 'room' }])
    expect(mentionOptions('ro', MEMBERS, false)).toEqual([])
  })

  it('inserts the chosen name and puts the caret after it', () => {
    expect(insertMention('hi @Bo there', { start: 3, text: 'Bo' }, 6, 'Bob')).toEqual({
      text: 'hi @Bob there',
      caret: 8,
    })
    expect(insertMention('@', { start: 0, text: '' }, 1, 'room')).toEqual({
      text: '@room ',
      caret: 6,
    })
  })

  it('sends the chosen people still named in the text, and @room when typed', () => {
    const chosen: Array<[string, string]> = [
      ['b1', 'Bob'],
      ['c1', 'Cy'],
    ]
    expect(mentionsIn('hi @Bob', chosen, 20)).toEqual({ mentions: ['b1'], mentionsRoom: false })
    expect(mentionsIn('@room @Cy @Bob', chosen, 1)).toEqual({
      mentions: ['b1'],
      mentionsRoom: true,
    })
    expect(mentionsIn('@roomy', chosen, 20).mentionsRoom).toBe(false)
  })

  it('splits the mentions out of a text, longest name first', () => {
    expect(splitMentions('hey @Ann Lee and @Ann, @room!', ['Ann', 'Ann Lee'], true)).toEqual([
      { text: 'hey ', mention: false },
      { text: '@Ann Lee', mention: true },
      { text: ' and ', mention: false },
      { text: '@Ann', mention: true },
      { text: ', ', mention: false },
      { text: '@room', mention: true },
      { text: '!', mention: false },
    ])
    expect(splitMentions('a@Ann', ['Ann'], false)).toEqual([{ text: 'a@Ann', mention: false }])
    expect(splitMentions('plain', [], false)).toEqual([{ text: 'plain', mention: false }])
  })
})
