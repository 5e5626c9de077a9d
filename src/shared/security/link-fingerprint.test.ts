import { describe, expect, it } from 'vitest'
import { linkFingerprint } from './link-fingerprint'

const FP = 'ab'.repeat(32)

describe('linkFingerprint', () => {
  it('reads the fingerprint of a guest link, with or without the #', () => {
    expect(linkFingerprint(`#fp=${FP}`)).toBe(FP)
    expect(linkFingerprint(`fp=${FP}`)).toBe(FP)
    expect(linkFingerprint(`#x=1&fp=${FP.toUpperCase()}`)).toBe(FP)
  })

  it('is null without one, or for anything that is not 64 hex digits', () => {
    for (const hash of [
      '',
      '#',
      '#fp=',
      `#fp=${FP}0`,
      `#fp=${FP.slice(1)}`,
      `#fp=${'g'.repeat(64)}`,
    ])
      expect(linkFingerprint(hash)).toBeNull()
  })
})
