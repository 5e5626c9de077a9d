import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { clientIdOfDigest, helloTranscript, type ClientIdentity } from './identity-core'
import { makeDirectory } from '../make-directory'

export { clientIdOfDigest, helloTranscript, type ClientIdentity } from './identity-core'

/** A Node identity: it can also sign synchronously (test and bench harnesses that write
 * hellos by hand; the connection itself uses the asynchronous `sign`). */
export interface NodeIdentity extends ClientIdentity {
  signNow(data: string): string
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** A client id (see identity-core.ts), synchronously: the hub checks one in every hello. */
export function clientIdOf(publicKey: string): string {
  return clientIdOfDigest(createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest())
}

/**
 * The eight Ed25519 points of small order, as encoded keys (RFC 8032 §5.1.2) with the sign bit
 * cleared, and the two that encode one of them with y ≥ p (libsodium refuses the same list).
 * Such a key has no secret behind it: a signature with R a small-order point and S = 0 holds
 * for many messages (for the identity point, for every one), so anyone could prove the client
 * id derived from it.
 */
const SMALL_ORDER_KEYS = [
  '0000000000000000000000000000000000000000000000000000000000000000', // order 4
  '0100000000000000000000000000000000000000000000000000000000000000', // order 1
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p - 1: order 2
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p: 0, order 4
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p + 1: 1, order 1
].map((hex) => Buffer.from(hex, 'hex'))

/** Whether the raw key is one of SMALL_ORDER_KEYS, whatever its sign bit. */
export function isSmallOrderKey(raw: Buffer): boolean {
  if (raw.length !== 32) return false
  const masked = Buffer.from(raw)
  masked[31] = (masked[31] as number) & 0x7f
  return SMALL_ORDER_KEYS.some((key) => key.equals(masked))
}

/** Checks a hello's proof; the reason when it fails, null when it holds. */
export function checkHelloProof(hello: {
  clientId: string
  key: string
  sig: string
  nonce: string
  fingerprint: string | null
  login?: string | undefined
}): string | null {
  if (clientIdOf(hello.key) !== hello.clientId) return 'the client id is not derived from the key'
  if (isSmallOrderKey(Buffer.from(hello.key, 'base64url'))) {
    return 'the key is a point of small order, which no secret stands behind'
  }
  let key: KeyObject
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: hello.key }, format: 'jwk' })
  } catch {
    return 'the key is not an Ed25519 public key'
  }
  const signature = Buffer.from(hello.sig, 'base64url')
  const ok = verify(null, Buffer.from(helloTranscript(hello)), key, signature)
  return ok ? null : 'the signature does not match'
}

class KeyIdentity implements NodeIdentity {
  readonly clientId: string
  readonly publicKey: string

  constructor(private readonly privateKey: KeyObject) {
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' })
    if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key')
    this.publicKey = jwk.x
    this.clientId = clientIdOf(this.publicKey)
  }

  signNow(data: string): string {
    return sign(null, Buffer.from(data), this.privateKey).toString('base64url')
  }

  sign(data: string): Promise<string> {
    try {
      return Promise.resolve(this.signNow(data))
    } catch (error) {
      return Promise.reject(error as Error)
    }
  }
}

/** A new identity, kept in memory only (the CLI's default: a new person each run). */
export function ephemeralIdentity(): NodeIdentity {
  return new KeyIdentity(generateKeyPairSync('ed25519').privateKey)
}

/** The identity of a 32-byte seed (tests: the same seed is the same person). */
export function identityFromSeed(seed: Uint8Array): NodeIdentity {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes')
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed])
  return new KeyIdentity(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
}

/**
 * The installation's identity, kept as a PKCS#8 PEM file readable by its owner only; created
 * on first use. A file that is not an Ed25519 key is an error, not replaced: replacing it would
 * silently make the person someone else in every room.
 */
export function loadOrCreateIdentity(path: string): NodeIdentity {
  let pem: string | null = null
  try {
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (pem !== null) {
    let key: KeyObject
    try {
      key = createPrivateKey(pem)
    } catch (error) {
      // OpenSSL's own words (ERR_OSSL_UNSUPPORTED, "DECODER routines") say nothing to a person.
      const encrypted = (error as { code?: unknown }).code === 'ERR_MISSING_PASSPHRASE'
      throw new Error(
        encrypted
          ? `${path} is an encrypted key: LAN Room needs one without a passphrase`
          : `${path} is not a private key (PEM)`,
        { cause: error },
      )
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new Error(`${path} is not an Ed25519 private key`)
    }
    return new KeyIdentity(key)
  }
  const { privateKey } = generateKeyPairSync('ed25519')
  makeDirectory(dirname(path), 0o700)
  const data = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  writeFileSync(`${path}.tmp`, data, { mode: 0o600 })
  chmodSync(`${path}.tmp`, 0o600)
  renameSync(`${path}.tmp`, path)
  return new KeyIdentity(privateKey)
}
