/**
 * Certificates this process has seen presented by a peer in a finished TLS handshake: the
 * SHA-256 of each whole certificate (what older versions pinned) with its key fingerprint
 * (what is pinned now). A finished handshake proves the peer holds that key, so a pin equal
 * to one of these certificate hashes may be replaced by its key fingerprint (see PinStore).
 * No Node built-ins: only strings.
 */
const MAX_SEEN = 256

const seen = new Map<string, string>()

/** Records a certificate a peer presented (peerFingerprint does, for every connection). */
export function rememberCertificate(certificateHash: string, fingerprint: string): void {
  seen.delete(certificateHash)
  seen.set(certificateHash, fingerprint)
  // The oldest goes first: a hostile network cannot grow this beyond MAX_SEEN.
  if (seen.size > MAX_SEEN) seen.delete(seen.keys().next().value as string)
}

/** The key fingerprint of the seen certificate whose whole-certificate hash this is, or null. */
export function fingerprintOfSeenCertificate(certificateHash: string): string | null {
  return seen.get(certificateHash) ?? null
}
