import { describe, expect, it } from 'vitest'
import { hasMoreJsonTokens } from './json-tokens'

const over = (json: string, max: number): boolean => hasMoreJsonTokens(Buffer.from(json), max)

describe('hasMoreJsonTokens', () => {
  it('counts objects, arrays and commas', () => {
    expect(over('{"type":"chat","id":"m1","text":"hi"}', 3)).toBe(false)
    expect(over('{"type":"chat","id":"m1","text":"hi"}', 2)).toBe(true)
    expect(over('[[[]]]', 3)).toBe(false)
    expect(over('[[[[]]]]', 3)).toBe(true)
    expect(over('[1,2,3]', 3)).toBe(false)
    expect(over('[1,2,3,4]', 3)).toBe(true)
  })

  it('does not count what is inside strings, escaped quotes included', () => {
    expect(over(JSON.stringify({ text: '[[[{{{,,,' }), 1)).toBe(false)
    expect(over(JSON.stringify({ text: 'say "[,]" \\ ok' }), 1)).toBe(false)
    expect(over('{"text":"\\\\",' + '"a":1,'.repeat(3) + '"b":2}', 3)).toBe(true)
  })

  it('takes multi-byte UTF-8 for text', () => {
    expect(over(JSON.stringify({ text: '€,[ü{'.repeat(100) }), 1)).toBe(false)
  })

  it('stops early on a hostile frame', () => {
    const deep = Buffer.from('['.repeat(30_000) + ']'.repeat(30_000))
    expect(hasMoreJsonTokens(deep, 256)).toBe(true)
    const wide = Buffer.from('[' + '0,'.repeat(20_000) + '0]')
    expect(hasMoreJsonTokens(wide, 256)).toBe(true)
  })

  it('lets broken JSON through for JSON.parse to refuse', () => {
    expect(over('{"text":"never closed', 1)).toBe(false)
    expect(over('', 1)).toBe(false)
  })
})
