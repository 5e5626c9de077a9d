import { describe, expect, it } from 'vitest'
import { MEDIA_TYPE } from '../shared/protocol'
import { guessMediaType } from './media-type'

describe('guessMediaType', () => {
  it('knows common extensions in any case, and says bytes for the rest', () => {
    expect(guessMediaType('Photo.JPG')).toBe('image/jpeg')
    expect(guessMediaType('report.pdf')).toBe('application/pdf')
    expect(guessMediaType('archive.tar.gz')).toBe('application/gzip')
    expect(guessMediaType('Makefile')).toBe('application/octet-stream')
    expect(guessMediaType('.png')).toBe('application/octet-stream')
  })

  it('only says types the protocol takes', () => {
    for (const name of ['a.png', 'a.svg', 'a.md', 'a.bin']) {
      expect(guessMediaType(name)).toMatch(MEDIA_TYPE)
    }
  })
})
