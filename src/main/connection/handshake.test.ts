import { describe, expect, it } from 'vitest'
import { FAKE_NONCE, ME, ME_ID, ROOM, settled, welcome } from '../../../test/support/fake-room'
import { HANDSHAKE_FINGERPRINT, handshakeAttempt } from '../../../test/support/handshake-attempt'
import { checkHelloProof } from '../security/identity'
import type { ClientIdentity } from '../security/identity-core'
import {
  createPassphraseVerifier,
  passphraseReady,
  serverFinishLogin,
  serverStartLogin,
} from '../security/passphrase'
import type { PeerInfo } from './state'

describe('Handshake', () => {
  it('sends nothing before the challenge, then a hello signed over its nonce and the certificate', async () => {
    const { socket, handshake, results } = handshakeAttempt({
      resume: () => ({ epoch: 'e1', lastSeq: 7 }),
    })
    socket.onopen?.()
    expect(socket.sent).toEqual([])
    await socket.open()
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

  it('asks verifyPeer before anything is sent, and ends as untrusted when it refuses', async () => {
    const seen: PeerInfo[] = []
    const { socket, results } = handshakeAttempt({
      verifyPeer: (peer) => {
        seen.push(peer)
        return 'Another certificate.'
      },
    })
    await socket.open({ roomId: 'other-room' })
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

  it('refuses a welcome into another room than the challenge named (and checked)', async () => {
    const checked: PeerInfo[] = []
    const { socket, results } = handshakeAttempt({
      verifyPeer: (peer) => {
        checked.push(peer)
        return null
      },
    })
    await socket.open({ roomId: 'free-snacks' })
    expect(checked.map((peer) => peer.roomId)).toEqual(['free-snacks'])
    socket.receive(welcome({ room: { ...ROOM, id: 'team-room' } }))
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'bye' })
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'untrusted',
          message: expect.stringContaining('welcomed this device into another') as string,
          closeCode: null,
          extra: { peer: checked[0] },
        },
      },
    ])
  })

  it('refuses, sending nothing, a hub that speaks another protocol version', async () => {
    const { socket, results } = handshakeAttempt()
    await socket.open(false)
    socket.receive({
      type: 'challenge',
      v: 2,
      nonce: FAKE_NONCE,
      roomId: ROOM.id,
      passphrase: false,
    })
    await settled()
    expect(socket.sent).toEqual([])
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'incompatible',
          message:
            'This room speaks another version of LAN Room (protocol version 2; this app speaks 1). Update the app that is older.',
          closeCode: null,
          extra: {},
        },
      },
    ])
  })

  it('refuses a welcome that names someone else as this client', async () => {
    const { socket, results } = handshakeAttempt()
    await socket.open()
    socket.receive(welcome({ you: { clientId: 'client-someone', name: 'Someone', host: false } }))
    await settled()
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'refused',
          message:
            'The room welcomed someone else on this connection: it does not behave as a LAN Room.',
          closeCode: null,
          extra: {},
        },
      },
    ])
  })

  it('ignores a welcome before its hello, and a second challenge', async () => {
    const { socket, results } = handshakeAttempt()
    socket.onopen?.()
    socket.receive(welcome())
    expect(results).toEqual([])
    await socket.open()
    await socket.open()
    expect(socket.sent).toHaveLength(1)
  })

  it('says a room needs a passphrase without sending anything when it has none', async () => {
    const { socket, results } = handshakeAttempt()
    await socket.open({ passphrase: true })
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
    await socket.open({ passphrase: true })
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

  it('tells a failed address from the end of the connection', async () => {
    const refused = handshakeAttempt()
    refused.socket.refuse()
    expect(refused.results).toEqual([
      { type: 'failed', message: 'cannot connect to wss://a/ws: ECONNREFUSED' },
    ])

    const dropped = handshakeAttempt()
    await dropped.socket.open()
    dropped.socket.drop(1006)
    expect(dropped.results).toEqual([
      { type: 'failed', message: 'wss://a/ws: the connection was lost (code 1006)' },
    ])

    const full = handshakeAttempt()
    await full.socket.open()
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
    await closing.socket.open()
    closing.socket.receive({ type: 'closing', reason: 'host_stopped', message: 'Bye from Lab.' })
    closing.socket.drop(1006)
    expect(closing.results).toEqual([
      { type: 'end', end: { reason: 'ended', message: 'Bye from Lab.', closeCode: 1006 } },
    ])
  })

  it('leaves unreadable frames to its parser and goes on', async () => {
    const { socket, results, unreadable } = handshakeAttempt()
    await socket.open()
    socket.onmessage?.('not json')
    socket.receive(welcome({ room: ROOM }))
    expect(unreadable).toEqual(['not json'])
    expect(results.map((r) => r.type)).toEqual(['welcome'])
  })

  /** An identity whose signatures are held back until the test lets them go (as WebCrypto's
   * are, for as long as it takes), or fail. */
  function slowSigner() {
    const pending: Array<{ resolve: (sig: string) => void; reject: (error: Error) => void }> = []
    const identity: ClientIdentity = {
      clientId: ME.clientId,
      publicKey: ME.publicKey,
      sign: async (data) => {
        await new Promise<void>((resolve, reject) => {
          pending.push({ resolve: () => resolve(), reject })
        })
        return ME.signNow(data)
      },
    }
    return { identity, pending }
  }

  it('writes the hello only once it is signed, and nothing on a socket closed meanwhile', async () => {
    const signer = slowSigner()
    const early = handshakeAttempt({ identity: signer.identity })
    const dropped = handshakeAttempt({ identity: signer.identity })
    await early.socket.open()
    await dropped.socket.open()
    expect(signer.pending).toHaveLength(2)
    expect(early.socket.sent).toEqual([])
    expect(early.handshake.helloSent).toBe(false)
    // A welcome before the hello is written does not count.
    early.socket.receive(welcome())
    expect(early.results).toEqual([])
    dropped.socket.drop(1006)
    expect(dropped.results).toEqual([
      {
        type: 'failed',
        message: 'cannot connect to wss://a/ws: the connection was lost (code 1006)',
      },
    ])
    for (const { resolve } of signer.pending) resolve('')
    await settled()
    expect(dropped.socket.sent).toEqual([])
    expect(early.handshake.helloSent).toBe(true)
    const [hello] = early.socket.sent as Array<{ clientId: string; key: string; sig: string }>
    if (!hello) throw new Error('no hello')
    expect(
      checkHelloProof({ ...hello, nonce: FAKE_NONCE, fingerprint: HANDSHAKE_FINGERPRINT }),
    ).toBeNull()
  })

  it('writes nothing on an attempt given up while signing', async () => {
    const signer = slowSigner()
    const { socket, handshake, results } = handshakeAttempt({ identity: signer.identity })
    await socket.open()
    handshake.abandon()
    signer.pending[0]?.resolve('')
    await settled()
    expect(socket.sent).toEqual([])
    expect(handshake.helloSent).toBe(false)
    expect(results).toEqual([])
  })

  it('ends as unproven, sending nothing, when the identity cannot sign', async () => {
    const signer = slowSigner()
    const { socket, results } = handshakeAttempt({ identity: signer.identity })
    await socket.open()
    signer.pending[0]?.reject(new Error('the key is gone'))
    await settled()
    expect(socket.sent).toEqual([])
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'bye' })
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'unproven',
          message: 'This device could not prove its identity: the key is gone',
          closeCode: null,
          extra: {},
        },
      },
    ])
  })
})
