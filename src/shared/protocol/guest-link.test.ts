import { describe, expect, it } from 'vitest'
import { fingerprintOfFragment, guestLink } from './guest-link'

const FP = '3b1f6c0e9a4d2b7f8c5e1a0d6b3f9e2c7a4d1b8e5f2c9a6d3b0e7f4a1c8d5b2e'

describe('the guest link', () => {
  it('is https, the address, and the fingerprint in the fragment', () => {
    expect(guestLink('192.168.1.20:47800', FP)).toBe(`https://192.168.1.20:47800/#fp=${FP}`)
    expect(guestLink('[fe80::1]:47800', FP)).toBe(`https://[fe80::1]:47800/#fp=${FP}`)
  })

  it('gives back the fingerprint of a fragment, and nothing from a malformed one', () => {
    expect(fingerprintOfFragment(new URL(guestLink('10.0.0.2:1', FP)).hash)).toBe(FP)
    expect(fingerprintOfFragment(`#x=1&fp=${FP}`)).toBe(FP)
    expect(fingerprintOfFragment(`#fp=${FP.toUpperCase()}`)).toBeNull()
    expect(fingerprintOfFragment(`#fp=${FP}0`)).toBeNull()
    expect(fingerprintOfFragment(`#fp=${FP.slice(1)}`)).toBeNull()
    expect(fingerprintOfFragment('')).toBeNull()
  })
})
