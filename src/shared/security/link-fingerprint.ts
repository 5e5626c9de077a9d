import { FINGERPRINT_PATTERN } from './verification-code'

/**
 * The certificate fingerprint a guest link carries (`https://HOST:PORT/#fp=<64 hex>`), or null
 * when the link has none or it is malformed. The page cannot see its own connection's
 * certificate: this, from the host's QR code, is what it compares with the one the hub serves.
 */
export function linkFingerprint(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('fp')
  if (value === null) return null
  const fingerprint = value.toLowerCase()
  return FINGERPRINT_PATTERN.test(fingerprint) ? fingerprint : null
}
