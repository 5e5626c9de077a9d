import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from './bridge'
import { FOLD_LINES } from './fold'
import {
  DEFAULT_METRICS,
  estimateRowHeight,
  MAX_LINE_CHARS,
  rowShape,
  wrappedLines,
} from './timeline-rows'

const BASE = new Date(2026, 2, 4, 10, 0).getTime()
const MIN = 60_000

function chat(from: string, ts: number, text = 'hi'): TimelineEntry {
  return {
    kind: 'chat',
    key: `c:${from}:${ts}`,
    seq: 1,
    id: String(ts),
    from,
    name: from,
    text,
    ts,
    own: false,
    status: 'sent',
    error: null,
  }
}

const NONE = { day: false, header: false, unread: false }

const notice: TimelineEntry = {
  kind: 'notice',
  key: 'n1',
  ts: BASE,
  event: 'joined',
  name: 'Bob',
  text: 'Bob joined',
}

describe('rowShape', () => {
  it('starts with a day separator and a header', () => {
    expect(rowShape(chat('a', BASE), undefined)).toEqual({ day: true, header: true, unread: false })
  })

  it('groups chats from one sender within five minutes', () => {
    expect(rowShape(chat('a', BASE + 5 * MIN), chat('a', BASE))).toEqual({
      day: false,
      header: false,
      unread: false,
    })
    expect(rowShape(chat('a', BASE + 5 * MIN + 1), chat('a', BASE)).header).toBe(true)
    expect(rowShape(chat('b', BASE + MIN), chat('a', BASE)).header).toBe(true)
    expect(rowShape(chat('a', BASE + MIN), notice).header).toBe(true)
  })

  it('separates days, even within five minutes', () => {
    const late = new Date(2026, 2, 4, 23, 58).getTime()
    const early = new Date(2026, 2, 5, 0, 1).getTime()
    expect(rowShape(chat('a', early), chat('a', late))).toEqual({
      day: true,
      header: true,
      unread: false,
    })
  })

  it('shows the sender of the first unread chat, even within a group', () => {
    const first = chat('a', BASE)
    const next = chat('a', BASE + MIN)
    expect(rowShape(next, first)).toEqual(NONE)
    expect(rowShape(next, first, next.key)).toEqual({ ...NONE, header: true, unread: true })
    expect(rowShape(next, first, first.key)).toEqual(NONE)
    expect(rowShape(notice, first, notice.key)).toEqual({ ...NONE, unread: true })
  })

  it('gives notices and gaps no header', () => {
    expect(rowShape(notice, chat('a', BASE)).header).toBe(false)
  })
})

describe('estimateRowHeight', () => {
  it('counts wrapped lines', () => {
    expect(wrappedLines('', 10)).toBe(1)
    expect(wrappedLines('abc', 10)).toBe(1)
    expect(wrappedLines('a'.repeat(25), 10)).toBe(3)
    expect(wrappedLines('a\n\nb', 10)).toBe(3)
  })

  it('grows with text, headers, day separators and failures', () => {
    const m = DEFAULT_METRICS
    const short = estimateRowHeight(chat('a', BASE), NONE, m)
    const long = estimateRowHeight(chat('a', BASE, 'x'.repeat(1_000)), NONE, m)
    const headed = estimateRowHeight(chat('a', BASE), { ...NONE, header: true }, m)
    const dated = estimateRowHeight(chat('a', BASE), { day: true, header: true, unread: false }, m)
    const failed = estimateRowHeight(
      { ...chat('a', BASE), status: 'failed' } as TimelineEntry,
      NONE,
      m,
    )
    expect(short).toBe(m.chatPadding + m.lineHeight)
    expect(long).toBeGreaterThan(short * 5)
    expect(headed).toBe(short + m.header)
    expect(dated).toBe(headed + m.day)
    expect(failed).toBe(short + m.failed)
    expect(estimateRowHeight(chat('a', BASE), { ...NONE, header: true, unread: true }, m)).toBe(
      headed + m.unread,
    )
    expect(estimateRowHeight(notice, NONE, m)).toBe(m.notice)
  })
  it('estimates a long message folded, at a readable line length, and emoji enlarged', () => {
    const m = { ...DEFAULT_METRICS, textWidth: 4000 }
    const flat = { day: false, header: false, unread: false }
    const folded = estimateRowHeight(chat('a', BASE, 'x'.repeat(2_000)), flat, m)
    expect(folded).toBe(m.chatPadding + FOLD_LINES * m.lineHeight + m.foldToggle)
    // A wide window still wraps at MAX_LINE_CHARS, as the CSS's max-width does.
    const wide = estimateRowHeight(chat('a', BASE, 'x'.repeat(MAX_LINE_CHARS * 3)), flat, m)
    expect(wide).toBe(m.chatPadding + 3 * m.lineHeight)
    expect(estimateRowHeight(chat('a', BASE, '🎉'), flat, m)).toBe(m.chatPadding + m.jumboLine)
  })
})

describe('estimateRowHeight for shared files', () => {
  const file = {
    id: 'f1',
    name: 'photo.png',
    size: 1024,
    type: 'image/png',
    sha256: 'a'.repeat(64),
    expired: false,
    executable: false,
  }
  const shape = { day: false, header: false, unread: false }

  it('adds the card, and for an inline image its box from the declared size', () => {
    const m = DEFAULT_METRICS
    const plain = estimateRowHeight(chat('a', BASE), shape, m)
    const card = estimateRowHeight(
      { ...chat('a', BASE), file: { ...file, inlineImage: false } } as TimelineEntry,
      shape,
      m,
    )
    const image = estimateRowHeight(
      {
        ...chat('a', BASE),
        file: { ...file, inlineImage: true, width: 4000, height: 3000 },
      } as TimelineEntry,
      shape,
      m,
    )
    expect(card).toBe(plain + m.file)
    // 4000 × 3000 is drawn in a 320 × 240 box.
    expect(image).toBe(card + 240 + m.imageGap)
    const deleted = estimateRowHeight(
      { ...chat('a', BASE), deleted: true, file: { ...file, inlineImage: true } } as TimelineEntry,
      shape,
      m,
    )
    expect(deleted).toBe(plain)
  })
})
