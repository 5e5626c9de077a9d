import { describe, expect, it } from 'vitest'
import { EventIndex } from './event-index'
import { KIND } from './history-record'

/** An index of `count` records of 100 bytes each; every third is a react, the rest chats. */
function indexOf(count: number): EventIndex {
  const index = new EventIndex()
  for (let seq = 1; seq <= count; seq++) {
    const kind = seq % 3 === 0 ? KIND.react : KIND.chat
    index.add(seq, (seq - 1) * 100, 100, kind, kind === KIND.chat ? `client-${seq % 2}` : undefined)
  }
  return index
}

describe('EventIndex', () => {
  it('finds records and chats by seq, beyond its first capacity', () => {
    const index = indexOf(5000)
    expect(index.size).toBe(5000)
    expect(index.place(3000)).toEqual({ seq: 3000, offset: 299_900, length: 100, kind: KIND.react })
    expect(index.place(5001)).toBeNull()
    expect(index.chatIndex(3000)).toBe(-1)
    expect(index.chatFrom(2999)).toBe('client-1')
    expect(index.chatFrom(3000)).toBeUndefined()
    expect(index.end).toBe(500_000)
    expect(index.chatsBefore(7, 3)).toEqual([2, 4, 5])
    expect(index.chatsBefore(7, 0)).toEqual([])
    expect(index.chatsAfter(3, 2)).toEqual([4, 5])
    expect(index.chatsAfter(4999, 5)).toEqual([5000])
    expect(index.firstFrom(250)).toBe(3)
  })

  it('marks edited chats', () => {
    const index = indexOf(10)
    index.markEdited(4)
    index.markEdited(3)
    expect(index.isEdited(index.chatIndex(4))).toBe(true)
    expect(index.isEdited(index.chatIndex(5))).toBe(false)
  })

  it('drops its first records and moves the rest', () => {
    const index = indexOf(10)
    index.markEdited(7)
    expect(index.dropFirst(4, 400)).toBe(4)
    expect(index.size).toBe(6)
    expect(index.firstSeq).toBe(5)
    expect(index.firstChatSeq).toBe(5)
    expect(index.place(5)).toEqual({ seq: 5, offset: 0, length: 100, kind: KIND.chat })
    expect(index.chatPlaceAt(index.chatIndex(7))).toMatchObject({ seq: 7, offset: 200 })
    expect(index.isEdited(index.chatIndex(7))).toBe(true)
    expect(index.chatFrom(8)).toBe('client-0')
    expect(index.chatsBefore(Infinity, 100)).toEqual([5, 7, 8, 10])
    index.add(11, index.end, 50, KIND.chat, 'client-new')
    expect(index.chatFrom(11)).toBe('client-new')
  })
})
