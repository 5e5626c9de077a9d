import { describe, expect, it } from 'vitest'
import { DELETED_TEXT, SCHEMAS, type TimelineEvent } from '../../shared/protocol'
import { checkedJson, parseEvent, recordLine, redacted } from './history-record'
import { chatAt, deleteAt, editAt, reactAt } from './testing/timeline-events'

function line(event: TimelineEvent): Buffer {
  return recordLine(JSON.stringify(event), event)
}

function eventOf(record: Buffer): TimelineEvent | null {
  const json = checkedJson(record, 0, record.length - 1)
  return json === null ? null : parseEvent(json, SCHEMAS)
}

describe('history records', () => {
  it('round-trip every kind, padded so that the redacted form fits', () => {
    for (const event of [chatAt(1, 'x'), reactAt(2, 1), editAt(3, 1, 'é'), deleteAt(4, 1)]) {
      expect(eventOf(line(event))).toEqual(event)
    }
    const short = line(chatAt(1, 'x'))
    expect(short.toString().trimEnd().endsWith('}')).toBe(true)
    expect(short.length).toBeGreaterThan(JSON.stringify(chatAt(1, 'x')).length + 10)
    // Long texts need no padding.
    const long = chatAt(1, 'a text long enough to hold the redacted form')
    expect(line(long).length).toBe(Buffer.byteLength(JSON.stringify(long)) + 10)
  })

  it('redacts chats and edits to the same length, with a checksum that holds', () => {
    for (const text of ['x', 'ü', '"', 'a'.repeat(500), '👩‍💻 long enough, with an emoji']) {
      const chat = line(chatAt(1, text))
      const out = redacted(chat) as Buffer
      expect(out.length).toBe(chat.length)
      expect(eventOf(out)).toEqual({ ...chatAt(1, text), text: DELETED_TEXT, deleted: true })
      const edit = line(editAt(2, 1, text))
      const outEdit = redacted(edit) as Buffer
      expect(outEdit.length).toBe(edit.length)
      expect(eventOf(outEdit)).toEqual({ ...editAt(2, 1, text), text: DELETED_TEXT })
      expect(redacted(out)).toBeNull()
      expect(redacted(outEdit)).toBeNull()
    }
    expect(redacted(line(reactAt(2, 1)))).toBeNull()
    expect(redacted(line(deleteAt(2, 1)))).toBeNull()
  })

  it('refuses lines whose checksum or prefix is wrong', () => {
    const good = line(chatAt(1))
    expect(checkedJson(good, 0, good.length - 1)).not.toBeNull()
    const flipped = Buffer.from(good)
    flipped[20] = (flipped[20] as number) ^ 1
    expect(checkedJson(flipped, 0, flipped.length - 1)).toBeNull()
    const badHex = Buffer.from(good)
    badHex[0] = 0x7a
    expect(checkedJson(badHex, 0, badHex.length - 1)).toBeNull()
    expect(checkedJson(Buffer.from('short\n'), 0, 5)).toBeNull()
    expect(parseEvent('{"type":"chat"', SCHEMAS)).toBeNull()
    expect(parseEvent('{"type":"poke","seq":1}', SCHEMAS)).toBeNull()
  })
})
