import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { testTls } from '../../../test/support/tls'
import { startTestHub } from '../../../test/support/ws-client'
import { inspectRoom } from './inspect'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function hub(tls: boolean) {
  const started = await startTestHub(tls ? {} : { tls: false })
  cleanups.push(started.stop)
  return started.hub
}

describe('inspectRoom', () => {
  it('reads a room over https, with the certificate it presented', async () => {
    const room = await hub(true)
    const inspected = await inspectRoom(new URL(`wss://127.0.0.1:${room.port}/ws`))
    expect(inspected).toMatchObject({
      url: `wss://127.0.0.1:${room.port}/ws`,
      info: { roomId: room.roomId, name: 'Test room', tls: true, passphrase: false },
      fingerprint: (await testTls()).fingerprint,
    })
  })

  it('falls back to plain http for a room without TLS, and reads only that when asked to', async () => {
    const room = await hub(false)
    const typed = new URL(`wss://127.0.0.1:${room.port}/ws`)
    expect(await inspectRoom(typed)).toMatchObject({
      url: `ws://127.0.0.1:${room.port}/ws`,
      info: { roomId: room.roomId, tls: false },
      fingerprint: null,
    })
    expect(await inspectRoom(typed, { plainOnly: true })).toMatchObject({ fingerprint: null })
    const secure = await hub(true)
    // A ws:// address of a room that speaks TLS: said so, with the addresses that work.
    const where = `127.0.0.1:${secure.port}`
    await expect(inspectRoom(new URL(`ws://${where}/ws`), { plainOnly: true })).rejects.toThrow(
      `The room at ${where} is encrypted: join it at wss://${where}/ws or ${where}, not ws://.`,
    )
  })

  it('names the port it tried, the default one of a wss:// address without one too', async () => {
    await expect(inspectRoom(new URL('wss://127.0.0.1/ws'), { timeoutMs: 2_000 })).rejects.toThrow(
      /^No LAN Room answers at 127\.0\.0\.1:443 \(/,
    )
  })

  it('refuses an answer that is not a room of this version, and says when nothing answers', async () => {
    const server = createServer((_request, response) =>
      response.end(JSON.stringify({ v: 1, roomId: 'x'.repeat(10_000) })),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo
    await expect(inspectRoom(new URL(`ws://127.0.0.1:${port}/ws`))).rejects.toThrow(
      `No LAN Room answers at 127.0.0.1:${port} (it answered, but not as a LAN Room of this version).`,
    )
    await expect(inspectRoom(new URL('ws://127.0.0.1:1/ws'))).rejects.toThrow(
      'No LAN Room answers at 127.0.0.1:1 (ECONNREFUSED).',
    )
  })
})
