import { spawnSync } from 'node:child_process'
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import {
  certificateHashOfDer,
  createSelfSignedCredentials,
  fingerprintOfDer,
  fingerprintOfPem,
  loadOrCreateTlsCredentials,
  reissueTlsCredentials,
} from './tls'
import { namesOfCertificate } from './tls-names'

const { dir } = perTest()

/** Whether an `openssl` command is there to compare with. */
const HAVE_OPENSSL = spawnSync('openssl', ['version']).status === 0

/** The SHA-256 of the certificate's public key (SPKI DER), computed apart from tls.ts. */
function keyFingerprint(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('hex')
}

describe('loadOrCreateTlsCredentials', () => {
  it('creates the pair once in a new directory and returns the same one on every later load', async () => {
    const where = join(dir(), 'nested', 'tls')
    const first = await loadOrCreateTlsCredentials(where)
    const certBefore = readFileSync(join(where, 'cert.pem'), 'utf8')
    const keyBefore = readFileSync(join(where, 'key.pem'), 'utf8')
    expect(certBefore).toBe(first.cert)
    expect(keyBefore).toBe(first.key)
    for (let i = 0; i < 3; i++) {
      const again = await loadOrCreateTlsCredentials(where)
      expect(again).toEqual(first)
    }
    // Loading did not rewrite anything.
    expect(readFileSync(join(where, 'cert.pem'), 'utf8')).toBe(certBefore)
    expect(readFileSync(join(where, 'key.pem'), 'utf8')).toBe(keyBefore)
  })

  it('keeps the key readable and writable by its owner only', async () => {
    const where = dir()
    await loadOrCreateTlsCredentials(where)
    expect(statSync(join(where, 'key.pem')).mode & 0o777).toBe(0o600)
  })

  it('publishes the SHA-256 of the certificate’s SubjectPublicKeyInfo, not of the whole certificate', async () => {
    const creds = await loadOrCreateTlsCredentials(dir())
    const raw = new X509Certificate(creds.cert).raw
    expect(creds.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(creds.fingerprint).toBe(keyFingerprint(creds.cert))
    expect(fingerprintOfPem(creds.cert)).toBe(creds.fingerprint)
    expect(fingerprintOfDer(raw)).toBe(creds.fingerprint)
    // What older versions published (and pinned) is another number.
    const whole = new X509Certificate(creds.cert).fingerprint256.replaceAll(':', '').toLowerCase()
    expect(certificateHashOfDer(raw)).toBe(whole)
    expect(whole).not.toBe(creds.fingerprint)
    // The key is the certificate's.
    expect(new X509Certificate(creds.cert).checkPrivateKey(createPrivateKey(creds.key))).toBe(true)
  })

  it.skipIf(!HAVE_OPENSSL)(
    'publishes the SHA-256 of the public key openssl reads from the certificate file',
    async () => {
      const where = dir()
      const creds = await loadOrCreateTlsCredentials(where)
      const openssl = (args: string[], input?: Buffer): Buffer => {
        const run = spawnSync('openssl', args, input ? { input } : {})
        if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${String(run.stderr)}`)
        return run.stdout
      }
      // openssl x509 -pubkey | openssl pkey -pubin -outform DER | sha256: the usual public key pin.
      const pem = openssl(['x509', '-in', join(where, 'cert.pem'), '-noout', '-pubkey'])
      const spki = openssl(['pkey', '-pubin', '-outform', 'DER'], pem)
      expect(createHash('sha256').update(spki).digest('hex')).toBe(creds.fingerprint)
    },
  )

  it('replaces a damaged certificate, a damaged key, a missing half and a mismatched pair', async () => {
    const where = dir()
    const certPath = join(where, 'cert.pem')
    const keyPath = join(where, 'key.pem')
    let current = await loadOrCreateTlsCredentials(where)
    const other = await createSelfSignedCredentials()
    const damages: Array<[string, () => void]> = [
      ['certificate not PEM', () => writeFileSync(certPath, 'not a certificate')],
      ['key not PEM', () => writeFileSync(keyPath, 'not a key')],
      ['certificate empty', () => writeFileSync(certPath, '')],
      ['key of another certificate', () => writeFileSync(keyPath, other.key)],
      ['certificate of another key', () => writeFileSync(certPath, other.cert)],
    ]
    const seen = new Set([current.fingerprint])
    for (const [what, damage] of damages) {
      damage()
      const replaced = await loadOrCreateTlsCredentials(where)
      expect(seen.has(replaced.fingerprint), what).toBe(false)
      seen.add(replaced.fingerprint)
      // The new pair is whole, on disk, and what the next load returns.
      expect(replaced.fingerprint, what).toBe(keyFingerprint(readFileSync(certPath, 'utf8')))
      expect(readFileSync(keyPath, 'utf8'), what).toBe(replaced.key)
      expect(statSync(keyPath).mode & 0o777, what).toBe(0o600)
      expect(await loadOrCreateTlsCredentials(where), what).toEqual(replaced)
      current = replaced
    }
    expect(current.fingerprint).not.toBe(other.fingerprint)
  })

  it('makes a new certificate for each installation', async () => {
    const a = await loadOrCreateTlsCredentials(dir())
    const b = await loadOrCreateTlsCredentials(dir())
    expect(a.fingerprint).not.toBe(b.fingerprint)
    const cert = new X509Certificate(a.cert)
    expect(cert.ca).toBe(false)
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 10 * 365 * 86_400_000)
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now())
  })

  it('names the given hosts, and re-issues a certificate naming others with the same key', async () => {
    const where = dir()
    const certPath = join(where, 'cert.pem')
    const keyPath = join(where, 'key.pem')
    const first = await loadOrCreateTlsCredentials(where, ['10.0.0.5', 'localhost'])
    expect(namesOfCertificate(first.cert)).toEqual(['10.0.0.5', 'localhost'])
    const keyBefore = readFileSync(keyPath, 'utf8')
    // The same names: nothing is re-issued.
    expect(await loadOrCreateTlsCredentials(where, ['localhost', '10.0.0.5'])).toEqual(first)
    const moved = await loadOrCreateTlsCredentials(where, ['192.168.1.9', 'fe80::1', 'localhost'])
    expect(namesOfCertificate(moved.cert)).toEqual(['192.168.1.9', 'fe80::1', 'localhost'])
    expect(moved.fingerprint).toBe(first.fingerprint)
    expect(moved.key).toBe(first.key)
    expect(moved.cert).not.toBe(first.cert)
    // Saved: the certificate file changed, the key file did not.
    expect(readFileSync(certPath, 'utf8')).toBe(moved.cert)
    expect(readFileSync(keyPath, 'utf8')).toBe(keyBefore)
    expect(new X509Certificate(moved.cert).checkPrivateKey(createPrivateKey(keyBefore))).toBe(true)
    // Without names, what is there is taken as it is.
    expect(await loadOrCreateTlsCredentials(where)).toEqual(moved)
  })

  it('re-issues with the same key only: the fingerprint and the key stay, the DER changes', async () => {
    const creds = await createSelfSignedCredentials(['localhost'])
    const again = await reissueTlsCredentials(creds, ['localhost', '::1'])
    expect(again.fingerprint).toBe(creds.fingerprint)
    expect(again.key).toBe(creds.key)
    expect(fingerprintOfPem(again.cert)).toBe(creds.fingerprint)
    expect(certificateHashOfDer(new X509Certificate(again.cert).raw)).not.toBe(
      certificateHashOfDer(new X509Certificate(creds.cert).raw),
    )
    const cert = new X509Certificate(again.cert)
    expect(cert.ca).toBe(false)
    // X509Certificate.keyUsage lists the extended key usages: server authentication.
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1'])
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:0:0:0:0:0:0:0:1')
  })

  it('keeps serving a certificate it cannot re-issue, rather than failing to host', async () => {
    const where = dir()
    // A key this version never makes (P-384): re-issuing it for P-256 fails.
    const { generate } = await import('selfsigned')
    const other = await generate([{ name: 'commonName', value: 'Elsewhere' }], {
      keyType: 'ec',
      curve: 'P-384',
      algorithm: 'sha384',
    })
    mkdirSync(where, { recursive: true })
    writeFileSync(join(where, 'cert.pem'), other.cert)
    writeFileSync(join(where, 'key.pem'), other.private)
    const loaded = await loadOrCreateTlsCredentials(where, ['localhost'])
    expect(loaded).toEqual({
      cert: other.cert,
      key: other.private,
      fingerprint: keyFingerprint(other.cert),
    })
    expect(readFileSync(join(where, 'cert.pem'), 'utf8')).toBe(other.cert)
  })
})
