import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import { jetstreamManager } from '@nats-io/jetstream'
import { createSelfSignedCredentials, type TlsCredentials } from '../security/tls'
import { HubError } from '../hub/hub-error'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { perTest } from '../../../test/support/scope'
import { cid } from '../../../test/support/ws-client'
import { findRoom, openRoomsBucket } from './identity'
import { roomStream } from './names'
import { chooseReplicas, clusterServers } from './replicas'

// Hubs in this process serve one room through a real nats-server: the identity they share.

const scope = perTest()
let nats: NatsCluster | null = null
let certA: TlsCredentials
let certB: TlsCredentials
let rooms = 0

beforeAll(async () => {
  certA = await createSelfSignedCredentials()
  certB = await createSelfSignedCredentials()
  if (natsServerInstalled) nats = await startNatsCluster({ servers: 1 })
})
afterAll(async () => {
  await nats?.stop()
})

function clustered(roomName: string, extra: Parameters<typeof scope.hub>[0] = {}) {
  return scope.hub({
    roomName,
    rateLimit: 0,
    tls: certA,
    nats: { servers: (nats as NatsCluster).urls },
    ...extra,
  })
}

describe('the replicas of a clustered room', () => {
  it('default to 3 on a cluster of three servers or more, else 1; --replicas wins', () => {
    expect(chooseReplicas(undefined, 1)).toEqual({ count: 1, source: 'default', servers: 1 })
    expect(chooseReplicas(undefined, 2).count).toBe(1)
    expect(chooseReplicas(undefined, 3).count).toBe(3)
    expect(chooseReplicas(undefined, 5).count).toBe(3)
    expect(chooseReplicas(2, 1)).toEqual({ count: 2, source: 'given', servers: 1 })
    expect(() => chooseReplicas(6, 3)).toThrow(HubError)
    expect(() => chooseReplicas(0, 3)).toThrow(HubError)
  })

  it("count the cluster's servers from the server's INFO", () => {
    expect(clusterServers(undefined)).toBe(1)
    expect(clusterServers({ server_id: 'x' } as never)).toBe(1)
    const info = { cluster: 'c', connect_urls: ['a:1', 'b:1', 'c:1', 'a:1'] }
    expect(clusterServers(info as never)).toBe(3)
  })
})

describe.skipIf(!natsServerInstalled)('a clustered room’s identity, used by its hubs', () => {
  it('gives hubs with the same certificate one room id and epoch; members of both chat; a restart keeps them', async () => {
    const name = `Identity ${++rooms}`
    const a = await clustered(name)
    const b = await clustered(name)
    expect(b.hub.roomId).toBe(a.hub.roomId)
    expect(b.hub.epoch).toBe(a.hub.epoch)
    // The cluster records the one epoch, the stream's.
    const nc = scope.keep(await connect({ servers: (nats as NatsCluster).urls }), (c) => c.close())
    const recorded = await findRoom(await openRoomsBucket(nc, 1), name)
    expect(recorded).toMatchObject({
      id: a.hub.roomId,
      epoch: a.hub.epoch,
      fingerprint: certA.fingerprint,
    })
    const ada = scope.client(a.url)
    const bob = scope.client(b.url)
    await ada.join('ada', cid('ada'))
    await bob.join('bob', cid('bob'))
    ada.chat('a1', 'hello from hub A')
    expect(await bob.next('chat')).toMatchObject({ id: 'a1', text: 'hello from hub A' })
    bob.chat('b1', 'hello from hub B')
    expect(await ada.next('chat')).toMatchObject({ id: 'a1' })
    expect(await ada.next('chat')).toMatchObject({ id: 'b1' })

    const [roomId, epoch, dirs] = [a.hub.roomId, a.hub.epoch, [a.dataDir, b.dataDir]]
    await a.hub.stop()
    await b.hub.stop()
    for (const dataDir of dirs) {
      const again = await clustered(name, { dataDir })
      expect([again.hub.roomId, again.hub.epoch]).toEqual([roomId, epoch])
      const carol = scope.client(again.url)
      const welcome = await carol.join('carol', cid('carol'))
      expect(welcome.history.map((chat) => chat.id)).toEqual(['a1', 'b1'])
    }
  }, 120_000)

  it('starts a new epoch when the stream is made anew, and records it', async () => {
    const name = `Identity ${++rooms}`
    const a = await clustered(name)
    const [roomId, epoch, dataDir] = [a.hub.roomId, a.hub.epoch, a.dataDir]
    await a.hub.stop()
    const nc = scope.keep(await connect({ servers: (nats as NatsCluster).urls }), (c) => c.close())
    await (await jetstreamManager(nc)).streams.delete(roomStream(roomId))
    const again = await clustered(name, { dataDir })
    expect(again.hub.roomId).toBe(roomId)
    expect(again.hub.epoch).not.toBe(epoch)
    const recorded = await findRoom(await openRoomsBucket(nc, 1), roomId)
    expect(recorded?.epoch).toBe(again.hub.epoch)
  }, 60_000)

  it('refuses a hub with another certificate, naming both', async () => {
    const name = `Identity ${++rooms}`
    await clustered(name)
    const refused = await clustered(name, { tls: certB }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(HubError)
    expect(refused).toMatchObject({ code: 'CLUSTER_ERR_CERTIFICATE_MISMATCH' })
    expect((refused as HubError).message).toContain(certA.fingerprint)
    expect((refused as HubError).message).toContain(certB.fingerprint)
  }, 60_000)

  it('lets a hub without a passphrase adopt the room’s, and refuses one with another', async () => {
    const name = `Identity ${++rooms}`
    const a = await clustered(name, { passphrase: 'open sesame' })
    const b = await clustered(name)
    expect(b.hub.passphrase).toBe(true)
    expect(b.hub.info().passphrase).toBe(true)
    const right = scope.client(b.url)
    const welcome = await right.joinWithPassphrase('ada', cid('ada'), 'open sesame')
    expect(welcome.type).toBe('welcome')
    const wrong = scope.client(b.url)
    await expect(wrong.joinWithPassphrase('eve', cid('eve'), 'not it')).rejects.toThrow()
    // The same passphrase is welcome on a third hub; another is refused.
    const c = await clustered(name, { passphrase: 'open sesame' })
    expect(c.hub.roomId).toBe(a.hub.roomId)
    const other = await clustered(name, { passphrase: 'another one' }).catch(
      (error: unknown) => error,
    )
    expect(other).toMatchObject({ code: 'CLUSTER_ERR_PASSPHRASE_MISMATCH' })
  }, 60_000)
})

describe.skipIf(!natsServerInstalled)('a clustered room on three NATS servers', () => {
  it('keeps three replicas of its stream by default', async () => {
    const three = scope.keep(await startNatsCluster({ servers: 3 }), (n) => n.stop())
    const hub = await scope.hub({
      roomName: 'Three copies',
      tls: certA,
      nats: { servers: three.urls },
    })
    expect(hub.hub.clusterReplicas).toBe(3)
    const nc = scope.keep(await connect({ servers: three.urls }), (c) => c.close())
    const info = await (await jetstreamManager(nc)).streams.info(roomStream(hub.hub.roomId))
    expect(info.config.num_replicas).toBe(3)
  }, 120_000)
})
