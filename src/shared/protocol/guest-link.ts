import { FINGERPRINT_PATTERN } from '../security/verification-code'

/**
 * The guest link (docs/protocol.md, Guest app): `https://HOST:PORT/#fp=<fingerprint>`. The
 * fingerprint rides in the fragment, which the browser never sends, so the page can show the
 * code it was given next to the code the hub announces.
 *
 * `address` is `host:port` as rooms are shared (an IPv6 host in brackets).
 */
export function guestLink(address: string, fingerprint: string): string {
  return `https://${address}/#fp=${fingerprint}`
}

/** The fingerprint a guest link's fragment (`location.hash`) carries, or null. */
export function fingerprintOfFragment(hash: string): string | null {
  const found = /(?:^#|&)fp=([0-9a-f]{64})(?:&|$)/.exec(hash)
  const fingerprint = found?.[1] ?? null
  return fingerprint !== null && FINGERPRINT_PATTERN.test(fingerprint) ? fingerprint : null
}
