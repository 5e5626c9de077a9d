import { describe, expect, it } from 'vitest'
import { parseTypedLine } from './commands'

describe('parseTypedLine', () => {
  it('sends anything not starting with / as a chat, and // as one / less', () => {
    expect(parseTypedLine('hello /reply 1 x')).toEqual({ kind: 'text', text: 'hello /reply 1 x' })
    expect(parseTypedLine('//tmp is full')).toEqual({ kind: 'text', text: '/tmp is full' })
  })

  it('reads replies, reactions, edits and deletes with SEQ or #SEQ', () => {
    expect(parseTypedLine('/reply 12 sounds good')).toEqual({
      kind: 'reply',
      target: 12,
      text: 'sounds good',
    })
    expect(parseTypedLine('/react #12 👍🏽')).toEqual({ kind: 'react', target: 12, emoji: '👍🏽' })
    expect(parseTypedLine('/unreact 12 🇫🇷')).toEqual({ kind: 'unreact', target: 12, emoji: '🇫🇷' })
    expect(parseTypedLine('/edit 3 the build')).toEqual({
      kind: 'edit',
      target: 3,
      text: 'the build',
    })
    expect(parseTypedLine('/delete #3')).toEqual({ kind: 'delete', target: 3 })
    expect(parseTypedLine('/help')).toEqual({ kind: 'help' })
  })

  it.each([
    ['/shrug', 'unknown command /shrug (/help lists them)'],
    ['/reply x hi', 'usage: /reply SEQ TEXT'],
    ['/reply 0 hi', 'usage: /reply SEQ TEXT'],
    ['/reply 4', 'usage: /reply SEQ TEXT'],
    ['/delete 4 now', 'usage: /delete SEQ'],
    ['/edit 99999999999999999999 x', 'usage: /edit SEQ TEXT'],
    ['/react 4 ab', 'not one emoji: /react SEQ EMOJI'],
    ['/react 4 👍👍', 'not one emoji: /react SEQ EMOJI'],
    ['/unreact 4 \u202e👍', 'not one emoji: /unreact SEQ EMOJI'],
  ])('refuses %j, saying how it is used', (line, message) => {
    expect(parseTypedLine(line)).toEqual({ kind: 'invalid', message })
  })
})
