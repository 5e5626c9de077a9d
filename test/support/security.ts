import WebSocket from 'ws'
import {
  clientFinishLogin,
  clientStartLogin,
  passphraseReady,
} from '../../src/main/security/passphrase'
import { peerFingerprint } from '../../src/main/security/tls'
import { SUBPROTOCOL } from '../../src/shared/protocol'
import { signedHello } from './identities'
import { TestClient } from './ws-client'

/** A TestClient that also keeps every frame it sent, as JSON text (what crossed the wire). */
export class RecordingClient extends TestClient {
  readonly sent: string[] = []
  readonly receivedRaw: string[] = []

  constructor(url: string) {
    super(url)
    this.ws.on('message', (data) => this.receivedRaw.push(String(data)))
  }

  override sendJson(value: unknown): void {
    const text = JSON.stringify(value)
    this.sent.push(text)
    this.ws.send(text)
  }
}

/** How a passphrase login from a given local address ended. */
export interface SourcedLogin {
  welcomed: boolean
  closeCode: number | null
  frames: Array<{ type: string; [key: string]: unknown }>
}

/**
 * A whole passphrase login from `localAddress` (another loopback address, e.g. 127.0.0.2: the
 * hub sees another client address). Resolves once welcomed or closed.
 */
export async function passphraseLoginFrom(
  url: string,
  localAddress: string,
  name: string,
  clientId: string,
  passphrase: string,
): Promise<SourcedLogin> {
  await passphraseReady
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, SUBPROTOCOL, { rejectUnauthorized: false, localAddress })
    const frames: SourcedLogin['frames'] = []
    let fingerprint: string | null = null
    let state: string | null = null
    ws.once('upgrade', (res) => {
      fingerprint = peerFingerprint(res.socket)
    })
    ws.on('error', reject)
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as SourcedLogin['frames'][number]
      frames.push(frame)
      if (frame.type === 'challenge') {
        const start = clientStartLogin(passphrase)
        state = start.state
        ws.send(
          JSON.stringify(
            signedHello(String(frame['nonce']), fingerprint, name, clientId, {
              login: start.request,
            }),
          ),
        )
      } else if (frame.type === 'login' && state !== null) {
        const finish = clientFinishLogin(passphrase, state, String(frame['response']), fingerprint)
        if (finish === null) ws.close(1000)
        else ws.send(JSON.stringify({ type: 'login_finish', finish }))
      } else if (frame.type === 'welcome') {
        ws.close(1000)
      }
    })
    ws.on('close', (code) =>
      resolve({
        welcomed: frames.some((f) => f.type === 'welcome'),
        closeCode: frames.some((f) => f.type === 'welcome') ? null : code,
        frames,
      }),
    )
  })
}
