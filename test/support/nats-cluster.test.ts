import { describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { natsServerInstalled, startNatsCluster } from './nats-cluster'
import { perTest } from './scope'

const scope = perTest()

/** `attempt` until it resolves; a safety net of 30 s (an election takes ~2 s here). */
async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

describe.skipIf(!natsServerInstalled)('the NATS cluster harness', () => {
  it('runs one JetStream server', async () => {
    const nats = scope.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
    const nc = scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({ name: 'ONE', subjects: ['one.>'] })
    const ack = await jetstream(nc).publish('one.x', 'hello')
    expect(ack.seq).toBe(1)
  })

  it('runs three clustered servers whose R3 stream survives the loss of one', async () => {
    const nats = scope.keep(await startNatsCluster({ servers: 3 }), (n) => n.stop())
    expect(new Set(nats.names).size).toBe(3)
    // Connected to the last server only, so that killing the first does not move the client.
    const nc = scope.keep(await connect({ servers: nats.urls[2]! }), (c) => c.close())
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({ name: 'THREE', subjects: ['three.>'], num_replicas: 3 })
    const js = jetstream(nc)
    expect((await js.publish('three.x', 'before')).seq).toBe(1)
    const info = await jsm.streams.info('THREE')
    expect(
      [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)].sort(),
    ).toEqual(nats.names)

    await nats.kill(0)
    expect(nats.running(0)).toBe(false)
    // Until the two left elect a new stream leader nobody answers; the message id makes the
    // retry safe (JetStream drops a second copy).
    const ack = await retry(() => js.publish('three.x', 'after', { msgID: 'after' }))
    expect(ack.seq).toBe(2)

    await nats.restart(0)
    expect(nats.running(0)).toBe(true)
    const again = scope.keep(await connect({ servers: nats.urls[0]! }), (c) => c.close())
    await expect
      .poll(
        async () => (await (await jetstreamManager(again)).streams.info('THREE')).state.messages,
        {
          timeout: 30_000,
        },
      )
      .toBe(2)
  })
})
