import { describe, expect, it } from 'vitest'
import {
  FINGERPRINT_PATTERN,
  normalizeVerificationCode,
  verificationCode,
} from './verification-code'

const CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/

/** 64 hex digits drawn from a seeded PRNG (src/shared stays free of Node: no node:crypto). */
function fingerprint(seed: number): string {
  let state = seed >>> 0
  let hex = ''
  while (hex.length < 64) {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    hex += ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0')
  }
  return hex
}

describe('verificationCode', () => {
  it('is two groups of five Crockford base32 characters (no I, L, O or U)', () => {
    for (let i = 0; i < 500; i++) {
      const code = verificationCode(fingerprint(1_000 + i))
      expect(code).toMatch(CODE)
      expect(code).not.toMatch(/[ILOU]/)
    }
  })

  it('is deterministic, and different certificates get different codes', () => {
    const codes = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const fp = fingerprint(i)
      expect(verificationCode(fp)).toBe(verificationCode(fp))
      codes.add(verificationCode(fp))
    }
    expect(codes.size).toBe(200)
  })

  it('reads the first 50 bits, most significant first', () => {
    expect(verificationCode('0'.repeat(64))).toBe('00000-00000')
    expect(verificationCode('f'.repeat(64))).toBe('ZZZZZ-ZZZZZ')
    // The top five bits are the first character.
    expect(verificationCode('08' + '0'.repeat(62))).toBe('10000-00000')
    expect(verificationCode('f8' + '0'.repeat(62))).toBe('Z0000-00000')
    // Bit 50 (from the top) is the last character's lowest bit; bit 51 is not read.
    expect(verificationCode('0000000000004' + '0'.repeat(51))).toBe('00000-00001')
    expect(verificationCode('0000000000003' + 'f'.repeat(51))).toBe('00000-00000')
  })

  it('accepts only a fingerprint as the protocol writes it', () => {
    for (const bad of [
      '',
      'xyz',
      'F'.repeat(64),
      'a'.repeat(63),
      'a'.repeat(65),
      `${'a'.repeat(62)}:a`,
      ` ${'a'.repeat(64)}`,
    ]) {
      expect(() => verificationCode(bad), bad).toThrow(RangeError)
      expect(FINGERPRINT_PATTERN.test(bad), bad).toBe(false)
    }
  })
})

describe('normalizeVerificationCode', () => {
  it('reads back every code it makes, however a person types it', () => {
    for (let i = 0; i < 200; i++) {
      const code = verificationCode(fingerprint(5_000 + i))
      const bare = code.replace('-', '')
      for (const typed of [
        code,
        code.toLowerCase(),
        bare,
        bare.toLowerCase(),
        ` ${code.slice(0, 5)} ${code.slice(6)} `,
        bare.split('').join(' '),
        code.replaceAll('0', 'O'),
        code.replaceAll('0', 'o').replaceAll('1', 'l'),
        code.replaceAll('1', 'I'),
        code.replaceAll('1', 'i'),
        `${code.slice(0, 5)}\t-\t${code.slice(6)}`,
      ]) {
        expect(normalizeVerificationCode(typed), typed).toBe(code)
      }
    }
  })

  it('rejects what cannot be a code', () => {
    for (const junk of [
      '',
      '-',
      '     ',
      'ABCDE',
      'ABCDE-FGHJ',
      'ABCDE-FGHJKM',
      'ABCDE-FGHJU',
      'ABCDE_FGHJK',
      'ABCDE.FGHJK',
      'ABCDE-FGHJ!',
      'ÀBCDE-FGHJK',
      'ABCDE-FGHJ\u0000',
      'ABCDE-FGHJ٣',
      'a'.repeat(64),
    ]) {
      expect(normalizeVerificationCode(junk), JSON.stringify(junk)).toBeNull()
    }
  })
})
