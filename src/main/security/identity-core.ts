import { base64urlToBytes, bytesToBase64url } from '../../shared/encoding/base64url'

/**
 * The platform-free part of a client's identity (the Node keys are in identity.ts, the browser's
 * in src/guest/platform/web-identity.ts): what the connection code needs, importable from a page.
 *
 * Who a client is: an Ed25519 key pair, one per installation. The client id is derived from the
 * public key (`clientIdOf`), so a hub can check that whoever says an id holds its private key:
 * `hello` carries the public key and a signature over the hub's fresh nonce (`helloTranscript`).
 */
export interface ClientIdentity {
  readonly clientId: string
  /** The raw 32-byte public key, base64url (43 characters). */
  readonly publicKey: string
  /** Signs `data` (as UTF-8); resolves to the 64-byte signature, base64url (86 characters).
   * Asynchronous because WebCrypto is. */
  sign(data: string): Promise<string>
}

/** How many base64url characters of SHA-256(raw public key) make a client id (132 bits). */
const CLIENT_ID_LENGTH = 22

/** A client id from the SHA-256 digest of the raw public key. */
export function clientIdOfDigest(digest: Uint8Array): string {
  return bytesToBase64url(digest).slice(0, CLIENT_ID_LENGTH)
}

/** The client id of a public key (base64url), hashed with WebCrypto's SHA-256. */
export async function clientIdOfKey(publicKey: string): Promise<string> {
  const raw = base64urlToBytes(publicKey)
  const digest = await crypto.subtle.digest('SHA-256', raw)
  return clientIdOfDigest(new Uint8Array(digest))
}

/** What `hello`'s signature covers. Every part is bound: the hub's nonce (fresh for each
 * connection, so a signature cannot be replayed), the certificate the client sees (a relay
 * through another TLS endpoint fails), the id, and the passphrase login's first message. */
export function helloTranscript(parts: {
  nonce: string
  fingerprint: string | null
  clientId: string
  login?: string | undefined
}): string {
  return [
    'lanroom.v1 hello',
    parts.nonce,
    parts.fingerprint ?? 'plain',
    parts.clientId,
    parts.login ?? '',
  ].join('\n')
}
