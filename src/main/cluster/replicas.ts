/**
 * How many copies a clustered room keeps in NATS (`--replicas`): the room's stream, and the
 * buckets its first hub makes.
 */
import type { NatsConnection } from '@nats-io/transport-node'
import { HubError } from '../hub/hub-error'

/** The most copies `--replicas` takes: JetStream's own limit. */
export const MAX_REPLICAS = 5
/** The copies a room gets by default on a cluster of at least this many servers: R3 survives
 * the loss of any one server, and more copies only cost writes. */
export const DEFAULT_REPLICAS = 3

export interface ReplicasChoice {
  /** Copies of the room's stream (and of the buckets this hub makes). */
  count: number
  /** `given`: --replicas; `default`: from the cluster's size. */
  source: 'given' | 'default'
  /** Servers of the NATS cluster, as the server this hub reached lists them. */
  servers: number
}

/** How many servers the NATS cluster has, from the INFO of the server this hub reached: its
 * `connect_urls` list every server of the cluster that takes clients (itself too). */
export function clusterServers(info: NatsConnection['info']): number {
  if (info?.cluster === undefined) return 1
  return Math.max(1, new Set(info.connect_urls ?? []).size)
}

/** R3 on a cluster of three servers or more, else R1; what --replicas says when given. */
export function chooseReplicas(given: number | undefined, servers: number): ReplicasChoice {
  if (given !== undefined) {
    if (!Number.isSafeInteger(given) || given < 1 || given > MAX_REPLICAS) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', `replicas must be 1 to ${MAX_REPLICAS}`)
    }
    return { count: given, source: 'given', servers }
  }
  return { count: servers >= DEFAULT_REPLICAS ? DEFAULT_REPLICAS : 1, source: 'default', servers }
}
