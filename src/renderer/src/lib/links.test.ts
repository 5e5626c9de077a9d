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

describe('splitLinks on hostile text', () => {
  // Texts that made the old bracket trimming quadratic (each `)` removed re-counted the whole
  // link): `https://a` and 3,990 `)` cost about 85 ms a render.
  const HOSTILE: Record<string, (n: number) => string> = {
    'closing brackets': (n) => `https://a${')'.repeat(n)}`,
    'brackets and punctuation': (n) => `https://a${'.)'.repeat(n / 2)}`,
    'punctuation then a letter': (n) => `see https://a${'.'.repeat(n)}x`,
    'many balanced links': (n) => `(https://a/(b)) `.repeat(n / 16),
    'opening then closing': (n) => `https://a${'('.repeat(n / 2)}${')'.repeat(n / 2)}`,
  }

  /** The fastest of several timed batches: the least disturbed by whatever else runs. */
  function cost(text: string): number {
    let best = Infinity
    for (let round = 0; round < 9; round++) {
      const started = performance.now()
      for (let i = 0; i < 5; i++) splitLinks(text)
      best = Math.min(best, performance.now() - started)
    }
    return best
  }

  /** Ordinary text of the same length with many links: what linear work on n characters costs. */
  const ordinary = (n: number): string => 'see https://a.b/c d '.repeat(n / 20)

  it.each(Object.keys(HOSTILE))('costs linear time for %s', (name) => {
    const make = HOSTILE[name] as (n: number) => string
    const n = 80_000
    const hostile = make(n)
    const plain = ordinary(n)
    cost(hostile) // warm up
    cost(plain)
    // Compared with ordinary text of the same length, measured alternately so that load on the
    // machine slows both alike: linear trimming costs about as much (0.2 to 1.1 times measured),
    // the old quadratic trimming thousands of times more (seconds for 80,000 brackets).
    const ratio = Math.min(cost(hostile), cost(hostile)) / Math.max(cost(plain), 0.01)
    expect(ratio).toBeLessThan(8)
    expect(join(hostile)).toBe(hostile)
  })

  it('still trims what it trimmed before', () => {
    expect(splitLinks(`https://a${')'.repeat(3_990)}`)[0]).toEqual({
      kind: 'link',
      text: 'https://a',
      href: 'https://a/',
    })
    expect(splitLinks('(https://x.y/a_(b)).')[1]).toMatchObject({ text: 'https://x.y/a_(b)' })
    expect(splitLinks('[https://x.y/a]!)')[1]).toMatchObject({ text: 'https://x.y/a' })
    expect(splitLinks('https://x.y/{a}}.,')[0]).toMatchObject({ text: 'https://x.y/{a}' })
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
