import { describe, expect, it } from 'vitest'
import { UPDATE_LIMITS } from '../../shared/bridge/update'
import { htmlToText, releaseNotesText } from './release-notes'

describe('release notes (hostile: they come from the network)', () => {
  it('turns the feed’s HTML into readable plain text', () => {
    const html =
      '<h2>What&#39;s new</h2><ul><li>Faster <strong>joins</strong></li><li>Fix &amp; polish</li></ul>' +
      '<p>Thanks to <a href="https://example.com">Ada</a>.<br>More soon&hellip;</p>'
    expect(releaseNotesText(html)).toBe(
      "What's new\n\n• Faster joins\n• Fix & polish\n\nThanks to Ada.\nMore soon…",
    )
  })

  it('drops scripts, styles, comments, event handlers and unclosed tags with their content', () => {
    const html =
      '<p>ok</p><script>alert(1)</script><style>p{}</style><!-- hidden --><img src=x onerror="alert(2)">' +
      '<svg><script>alert(3)</script></svg><p>end</p><iframe src="javascript:alert(4)"'
    const text = releaseNotesText(html) ?? ''
    expect(text).toBe('ok\n\nend')
    expect(text).not.toMatch(/alert|<|>/)
  })

  it('never decodes entities into markup that could be read as HTML later', () => {
    // Decoding happens after the tags are gone: what was escaped stays text.
    const text = htmlToText('<p>&lt;img src=x onerror=alert(1)&gt;</p>')
    expect(text.trim()).toBe('<img src=x onerror=alert(1)>')
  })

  it('keeps plain text and Markdown as they are', () => {
    expect(releaseNotesText('## 1.2.0\n\n- a < b\n- x & y')).toBe('## 1.2.0\n\n- a < b\n- x & y')
  })

  it('removes controls and bidirectional overrides, and collapses blank lines', () => {
    expect(releaseNotesText('safe\u202egnp.exe\u0007\r\n\r\n\r\n\r\nnext\u0000')).toBe(
      'safegnp.exe\n\nnext',
    )
  })

  it('drops invalid numeric entities (controls, surrogates)', () => {
    expect(htmlToText('<p>a&#0;b&#xD800;c&#x1F600;&#27;</p>').trim()).toBe('abc😀')
  })

  it('is bounded, cut on a whole character with an ellipsis', () => {
    const text = releaseNotesText('😀'.repeat(UPDATE_LIMITS.releaseNotesChars + 50)) ?? ''
    expect(Array.from(text)).toHaveLength(UPDATE_LIMITS.releaseNotesChars)
    expect(text.endsWith('…')).toBe(true)
    // Huge input costs bounded work.
    const huge = '<p>' + 'x'.repeat(5_000_000)
    expect(releaseNotesText(huge)?.length).toBe(UPDATE_LIMITS.releaseNotesChars)
  })

  it('joins notes of several versions, newest first as given, and ignores malformed entries', () => {
    const notes = [
      { version: '1.2.0', note: '<p>two</p>' },
      { version: '1.1.0', note: null },
      { note: 'x' } as never,
    ]
    expect(releaseNotesText(notes)).toBe('1.2.0\n\ntwo\n\n1.1.0\n\nx')
  })

  it('has nothing to show for empty, missing or non-text notes', () => {
    expect(releaseNotesText(null)).toBeNull()
    expect(releaseNotesText(undefined)).toBeNull()
    expect(releaseNotesText('  <p> </p> ')).toBeNull()
    expect(releaseNotesText(42 as never)).toBeNull()
  })
})
