import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect, type TLSSocket } from 'node:tls'
import { afterEach, describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import { verificationCode } from '../../shared/security/verification-code'
import { Hub } from '../hub'
import { createSelfSignedCredentials, peerFingerprint } from './tls'
import { certificateNames, namesOfCertificate } from './tls-names'
import { CertificateRenewal, TlsStore } from './tls-renewal'

const { dir } = perTest()
const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** The certificate a new TLS connection to the hub presents, and its fingerprint. */
async function presented(port: number): Promise<{ names: string[]; fingerprint: string | null }> {
  const socket = await new Promise<TLSSocket>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(s))
    s.once('error', reject)
  })
  const pem = new X509Certificate(socket.getPeerCertificate().raw).toString()
  const fingerprint = peerFingerprint(socket)
  socket.destroy()
  return { names: namesOfCertificate(pem), fingerprint }
}

describe('TlsStore', () => {
  it('makes the pair once, then re-issues the same key for other names and saves only the certificate', async () => {
    const where = join(dir(), 'tls')
    const store = new TlsStore(where)
    const first = await store.credentials(['10.0.0.1', 'localhost'])
    const key = readFileSync(join(where, 'key.pem'), 'utf8')
    expect(await store.credentials(['localhost', '10.0.0.1'])).toBe(first)
    // Two renewals asked at once run one after the other; the last names win.
    const [a, b] = await Promise.all([
      store.credentials(['10.0.0.2', 'localhost']),
      store.credentials(['10.0.0.3', 'localhost']),
    ])
    expect([a.fingerprint, b.fingerprint]).toEqual([first.fingerprint, first.fingerprint])
    expect(namesOfCertificate(readFileSync(join(where, 'cert.pem'), 'utf8'))).toEqual([
      '10.0.0.3',
      'localhost',
    ])
    expect(readFileSync(join(where, 'key.pem'), 'utf8')).toBe(key)
    // Another process (the next start) finds the same key and the last certificate.
    expect(await new TlsStore(where).credentials()).toEqual(b)
  })
})

describe('CertificateRenewal with a hosting hub', () => {
  it('re-issues the certificate when the hosts change: new names, same fingerprint and code', async () => {
    const data = dir()
    const store = new TlsStore(join(data, 'tls'))
    let hosts = ['192.168.1.20']
    const names = certificateNames(hosts, 'lab')
    const tls = await store.credentials(names)
    const hub = await Hub.start({
      roomName: 'Renewals',
      hostName: 'Host',
      dataDir: data,
      bind: '127.0.0.1',
      port: 0,
      tls,
    })
    cleanups.push(() => hub.stop())
    const renewal = new CertificateRenewal({
      hosts: () => hosts,
      names,
      hostname: 'lab',
      credentials: (current) => store.credentials(current),
      apply: (credentials) => hub.setCertificate(credentials),
      intervalMs: 60_000,
    })
    renewal.start()
    cleanups.push(() => renewal.stop())
    const before = await presented(hub.port)
    expect(before).toEqual({ names, fingerprint: tls.fingerprint })

    // Nothing changed: nothing re-issued.
    await renewal.check()
    expect(readFileSync(join(data, 'tls', 'cert.pem'), 'utf8')).toBe(tls.cert)

    hosts = ['10.0.0.7', '[fe80::1%eth0]']
    await renewal.check()
    const after = await presented(hub.port)
    expect(after.names).toEqual([
      '10.0.0.7',
      '127.0.0.1',
      '::1',
      'fe80::1',
      'lab.local',
      'localhost',
    ])
    expect(after.fingerprint).toBe(tls.fingerprint)
    expect(hub.fingerprint).toBe(tls.fingerprint)
    expect(hub.info().fingerprint).toBe(tls.fingerprint)
    expect(verificationCode(after.fingerprint ?? '')).toBe(verificationCode(tls.fingerprint))
    expect(namesOfCertificate(readFileSync(join(data, 'tls', 'cert.pem'), 'utf8'))).toEqual(
      after.names,
    )
  })

  it('refuses, and the hub keeps serving its certificate, when a renewal would change the key', async () => {
    const data = dir()
    const tls = await createSelfSignedCredentials(['localhost'])
    const hub = await Hub.start({
      roomName: 'Keys',
      hostName: 'Host',
      dataDir: data,
      bind: '127.0.0.1',
      port: 0,
      tls,
    })
    cleanups.push(() => hub.stop())
    let hosts = ['10.0.0.1']
    const errors: string[] = []
    const renewal = new CertificateRenewal({
      hosts: () => hosts,
      names: certificateNames(hosts, 'lab'),
      hostname: 'lab',
      // A store gone wrong: a new key every time.
      credentials: (current) => createSelfSignedCredentials(current),
      apply: (credentials) => hub.setCertificate(credentials),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: (_f, m) => errors.push(m) },
    })
    hosts = ['10.0.0.2']
    await renewal.check()
    expect(errors).toEqual([expect.stringContaining('must keep the key')])
    expect(await presented(hub.port)).toEqual({
      names: ['localhost'],
      fingerprint: tls.fingerprint,
    })
    // Tried once per change, not again at every look.
    await renewal.check()
    expect(errors).toHaveLength(1)
  })
})
