import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSelfSignedCredentials } from '../main/security/tls'
import { perTest } from '../../test/support/scope'
import { readTlsFiles } from './host-tls'

const scope = perTest()

describe('readTlsFiles', () => {
  it("reads the operator's pair, and says why it cannot use one", async () => {
    const dir = scope.dir()
    const [a, b] = [await createSelfSignedCredentials(), await createSelfSignedCredentials()]
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text)
      return join(dir, name)
    }
    const [certA, keyA, keyB] = [
      file('a.pem', a.cert),
      file('a-key.pem', a.key),
      file('b-key.pem', b.key),
    ]
    expect(readTlsFiles(certA, keyA)).toEqual({ ok: true, tls: a })
    // A chain after the certificate is served as it is; the fingerprint is the first's.
    const chain = file('chain.pem', `${a.cert}\n${b.cert}\n`)
    expect(readTlsFiles(chain, keyA)).toMatchObject({
      ok: true,
      tls: { fingerprint: a.fingerprint },
    })
    const refusals: Array<[string, string, string]> = [
      [
        join(dir, 'none.pem'),
        keyA,
        `cannot read the certificate ${join(dir, 'none.pem')} (no such file)`,
      ],
      [dir, keyA, `cannot read the certificate ${dir} (it is a directory)`],
      [certA, join(dir, 'none.pem'), 'cannot read the key'],
      [file('text.pem', 'hello'), keyA, 'is not PEM'],
      [file('big.pem', '-----BEGIN '.padEnd(1024 * 1024 + 1, 'x')), keyA, 'larger than'],
      [keyA, keyA, `the certificate ${keyA} is not a PEM certificate (is it the key?)`],
      [certA, certA, `the key ${certA} is not a PEM private key (is it the certificate?)`],
      [certA, keyB, 'is not the key of the certificate'],
    ]
    for (const [cert, key, reason] of refusals) {
      const read = readTlsFiles(cert, key)
      expect(read.ok).toBe(false)
      expect(read.ok ? '' : read.message).toContain(reason)
    }
  })
})
