import { beforeAll, describe, expect, it } from 'vitest'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { perFile } from '../../../test/support/scope'
import { ClusterTyping, type TypingOptions, type TypingSignal } from './typing'
import { typingSubject } from './names'

const scope = perFile()
let nats: NatsCluster

async function connection(): Promise<NatsConnection> {
  return scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
}

async function hub(
  roomId: string,
  hubId: string,
  rate: Pick<TypingOptions, 'perSecond' | 'burst' | 'room'> = {},
): Promise<{ typing: ClusterTyping; heard: TypingSignal[]; nc: NatsConnection }> {
  const nc = await connection()
  const heard: TypingSignal[] = []
  const typing = new ClusterTyping(nc, { roomId, hubId, onTyping: (s) => heard.push(s), ...rate })
  scope.defer(() => typing.stop())
  // The subscription is in place on the server once a round trip has passed.
  await nc.flush()
  return { typing, heard, nc }
}

describe.skipIf(!natsServerInstalled)('typing between hubs', () => {
  beforeAll(async () => {
    nats = scope.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
  })

  it("reaches the other hubs of the room, not its own hub nor another room's", async () => {
    const a = await hub('typingroom1', 'hubA')
    const b = await hub('typingroom1', 'hubB')
    const elsewhere = await hub('typingroom2', 'hubC')
    a.typing.publish('alice-client-1', true)
    a.typing.publish('alice-client-1', false)
    await a.nc.flush()
    await expect
      .poll(() => b.heard)
      .toEqual([
        { hubId: 'hubA', clientId: 'alice-client-1', active: true },
        { hubId: 'hubA', clientId: 'alice-client-1', active: false },
      ])
    await b.nc.flush()
    expect(a.heard).toEqual([])
    expect(elsewhere.heard).toEqual([])
  })

  it('drops what is not a typing signal, and what comes faster than a member may type', async () => {
    const listener = await hub('typingroom3', 'listener', { perSecond: 0.001, burst: 3 })
    const raw = await connection()
    const subject = typingSubject('typingroom3')
    const signal = { hubId: 'evil', clientId: 'eve-client-01', active: true }
    raw.publish(subject, 'not json')
    raw.publish(subject, JSON.stringify({ ...signal, clientId: 'short' }))
    raw.publish(subject, JSON.stringify({ ...signal, hubId: 'has.dots' }))
    raw.publish(subject, JSON.stringify({ ...signal, active: 'yes' }))
    raw.publish(subject, JSON.stringify({ ...signal, pad: 'x'.repeat(400) }))
    for (let i = 0; i < 20; i++) raw.publish(subject, JSON.stringify(signal))
    // Another member of the same hub still gets through: the bound is per member.
    raw.publish(subject, JSON.stringify({ ...signal, clientId: 'mallory-client' }))
    await raw.flush()
    await expect.poll(() => listener.heard.length).toBe(4)
    expect(listener.heard.filter((s) => s.clientId === 'eve-client-01')).toHaveLength(3)
    expect(listener.heard.at(-1)?.clientId).toBe('mallory-client')
  })

  it('drops what all the other hubs together send faster than a full room may type', async () => {
    const room = { perSecond: 0.001, burst: 5 }
    const listener = await hub('typingroom4', 'listener', { room })
    const raw = await connection()
    const subject = typingSubject('typingroom4')
    // Three hubs, four members each: every one of them within its own bounds.
    for (const hubId of ['hubA', 'hubB', 'hubC']) {
      for (let i = 0; i < 4; i++) {
        raw.publish(
          subject,
          JSON.stringify({ hubId, clientId: `${hubId}-member-${i}`, active: true }),
        )
      }
    }
    // Once both round trips are done, the listener has had all twelve (one server, in order).
    await raw.flush()
    await listener.nc.flush()
    expect(listener.heard).toHaveLength(room.burst)
  })
})
