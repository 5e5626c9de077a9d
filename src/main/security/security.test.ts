import { X509Certificate, createHash } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import {
  normalizeVerificationCode,
  verificationCode,
} from '../../shared/security/verification-code'
import {
  checkHelloProof,
  clientIdOf,
  ephemeralIdentity,
  helloTranscript,
  identityFromSeed,
  loadOrCreateIdentity,
} from './identity'
import { PinStore } from './pins'
import { loadOrCreateTlsCredentials } from './tls'
import { checkPeer, type PeerCheck } from './trust'

const cleanups: Array<() => unknown> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})
function dir(): string {
  const d = tempDir()
  cleanups.push(d.remove)
  return d.path
}

describe('TLS credentials', () => {
  it('are made once per directory, key readable by its owner only, fingerprint = SHA-256 of DER', async () => {
    const where = dir()
    const first = await loadOrCreateTlsCredentials(where)
    const again = await loadOrCreateTlsCredentials(where)
    expect(again.fingerprint).toBe(first.fingerprint)
    expect(statSync(join(where, 'key.pem')).mode & 0o777).toBe(0o600)
    const der = new X509Certificate(readFileSync(join(where, 'cert.pem'))).raw
    expect(first.fingerprint).toBe(createHash('sha256').update(der).digest('hex'))
    // A damaged pair is replaced (and the fingerprint changes: pinned clients will notice).
    writeFileSync(join(where, 'cert.pem'), 'not a certificate')
    const replaced = await loadOrCreateTlsCredentials(where)
    expect(replaced.fingerprint).not.toBe(first.fingerprint)
  })
})

describe('verification codes', () => {
  it('are 10 Crockford base32 characters from the first 50 bits, and read back leniently', () => {
    const fp = 'ff'.repeat(32)
    expect(verificationCode(fp)).toBe('ZZZZZ-ZZZZZ')
    expect(verificationCode('00'.repeat(32))).toBe('00000-00000')
    // Only the first 50 bits count: the 51st and later do not change the code.
    expect(verificationCode('0000000000002' + '0'.repeat(51))).toBe('00000-00000')
    expect(verificationCode('0000000000004' + '0'.repeat(51))).toBe('00000-00001')
    expect(() => verificationCode('xyz')).toThrow(RangeError)
    expect(normalizeVerificationCode(' zzzzz zzzzz ')).toBe('ZZZZZ-ZZZZZ')
    expect(normalizeVerificationCode('o0il1-00000')).toBe('00111-00000')
    expect(normalizeVerificationCode('ABCDE-FGHIU')).toBeNull()
    expect(normalizeVerificationCode('short')).toBeNull()
  })
})

describe('identities', () => {
  it('derive the client id from the key and prove it for one nonce and one certificate only', () => {
    const me = ephemeralIdentity()
    expect(me.clientId).toBe(clientIdOf(me.publicKey))
    expect(me.clientId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    const parts = { nonce: 'n'.repeat(43), fingerprint: 'ab'.repeat(32), clientId: me.clientId }
    const hello = { ...parts, key: me.publicKey, sig: me.sign(helloTranscript(parts)) }
    expect(checkHelloProof(hello)).toBeNull()
    expect(checkHelloProof({ ...hello, nonce: 'm'.repeat(43) })).toMatch(/signature/)
    expect(checkHelloProof({ ...hello, fingerprint: 'cd'.repeat(32) })).toMatch(/signature/)
    expect(checkHelloProof({ ...hello, fingerprint: null })).toMatch(/signature/)
    const other = ephemeralIdentity()
    expect(checkHelloProof({ ...hello, key: other.publicKey })).toMatch(/not derived/)
    expect(checkHelloProof({ ...hello, clientId: other.clientId, key: other.publicKey })).toMatch(
      /signature/,
    )
    const tampered = Buffer.from(hello.sig, 'base64url')
    tampered[0] = (tampered[0] as number) ^ 1
    expect(checkHelloProof({ ...hello, sig: tampered.toString('base64url') })).toMatch(/signature/)
    expect(identityFromSeed(new Uint8Array(32)).clientId).toBe(
      identityFromSeed(new Uint8Array(32)).clientId,
    )
  })

  it('are kept per installation in a file readable by its owner only, and a foreign file is refused', () => {
    const path = join(dir(), 'identity.pem')
    const first = loadOrCreateIdentity(path)
    expect(loadOrCreateIdentity(path).clientId).toBe(first.clientId)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    writeFileSync(path, 'not a key')
    expect(() => loadOrCreateIdentity(path)).toThrow()
  })
})

describe('pins and trust on first use', () => {
  it('pins a room on first use, then accepts only that certificate unless the person trusts a new one', () => {
    const path = join(dir(), 'pins.json')
    const pins = new PinStore(path)
    const a = 'aa'.repeat(32)
    const b = 'bb'.repeat(32)
    /** What the person is told: null when the connection may go on. */
    const told = (check: PeerCheck): string | null => (check.ok ? null : check.message)
    const lab = (fingerprint: string | null, accepted: string | null = null) =>
      told(
        checkPeer(pins, {
          roomId: 'room-1',
          fingerprint,
          acceptChanged: accepted,
          roomName: 'Lab',
        }),
      )
    expect(pins.check('room-1', a)).toEqual({ status: 'new' })
    expect(lab(a)).toBeNull()
    pins.pin('room-1', a, 'Lab')
    expect(new PinStore(path).check('room-1', a).status).toBe('match')
    expect(lab(a)).toBeNull()
    expect(lab(b)).toContain(`was ${verificationCode(a)} and is now ${verificationCode(b)}`)
    expect(lab(null)).toMatch(/used to be encrypted/)
    expect(lab(b, b)).toBeNull()
    // A room never joined must present the certificate the person confirmed, if any.
    expect(
      told(checkPeer(pins, { roomId: 'room-2', fingerprint: a, expectedFingerprint: b })),
    ).toMatch(/does not present the certificate you confirmed/)
  })

  it('keeps a damaged pins file aside and starts over', () => {
    const where = dir()
    const path = join(where, 'pins.json')
    writeFileSync(path, '{broken')
    const pins = new PinStore(path)
    expect(pins.get('anything')).toBeNull()
    expect(readFileSync(`${path}.bad`, 'utf8')).toBe('{broken')
    expect(pins.get('__proto__')).toBeNull()
  })
})
