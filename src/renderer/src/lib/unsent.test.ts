import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from './bridge'
import { setLanguage } from './i18n'
import { unsentCount, unsentWarning } from './unsent'

function chat(key: string, status: 'pending' | 'sent' | 'failed', own = true): TimelineEntry {
  return {
    kind: 'chat',
    key,
    seq: status === 'sent' ? 1 : null,
    id: key,
    from: 'me',
    name: 'Me',
    text: key,
    ts: 0,
    own,
    status,
    error: null,
  }
}

function timeline(confirmed: TimelineEntry[], pending: TimelineEntry[]) {
  const all = [...confirmed, ...pending]
  return { confirmedLength: confirmed.length, length: all.length, at: (i: number) => all[i] }
}

describe('unsentCount', () => {
  const entries = timeline(
    [chat('a', 'sent'), chat('b', 'sent', false)],
    [chat('c', 'pending'), chat('d', 'pending'), chat('e', 'failed')],
  )

  it('counts what failed, and what waits while the room cannot be reached', () => {
    expect(unsentCount(entries, false)).toBe(3)
    expect(unsentCount(entries, true)).toBe(1)
    expect(unsentCount(timeline([chat('a', 'sent')], []), false)).toBe(0)
  })

  it('says how many will be lost', () => {
    expect(unsentWarning(1)).toBe(
      '1 message you wrote has not been sent yet. If you leave now, it is lost.',
    )
    expect(unsentWarning(2)).toBe(
      '2 messages you wrote have not been sent yet. If you leave now, they are lost.',
    )
  })

  it('says it in the language’s plural forms', () => {
    try {
      setLanguage('fr')
      expect(unsentWarning(1)).toMatch(/^1\u00a0message que vous avez écrit n’a pas/)
      expect(unsentWarning(1_000_000)).toMatch(/^1\u202f000\u202f000\u00a0messages/)
      setLanguage('ar')
      expect(unsentWarning(2)).toMatch(/^لم تُرسل رسالتان/)
      expect(unsentWarning(3)).toMatch(/3 رسائل/)
    } finally {
      setLanguage('en')
    }
  })
})
