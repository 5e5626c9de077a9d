import { beforeAll, describe, expect, it } from 'vitest'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { Kvm, type KV } from '@nats-io/kv'
import type { ReadPosition } from '../../shared/protocol'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { perFile, perTest } from '../../../test/support/scope'
import { cid, waitFor, type TestClient } from '../../../test/support/ws-client'
import { received } from '../hub/testing/timeline-client'
import { readsBucket, readsSubject } from './names'
import { ClusterReads, READS_PER_RELAY } from './reads'

// Read positions across the hubs of a clustered room: real hubs on loopback, one real
// nats-server (test/support/nats-cluster.ts).

const file = perFile()
const scope = perTest()
let nats: NatsCluster
let rooms = 0

async function connection(): Promise<NatsConnection> {
  return scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
}

async function bucket(nc: NatsConnection, roomId: string): Promise<KV> {
  return new Kvm(nc).open(readsBucket(roomId))
}

/** The seq a bucket holds for a client id, or null. */
async function stored(kv: KV, clientId: string): Promise<number | null> {
  const entry = await kv.get(clientId)
  return entry?.operation === 'PUT' ? entry.json<ReadPosition>().seq : null
}

function hubOf(roomName: string) {
  return scope.hub({ roomName, rateLimit: 0, nats: { servers: nats.urls } })
}

async function memberOn(url: string, name: string, resume?: { epoch: string; lastSeq: number }) {
  const c = scope.client(url)
  const welcome = await c.join(name, cid(name), resume)
  return { c, welcome }
}

/** The latest position of each client id a member was told of in `reads` frames. */
function heard(c: TestClient): Map<string, number> {
  const positions = new Map<string, number>()
  for (const { clientId, seq } of c.all('reads').flatMap((m) => m.positions)) {
    positions.set(clientId, Math.max(seq, positions.get(clientId) ?? 0))
  }
  return positions
}

describe.skipIf(!natsServerInstalled)('read positions in a clustered room', () => {
  beforeAll(async () => {
    nats = file.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
  })

  it('reach the members of every hub, a hub started later, and a member who moves', async () => {
    const roomName = `Reads ${++rooms}`
    const a = await hubOf(roomName)
    const b = await hubOf(roomName)
    const ada = (await memberOn(a.url, 'ada')).c
    const bob = (await memberOn(b.url, 'bob')).c
    ada.chat('c1', 'hello')
    const { seq } = await received(bob, 'chat', (chat) => chat.id === 'c1')
    bob.sendJson({ type: 'read', seq })
    // Ada's hub heard it from Bob's hub, and told her.
    await waitFor(() => heard(ada).get(cid('bob')) === seq, undefined, "bob's position at ada")
    expect(heard(ada).get(cid('ada'))).toBeUndefined()

    // Bob's hub keeps it in the room's bucket (within its 5 s write interval)…
    const kv = await bucket(await connection(), a.hub.roomId)
    await expect.poll(() => stored(kv, cid('bob')), { timeout: 30_000 }).toBe(seq)
    // …so a hub that starts later has it in its first welcome.
    const c = await hubOf(roomName)
    const carl = await memberOn(c.url, 'carl')
    expect(carl.welcome.reads).toContainEqual({ clientId: cid('bob'), seq })

    // Carl reads on the third hub: both others hear it.
    carl.c.sendJson({ type: 'read', seq })
    await waitFor(() => heard(ada).get(cid('carl')) === seq, undefined, "carl's at ada")
    await waitFor(() => heard(bob).get(cid('carl')) === seq, undefined, "carl's at bob")

    // Bob moves to Ada's hub: his own position and Carl's are in his welcome there.
    bob.ws.terminate()
    await bob.closed
    const moved = await memberOn(a.url, 'bob', { epoch: a.hub.epoch, lastSeq: seq })
    expect(moved.welcome.resumed).toBe(true)
    expect(moved.welcome.reads).toEqual(
      expect.arrayContaining([
        { clientId: cid('bob'), seq },
        { clientId: cid('carl'), seq },
      ]),
    )
  }, 120_000)

  it('drops what is not a read position, from the subject and from the bucket', async () => {
    const roomName = `Reads ${++rooms}`
    const a = await hubOf(roomName)
    const ada = (await memberOn(a.url, 'ada')).c
    ada.chat('c1', 'hello')
    const { seq } = await received(ada, 'chat', (chat) => chat.id === 'c1')
    const roomId = a.hub.roomId
    const nc = await connection()
    const kv = await bucket(nc, roomId)
    const subject = readsSubject(roomId)
    const relay = (value: unknown): void => {
      nc.publish(subject, typeof value === 'string' ? value : JSON.stringify(value))
    }
    const position = (name: string, at: unknown = seq) => ({ clientId: cid(name), seq: at })
    relay('not json')
    relay({ hubId: 'evil', positions: [{ clientId: 'short', seq }] })
    relay({ hubId: 'has.dot', positions: [position('dotted')] })
    relay({ hubId: 'evil', positions: [position('text', 'one')] })
    relay({ hubId: 'evil', positions: [position('zero', 0)] })
    relay({ hubId: 'evil', positions: [position('half', 0.5)] })
    relay({ hubId: 'evil', positions: [position('huge', 2 ** 60)] })
    relay({ hubId: 'evil', positions: [] })
    relay({ hubId: 'evil', positions: [position('padded')], pad: 'x'.repeat(40_000) })
    relay({
      hubId: 'evil',
      positions: Array.from({ length: READS_PER_RELAY + 1 }, (_, i) => position(`many${i}`)),
    })
    // Past the room's last seq: kept aside for the room to reach, never shown before.
    relay({ hubId: 'evil', positions: [position('ahead', seq + 1000)] })
    const record = (name: string, value: unknown) =>
      kv.put(cid(name), typeof value === 'string' ? value : JSON.stringify(value))
    await record('liar', position('other'))
    await record('junk', 'not json')
    await record('negative', position('negative', -1))
    await record('ahead2', position('ahead2', seq + 1000))
    await kv.put('not_a_client_id_because.dots', JSON.stringify(position('dots')))
    // What is one, after all of that, gets through.
    relay({ hubId: 'evil', positions: [position('good')] })
    await record('kept', position('kept'))
    await waitFor(
      () => heard(ada).has(cid('good')) && heard(ada).has(cid('kept')),
      undefined,
      'the valid positions',
    )
    expect([...heard(ada).keys()].sort()).toEqual([cid('good'), cid('kept')].sort())

    // A hub started later reads the bucket: only the valid record.
    const b = await hubOf(roomName)
    const { welcome } = await memberOn(b.url, 'bob')
    expect(welcome.reads).toEqual([{ clientId: cid('kept'), seq }])
  }, 120_000)

  it('writes only forward, whichever hub writes last, and bounds each hub’s relays', async () => {
    const roomId = `readsroom${++rooms}`
    const heardBy = (reads: ClusterReads): ReadPosition[] => {
      const positions: ReadPosition[] = []
      reads.attach((p) => positions.push(...p))
      return positions
    }
    const start = async () => {
      const reads = await ClusterReads.start(await connection(), { roomId, kvIntervalMs: 10 })
      scope.defer(() => reads.stop({ graceful: false }))
      return { reads, heard: heardBy(reads) }
    }
    const one = await start()
    const two = await start()
    const kv = await bucket(await connection(), roomId)
    one.reads.publish([{ clientId: cid('bob'), seq: 5 }])
    await expect.poll(() => two.heard).toContainEqual({ clientId: cid('bob'), seq: 5 })
    // Hub one writes the bucket on its own timer: 5 is there before the older report comes.
    await expect.poll(() => stored(kv, cid('bob'))).toBe(5)
    // The other hub's member was seen further back (an older report): the bucket keeps 5.
    two.reads.publish([{ clientId: cid('bob'), seq: 3 }])
    await two.reads.stop()
    expect(await stored(kv, cid('bob'))).toBe(5)
    await one.reads.stop()

    // A flood of relays from one hub: at most its burst gets through at once; another hub's
    // relay still does.
    const listener = await start()
    const nc = await connection()
    for (let i = 0; i < 200; i++) {
      nc.publish(
        readsSubject(roomId),
        JSON.stringify({ hubId: 'flood', positions: [{ clientId: `flood-client-${i}`, seq: 1 }] }),
      )
    }
    nc.publish(
      readsSubject(roomId),
      JSON.stringify({ hubId: 'calm', positions: [{ clientId: cid('calm'), seq: 1 }] }),
    )
    await nc.flush()
    await expect.poll(() => listener.heard).toContainEqual({ clientId: cid('calm'), seq: 1 })
    const flooded = listener.heard.filter((p) => p.clientId.startsWith('flood-')).length
    expect(flooded).toBeGreaterThan(0)
    expect(flooded).toBeLessThan(100)
  }, 120_000)
})
