import WebSocket from 'ws'
import { Hub, type HubOptions } from '../../src/main/hub'
import { peerFingerprint } from '../../src/main/security/tls'
import {
  clientFinishLogin,
  clientStartLogin,
  passphraseReady,
} from '../../src/main/security/passphrase'
import {
  SCHEMAS,
  SUBPROTOCOL,
  type ChallengeMessage,
  type HubMessage,
  type WelcomeMessage,
} from '../../src/shared/protocol'
import { signedHello } from './identities'
import { tempDir } from './temp-dir'
import { testTls } from './tls'

export { cid, testIdentity, signedHello } from './identities'
export { tempDir } from './temp-dir'

/**
 * How long a test waits, by default, for what a hub on loopback answers within milliseconds:
 * a safety net far above the typical (under 100 ms; a second or so on a two-core machine that
 * is busy with other work), so that only a hub that has really stopped answering fails.
 */
export const ANSWER_TIMEOUT_MS = 10_000

type Of<T extends HubMessage['type']> = Extract<HubMessage, { type: T }>

export interface TestClientOptions {
  protocol?: string | string[]
  headers?: Record<string, string>
  /** False: never answer the hub's pings (a peer that went silent). */
  autoPong?: boolean
  /** The loopback address to connect from (127.0.0.0/8): another machine, as the hub sees it. */
  localAddress?: string
}

/**
 * A raw protocol client for tests: every frame it receives is validated against the hub
 * schema and queued, and `next(type)` waits for the next frame of a type. Speaks `wss://`
 * (any certificate: `fingerprint` says which one the hub showed) and `ws://`.
 */
export class TestClient {
  readonly ws: WebSocket
  readonly received: HubMessage[] = []
  closeCode: number | null = null
  closeReason = ''
  private cursor = 0
  private waiters: Array<() => void> = []
  readonly opened: Promise<void>
  readonly closed: Promise<number>
  /** SHA-256 of the certificate the hub showed (null over plain ws); set once open. */
  fingerprint: string | null = null
  /** The hub's challenge (its first frame), once received. */
  challenge: ChallengeMessage | null = null

  constructor(url: string, options: TestClientOptions = {}) {
    this.ws = new WebSocket(url, options.protocol ?? SUBPROTOCOL, {
      maxPayload: 64 * 1024 * 1024,
      headers: options.headers,
      autoPong: options.autoPong ?? true,
      rejectUnauthorized: false,
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    })
    this.ws.once('upgrade', (res) => {
      this.fingerprint = peerFingerprint(res.socket)
    })
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
      this.ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`HTTP ${res.statusCode}`)),
      )
    })
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        this.closeCode = code
        this.closeReason = String(reason)
        resolve(code)
        this.wake()
      })
    })
    this.ws.on('error', () => {})
    this.ws.on('message', (data) => {
      const parsed = SCHEMAS.hubMessage.safeParse(JSON.parse(String(data)))
      if (!parsed.success) throw new Error(`hub sent an invalid frame: ${String(data)}`)
      if (parsed.data.type === 'challenge') this.challenge ??= parsed.data
      this.received.push(parsed.data)
      this.wake()
    })
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  sendJson(value: unknown): void {
    this.ws.send(JSON.stringify(value))
  }

  /** Waits for the hub's challenge (the first frame of every connection). */
  async challenged(timeoutMs = ANSWER_TIMEOUT_MS): Promise<ChallengeMessage> {
    await this.opened
    const deadline = Date.now() + timeoutMs
    while (!this.challenge) {
      if (this.closeCode !== null)
        throw new Error(`closed (${this.closeCode}) before the challenge`)
      if (Date.now() > deadline) throw new Error('timed out waiting for the challenge')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 20)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    return this.challenge
  }

  /** A hello proving `clientId` (see `signedHello`), for this connection's challenge. */
  helloFrame(
    name: string,
    clientId: string,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    if (!this.challenge) throw new Error('no challenge yet: await challenged() first')
    return signedHello(this.challenge.nonce, this.fingerprint, name, clientId, extra)
  }

  /** Sends a proven hello once the challenge is there. */
  async hello(
    name: string,
    clientId: string,
    resume?: { epoch: string; lastSeq: number },
  ): Promise<void> {
    await this.challenged()
    this.sendJson(this.helloFrame(name, clientId, resume ? { resume } : {}))
  }

  /** Hello with a passphrase login: resolves with the welcome, or rejects with how it ended. */
  async joinWithPassphrase(
    name: string,
    clientId: string,
    passphrase: string,
  ): Promise<WelcomeMessage> {
    await this.challenged()
    // A process that joins as it starts meets the challenge before OPAQUE has loaded.
    await passphraseReady
    const start = clientStartLogin(passphrase)
    this.sendJson(this.helloFrame(name, clientId, { login: start.request }))
    const login = await this.next('login')
    const finish = clientFinishLogin(passphrase, start.state, login.response, this.fingerprint)
    if (finish === null) throw new Error('wrong passphrase (the client could not finish the login)')
    this.sendJson({ type: 'login_finish', finish })
    return this.next('welcome')
  }

  chat(id: string, text: string): void {
    this.sendJson({ type: 'chat', id, text })
  }

  /** Waits for the next frame of `type` after the previous one taken, skipping others. */
  async next<T extends HubMessage['type']>(type: T, timeoutMs = ANSWER_TIMEOUT_MS): Promise<Of<T>> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      while (this.cursor < this.received.length) {
        const message = this.received[this.cursor++] as HubMessage
        if (message.type === type) return message as Of<T>
      }
      if (this.closeCode !== null) {
        throw new Error(`closed (${this.closeCode} ${this.closeReason}) while waiting for ${type}`)
      }
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${type}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** All frames of a type received so far. */
  all<T extends HubMessage['type']>(type: T): Array<Of<T>> {
    return this.received.filter((m): m is Of<T> => m.type === type)
  }

  async join(
    name: string,
    clientId: string,
    resume?: { epoch: string; lastSeq: number },
  ): Promise<WelcomeMessage> {
    await this.hello(name, clientId, resume)
    return this.next('welcome')
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close(1000)
    return this.closed
  }
}

/** A hub on 127.0.0.1 and a free port, with a fresh data directory, and its cleanup. */
export async function startTestHub(
  options: Partial<HubOptions> = {},
): Promise<{ hub: Hub; url: string; dataDir: string; stop: () => Promise<void> }> {
  const dir = options.dataDir ? null : tempDir()
  const dataDir = options.dataDir ?? (dir as { path: string }).path
  const hub = await Hub.start({
    roomName: 'Test room',
    hostName: 'Host',
    bind: '127.0.0.1',
    port: 0,
    ...options,
    tls: options.tls ?? (await testTls()),
    dataDir,
  })
  return {
    hub,
    url: `${hub.scheme}://127.0.0.1:${hub.port}/ws`,
    dataDir,
    stop: async () => {
      await hub.stop()
      dir?.remove()
    },
  }
}

export async function waitFor(
  check: () => boolean,
  timeoutMs = ANSWER_TIMEOUT_MS,
  label = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
