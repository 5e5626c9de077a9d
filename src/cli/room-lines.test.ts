import { describe, expect, it } from 'vitest'
import type { ChatEvent, OpEvent } from '../shared/protocol'
import { opEvent } from '../../test/support/op-events'
import { RoomLines } from './room-lines'

const ME = 'me-client-id-0001'
const ALICE = 'alice-client-id-01'
const BOB = 'bob-client-id-0001'
const TS = new Date(2026, 10, 3, 14, 5).getTime()
const LATER = new Date(2026, 10, 3, 14, 7).getTime()

function chat(
  seq: number,
  from: string,
  name: string,
  text: string,
  extra: Partial<ChatEvent> = {},
): ChatEvent {
  return { type: 'chat', seq, id: `m${seq}`, from, name, text, ts: TS, ...extra }
}

function op(
  type: OpEvent['type'],
  seq: number,
  target: number,
  extra: { emoji?: string; text?: string } = {},
): OpEvent {
  return opEvent(type, seq, target, { ts: LATER, from: BOB, name: 'Bob', ...extra })
}

function lines(showSeq = false): RoomLines {
  return new RoomLines({ me: ME, showSeq })
}

describe('RoomLines chats', () => {
  it('prints a plain chat as [HH:MM] name: text', () => {
    expect(lines().chat(chat(1, ALICE, 'Alice', 'hello\nthere'))).toEqual({
      text: '[14:05] Alice: hello\n               there',
      mentioned: false,
    })
  })

  it('starts each line about a message with its seq when asked', () => {
    const room = lines(true)
    expect(room.chat(chat(42, ALICE, 'Alice', 'hi')).text).toBe('#42 [14:05] Alice: hi')
    expect(room.op(op('delete', 43, 42))).toBe('#42 [14:07] Bob deleted a message')
  })

  it('quotes the start of the original above a reply', () => {
    const room = lines()
    room.chat(chat(1, ALICE, 'Alice', 'is the build\ngreen on every platform we ship to?'))
    expect(room.missingOriginal(chat(2, BOB, 'Bob', 'yes', { replyTo: 1 }))).toBeNull()
    expect(room.chat(chat(2, BOB, 'Bob', 'yes', { replyTo: 1 })).text).toBe(
      '        ↪ reply to Alice: "is the build green on every platform we…"\n[14:05] Bob: yes',
    )
  })

  it('asks for an original it has not seen, and uses it once remembered', () => {
    const room = lines()
    const reply = chat(9, BOB, 'Bob', 'agreed', { replyTo: 3 })
    expect(room.missingOriginal(reply)).toBe(3)
    room.remember(chat(3, ALICE, 'Alice', 'old news', { deleted: true, text: 'message deleted' }))
    expect(room.missingOriginal(reply)).toBeNull()
    expect(room.chat(reply).text).toBe(
      '        ↪ reply to Alice: message deleted\n[14:05] Bob: agreed',
    )
  })

  it('says so when the original could not be had', () => {
    expect(lines().chat(chat(9, BOB, 'Bob', 'agreed', { replyTo: 3 })).text).toBe(
      '        ↪ reply to message #3 (not available)\n[14:05] Bob: agreed',
    )
  })

  it('marks mentions of this client and of everyone, but not its own or deleted ones', () => {
    const room = lines()
    expect(room.chat(chat(1, BOB, 'Bob', '@me look', { mentions: [ME, ALICE] }))).toEqual({
      text: '[14:05] Bob (mentions you): @me look',
      mentioned: true,
    })
    expect(room.chat(chat(2, BOB, 'Bob', '@room lunch', { mentionsRoom: true }))).toEqual({
      text: '[14:05] Bob (mentions everyone): @room lunch',
      mentioned: true,
    })
    expect(room.chat(chat(3, BOB, 'Bob', '@Alice', { mentions: [ALICE] })).mentioned).toBe(false)
    expect(room.chat(chat(4, ME, 'Me', '@me', { mentions: [ME] })).mentioned).toBe(false)
    const deleted = chat(5, BOB, 'Bob', 'message deleted', { mentions: [ME], deleted: true })
    expect(room.chat(deleted)).toEqual({
      text: '[14:05] Bob: (message deleted)',
      mentioned: false,
    })
  })

  it('shows a materialized chat edited, with its reactions under it', () => {
    const room = lines()
    const edited = chat(7, ALICE, 'Alice', 'fixed @me', {
      edited: true,
      mentions: [ME],
      reactions: [
        { emoji: '👍', from: [BOB, ME] },
        { emoji: '🎉', from: [BOB] },
      ],
    })
    expect(room.chat(edited).text).toBe(
      '[14:05] Alice (edited, mentions you): fixed @me\n        👍 2  🎉 1',
    )
  })

  it('keeps control and bidi characters out of what it prints', () => {
    // Chat text never has them (the schema refuses it); printing does not rely on that alone.
    const hostile = chat(1, ALICE, 'Alice', 'a\u001b]0;pwned\u0007b\u202ec')
    expect(lines().chat(hostile).text).toBe('[14:05] Alice: a]0;pwnedbc')
  })

  it('remembers a bounded number of chats', () => {
    const room = new RoomLines({ me: ME, showSeq: false, maxKnown: 2 })
    for (const seq of [1, 2, 3]) room.remember(chat(seq, ALICE, 'Alice', `n${seq}`))
    expect(room.missingOriginal(chat(4, BOB, 'Bob', 'x', { replyTo: 1 }))).toBe(1)
    expect(room.missingOriginal(chat(4, BOB, 'Bob', 'x', { replyTo: 3 }))).toBeNull()
  })
})

describe('RoomLines reactions, edits and deletes', () => {
  it('names the message reacted to by its author and start', () => {
    const room = lines()
    room.chat(chat(1, ALICE, 'Alice', 'ship it'))
    expect(room.op(op('react', 2, 1, { emoji: '👍' }))).toBe(
      '[14:07] Bob reacted 👍 to Alice: "ship it"',
    )
    expect(room.op(op('unreact', 3, 1, { emoji: '👍' }))).toBe(
      '[14:07] Bob removed 👍 from Alice: "ship it"',
    )
    expect(room.op(op('react', 4, 99, { emoji: '🎉' }))).toBe(
      '[14:07] Bob reacted 🎉 to message #99',
    )
  })

  it('prints an edit with its new text and quotes the new text afterwards', () => {
    const room = lines()
    room.chat(chat(1, BOB, 'Bob', 'teh build'))
    expect(room.op(op('edit', 2, 1, { text: 'the build\nis green' }))).toBe(
      '[14:07] Bob (edited): the build\n                      is green',
    )
    expect(room.chat(chat(3, ALICE, 'Alice', 'nice', { replyTo: 1 })).text).toContain(
      '↪ reply to Bob: "the build is green"',
    )
  })

  it('prints a delete without the text, and quotes the message as deleted afterwards', () => {
    const room = lines()
    room.chat(chat(1, BOB, 'Bob', 'oops, secret'))
    expect(room.op(op('delete', 2, 1))).toBe('[14:07] Bob deleted a message')
    expect(room.chat(chat(3, ALICE, 'Alice', 'what?', { replyTo: 1 })).text).toContain(
      '↪ reply to Bob: message deleted',
    )
  })
})

describe('RoomLines lookup', () => {
  it('finds a chat it has not printed where it is told to look', () => {
    const elsewhere = chat(5, ALICE, 'Alice', 'from the timeline')
    const room = new RoomLines({
      me: ME,
      showSeq: false,
      lookup: (seq) => (seq === 5 ? elsewhere : undefined),
    })
    expect(room.missingOriginal(chat(6, BOB, 'Bob', 'x', { replyTo: 5 }))).toBeNull()
    expect(room.op(op('react', 7, 5, { emoji: '👀' }))).toBe(
      '[14:07] Bob reacted 👀 to Alice: "from the timeline"',
    )
    expect(room.missingOriginal(chat(8, BOB, 'Bob', 'x', { replyTo: 4 }))).toBe(4)
  })
})

describe('RoomLines files', () => {
  const file = {
    id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    name: 'report.pdf',
    size: 2.1 * 1024 * 1024,
    type: 'application/pdf',
    sha256: 'ab'.repeat(32),
  }

  it('prints a file chat as sent NAME (SIZE) id=ID, with the caption after a dash', () => {
    const room = lines()
    expect(room.chat(chat(1, ALICE, 'Alice', 'report.pdf', { file })).text).toBe(
      `[14:05] Alice: sent report.pdf (2.1 MB) id=${file.id}`,
    )
    expect(room.chat(chat(2, ALICE, 'Alice', 'the Q3\nnumbers', { file })).text).toBe(
      `[14:05] Alice: sent report.pdf (2.1 MB) id=${file.id} — the Q3 numbers`,
    )
  })

  it('marks an expired file, in the welcome and on the live expired message', () => {
    const room = lines(true)
    const expired = chat(3, ALICE, 'Alice', 'report.pdf', { file: { ...file, expired: true } })
    expect(room.chat(expired).text).toBe(
      `#3 [14:05] Alice: sent report.pdf (2.1 MB) id=${file.id} (expired)`,
    )
    expect(room.expired(chat(4, ALICE, 'Alice', 'see this', { file }))).toBe(
      `#4 [14:05] Alice: sent report.pdf (2.1 MB) id=${file.id} — see this (expired)`,
    )
    expect(room.expired(chat(5, ALICE, 'Alice', 'no file'))).toBeNull()
  })

  it('prints a deleted file chat as any deleted message', () => {
    expect(lines().chat(chat(6, ALICE, 'Alice', '', { file, deleted: true })).text).toBe(
      '[14:05] Alice: (message deleted)',
    )
  })
})
