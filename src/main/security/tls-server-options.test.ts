import { X509Certificate } from 'node:crypto'
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS, PROTOCOL_VERSION } from '../../shared/protocol'
import { SILENT_LOGGER } from '../hub/logger'
import { HubServer } from '../hub/server'
import { createSelfSignedCredentials, peerFingerprint, reissueTlsCredentials } from './tls'
import type { TlsCredentials } from './tls'
import { namesOfCertificate } from './tls-names'

let server: HubServer
let credentials: TlsCredentials
/** Every client socket, ended before the server closes (even when a test failed midway). */
const sockets: TLSSocket[] = []

beforeAll(async () => {
  credentials = await createSelfSignedCredentials(['127.0.0.1', 'localhost', 'room.local'])
  server = new HubServer(
    { tls: credentials, limits: LIMITS, log: SILENT_LOGGER },
    {
      info: () => ({
        v: PROTOCOL_VERSION,
        protocol: 'lanroom.v1',
        roomId: 'room-id-1',
        name: 'Suites',
        hostName: 'Host',
        members: 0,
        passphrase: false,
        tls: true,
        fingerprint: credentials.fingerprint,
      }),
      refusal: () => null,
      connection: (ws) => ws.close(),
    },
  )
  await server.listen('127.0.0.1', 0)
})
afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await server.close()
})

/** A TLS handshake with the hub as `options` restrict it: the socket, or the error. */
function handshake(options: ConnectionOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: server.port,
      rejectUnauthorized: false,
      ...options,
    })
    sockets.push(socket)
    socket.once('secureConnect', () => resolve(socket))
    socket.once('error', (error) => {
      socket.destroy()
      reject(error)
    })
  })
}

/**
 * The certificate the hub presented. Not getPeerX509Certificate: in Node 20 it hands the
 * certificate out once, and every later call (and getPeerCertificate) finds none.
 */
function presentedCertificate(socket: TLSSocket): X509Certificate {
  return new X509Certificate(socket.getPeerCertificate().raw)
}

async function negotiated(
  options: ConnectionOptions,
): Promise<{ version: string; cipher: string }> {
  const socket = await handshake(options)
  const result = { version: socket.getProtocol() ?? '', cipher: socket.getCipher().standardName }
  socket.destroy()
  return result
}

describe('the hub’s TLS versions and suites', () => {
  it('speaks TLS 1.3 to a client that offers it', async () => {
    expect(await negotiated({})).toMatchObject({ version: 'TLSv1.3' })
  })

  it.each([
    ['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
    ['ECDHE-ECDSA-AES256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
    ['ECDHE-ECDSA-CHACHA20-POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  ])('accepts a TLS 1.2 client offering only %s', async (suite, standardName) => {
    expect(await negotiated({ maxVersion: 'TLSv1.2', ciphers: suite })).toEqual({
      version: 'TLSv1.2',
      cipher: standardName,
    })
  })

  it.each([
    'ECDHE-ECDSA-AES128-SHA256',
    'ECDHE-ECDSA-AES256-SHA384',
    'ECDHE-ECDSA-AES128-SHA',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'AES128-GCM-SHA256',
  ])('refuses a TLS 1.2 client offering only %s (CBC, or no ECDSA key exchange)', async (suite) => {
    await expect(handshake({ maxVersion: 'TLSv1.2', ciphers: suite })).rejects.toThrow()
  })

  it('prefers an AEAD suite when a TLS 1.2 client offers CBC first', async () => {
    const { cipher } = await negotiated({
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-GCM-SHA384',
    })
    expect(cipher).toBe('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384')
  })

  it('refuses TLS 1.1', async () => {
    await expect(
      handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    ).rejects.toThrow()
  })

  it('presents the subjectAltNames, and after setCertificate the re-issued ones with the same key', async () => {
    const first = await handshake({})
    expect(presentedCertificate(first).subjectAltName).toBe(
      'IP Address:127.0.0.1, DNS:localhost, DNS:room.local',
    )
    expect(peerFingerprint(first)).toBe(credentials.fingerprint)
    first.destroy()
    const renewed = await reissueTlsCredentials(credentials, ['10.1.2.3', 'localhost'])
    server.setCertificate(renewed)
    const second = await handshake({})
    const presented = presentedCertificate(second)
    expect(presented.subjectAltName).toBe('IP Address:10.1.2.3, DNS:localhost')
    expect(namesOfCertificate(renewed.cert)).toEqual(['10.1.2.3', 'localhost'])
    expect(presented.raw.equals(new X509Certificate(renewed.cert).raw)).toBe(true)
    expect(peerFingerprint(second)).toBe(credentials.fingerprint)
    // The suites stay as they were: setSecureContext replaced the whole context.
    second.destroy()
    await expect(
      handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA256' }),
    ).rejects.toThrow()
    expect(
      await negotiated({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' }),
    ).toMatchObject({ version: 'TLSv1.2' })
  })
})
