import { beforeAll, describe, expect, it } from 'vitest'
import {
  clientFinishLogin,
  clientStartLogin,
  createPassphraseVerifier,
  passphraseReady,
  serverFinishLogin,
  serverIdentity,
  serverStartLogin,
  type PassphraseVerifier,
} from './passphrase'

const PASSPHRASE = 'correct horse battery staple'
const FP = 'ab'.repeat(32)
const OTHER_FP = 'cd'.repeat(32)

/** One whole login: what each side ends with. */
function login(
  verifier: PassphraseVerifier,
  passphrase: string,
  seenFingerprint: string | null,
): { ke3: string | null; serverAccepts: boolean } {
  const start = clientStartLogin(passphrase)
  const server = serverStartLogin(verifier, start.request)
  if (!server) throw new Error('the server refused KE1')
  const ke3 = clientFinishLogin(passphrase, start.state, server.response, seenFingerprint)
  return { ke3, serverAccepts: ke3 !== null && serverFinishLogin(verifier, server.state, ke3) }
}

let verifier: PassphraseVerifier
beforeAll(async () => {
  await passphraseReady
  verifier = await createPassphraseVerifier(PASSPHRASE, FP)
})

describe('passphrase logins (OPAQUE)', () => {
  it('let the right passphrase in: the client finishes and the server accepts', () => {
    expect(login(verifier, PASSPHRASE, FP)).toEqual({
      ke3: expect.any(String),
      serverAccepts: true,
    })
  })

  it('a wrong passphrase: the client cannot finish (null), so it has nothing to send', () => {
    for (const wrong of [
      'correct horse battery stapler',
      'Correct horse battery staple',
      '',
      ' ',
    ]) {
      expect(login(verifier, wrong, FP).ke3, JSON.stringify(wrong)).toBeNull()
    }
  })

  it('a client that sees another certificate (a relay) cannot finish, even with the right passphrase', () => {
    expect(login(verifier, PASSPHRASE, OTHER_FP).ke3).toBeNull()
    expect(login(verifier, PASSPHRASE, null).ke3).toBeNull()
    // And a hub registered for plain ws does not pass for a TLS one.
    return createPassphraseVerifier(PASSPHRASE, null).then((plain) => {
      expect(login(plain, PASSPHRASE, null).serverAccepts).toBe(true)
      expect(login(plain, PASSPHRASE, FP).ke3).toBeNull()
    })
  })

  it('the server identity names the certificate', () => {
    expect(serverIdentity(FP)).toBe(`lanroom.v1 ${FP}`)
    expect(serverIdentity(null)).toBe('lanroom.v1 plain')
    expect(verifier.server).toBe(serverIdentity(FP))
  })

  it('the server refuses a KE3 that is not its session’s: garbage, or a right one from another login', () => {
    const first = clientStartLogin(PASSPHRASE)
    const firstServer = serverStartLogin(verifier, first.request)
    const second = clientStartLogin(PASSPHRASE)
    const secondServer = serverStartLogin(verifier, second.request)
    if (!firstServer || !secondServer) throw new Error('KE1 refused')
    const ke3 = clientFinishLogin(PASSPHRASE, first.state, firstServer.response, FP)
    if (ke3 === null) throw new Error('could not finish')
    expect(serverFinishLogin(verifier, secondServer.state, ke3)).toBe(false)
    expect(serverFinishLogin(verifier, secondServer.state, 'A'.repeat(86))).toBe(false)
    expect(serverFinishLogin(verifier, secondServer.state, '')).toBe(false)
    expect(serverFinishLogin(verifier, 'not a state', ke3)).toBe(false)
    // The right session accepts it.
    expect(serverFinishLogin(verifier, firstServer.state, ke3)).toBe(true)
  })

  it('the server refuses a KE1 that is not a login request, without throwing', () => {
    for (const junk of ['', 'A', 'A'.repeat(86), 'A'.repeat(1024)]) {
      expect(serverStartLogin(verifier, junk), junk).toBeNull()
    }
  })

  it('the client refuses a KE2 that is not one, without throwing', () => {
    const start = clientStartLogin(PASSPHRASE)
    for (const junk of ['', 'A'.repeat(86), 'A'.repeat(430)]) {
      expect(clientFinishLogin(PASSPHRASE, start.state, junk, FP), junk).toBeNull()
    }
  })

  it('the hub keeps no trace of the passphrase itself', () => {
    const kept = JSON.stringify(verifier)
    const raw = Buffer.from(PASSPHRASE)
    for (const encoded of [
      PASSPHRASE,
      raw.toString('hex'),
      raw.toString('base64'),
      raw.toString('base64url'),
    ]) {
      expect(kept).not.toContain(encoded)
    }
    for (const value of [verifier.registrationRecord, verifier.serverSetup]) {
      expect(Buffer.from(value, 'base64url').includes(raw)).toBe(false)
    }
  })

  it('two rooms with the same passphrase keep unrelated records', async () => {
    const other = await createPassphraseVerifier(PASSPHRASE, FP)
    expect(other.registrationRecord).not.toBe(verifier.registrationRecord)
    expect(other.serverSetup).not.toBe(verifier.serverSetup)
    // Each room's login works only against its own record.
    const start = clientStartLogin(PASSPHRASE)
    const fromOther = serverStartLogin(other, start.request)
    if (!fromOther) throw new Error('KE1 refused')
    expect(clientFinishLogin(PASSPHRASE, start.state, fromOther.response, FP)).not.toBeNull()
  })
})
