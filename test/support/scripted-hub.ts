/**
 * A hub over a real WebSocket on 127.0.0.1 (plain ws, port 0) that says what the test scripts:
 * a challenge naming its room, then, once the client's hello arrives (taken unchecked), the
 * welcome the test builds for it, and afterwards whatever frames the test sends. For tests of
 * what a client does with what a room sends it (a crowded room, a flood of presence).
 */
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { PROTOCOL_VERSION, SUBPROTOCOL, WS_PATH } from '../../src/shared/protocol'

export interface ScriptedHello {
  clientId: string
  name: string
}

export class ScriptedHub {
  private client: WebSocket | null = null
  /** What clients sent after their hello, in order. */
  readonly received: Array<Record<string, unknown>> = []

  private constructor(
    private readonly server: WebSocketServer,
    readonly roomId: string,
  ) {}

  /** Listens; `welcome` builds the welcome for a client's hello. */
  static async start(
    roomId: string,
    welcome: (hello: ScriptedHello) => object,
  ): Promise<ScriptedHub> {
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      path: WS_PATH,
      handleProtocols: (offered) => (offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    })
    await new Promise<void>((resolve) => server.once('listening', resolve))
    const hub = new ScriptedHub(server, roomId)
    server.on('connection', (ws) => {
      const nonce = 'n'.repeat(43)
      ws.send(
        JSON.stringify({
          type: 'challenge',
          v: PROTOCOL_VERSION,
          nonce,
          roomId,
          passphrase: false,
        }),
      )
      let welcomed = false
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>
        if (welcomed) return void hub.received.push(message)
        welcomed = true
        hub.client = ws
        ws.send(JSON.stringify(welcome(message as unknown as ScriptedHello)))
      })
    })
    return hub
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}${WS_PATH}`
  }

  /** Sends frames to the client last welcomed, as fast as the socket takes them. */
  send(frames: readonly object[]): void {
    const client = this.client
    if (!client) throw new Error('no client was welcomed')
    for (const frame of frames) client.send(JSON.stringify(frame))
  }

  async stop(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
