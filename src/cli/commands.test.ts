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

  it('refuses what it cannot read, saying how it is used', () => {
    expect(parseTypedLine('/shrug')).toEqual({
      kind: 'invalid',
      message: 'unknown command /shrug (/help lists them)',
    })
    expect(parseTypedLine('/reply x hi')).toEqual({
      kind: 'invalid',
      message: 'usage: /reply SEQ TEXT',
    })
    expect(parseTypedLine('/reply 0 hi')).toEqual({
      kind: 'invalid',
      message: 'usage: /reply SEQ TEXT',
    })
    expect(parseTypedLine('/reply 4')).toEqual({
      kind: 'invalid',
      message: 'usage: /reply SEQ TEXT',
    })
    expect(parseTypedLine('/delete 4 now')).toEqual({
      kind: 'invalid',
      message: 'usage: /delete SEQ',
    })
    expect(parseTypedLine('/react 4 ab')).toEqual({
      kind: 'invalid',
      message: 'not one emoji: /react SEQ EMOJI',
    })
    expect(parseTypedLine('/react 4 👍👍')).toMatchObject({ kind: 'invalid' })
    expect(parseTypedLine('/react 4 \u202e👍')).toMatchObject({ kind: 'invalid' })
    expect(parseTypedLine('/edit 99999999999999999999 x')).toMatchObject({ kind: 'invalid' })
  })
})
