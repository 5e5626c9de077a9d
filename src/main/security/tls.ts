import { createHash, createPrivateKey, X509Certificate } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'

/** What a hub needs to serve TLS, and the fingerprint it publishes. */
export interface TlsCredentials {
  /** PEM certificate (self-signed). */
  cert: string
  /** PEM private key (PKCS#8). */
  key: string
  /** SHA-256 of the certificate's DER bytes, 64 lowercase hex digits. */
  fingerprint: string
}

const CERT_FILE = 'cert.pem'
const KEY_FILE = 'key.pem'

/** The SHA-256 fingerprint of a DER certificate, as the protocol writes it. */
export function fingerprintOfDer(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex')
}

/**
 * The fingerprint of the certificate a TLS connection's peer presented; null over a plain
 * socket (or before the handshake). For any socket, TLS or not.
 */
export function peerFingerprint(socket: unknown): string | null {
  const raw = (socket as Partial<TLSSocket> | null)?.getPeerCertificate?.().raw
  return raw ? fingerprintOfDer(raw) : null
}

/** The fingerprint of a PEM certificate. */
export function fingerprintOfPem(pem: string): string {
  return fingerprintOfDer(new X509Certificate(pem).raw)
}

/**
 * The installation's TLS certificate and key, kept in `dir` (created on first use, key file
 * readable by the owner only). A damaged pair is replaced by a new one — which changes the
 * fingerprint, so everyone who pinned the old one is warned; that is the honest outcome.
 */
export async function loadOrCreateTlsCredentials(dir: string): Promise<TlsCredentials> {
  const certPath = join(dir, CERT_FILE)
  const keyPath = join(dir, KEY_FILE)
  try {
    const cert = readFileSync(certPath, 'utf8')
    const key = readFileSync(keyPath, 'utf8')
    const parsed = new X509Certificate(cert)
    if (parsed.checkPrivateKey(createPrivateKey(key))) {
      return { cert, key, fingerprint: fingerprintOfDer(parsed.raw) }
    }
  } catch {
    // Missing or damaged: make a new pair below.
  }
  const created = await createSelfSignedCredentials()
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  writeAtomic(keyPath, created.key, 0o600)
  writeAtomic(certPath, created.cert, 0o644)
  return created
}

/** A new self-signed ECDSA P-256 certificate, valid for 20 years. */
export async function createSelfSignedCredentials(): Promise<TlsCredentials> {
  // Loaded only to make a certificate (once per installation): it weighs about 15 MB in the
  // hub's memory, which loading an existing pair does not need.
  const { generate } = await import('selfsigned')
  const now = Date.now()
  const made = await generate([{ name: 'commonName', value: 'LAN Room hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 24 * 3600_000),
    notAfterDate: new Date(now + 20 * 365 * 24 * 3600_000),
    extensions: [{ name: 'basicConstraints', cA: false, critical: true }],
  })
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOfPem(made.cert) }
}

function writeAtomic(path: string, data: string, mode: number): void {
  writeFileSync(`${path}.tmp`, data, { mode })
  chmodSync(`${path}.tmp`, mode)
  renameSync(`${path}.tmp`, path)
}
