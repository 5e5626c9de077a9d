import { spawnSync } from 'node:child_process'
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import {
  createSelfSignedCredentials,
  fingerprintOfDer,
  fingerprintOfPem,
  loadOrCreateTlsCredentials,
} from './tls'

const { dir } = perTest()

/** Whether an `openssl` command is there to compare with. */
const HAVE_OPENSSL = spawnSync('openssl', ['version']).status === 0

/** Node's own SHA-256 fingerprint (`AB:CD:...`), in the protocol's form (64 lowercase hex). */
function nodeFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase()
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

  it('publishes the SHA-256 of the DER certificate, as X509Certificate computes it', async () => {
    const creds = await loadOrCreateTlsCredentials(dir())
    expect(creds.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(creds.fingerprint).toBe(nodeFingerprint(creds.cert))
    expect(fingerprintOfPem(creds.cert)).toBe(creds.fingerprint)
    expect(fingerprintOfDer(new X509Certificate(creds.cert).raw)).toBe(creds.fingerprint)
    // The key is the certificate's.
    expect(new X509Certificate(creds.cert).checkPrivateKey(createPrivateKey(creds.key))).toBe(true)
  })

  it.skipIf(!HAVE_OPENSSL)(
    'publishes the fingerprint openssl prints for the certificate file, and the SHA-256 of its DER',
    async () => {
      const where = dir()
      const creds = await loadOrCreateTlsCredentials(where)
      const certPath = join(where, 'cert.pem')
      const openssl = (args: string[]): Buffer => {
        const run = spawnSync('openssl', args)
        if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${String(run.stderr)}`)
        return run.stdout
      }
      // `SHA256 Fingerprint=AB:CD:…` (the label's case varies between versions).
      const printed = String(
        openssl(['x509', '-in', certPath, '-noout', '-fingerprint', '-sha256']),
      )
      const match = /fingerprint=([0-9A-F:]{95})/i.exec(printed)
      expect(match?.[1]?.replaceAll(':', '').toLowerCase()).toBe(creds.fingerprint)
      // The same from the DER bytes openssl writes out.
      const der = openssl(['x509', '-in', certPath, '-outform', 'DER'])
      expect(createHash('sha256').update(der).digest('hex')).toBe(creds.fingerprint)
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
      expect(replaced.fingerprint, what).toBe(nodeFingerprint(readFileSync(certPath, 'utf8')))
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
})
