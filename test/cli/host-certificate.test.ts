import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect, type TLSSocket } from 'node:tls'
import { beforeAll, describe, expect, it } from 'vitest'
import { peerFingerprint } from '../../src/main/security/tls'
import { localHostName, namesOfCertificate } from '../../src/main/security/tls-names'
import { assertBuilt } from '../support/cli'
import { ip, netnsUnavailableReason } from '../support/netns'
import { perTest } from '../support/scope'

const scope = perTest()
const { defer, dir } = scope
beforeAll(assertBuilt)

/** The names and fingerprint of the certificate a new connection to 127.0.0.1:port is shown. */
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

describe('lanroom host: the certificate', () => {
  it('names its address, the .local name, localhost and loopback, and keeps them across restarts', async () => {
    const data = dir()
    const args = ['--port', '0', '--data-dir', data, '--no-advertise']
    const first = await scope.host(args)
    const local = localHostName()
    const expected = ['127.0.0.1', '::1', ...(local ? [local] : []), 'localhost'].sort()
    expect(await presented(first.info.port)).toEqual({
      names: expected,
      fingerprint: first.info.fingerprint,
    })
    first.child.kill('SIGTERM')
    await first.exited
    const cert = readFileSync(join(data, 'tls', 'cert.pem'), 'utf8')
    const again = await scope.host(args)
    expect(again.info.fingerprint).toBe(first.info.fingerprint)
    expect(again.info.verificationCode).toBe(first.info.verificationCode)
    // The same names: the certificate was not re-issued.
    expect(readFileSync(join(data, 'tls', 'cert.pem'), 'utf8')).toBe(cert)
  })

  it.skipIf(netnsUnavailableReason() !== null)(
    'is re-issued with the same key when an address appears while hosting',
    async () => {
      const data = dir()
      const started = await scope.host([
        '--port',
        '0',
        '--bind',
        '0.0.0.0',
        '--data-dir',
        data,
        '--no-advertise',
      ])
      const before = await presented(started.info.port)
      expect(before.names).not.toContain('10.9.77.1')
      ip('link', 'add', 'tls0', 'type', 'veth', 'peer', 'name', 'tls1')
      defer(() => ip('link', 'del', 'tls0'))
      ip('addr', 'add', '10.9.77.1/24', 'dev', 'tls0')
      ip('link', 'set', 'tls0', 'up')
      // An interface counts once it is running, which a veth is when both ends are up.
      ip('link', 'set', 'tls1', 'up')
      // The host looks every 2 s; 60 s is a safety net on a busy machine.
      const deadline = Date.now() + 60_000
      let after = before
      while (!after.names.includes('10.9.77.1') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        after = await presented(started.info.port)
      }
      expect(after.names).toEqual([...before.names, '10.9.77.1'].sort())
      expect(after.fingerprint).toBe(started.info.fingerprint)
      expect(namesOfCertificate(readFileSync(join(data, 'tls', 'cert.pem'), 'utf8'))).toEqual(
        after.names,
      )
    },
  )
})
