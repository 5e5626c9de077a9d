/**
 * Finds web links in message text so they can be shown as `<a href>`: only http and https,
 * never anything the browser would run or open another way (javascript:, file:, data:).
 * Everything else stays plain text, rendered as text.
 */

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string }

// Up to the next whitespace or a character that cannot end a URL in running text.
// A slash right after `//` is refused: `http:///x` is not what anyone means by a link.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`/][^\s<>"'`]*/gi
/** Punctuation that ends a sentence rather than a link. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '_', '~'])
const BRACKETS = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
] as const

/**
 * A closing bracket ends the link only if the link did not open it: `(see https://x/a_(b))`.
 * Linear in the candidate's length: the brackets are counted once, and the end moves left one
 * character at a time (a peer's `https://a` followed by thousands of `)` must cost no more
 * than as many steps).
 */
function trimUnbalanced(url: string): string {
  let end = trimTrailing(url, url.length)
  for (const [open, close] of BRACKETS) {
    let opens = 0
    let closes = 0
    for (let i = 0; i < end; i++) {
      const c = url[i]
      if (c === open) opens++
      else if (c === close) closes++
    }
    // Sentence punctuation holds no brackets: trimming it leaves both counts as they are.
    while (end > 0 && url[end - 1] === close && closes > opens) {
      closes--
      end = trimTrailing(url, end - 1)
    }
  }
  return url.slice(0, end)
}

/** Where `text[0, end)` ends once sentence punctuation at its end is left out. */
function trimTrailing(text: string, end: number): number {
  while (end > 0 && TRAILING.has(text[end - 1] as string)) end--
  return end
}

/** The link's address, or null when it is not a well-formed http(s) URL with a host. */
export function safeHref(candidate: string): string | null {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return null
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null
  return url.href
}

/** Splits text into plain parts and link parts; joined back, the parts are the text. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index
    const raw = trimUnbalanced(match[0])
    const href = safeHref(raw)
    if (!href) continue
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) })
    parts.push({ kind: 'link', text: raw, href })
    last = start + raw.length
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
  return parts
}

/** Cheap test first: most messages have no link and need no parsing. */
export function mayContainLink(text: string): boolean {
  return text.includes('http')
}
