/**
 * The short code people compare by eye to check a room's certificate: the first 50 bits of the
 * certificate's SHA-256 fingerprint in Crockford's base32 (no I, L, O or U to misread), as two
 * groups of five: `K7Q2M-X9D4R`.
 *
 * Why 50 bits: a person reads ten characters without trouble, and an attacker who wants a
 * certificate of their own to show the same code must make about 2^49 certificates (each a
 * SHA-256; hours to a day of a good GPU) for that one room, and it helps only on a first
 * contact that nobody compares. The app and the CLI pin and compare the
 * whole fingerprint; the code is only for the human check.
 */
/** Crockford's base32 alphabet (also room-code.ts's). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const ALPHABET = CROCKFORD_ALPHABET

/** A SHA-256 fingerprint as the protocol writes it: 64 lowercase hex digits. */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/

export function verificationCode(fingerprint: string): string {
  if (!FINGERPRINT_PATTERN.test(fingerprint)) {
    throw new RangeError('a fingerprint is 64 lowercase hex digits')
  }
  // 50 bits = the first 13 hex digits (52 bits), less the last two bits.
  let bits = BigInt(`0x${fingerprint.slice(0, 13)}`) >> 2n
  let code = ''
  for (let i = 0; i < 10; i++) {
    code = (ALPHABET[Number(bits & 31n)] as string) + code
    bits >>= 5n
  }
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/**
 * A code as a person types it back: case, spaces and dashes do not matter, and the letters
 * Crockford's base32 maps (O→0, I and L→1) are accepted. Null when it cannot be a code.
 */
export function normalizeVerificationCode(input: string): string | null {
  const cleaned = crockfordCharacters(input)
  if (cleaned?.length !== 10) return null
  return `${cleaned.slice(0, 5)}-${cleaned.slice(5)}`
}

/**
 * Typed text as Crockford base32 characters: upper case, without spaces and dashes, with O read
 * as 0 and I and L as 1. Null when a character cannot be one.
 */
export function crockfordCharacters(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return /^[0-9A-HJKMNP-TV-Z]*$/.test(cleaned) ? cleaned : null
}
