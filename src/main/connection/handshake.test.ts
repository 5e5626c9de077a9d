import { describe, expect, it } from 'vitest'
import { FAKE_NONCE, ME, ME_ID, ROOM, welcome } from '../../../test/support/fake-room'
import { HANDSHAKE_FINGERPRINT, handshakeAttempt } from '../../../test/support/handshake-attempt'
import { checkHelloProof } from '../security/identity'
import {
  createPassphraseVerifier,
  passphraseReady,
  serverFinishLogin,
  serverStartLogin,
} from '../security/passphrase'
import type { PeerInfo } from './state'

describe('Handshake', () => {
  it('sends nothing before the challenge, then a hello signed over its nonce and the certificate', () => {
    const { socket, handshake, results } = handshakeAttempt({
      resume: () => ({ epoch: 'e1', lastSeq: 7 }),
    })
    socket.onopen?.()
    expect(socket.sent).toEqual([])
    socket.open()
    expect(handshake.helloSent).toBe(true)
    const [hello] = socket.sent as Array<{ clientId: string; key: string; sig: string }>
    expect(socket.sent).toHaveLength(1)
    expect(hello).toMatchObject({ type: 'hello', v: 1, name: 'Me', clientId: ME_ID })
    expect(hello).toMatchObject({ key: ME.publicKey, resume: { epoch: 'e1', lastSeq: 7 } })
    if (!hello) throw new Error('no hello')
    expect(
      checkHelloProof({ ...hello, nonce: FAKE_NONCE, fingerprint: HANDSHAKE_FINGERPRINT }),
    ).toBeNull()
    // Signed for this certificate: the same hello is no proof behind another one.
    expect(checkHelloProof({ ...hello, nonce: FAKE_NONCE, fingerprint: null })).not.toBeNull()
    expect(results).toEqual([])
    socket.receive(welcome())
    expect(results).toEqual([
      { type: 'welcome', welcome: welcome(), fingerprint: HANDSHAKE_FINGERPRINT },
    ])
  })

  it('asks verifyPeer before anything is sent, and ends as untrusted when it refuses', () => {
    const seen: PeerInfo[] = []
    const { socket, results } = handshakeAttempt({
      verifyPeer: (peer) => {
        seen.push(peer)
        return 'Another certificate.'
      },
    })
    socket.open({ roomId: 'other-room' })
    const peer = { url: 'wss://a/ws', fingerprint: HANDSHAKE_FINGERPRINT, roomId: 'other-room' }
    expect(seen).toEqual([peer])
    expect(socket.sent).toEqual([])
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'bye' })
    expect(socket.onmessage).toBeNull()
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'untrusted',
          message: 'Another certificate.',
          closeCode: null,
          extra: { peer },
        },
      },
    ])
  })

  it('ignores a welcome before its hello, and a second challenge', () => {
    const { socket, results } = handshakeAttempt()
    socket.onopen?.()
    socket.receive(welcome())
    expect(results).toEqual([])
    socket.open()
    socket.open()
    expect(socket.sent).toHaveLength(1)
  })

  it('says a room needs a passphrase without sending anything when it has none', () => {
    const { socket, results } = handshakeAttempt()
    socket.open({ passphrase: true })
    expect(socket.sent).toEqual([])
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'passphrase',
          message: 'This room needs a passphrase.',
          closeCode: null,
          extra: { errorCode: 'passphrase_required' },
        },
      },
    ])
  })

  /** A client that knows "correct horse" logs in to a hub that knows `hubPassphrase`. */
  async function login(hubPassphrase: string) {
    await passphraseReady
    const verifier = await createPassphraseVerifier(hubPassphrase, HANDSHAKE_FINGERPRINT)
    const { socket, results } = handshakeAttempt({ passphrase: 'correct horse' })
    socket.open({ passphrase: true })
    const hello = socket.sent[0] as { login?: string }
    const started = serverStartLogin(verifier, hello.login as string)
    if (!started) throw new Error('the hub could not start the login')
    socket.receive({ type: 'login', response: started.response })
    return { socket, results, verifier, state: started.state }
  }

  it('logs in with OPAQUE inside the hello, never sending the passphrase', async () => {
    const { socket, results, verifier, state } = await login('correct horse')
    expect(JSON.stringify(socket.sent)).not.toContain('correct horse')
    const finish = socket.sent[1] as { type: string; finish: string }
    expect(finish.type).toBe('login_finish')
    expect(serverFinishLogin(verifier, state, finish.finish)).toBe(true)
    socket.receive(welcome())
    expect(results.map((r) => r.type)).toEqual(['welcome'])
  })

  it('says "Wrong passphrase." when the hub\'s answer does not verify, and sends nothing more', async () => {
    const { socket, results } = await login('battery staple')
    expect(socket.sent).toHaveLength(1)
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'passphrase',
          message: 'Wrong passphrase.',
          closeCode: null,
          extra: { errorCode: 'wrong_passphrase' },
        },
      },
    ])
  })

  it('tells a failed address from the end of the connection', () => {
    const refused = handshakeAttempt()
    refused.socket.refuse()
    expect(refused.results).toEqual([
      { type: 'failed', message: 'cannot connect to wss://a/ws: ECONNREFUSED' },
    ])

    const dropped = handshakeAttempt()
    dropped.socket.open()
    dropped.socket.drop(1006)
    expect(dropped.results).toEqual([
      { type: 'failed', message: 'wss://a/ws: the connection was lost (code 1006)' },
    ])

    const full = handshakeAttempt()
    full.socket.open()
    full.socket.receive({ type: 'error', code: 'room_full', message: 'the room is full' })
    full.socket.drop(4003)
    expect(full.results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'full',
          message: 'The room is full.',
          closeCode: 4003,
          extra: { errorCode: 'room_full' },
        },
      },
    ])

    const closing = handshakeAttempt()
    closing.socket.open()
    closing.socket.receive({ type: 'closing', reason: 'host_stopped', message: 'Bye from Lab.' })
    closing.socket.drop(1006)
    expect(closing.results).toEqual([
      { type: 'end', end: { reason: 'ended', message: 'Bye from Lab.', closeCode: 1006 } },
    ])
  })

  it('leaves unreadable frames to its parser and goes on', () => {
    const { socket, results, unreadable } = handshakeAttempt()
    socket.open()
    socket.onmessage?.('not json')
    socket.receive(welcome({ room: ROOM }))
    expect(unreadable).toEqual(['not json'])
    expect(results.map((r) => r.type)).toEqual(['welcome'])
  })
})
