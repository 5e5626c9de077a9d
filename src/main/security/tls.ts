import {
  createHash,
  createPrivateKey,
  createPublicKey,
  X509Certificate,
  type BinaryLike,
} from 'node:crypto'
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { altNamesOf, namesOfCertificate, sameNames } from './tls-names'
import { rememberCertificate } from './tls-seen'
import { makeDirectory } from '../make-directory'

/** What a hub needs to serve TLS, and the fingerprint it publishes. */
export interface TlsCredentials {
  /** PEM certificate (self-signed). */
  cert: string
  /** PEM private key (PKCS#8). */
  key: string
  /**
   * SHA-256 of the certificate's SubjectPublicKeyInfo (DER), 64 lowercase hex digits: the
   * key's fingerprint, which a certificate re-issued with the same key keeps.
   */
  fingerprint: string
}

const CERT_FILE = 'cert.pem'
const KEY_FILE = 'key.pem'

function sha256Hex(bytes: BinaryLike): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * The fingerprint of a DER certificate, as the protocol writes it: the SHA-256 of its
 * SubjectPublicKeyInfo (DER). The key, not the certificate, is what a room is known by, so a
 * certificate re-issued for new addresses keeps its pins and its verification code.
 */
export function fingerprintOfDer(der: Uint8Array): string {
  return sha256Hex(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }))
}

/**
 * What older versions pinned: the SHA-256 of the whole certificate (DER). Only to recognise
 * such a pin once and replace it (see PinStore).
 */
export function certificateHashOfDer(der: Uint8Array): string {
  return sha256Hex(der)
}

/**
 * The fingerprint of the certificate a TLS connection's peer presented; null over a plain
 * socket (or before the handshake). For any socket, TLS or not.
 */
export function peerFingerprint(socket: unknown): string | null {
  const raw = (socket as Partial<TLSSocket> | null)?.getPeerCertificate?.().raw
  if (!raw) return null
  // The handshake is over, so OpenSSL has read this key (it checked the peer's signature):
  // parsing it again cannot fail on a key it could not read.
  const fingerprint = fingerprintOfDer(raw)
  rememberCertificate(certificateHashOfDer(raw), fingerprint)
  return fingerprint
}

/** The fingerprint of a PEM certificate. */
export function fingerprintOfPem(pem: string): string {
  return fingerprintOfDer(new X509Certificate(pem).raw)
}

/**
 * The installation's TLS certificate and key, kept in `dir` (created on first use, key file
 * readable by the owner only). A damaged pair is replaced by a new one — which changes the
 * fingerprint, so everyone who pinned the old one is warned; that is the honest outcome.
 *
 * With `names` (see certificateNames), the certificate names exactly those: one that names
 * others is re-issued with the same key (fingerprint unchanged) and saved.
 */
export async function loadOrCreateTlsCredentials(
  dir: string,
  names?: readonly string[],
): Promise<TlsCredentials> {
  const certPath = join(dir, CERT_FILE)
  const keyPath = join(dir, KEY_FILE)
  let loaded: TlsCredentials | null = null
  try {
    const cert = readFileSync(certPath, 'utf8')
    const key = readFileSync(keyPath, 'utf8')
    const parsed = new X509Certificate(cert)
    if (parsed.checkPrivateKey(createPrivateKey(key))) {
      loaded = { cert, key, fingerprint: fingerprintOfDer(parsed.raw) }
    }
  } catch {
    // Missing or damaged: make a new pair below.
  }
  if (loaded) {
    if (names === undefined || sameNames(namesOfCertificate(loaded.cert), names)) return loaded
    try {
      return saveTlsCertificate(dir, await reissueTlsCredentials(loaded, names))
    } catch {
      // The names are for browsers and scanners; the key is what clients check. A certificate
      // that cannot be re-issued (or saved) still serves, rather than no room at all.
      return loaded
    }
  }
  const created = await createSelfSignedCredentials(names)
  makeDirectory(dir, 0o700)
  writeAtomic(keyPath, created.key, 0o600)
  writeAtomic(certPath, created.cert, 0o644)
  return created
}

/** Saves a re-issued certificate beside its key (which is never rewritten). */
export function saveTlsCertificate(dir: string, credentials: TlsCredentials): TlsCredentials {
  writeAtomic(join(dir, CERT_FILE), credentials.cert, 0o644)
  return credentials
}

/** A new self-signed ECDSA P-256 certificate with a new key, valid for 20 years. */
export function createSelfSignedCredentials(names?: readonly string[]): Promise<TlsCredentials> {
  return issue(null, names ?? [])
}

/**
 * The same key's certificate, re-issued to name `names`: the fingerprint (and so every pin and
 * the verification code) stays. Never a new key: that is only for a damaged pair.
 */
export async function reissueTlsCredentials(
  credentials: TlsCredentials,
  names: readonly string[],
): Promise<TlsCredentials> {
  const reissued = await issue(credentials.key, names)
  if (reissued.fingerprint !== credentials.fingerprint) {
    throw new Error('a re-issued certificate must keep its key')
  }
  return reissued
}

async function issue(key: string | null, names: readonly string[]): Promise<TlsCredentials> {
  // Loaded only to make a certificate (on first use, and when the addresses change): it weighs
  // about 15 MB in the hub's memory, which loading an existing pair does not need.
  const { generate } = await import('selfsigned')
  const now = Date.now()
  const made = await generate([{ name: 'commonName', value: 'LAN Room hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    ...(key === null
      ? {}
      : {
          keyPair: {
            privateKey: key,
            publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
          },
        }),
    notBeforeDate: new Date(now - 24 * 3600_000),
    notAfterDate: new Date(now + 20 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      ...(names.length > 0
        ? [{ name: 'subjectAltName' as const, altNames: altNamesOf(names) }]
        : []),
    ],
  })
  return { cert: made.cert, key: key ?? made.private, fingerprint: fingerprintOfPem(made.cert) }
}

function writeAtomic(path: string, data: string, mode: number): void {
  writeFileSync(`${path}.tmp`, data, { mode })
  chmodSync(`${path}.tmp`, mode)
  renameSync(`${path}.tmp`, path)
}
