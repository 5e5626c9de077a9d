import { afterEach, describe, expect, it } from 'vitest'
import {
  TestClient,
  cid,
  startTestHub,
  testIdentity,
  waitFor,
} from '../../../test/support/ws-client'
import { RoomConnection } from './room-connection'
import { wsSocketFactory } from './ws-socket'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function room() {
  const started = await startTestHub({})
  cleanups.push(started.stop)
  const watcher = new TestClient(started.url)
  cleanups.push(() => watcher.ws.terminate())
  await watcher.join('watch', cid('watch'))
  const connection = new RoomConnection({
    candidates: [started.url],
    name: 'Rita',
    identity: testIdentity('rita'),
    socketFactory: wsSocketFactory,
    connectTimeoutMs: 10_000,
    backoff: { initialDelayMs: 20, maxDelayMs: 200 },
  })
  cleanups.push(() => connection.close())
  await connection.connect()
  await watcher.next('joined')
  return { hub: started.hub, watcher, connection }
}

describe('renaming in a room', () => {
  it('replaces the connection under the new name: the others see "renamed", never a leave', async () => {
    const { hub, watcher, connection } = await room()
    const statuses: string[] = []
    connection.on('state', (state) => statuses.push(state.status))
    connection.rename('Rita B')
    // Written while the new connection is on its way: delivered once, on the new one.
    const sent = connection.send('after the rename', 'r1')
    expect(await watcher.next('renamed')).toMatchObject({
      member: { clientId: cid('rita'), name: 'Rita B' },
    })
    expect(await sent).toMatchObject({ id: 'r1', name: 'Rita B' })
    expect((await watcher.next('chat')).text).toBe('after the rename')
    await waitFor(
      () => connection.members.some((m) => m.name === 'Rita B'),
      10_000,
      'the new name listed',
    )
    expect(hub.memberCount).toBe(2)
    expect(connection.state.status).toBe('connected')
    // No "Reconnecting…" in between: the old connection served until the new one was in.
    expect(statuses).not.toContain('reconnecting')
    expect(watcher.received.some((m) => m.type === 'left')).toBe(false)
  })

  it('changes nothing for the same name', async () => {
    const { watcher, connection } = await room()
    connection.rename('Rita')
    await connection.close()
    expect(watcher.received.some((m) => m.type === 'renamed')).toBe(false)
  })
})
