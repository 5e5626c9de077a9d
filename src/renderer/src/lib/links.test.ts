import { describe, expect, it } from 'vitest'
import { safeHref, splitLinks } from './links'

const join = (text: string): string =>
  splitLinks(text)
    .map((part) => part.text)
    .join('')

describe('splitLinks', () => {
  it('leaves text without links as one part', () => {
    expect(splitLinks('hello there')).toEqual([{ kind: 'text', text: 'hello there' }])
    expect(splitLinks('')).toEqual([])
  })

  it('finds http and https links in running text', () => {
    expect(splitLinks('see https://example.com/a?b=1 now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' now' },
    ])
    expect(splitLinks('http://10.0.0.5:8080')).toEqual([
      { kind: 'link', text: 'http://10.0.0.5:8080', href: 'http://10.0.0.5:8080/' },
    ])
  })

  it('leaves trailing punctuation and unbalanced brackets out of the link', () => {
    const parts = splitLinks(
      'Look (https://example.com/x). And https://en.wikipedia.org/wiki/A_(b)!',
    )
    const links = parts.filter((part) => part.kind === 'link').map((part) => part.text)
    expect(links).toEqual(['https://example.com/x', 'https://en.wikipedia.org/wiki/A_(b)'])
  })

  it('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'ftp://example.com',
      'xhttps://evil',
    ]) {
      expect(splitLinks(text).every((part) => part.kind === 'text')).toBe(true)
    }
  })

  it('does not link a bare scheme or a hostless URL', () => {
    expect(splitLinks('https:// and http:///path').every((part) => part.kind === 'text')).toBe(true)
  })

  it('keeps every character of the text', () => {
    for (const text of [
      'a https://x.y/z b https://q.r c',
      'line1\nhttps://a.b\n\nline3',
      '<script>https://a.b/"onerror=</script>',
    ]) {
      expect(join(text)).toBe(text)
    }
  })
})

describe('safeHref', () => {
  it('accepts only http(s) with a host', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/')
    expect(safeHref('HTTP://EXAMPLE.com/A')).toBe('http://example.com/A')
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref('not a url')).toBeNull()
  })
})
