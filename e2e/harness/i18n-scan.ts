/**
 * The pseudo-locale scan (issue #18): with the app in en-XA, every catalogue string reads
 * `⟦Ŝéţţîñĝš···⟧`, so any text a person can see or hear that still holds plain ASCII letters
 * outside those brackets did not come from the catalogue. Text that is not ours (names, message
 * text, addresses, codes) sits inside an element marked `data-verbatim` and is skipped. Dates and
 * times come from Intl in the language's own format (en-XA formats as English), inside `<time>`,
 * and are skipped too; so is what a live region last announced, which was said in the language
 * of its moment (the walk switches language only to look).
 * The same pass looks for boxes that cut the (30 % longer) text short.
 */
import type { Page } from 'playwright-core'

export interface ScanFinding {
  kind: 'untranslated' | 'overflow'
  /** A short CSS-like path to the element, for the report. */
  where: string
  /** The text (or attribute) found, shortened. */
  text: string
}

/** Attributes whose text is shown or spoken. */
const SPOKEN_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
]

/**
 * Runs in the page: every text node and spoken attribute outside [data-verbatim], and every
 * element whose content is wider or taller than a box that hides the rest.
 */
export function scanPage(page: Page): Promise<ScanFinding[]> {
  return page.evaluate((attributes: string[]) => {
    const findings: Array<{ kind: 'untranslated' | 'overflow'; where: string; text: string }> = []
    const OPEN = '⟦'
    const CLOSE = '⟧'

    const path = (element: Element): string => {
      const parts: string[] = []
      for (
        let node: Element | null = element;
        node && parts.length < 4;
        node = node.parentElement
      ) {
        const classes = [...node.classList].slice(0, 2).join('.')
        parts.unshift(node.tagName.toLowerCase() + (classes ? `.${classes}` : ''))
      }
      return parts.join(' > ')
    }

    /**
     * What is left of `text` once the catalogue's bracketed strings are taken out: a string may
     * be cut across nodes by markup inside it, so an unopened `…⟧` at the start and an unclosed
     * `⟦…` at the end count as bracketed too.
     */
    const outside = (text: string): string => {
      let rest = text
      const firstOpen = rest.indexOf(OPEN)
      const firstClose = rest.indexOf(CLOSE)
      if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) {
        rest = rest.slice(firstClose + 1)
      }
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')
      const lastOpen = rest.lastIndexOf(OPEN)
      if (lastOpen !== -1) rest = rest.slice(0, lastOpen)
      return rest
    }
    /** Text that carries a word of English: two ASCII letters in a row. */
    const english = (text: string): boolean => /[A-Za-z]{2}/.test(outside(text))

    const hidden = (element: Element): boolean => {
      const style = getComputedStyle(element)
      return style.display === 'none' || style.visibility === 'hidden'
    }
    const verbatim = (element: Element): boolean =>
      element.closest('[data-verbatim], time, [aria-live]') !== null

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      const text = node.textContent ?? ''
      if (!parent || text.trim() === '') continue
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue
      if (verbatim(parent) || hidden(parent) || parent.closest('[hidden]')) continue
      // A message being composed is the person's own text.
      if (parent.closest('textarea, [contenteditable="true"]')) continue
      if (english(text)) {
        findings.push({ kind: 'untranslated', where: path(parent), text: text.trim().slice(0, 80) })
      }
    }

    for (const element of document.body.querySelectorAll('*')) {
      if (verbatim(element) || hidden(element)) continue
      for (const attribute of attributes) {
        const value = element.getAttribute(attribute)
        if (value && english(value)) {
          findings.push({
            kind: 'untranslated',
            where: `${path(element)} [${attribute}]`,
            text: value.slice(0, 80),
          })
        }
      }
      if (element instanceof HTMLInputElement && ['button', 'submit'].includes(element.type)) {
        if (english(element.value)) {
          findings.push({ kind: 'untranslated', where: path(element), text: element.value })
        }
      }
    }

    // Overflow: a box that hides what does not fit (overflow hidden/clip, or an ellipsis) and
    // whose content does not fit. Scrolling boxes are meant to scroll; user content may be cut
    // (a long name ends in an ellipsis) and is skipped.
    for (const element of document.body.querySelectorAll('*')) {
      if (!(element instanceof HTMLElement) || verbatim(element) || hidden(element)) continue
      if (element.closest('[aria-hidden="true"]')) continue
      if (element.clientWidth === 0 && element.clientHeight === 0) continue
      const style = getComputedStyle(element)
      const clipsX =
        ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis'
      const clipsY = ['hidden', 'clip'].includes(style.overflowY)
      // Screen-reader-only text lives in a 1 px clipped box on purpose.
      if (element.clientWidth <= 1 || element.clientHeight <= 1) continue
      const ownText = [...element.childNodes].some(
        (child) => child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== '',
      )
      const tooWide = element.scrollWidth > element.clientWidth + 1
      const tooTall = element.scrollHeight > element.clientHeight + 1
      if ((clipsX && tooWide) || (clipsY && tooTall && ownText)) {
        findings.push({
          kind: 'overflow',
          where: path(element),
          text: `${(element.textContent ?? '').trim().slice(0, 60)} (content ${element.scrollWidth}×${element.scrollHeight}, box ${element.clientWidth}×${element.clientHeight})`,
        })
      }
    }
    return findings
  }, SPOKEN_ATTRIBUTES)
}

/** The findings as one readable paragraph per screen ('' when there are none). */
export function describeFindings(screen: string, findings: readonly ScanFinding[]): string {
  if (findings.length === 0) return ''
  return (
    `${screen}:\n` +
    findings.map((finding) => `  [${finding.kind}] ${finding.where}: ${finding.text}`).join('\n')
  )
}
