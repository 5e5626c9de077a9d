import { describe, expect, it } from 'vitest'
import { DELETED_TEXT, SCHEMAS, type ChatEvent, type OpEvent } from '../../shared/protocol'
import { ChatStates } from './chat-states'

const CHAT: ChatEvent = {
  type: 'chat',
  seq: 1,
  id: 'c1',
  from: 'client-a',
  name: 'A',
  text: 'hello',
  ts: 1,
  replyTo: 1,
  mentions: ['client-b'],
}

let seq = 1
function op(type: OpEvent['type'], from: string, extra: Record<string, unknown> = {}): OpEvent {
  seq += 1
  return { type, seq, id: `o${seq}`, from, name: 'X', target: 1, ts: seq, ...extra } as OpEvent
}

describe('ChatStates', () => {
  it('leaves an untouched chat as it is, the very object', () => {
    const states = new ChatStates({ maxReactionEmoji: 2, maxReactionsPerMessage: 3 })
    expect(states.materialize(CHAT)).toBe(CHAT)
    expect(states.size).toBe(0)
  })

  it('materializes edits and reactions in a form the chat schema takes', () => {
    const states = new ChatStates({ maxReactionEmoji: 2, maxReactionsPerMessage: 3 })
    const edit = op('edit', 'client-a', { text: 'hello!' })
    states.apply(edit)
    states.apply(op('react', 'client-b', { emoji: '👍' }))
    states.apply(op('react', 'client-c', { emoji: '👍' }))
    states.apply(op('react', 'client-c', { emoji: '🎉' }))
    states.apply(op('unreact', 'client-c', { emoji: '🎉' }))
    const shown = states.materialize(CHAT, (s) => (s === edit.seq ? 'hello!' : undefined))
    expect(shown).toEqual({
      ...CHAT,
      text: 'hello!',
      edited: true,
      reactions: [{ emoji: '👍', from: ['client-b', 'client-c'] }],
    })
    expect(SCHEMAS.chatEvent.parse(shown)).toEqual(shown)
    expect(states.get(1)?.reactionCount).toBe(2)
    // The stamped chat itself is untouched.
    expect(CHAT.text).toBe('hello')
  })

  it('counts the reaction limits: distinct emoji, then pairs', () => {
    const states = new ChatStates({ maxReactionEmoji: 2, maxReactionsPerMessage: 3 })
    expect(states.reactionRefusal(1, 'client-b', '👍', false)).toBe('no_change')
    states.apply(op('react', 'client-b', { emoji: '👍' }))
    expect(states.reactionRefusal(1, 'client-b', '👍', true)).toBe('no_change')
    states.apply(op('react', 'client-b', { emoji: '🎉' }))
    expect(states.reactionRefusal(1, 'client-c', '🚀', true)).toBe('too_many_reactions')
    expect(states.reactionRefusal(1, 'client-c', '🎉', true)).toBe(null)
    states.apply(op('react', 'client-c', { emoji: '🎉' }))
    expect(states.reactionRefusal(1, 'client-d', '👍', true)).toBe('too_many_reactions')
    expect(states.reactionRefusal(1, 'client-c', '🎉', false)).toBe(null)
  })

  it('shows a deleted chat as deleted, with no reactions, edit or file, keeping reply and mentions', () => {
    const states = new ChatStates({ maxReactionEmoji: 2, maxReactionsPerMessage: 3 })
    states.apply(op('edit', 'client-a', { text: 'x' }))
    states.apply(op('react', 'client-b', { emoji: '👍' }))
    states.apply(op('delete', 'client-a'))
    const shown = states.materialize(CHAT, () => 'x')
    expect(shown).toEqual({ ...CHAT, text: DELETED_TEXT, deleted: true })
    // A file chat stamped before its delete redacted it: the file's name and thumbnail go too.
    const file = { id: 'f1', name: 'secret.png', size: 3 } as NonNullable<ChatEvent['file']>
    expect(states.materialize({ ...CHAT, file }, () => 'x')).toEqual(shown)
    expect(states.isDeleted(1)).toBe(true)
    expect(states.get(1)?.edits).toHaveLength(1)
  })

  it('forgets the chats the budget dropped', () => {
    const states = new ChatStates({ maxReactionEmoji: 2, maxReactionsPerMessage: 3 })
    for (const target of [1, 5, 9]) states.apply({ ...op('delete', 'client-a'), target })
    states.dropUpTo(5)
    expect(states.size).toBe(1)
    expect(states.isDeleted(9)).toBe(true)
  })
})
