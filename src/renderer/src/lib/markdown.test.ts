import { describe, expect, it } from 'vitest'
import { MAX_DEPTH, parseMessage, plainText, visibleText } from './markdown'

describe('parseMessage', () => {
  it('leaves plain text as one paragraph, without parsing', () => {
    expect(parseMessage('hello there, see you at 10')).toEqual(
      plainText('hello there, see you at 10'),
    )
  })

  it('turns bold, italic, strike and inline code into nodes', () => {
    expect(parseMessage('**bold** _it_ ~~gone~~ `x < y`')).toEqual([
      {
        kind: 'paragraph',
        children: [
          { kind: 'strong', children: [{ kind: 'text', text: 'bold' }] },
          { kind: 'text', text: ' ' },
          { kind: 'em', children: [{ kind: 'text', text: 'it' }] },
          { kind: 'text', text: ' ' },
          { kind: 's', children: [{ kind: 'text', text: 'gone' }] },
          { kind: 'text', text: ' ' },
          { kind: 'code', text: 'x < y' },
        ],
      },
    ])
  })

  it('keeps a fenced code block verbatim, with its language as a hint', () => {
    expect(parseMessage('```ts\nconst a = **1**\n  <b>x</b>\n```')).toEqual([
      { kind: 'code', text: 'const a = **1**\n  <b>x</b>', language: 'ts' },
    ])
  })

  it('makes block quotes, nested ones too', () => {
    expect(parseMessage('> said\n> > before\n\nreply')).toEqual([
      {
        kind: 'quote',
        children: [
          { kind: 'paragraph', children: [{ kind: 'text', text: 'said' }] },
          {
            kind: 'quote',
            children: [{ kind: 'paragraph', children: [{ kind: 'text', text: 'before' }] }],
          },
        ],
      },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'reply' }] },
    ])
  })

  it('keeps line breaks inside a paragraph', () => {
    expect(parseMessage('**a**\nb')).toEqual([
      {
        kind: 'paragraph',
        children: [
          { kind: 'strong', children: [{ kind: 'text', text: 'a' }] },
          { kind: 'text', text: '\nb' },
        ],
      },
    ])
  })

  it('makes http(s) links only; others stay their source text', () => {
    expect(parseMessage('[docs](https://example.com/a)')).toEqual([
      {
        kind: 'paragraph',
        children: [
          {
            kind: 'link',
            href: 'https://example.com/a',
            children: [{ kind: 'text', text: 'docs' }],
          },
        ],
      },
    ])
    for (const source of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html,<script>alert(1)</script>)',
      '[x](file:///etc/passwd)',
      '<javascript:alert(1)>',
    ]) {
      const blocks = parseMessage(source)
      expect(JSON.stringify(blocks)).not.toContain('"link"')
      expect(visibleText(blocks)).toBe(source)
    }
  })

  it('shows HTML as the text it is', () => {
    const source = '<img src=x onerror=alert(1)> <b>bold</b> &amp;'
    expect(parseMessage(source)).toEqual(plainText(source))
  })

  it('does not make headings, lists, tables or images', () => {
    for (const source of [
      '# not a heading',
      '1. one\n2. two',
      '- a\n- b',
      '![i](https://e/x.png)',
    ]) {
      expect(JSON.stringify(parseMessage(source))).not.toMatch(/"(heading|list|image)"/)
    }
    expect(visibleText(parseMessage('# not a heading'))).toBe('# not a heading')
  })

  it('shows a message nested past the bound as plain text, losing nothing', () => {
    const quotes = `${'> '.repeat(MAX_DEPTH + 5)}deep`
    expect(parseMessage(quotes)).toEqual(plainText(quotes))
    const stars = `${'*'.repeat(60)}x${'*'.repeat(60)}`
    expect(parseMessage(stars)).toEqual(plainText(stars))
    const emphasis = `${'_a *b '.repeat(MAX_DEPTH + 2)}x${' b* a_'.repeat(MAX_DEPTH + 2)}`
    expect(visibleText(parseMessage(emphasis)).replace(/[_*]/g, '')).toContain('x')
  })

  it('stays fast on hostile input of the protocol’s largest size', () => {
    const started = performance.now()
    for (const source of [
      '*'.repeat(4000),
      '[('.repeat(2000),
      '`'.repeat(4000),
      '> '.repeat(2000),
    ]) {
      parseMessage(source)
    }
    // A safety net, far above the few milliseconds this takes.
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('visibleText', () => {
  it('drops the marks and keeps the words', () => {
    expect(visibleText(parseMessage('**bold** and `code`\n```\nblock\n```'))).toBe(
      'bold and code\nblock',
    )
  })
})
