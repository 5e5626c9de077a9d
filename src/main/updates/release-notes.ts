/**
 * Release notes come from the network (the GitHub release's body, which electron-updater
 * hands over as HTML from the releases feed) and are hostile until made safe: here they become
 * plain text, bounded, before they reach the window, which shows them as text only (never as
 * HTML). Tags are dropped rather than interpreted; the few that shape text (paragraphs, line
 * breaks, list items) become line breaks and bullets, so the notes stay readable.
 */
import type { UpdateInfo } from 'electron-updater'
import { UPDATE_LIMITS } from '../../shared/bridge/update'

/** What is read of the notes at all: beyond it nothing is looked at (bounded work). */
const MAX_INPUT_CHARS = 200_000

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  middot: '·',
  copy: '©',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1))
      // Controls, surrogates and out-of-range code points are not text.
      const valid =
        code >= 0x20 &&
        code <= 0x10ffff &&
        !(code >= 0xd800 && code <= 0xdfff) &&
        !(code >= 0x7f && code < 0xa0)
      return valid ? String.fromCodePoint(code) : ''
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole
  })
}

/** HTML to plain text: scripts, styles and comments go whole; every other tag goes. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<(script|style|template|iframe|object|svg|math)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '\n• ')
      .replace(/<\/(p|div|h[1-6]|ul|ol|pre|blockquote|tr|table)\s*>/gi, '\n')
      .replace(/<(h[1-6]|p)\b[^>]*>/gi, '\n')
      // Any other tag, and a tag left open at the end.
      .replace(/<\/?[a-z!?][^>]*(?:>|$)/gi, ''),
  )
}

/** Whether the text looks like HTML (the GitHub feed's) rather than plain text or Markdown. */
function looksLikeHtml(text: string): boolean {
  return /<\/?(p|br|ul|ol|li|h[1-6]|div|a|strong|em|code|pre|span|img|script|style)\b[^>]*>/i.test(
    text,
  )
}

/**
 * Removes what is not text: control characters (but line breaks and tabs), bidirectional
 * overrides and isolates (which can make text read as something else), and runs of blank lines.
 */
function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}

/** Cut at the bound, on a whole code point, with an ellipsis saying so. */
function bound(text: string, max: number): string {
  const points = Array.from(text)
  if (points.length <= max) return text
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`
}

/**
 * The notes as electron-updater gives them (a string, or one entry per version when it collects
 * the notes of several), as plain text of at most UPDATE_LIMITS.releaseNotesChars characters;
 * null when there is nothing to show.
 */
export function releaseNotesText(
  notes: UpdateInfo['releaseNotes'],
  max: number = UPDATE_LIMITS.releaseNotesChars,
): string | null {
  let raw: string
  if (typeof notes === 'string') {
    raw = notes
  } else if (Array.isArray(notes)) {
    raw = notes
      .slice(0, 50)
      .map((entry: unknown) => {
        const { version, note } = (entry ?? {}) as { version?: unknown; note?: unknown }
        const body = typeof note === 'string' ? note : ''
        return typeof version === 'string' ? `<h3>${version.slice(0, 64)}</h3>${body}` : body
      })
      .join('\n')
  } else {
    return null
  }
  raw = raw.slice(0, MAX_INPUT_CHARS)
  const text = cleanText(looksLikeHtml(raw) ? htmlToText(raw) : raw)
  return text === '' ? null : bound(text, max)
}
