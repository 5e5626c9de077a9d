import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import {
  checkHelloProof,
  clientIdOf,
  ephemeralIdentity,
  helloTranscript,
  identityFromSeed,
  loadOrCreateIdentity,
  type NodeIdentity,
} from './identity'
import { clientIdOfKey } from './identity-core'

const { dir } = perTest()

const NONCE = randomBytes(32).toString('base64url')
const FINGERPRINT = 'ab'.repeat(32)

/** A hello as a client would send it for (NONCE, FINGERPRINT), with the hub's view added. */
function provenHello(who: NodeIdentity, login?: string) {
  const parts = { nonce: NONCE, fingerprint: FINGERPRINT, clientId: who.clientId, login }
  return { ...parts, key: who.publicKey, sig: who.signNow(helloTranscript(parts)) }
}

describe('client ids', () => {
  it('are the first 22 base64url characters of SHA-256 of the raw public key', async () => {
    const me = ephemeralIdentity()
    expect(me.clientId).toBe(clientIdOf(me.publicKey))
    expect(me.clientId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(Buffer.from(me.publicKey, 'base64url')).toHaveLength(32)
    // The public key is the one signatures verify against.
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: me.publicKey },
      format: 'jwk',
    })
    const signature = Buffer.from(await me.sign('x'), 'base64url')
    expect(verify(null, Buffer.from('x'), key, signature)).toBe(true)
    // Ed25519 is deterministic: the synchronous signature is the same one.
    expect(me.signNow('x')).toBe(await me.sign('x'))
    // The platform-free derivation (WebCrypto's SHA-256, as in a browser) agrees.
    expect(await clientIdOfKey(me.publicKey)).toBe(me.clientId)
    expect(ephemeralIdentity().clientId).not.toBe(me.clientId)
  })

  it('are the same for the same seed and differ between seeds', () => {
    const seed = new Uint8Array(32).fill(7)
    expect(identityFromSeed(seed).clientId).toBe(identityFromSeed(seed.slice()).clientId)
    expect(identityFromSeed(new Uint8Array(32).fill(8)).clientId).not.toBe(
      identityFromSeed(seed).clientId,
    )
    expect(() => identityFromSeed(new Uint8Array(31))).toThrow(RangeError)
  })
})

describe('checkHelloProof', () => {
  it('holds for the nonce, certificate, id and login the client signed', () => {
    const me = ephemeralIdentity()
    expect(checkHelloProof(provenHello(me))).toBeNull()
    expect(checkHelloProof(provenHello(me, 'KE1-bytes'))).toBeNull()
  })

  it('fails for another nonce (a replay on another connection)', () => {
    const hello = provenHello(ephemeralIdentity())
    expect(checkHelloProof({ ...hello, nonce: randomBytes(32).toString('base64url') })).toMatch(
      /signature/,
    )
  })

  it('fails for another certificate (a relay through another TLS endpoint) or for plain', () => {
    const hello = provenHello(ephemeralIdentity())
    expect(checkHelloProof({ ...hello, fingerprint: 'cd'.repeat(32) })).toMatch(/signature/)
    expect(checkHelloProof({ ...hello, fingerprint: null })).toMatch(/signature/)
  })

  it('fails when the login it carries is not the one signed (added, removed or swapped)', () => {
    const me = ephemeralIdentity()
    expect(checkHelloProof({ ...provenHello(me), login: 'KE1' })).toMatch(/signature/)
    expect(checkHelloProof({ ...provenHello(me, 'KE1'), login: undefined })).toMatch(/signature/)
    expect(checkHelloProof({ ...provenHello(me, 'KE1'), login: 'KE2' })).toMatch(/signature/)
  })

  it("fails for someone else's id with one's own key: the id is not derived from it", () => {
    const alice = ephemeralIdentity()
    const mallory = ephemeralIdentity()
    // Mallory signs a transcript naming Alice's id, with her own key.
    const parts = { nonce: NONCE, fingerprint: FINGERPRINT, clientId: alice.clientId }
    const hello = { ...parts, key: mallory.publicKey, sig: mallory.signNow(helloTranscript(parts)) }
    expect(checkHelloProof(hello)).toMatch(/not derived/)
  })

  it("fails with another's public key and one's own signature", () => {
    const alice = ephemeralIdentity()
    const mallory = ephemeralIdentity()
    const parts = { nonce: NONCE, fingerprint: FINGERPRINT, clientId: alice.clientId }
    const hello = { ...parts, key: alice.publicKey, sig: mallory.signNow(helloTranscript(parts)) }
    expect(checkHelloProof(hello)).toMatch(/signature/)
  })

  it('refuses every key of small order, for which anyone can forge a proof', () => {
    const smallOrder = [
      '00'.repeat(32),
      '01' + '00'.repeat(31),
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
      'ec' + 'ff'.repeat(30) + '7f',
      'ed' + 'ff'.repeat(30) + '7f',
      'ee' + 'ff'.repeat(30) + '7f',
    ].flatMap((hex) =>
      [0, 0x80].map((sign) => {
        const raw = Buffer.from(hex, 'hex')
        raw[31] = (raw[31] as number) | sign
        return raw
      }),
    )
    const forgeries = smallOrder.map((point) => Buffer.concat([point, Buffer.alloc(32)]))
    for (const raw of smallOrder) {
      const key = raw.toString('base64url')
      const publicKey = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: key },
        format: 'jwk',
      })
      const clientId = clientIdOf(key)
      // No secret needed: R a small-order point and S = 0 verify for most transcripts.
      let forged: Parameters<typeof checkHelloProof>[0] | null = null
      for (let i = 0; i < 32 && !forged; i++) {
        const parts = {
          nonce: randomBytes(32).toString('base64url'),
          fingerprint: FINGERPRINT,
          clientId,
        }
        const transcript = Buffer.from(helloTranscript(parts))
        const sig = forgeries.find((candidate) => verify(null, transcript, publicKey, candidate))
        if (sig) forged = { ...parts, key, sig: sig.toString('base64url') }
      }
      if (!forged) throw new Error(`no forgery found for ${raw.toString('hex')}`)
      expect(checkHelloProof(forged), raw.toString('hex')).toMatch(/small order/)
    }
  })

  it('fails for a tampered signature, bit by bit', () => {
    const hello = provenHello(ephemeralIdentity())
    const sig = Buffer.from(hello.sig, 'base64url')
    for (const bit of [0, 7, 100, 255, 256, 511]) {
      const tampered = Buffer.from(sig)
      tampered[bit >> 3] = (tampered[bit >> 3] as number) ^ (1 << (bit & 7))
      expect(
        checkHelloProof({ ...hello, sig: tampered.toString('base64url') }),
        `bit ${bit}`,
      ).toMatch(/signature/)
    }
    expect(checkHelloProof({ ...hello, sig: 'A'.repeat(86) })).toMatch(/signature/)
    // Not even a signature's length: refused, not thrown.
    expect(checkHelloProof({ ...hello, sig: '' })).toMatch(/signature/)
    expect(checkHelloProof({ ...hello, sig: 'AAAA' })).toMatch(/signature/)
  })

  it('fails for a key that is no Ed25519 key, without throwing', () => {
    const hello = provenHello(ephemeralIdentity())
    for (const key of ['', 'AAAA', 'A'.repeat(43), '_'.repeat(43), 'not base64url!']) {
      expect(checkHelloProof({ ...hello, key, clientId: clientIdOf(key) }), key).not.toBeNull()
    }
  })
})

describe('loadOrCreateIdentity', () => {
  it('creates the identity on first use and loads the same one after', () => {
    const path = join(dir(), 'deep', 'identity.pem')
    const first = loadOrCreateIdentity(path)
    const pem = readFileSync(path, 'utf8')
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const again = loadOrCreateIdentity(path)
    expect(again.clientId).toBe(first.clientId)
    expect(again.publicKey).toBe(first.publicKey)
    expect(readFileSync(path, 'utf8')).toBe(pem)
    // What one signs the other's proof accepts: it is one key.
    const parts = { nonce: NONCE, fingerprint: FINGERPRINT, clientId: first.clientId }
    expect(
      checkHelloProof({
        ...parts,
        key: again.publicKey,
        sig: first.signNow(helloTranscript(parts)),
      }),
    ).toBeNull()
  })

  it('keeps the private key readable by its owner only', () => {
    const path = join(dir(), 'identity.pem')
    loadOrCreateIdentity(path)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('refuses a file that is not an Ed25519 private key, and leaves it as it was', () => {
    const foreign: Array<[string, string]> = [
      ['junk', 'not a key'],
      [
        'an X25519 key',
        generateKeyPairSync('x25519')
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      ],
      [
        'a P-256 key',
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      ],
      [
        'an Ed448 key',
        generateKeyPairSync('ed448').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      ],
      [
        'an Ed25519 public key',
        generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      ],
    ]
    for (const [what, content] of foreign) {
      const path = join(dir(), 'identity.pem')
      writeFileSync(path, content, { mode: 0o600 })
      expect(() => loadOrCreateIdentity(path), what).toThrow()
      expect(readFileSync(path, 'utf8'), what).toBe(content)
    }
  })
})
