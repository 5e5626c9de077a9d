/**
 * Copying a selection that spans several messages gives what a person would paste: each
 * message's sender and time, then its visible text, with a blank line between messages
 * ("Ada, 10:42\nhello\n\nBob, 10:43\nhi"). Never the row's hidden text (screen-reader labels,
 * "Sent", "Reply", reaction counts, buttons). A selection inside one message's text is left to
 * the browser: it copies exactly what was selected.
 *
 * Rows mark themselves up for this (TimelineEntry.svelte): the row `[data-copy-row]` carries
 * `data-copy-name` and `data-copy-time`; its text is the `[data-copy-text]` element inside,
 * minus anything `[data-copy-skip]` (a code block's Copy button).
 */
import { t } from './i18n'

export interface CopiedMessage {
  name: string
  time: string
  text: string
}

export function formatCopied(messages: readonly CopiedMessage[]): string {
  return messages
    .map(
      (message) =>
        `${t('copySelection.header', { name: message.name, time: message.time })}\n${message.text}`,
    )
    .join('\n\n')
}

/** Elements after which the visible text has a line break. */
const BLOCKS = new Set(['P', 'DIV', 'BLOCKQUOTE', 'PRE', 'LI'])

/** An element's text as shown, with line breaks for its blocks and without skipped parts. */
export function shownText(element: Element): string {
  let out = ''
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += node.nodeValue ?? ''
      return
    }
    if (!(node instanceof Element) || node.hasAttribute('data-copy-skip')) return
    if (node.tagName === 'BR') {
      out += '\n'
      return
    }
    const block = BLOCKS.has(node.tagName)
    if (block && out !== '' && !out.endsWith('\n')) out += '\n'
    for (const child of node.childNodes) walk(child)
    if (block && !out.endsWith('\n')) out += '\n'
  }
  walk(element)
  return out.replace(/\n+$/, '')
}

/** The messages a selection touches, or null to let the browser copy it as it is. */
export function selectedMessages(selection: Selection): CopiedMessage[] | null {
  if (selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  const container =
    range.commonAncestorContainer instanceof Element
      ? range.commonAncestorContainer
      : range.commonAncestorContainer.parentElement
  // All inside one message's text: the browser's own copy is right.
  if (container?.closest('[data-copy-text]')) return null
  const root = container?.closest('[data-copy-row]') ?? container
  if (!root) return null
  const rows = root.matches('[data-copy-row]')
    ? [root]
    : [...root.querySelectorAll('[data-copy-row]')].filter((row) =>
        selection.containsNode(row, true),
      )
  if (rows.length === 0) return null
  return rows.map((row) => {
    const text = row.querySelector('[data-copy-text]')
    return {
      name: row.getAttribute('data-copy-name') ?? '',
      time: row.getAttribute('data-copy-time') ?? '',
      text: text ? shownText(text) : '',
    }
  })
}

/** The document's `copy` handler (installed once, in main.ts). */
export function onCopy(event: ClipboardEvent): void {
  const selection = document.getSelection()
  const messages = selection ? selectedMessages(selection) : null
  if (!messages || !event.clipboardData) return
  event.clipboardData.setData('text/plain', formatCopied(messages))
  event.preventDefault()
}
