/**
 * The formatting a message may carry, as a small tree the Svelte components render node by node
 * (FormattedText.svelte): inline code, code blocks, bold, italic, strike, block quotes and links.
 * Nothing else: no headings, lists, tables, images or HTML, so that what people type in a chat
 * (a `#` at the start of a line, a `1.` or a `-`) stays what they typed.
 *
 * markdown-it parses (raw HTML off, only the rules above on); its tokens are turned into this
 * tree here, and never into an HTML string. Text stays text: the components put it in text nodes,
 * and links pass lib/links.ts's rule (http and https only) twice, when parsed and when built.
 *
 * Bounded work: the text is bounded by the protocol (LIMITS), markdown-it is linear in it, and
 * nesting deeper than MAX_DEPTH (quotes in quotes, emphasis in emphasis) is not formatted at all:
 * such a message is shown as the plain text it is.
 */
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import { safeHref } from './links'

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'break' }
  | { kind: 'strong' | 'em' | 's'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'code'; text: string; language: string }

/** Quotes in quotes and emphasis in emphasis beyond this are not formatted (see above). */
export const MAX_DEPTH = 8
/** A code block's language label, shown as a hint only, is cut to this. */
const MAX_LANGUAGE = 24

const parser = new MarkdownIt('zero', {
  html: false,
  linkify: false,
  typographer: false,
  // Past this markdown-it drops what is nested deeper; plainText() catches it first.
  maxNesting: MAX_DEPTH * 4,
})
parser.enable(['fence', 'blockquote'])
parser.enable(['newline', 'escape', 'backticks', 'strikethrough', 'emphasis', 'link', 'autolink'])
// Only web links become links, by the same rule as bare URLs in text.
parser.validateLink = (url: string): boolean => safeHref(url) !== null

/** Characters that can start any of the formatting above: without one, there is nothing to parse. */
const SYNTAX = /[*_~`>[<\\]/

/** The message as one plain paragraph (mentions and bare links are found in its text later). */
export function plainText(text: string): Block[] {
  return [{ kind: 'paragraph', children: [{ kind: 'text', text }] }]
}

/** The message's formatting as a tree; plain text when it has none (the common case: cheap). */
export function parseMessage(text: string): Block[] {
  if (!SYNTAX.test(text)) return plainText(text)
  if (nestedTooDeep(text)) return plainText(text)
  const tokens = parser.parse(text, {})
  const blocks = buildBlocks(tokens, { at: 0 }, null, 0)
  return blocks ?? plainText(text)
}

/**
 * A cheap upper bound before parsing: a line starting with more than MAX_DEPTH `>` (spaces
 * between them allowed), or more than MAX_DEPTH openers of one kind in a row.
 */
function nestedTooDeep(text: string): boolean {
  const quotes = new RegExp(`^(?:[ \\t]*>){${MAX_DEPTH + 1}}`, 'm')
  const runs = new RegExp(`[*_~\\[]{${MAX_DEPTH * 2 + 1}}`)
  return quotes.test(text) || runs.test(text)
}

interface Cursor {
  at: number
}

/** Blocks up to the token `closing` (or the end); null when nesting went past MAX_DEPTH. */
function buildBlocks(
  tokens: Token[],
  cursor: Cursor,
  closing: string | null,
  depth: number,
): Block[] | null {
  if (depth > MAX_DEPTH) return null
  const blocks: Block[] = []
  while (cursor.at < tokens.length) {
    const token = tokens[cursor.at++] as Token
    if (token.type === closing) return blocks
    switch (token.type) {
      case 'blockquote_open': {
        const children = buildBlocks(tokens, cursor, 'blockquote_close', depth + 1)
        if (!children) return null
        blocks.push({ kind: 'quote', children })
        break
      }
      case 'fence':
        blocks.push({
          kind: 'code',
          // The closing fence's line break is markdown's, not the code's.
          text: token.content.replace(/\n$/, ''),
          language: token.info.trim().split(/\s/)[0]?.slice(0, MAX_LANGUAGE) ?? '',
        })
        break
      case 'inline': {
        const children = buildInlines(token.children ?? [], { at: 0 }, null, depth)
        if (!children) return null
        blocks.push({ kind: 'paragraph', children })
        break
      }
      // paragraph_open/close carry nothing of their own.
      default:
        break
    }
  }
  return blocks
}

const INLINE_OPEN: Record<string, { kind: 'strong' | 'em' | 's'; close: string }> = {
  strong_open: { kind: 'strong', close: 'strong_close' },
  em_open: { kind: 'em', close: 'em_close' },
  s_open: { kind: 's', close: 's_close' },
}

function buildInlines(
  tokens: Token[],
  cursor: Cursor,
  closing: string | null,
  depth: number,
): Inline[] | null {
  if (depth > MAX_DEPTH) return null
  const out: Inline[] = []
  const pushText = (text: string): void => {
    const last = out.at(-1)
    if (last?.kind === 'text') last.text += text
    else if (text !== '') out.push({ kind: 'text', text })
  }
  while (cursor.at < tokens.length) {
    const token = tokens[cursor.at++] as Token
    if (token.type === closing) return out
    const open = INLINE_OPEN[token.type]
    if (open) {
      const children = buildInlines(tokens, cursor, open.close, depth + 1)
      if (!children) return null
      out.push({ kind: open.kind, children })
      continue
    }
    switch (token.type) {
      case 'text':
      case 'text_special':
        pushText(token.content)
        break
      case 'code_inline':
        out.push({ kind: 'code', text: token.content })
        break
      case 'softbreak':
        pushText('\n')
        break
      case 'hardbreak':
        out.push({ kind: 'break' })
        break
      case 'link_open': {
        const children = buildInlines(tokens, cursor, 'link_close', depth + 1)
        if (!children) return null
        const href = safeHref(String(token.attrGet('href') ?? ''))
        if (href) out.push({ kind: 'link', href, children })
        else out.push(...children)
        break
      }
      default:
        // Anything else markdown-it might produce is shown as its source text.
        pushText(token.content)
        break
    }
  }
  return out
}

/** The text a person sees, without the formatting's marks (for copying, quotes, previews). */
export function visibleText(blocks: readonly Block[]): string {
  return blocks.map(blockText).join('\n')
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.children.map(inlineText).join('')
    case 'quote':
      return block.children.map((child) => `> ${blockText(child)}`).join('\n')
    case 'code':
      return block.text
  }
}

function inlineText(inline: Inline): string {
  switch (inline.kind) {
    case 'text':
    case 'code':
      return inline.text
    case 'break':
      return '\n'
    default:
      return inline.children.map(inlineText).join('')
  }
}
