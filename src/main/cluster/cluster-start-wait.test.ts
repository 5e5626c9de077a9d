import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS, SCHEMAS } from '../../shared/protocol'
import { HubError } from '../hub/hub-error'
import { SILENT_LOGGER } from '../hub/logger'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { startClusteredRoom, type ClusterStartOptions } from './cluster-start'

// A hub started while its NATS cluster has no JetStream leader (machines booting together):
// it waits for one, for a while, instead of failing at once.

let nats: NatsCluster | null = null
afterEach(async () => {
  await nats?.stop()
  nats = null
})

function options(
  urls: string[],
  roomName: string,
  jetStreamWaitMs: number,
  logger = SILENT_LOGGER,
): ClusterStartOptions {
  return {
    nats: { servers: urls },
    roomName,
    fingerprint: null,
    passphrase: undefined,
    verifier: null,
    maxMessageBytes: LIMITS.maxFrameBytes,
    schemas: SCHEMAS,
    logger,
    jetStreamWaitMs,
  }
}

describe.skipIf(!natsServerInstalled)(
  'a clustered hub starting before JetStream has a leader',
  () => {
    it('waits for the leader, then opens the room', async () => {
      const cluster = await startNatsCluster({ servers: 3 })
      nats = cluster
      await cluster.kill(1)
      await cluster.kill(2)
      // One server of three: no quorum, no leader. The hub connects, its first question times
      // out, and it asks again: only then do the others come back.
      const waits: string[] = []
      const logger = { ...SILENT_LOGGER, warn: (_: object, message: string) => waits.push(message) }
      let settled = false
      const starting = startClusteredRoom(
        options(cluster.urls, 'Boot room', 120_000, logger),
      ).finally(() => (settled = true))
      await expect.poll(() => waits.length, { timeout: 150_000, interval: 100 }).toBeGreaterThan(0)
      expect(waits[0]).toMatch(/JetStream does not answer yet/)
      expect(settled).toBe(false)
      await cluster.restart(1)
      await cluster.restart(2)
      const room = await starting
      expect(room.identity.name).toBe('Boot room')
      expect(room.log.roomId).toBe(room.identity.id)
      await room.log.close()
    }, 300_000)

    it('fails to start (HUB_ERR_CLUSTER) when JetStream stays without a leader', async () => {
      const cluster = await startNatsCluster({ servers: 3 })
      nats = cluster
      await cluster.kill(1)
      await cluster.kill(2)
      const error = await startClusteredRoom(options(cluster.urls, 'Down room', 1_000)).catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(HubError)
      expect((error as HubError).code).toBe('HUB_ERR_CLUSTER')
    }, 300_000)
  },
)
