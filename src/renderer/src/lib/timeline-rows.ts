/**
 * How the timeline lays out its entries: which chats start a new group under a name and time,
 * where a day separator goes, and a height estimate for rows not measured yet (the virtual
 * list measures rows once rendered; a good estimate keeps the scrollbar from jumping).
 */
import type { TimelineEntry } from './bridge'
import { isEmojiOnly } from './emoji'
import { FOLD_LINES, foldable } from './fold'
import { imageBox } from './files'
import { dayKey, minutesApart } from './time'

/** Consecutive chats from one sender within this many minutes share one header. */
export const GROUP_MINUTES = 5

export interface RowShape {
  /** A day separator comes first (the date changed since the previous entry). */
  day: boolean
  /** A chat that starts a group: shows the sender's name and the time. */
  header: boolean
  /** The first unread entry: the "New messages" divider comes before it. */
  unread: boolean
}

/**
 * `unreadKey`: the first unread entry's key. Its row has the divider, and as a chat it shows
 * its sender even when it continues a group: under a divider, "who wrote this" is the question.
 */
export function rowShape(
  entry: TimelineEntry,
  previous: TimelineEntry | undefined,
  unreadKey: string | null = null,
): RowShape {
  const day = previous === undefined || dayKey(previous.ts) !== dayKey(entry.ts)
  const unread = entry.key === unreadKey
  const header =
    entry.kind === 'chat' &&
    (day ||
      unread ||
      previous === undefined ||
      previous.kind !== 'chat' ||
      previous.from !== entry.from ||
      minutesApart(previous.ts, entry.ts, GROUP_MINUTES))
  return { day, header, unread }
}

/** Pixel sizes the estimate works from; they mirror the timeline's CSS. */
export interface RowMetrics {
  /** Width available to message text. */
  textWidth: number
  /** Average width of one character of message text. */
  charWidth: number
  lineHeight: number
  /** Padding of a chat row that continues a group. */
  chatPadding: number
  /** What a group header adds (its name line and the space above it). */
  header: number
  /** What a day separator adds. */
  day: number
  /** What the "New messages" divider adds. */
  unread: number
  /** The status line under a failed message. */
  failed: number
  notice: number
  gap: number
  /** The quote above a reply. */
  quote: number
  /** The row of reaction chips. */
  reactions: number
  /** The "Show more" / "Show less" button under a long message. */
  foldToggle: number
  /** A line of enlarged emoji (an emoji-only message). */
  jumboLine: number
  /** A shared file's card (#15); an inline image adds its box's height above it. */
  file: number
  imageGap: number
}

/**
 * Message text stops at a readable line length (TimelineEntry.svelte's `max-width` of 88ch):
 * about this many average characters, whatever the window's width.
 */
export const MAX_LINE_CHARS = 96

/** Measured from the rendered rows (TimelineEntry.svelte) at the 14 px text size. */
export const DEFAULT_METRICS: RowMetrics = {
  textWidth: 600,
  charWidth: 7.2,
  lineHeight: 20,
  chatPadding: 4,
  header: 33,
  day: 44,
  unread: 32,
  failed: 34,
  notice: 28,
  gap: 54,
  quote: 26,
  reactions: 32,
  foldToggle: 28,
  jumboLine: 44,
  file: 58,
  imageGap: 4,
}

/** Lines the text wraps to at `perLine` characters a line (a rough but cheap count). */
export function wrappedLines(text: string, perLine: number): number {
  let lines = 0
  let start = 0
  for (;;) {
    const end = text.indexOf('\n', start)
    const length = (end < 0 ? text.length : end) - start
    lines += Math.max(1, Math.ceil(length / perLine))
    if (end < 0) return lines
    start = end + 1
  }
}

export function estimateRowHeight(
  entry: TimelineEntry,
  shape: RowShape,
  metrics: RowMetrics,
): number {
  let height = (shape.day ? metrics.day : 0) + (shape.unread ? metrics.unread : 0)
  switch (entry.kind) {
    case 'notice':
      return height + metrics.notice
    case 'gap':
      return height + metrics.gap
    case 'chat': {
      const perLine = Math.min(
        MAX_LINE_CHARS,
        Math.max(8, Math.floor(metrics.textWidth / metrics.charWidth)),
      )
      height += metrics.chatPadding
      if (isEmojiOnly(entry.text)) height += metrics.jumboLine
      else if (foldable(entry.text)) {
        // Folded: its first lines and the button (a row is estimated folded, as it first shows).
        const lines = Math.min(FOLD_LINES, wrappedLines(entry.text, perLine))
        height += lines * metrics.lineHeight + metrics.foldToggle
      } else height += wrappedLines(entry.text, perLine) * metrics.lineHeight
      if (shape.header) height += metrics.header
      if (entry.status === 'failed') height += metrics.failed
      if (entry.replyTo) height += metrics.quote
      if (entry.reactions && entry.reactions.length > 0) height += metrics.reactions
      if (entry.file && !entry.deleted) {
        height += metrics.file
        if (entry.file.inlineImage) height += imageBox(entry.file).height + metrics.imageGap
      }
      return height
    }
  }
}
