import { describe, expect, it } from 'vitest'
import { contentDisposition, rangeOf } from './downloads'

describe('rangeOf', () => {
  it('reads one byte range of a file', () => {
    expect(rangeOf(undefined, 100)).toBeNull()
    expect(rangeOf('bytes=10-', 100)).toEqual({ start: 10, end: 99 })
    expect(rangeOf('bytes=10-19', 100)).toEqual({ start: 10, end: 19 })
    expect(rangeOf('bytes=90-1000', 100)).toEqual({ start: 90, end: 99 })
    expect(rangeOf('bytes=-10', 100)).toEqual({ start: 90, end: 99 })
    expect(rangeOf('bytes=-1000', 100)).toEqual({ start: 0, end: 99 })
  })

  it('finds unsatisfiable and malformed ranges', () => {
    for (const header of [
      'bytes=100-',
      'bytes=20-10',
      'bytes=-0',
      'bytes=-',
      'items=1-2',
      'bytes=1-2,4-5',
      'bytes=x-',
    ]) {
      expect(rangeOf(header, 100), header).toBe('bad')
    }
    expect(rangeOf('bytes=0-', 0)).toBe('bad')
  })
})

describe('contentDisposition', () => {
  it('is an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    )
    expect(contentDisposition('a "b" 100%\\.txt')).toBe(
      `attachment; filename="a _b_ 100__.txt"; filename*=UTF-8''a%20%22b%22%20100%25%5C.txt`,
    )
    expect(contentDisposition("l'été (1).png")).toBe(
      `attachment; filename="l'_t_ (1).png"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.png`,
    )
  })
})
