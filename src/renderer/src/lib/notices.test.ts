import { afterEach, describe, expect, it } from 'vitest'
import type { TimelineEntry } from './bridge'
import { setLanguage } from './i18n'
import { gapText, noticeText } from './notices'

type Notice = Extract<TimelineEntry, { kind: 'notice' }>

const notice = (event: Notice['event'], reason: Notice['reason'] = null): Notice => ({
  kind: 'notice',
  key: 'n1',
  ts: 0,
  event,
  name: 'Ada',
  text: 'English from main',
  reason,
})

describe('notices', () => {
  afterEach(() => setLanguage('en'))

  it('are written from their fields, as main wrote them in English', () => {
    expect(noticeText(notice('joined'))).toBe('Ada joined')
    expect(noticeText(notice('renamed'))).toBe('Now called Ada')
    expect(noticeText(notice('left'))).toBe('Ada left')
    expect(noticeText(notice('left', 'lost'))).toBe('Ada left (connection lost)')
    expect(noticeText(notice('left', 'removed'))).toBe('Ada was disconnected by the room')
  })

  it('speak the current language', () => {
    setLanguage('de')
    expect(noticeText(notice('left', 'lost'))).toBe('Ada ist gegangen (Verbindung verloren)')
    setLanguage('ar')
    expect(noticeText(notice('joined'))).toBe('انضم Ada')
  })

  it('gap markers follow their reason; one without (an older main) shows its text', () => {
    const gap = { kind: 'gap', key: 'g', ts: 0, text: 'as sent' } as const
    expect(gapText({ ...gap, reason: 'history' })).toBe(
      'Some messages are missing here: the room no longer keeps them.',
    )
    expect(gapText({ ...gap, reason: 'epoch' })).toBe(
      "The room's history was reset; earlier messages may not line up with these.",
    )
    expect(gapText(gap)).toBe('as sent')
    setLanguage('ja')
    expect(gapText({ ...gap, reason: 'epoch' })).toMatch(/^ルームの履歴はリセットされました/)
  })
})
