import type { Socket } from 'node:net'
import { afterEach } from 'vitest'
import { TestClient, cid, signedHello, startTestHub } from '../../../../test/support/ws-client'
import { clientFrame, rawChallenge, rawUpgrade } from '../../../../test/support/raw-socket'

type TestHub = Awaited<ReturnType<typeof startTestHub>>

/**
 * For end-to-end tests of the hub: hubs on loopback and clients that are all cleaned up after
 * each test, with whatever else a test adds to `cleanups`. Call it once at a file's top level.
 */
export function useHubFixture(): {
  cleanups: Array<() => Promise<unknown> | unknown>
  hubWith: (options?: Parameters<typeof startTestHub>[0]) => Promise<TestHub>
  client: (url: string, options?: ConstructorParameters<typeof TestClient>[1]) => TestClient
  member: (url: string, name: string) => Promise<TestClient>
  rawMember: (port: number, name: string, clientId?: string) => Promise<Socket>
} {
  const cleanups: Array<() => Promise<unknown> | unknown> = []
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })
  const hubWith = async (options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> => {
    const started = await startTestHub(options)
    cleanups.push(started.stop)
    return started
  }
  const client = (
    url: string,
    options?: ConstructorParameters<typeof TestClient>[1],
  ): TestClient => {
    const c = new TestClient(url, options)
    cleanups.push(() => c.ws.terminate())
    return c
  }
  const member = async (url: string, name: string): Promise<TestClient> => {
    const c = client(url)
    await c.join(name, cid(name))
    return c
  }
  /** A member on a raw socket (TLS): its hello is sent; what it reads is up to the test. */
  const rawMember = async (port: number, name: string, clientId = cid(name)): Promise<Socket> => {
    const socket = await rawUpgrade(port)
    cleanups.push(() => socket.destroy())
    const { nonce, fingerprint } = await rawChallenge(socket)
    const hello = signedHello(nonce, fingerprint, name, clientId)
    socket.write(clientFrame(Buffer.from(JSON.stringify(hello))))
    return socket
  }
  return { cleanups, hubWith, client, member, rawMember }
}
