import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { NO_UNREAD, afterArrival, retainUnread, unreadLabel } from './unread'

describe('unread', () => {
  it('starts at the first message that arrives while away, and counts from there', () => {
    let unread = afterArrival(NO_UNREAD, 'a', false)
    expect(unread).toBe(NO_UNREAD)
    unread = afterArrival(unread, 'b', true)
    expect(unread).toEqual({ key: 'b', count: 1 })
    // Back and looking: the divider stays where it was, and the messages below it count.
    unread = afterArrival(unread, 'c', false)
    unread = afterArrival(unread, 'd', true)
    expect(unread).toEqual({ key: 'b', count: 3 })
  })

  it('goes when its entry left the timeline', () => {
    const unread = { key: 'b', count: 2 }
    expect(retainUnread(unread, (key) => key === 'b')).toBe(unread)
    expect(retainUnread(unread, () => false)).toBe(NO_UNREAD)
    expect(retainUnread(NO_UNREAD, () => false)).toBe(NO_UNREAD)
  })

  it('says how many', () => {
    expect(unreadLabel(1)).toBe('1 new message')
    expect(unreadLabel(5)).toBe('5 new messages')
  })
})

describe('unreadLabel in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('takes every plural form and writes the number the language’s way', () => {
    expect(unreadLabel(1234)).toBe('1,234 new messages')
    setLanguage('de')
    expect(unreadLabel(1)).toBe('1 neue Nachricht')
    expect(unreadLabel(1234)).toBe('1.234 neue Nachrichten')
    setLanguage('ar')
    expect([1, 2, 5, 11, 100].map(unreadLabel)).toEqual([
      'رسالة جديدة واحدة',
      'رسالتان جديدتان',
      '5 رسائل جديدة',
      '11 رسالة جديدة',
      '100 رسالة جديدة',
    ])
    setLanguage('ja')
    expect(unreadLabel(3)).toBe('新着メッセージ3件')
  })
})
