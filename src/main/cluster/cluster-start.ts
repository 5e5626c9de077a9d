/**
 * The start of a clustered room (`Hub.start` with `nats`): connect, choose the replicas, claim or
 * adopt the room's identity in the cluster, then open its stream. What the hub then serves (room
 * id, epoch, passphrase verifier) is the cluster's, not this hub's own.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { TimeoutError, type NatsConnection } from '@nats-io/transport-node'
import { JetStreamApiError } from '@nats-io/jetstream'
import type { KV } from '@nats-io/kv'
import type { Schemas } from '../../shared/protocol'
import { HubError } from '../hub/hub-error'
import { newRoomId } from '../hub/room-id'
import type { Logger } from '../hub/logger'
import type { PassphraseCheck } from '../hub/passphrase-check'
import type { PassphraseVerifier } from '../security/passphrase'
import { connectNats, JetStreamLog, type NatsOptions } from './event-log'
import { chooseReplicas, clusterServers, type ReplicasChoice } from './replicas'
import {
  claimRoomIdentity,
  openRoomsBucket,
  recordEpoch,
  roomVerifier,
  type IdentityOutcome,
  type RoomIdentity,
} from './identity'

export interface ClusterStartOptions {
  nats: NatsOptions & { replicas?: number | undefined }
  roomName: string
  /** SHA-256 of this hub's certificate's public key, or null without TLS. */
  fingerprint: string | null
  /** The passphrase this hub was given (checked against the room's), or undefined. */
  passphrase: string | undefined
  /** OPAQUE's record of that passphrase, which the first hub of the room records. */
  verifier: PassphraseCheck | null
  maxMessageBytes: number
  schemas: Schemas
  logger: Logger
  /** How long to wait for JetStream to answer when NATS is reachable but has no leader yet.
   * Default JETSTREAM_WAIT_MS. */
  jetStreamWaitMs?: number | undefined
}

/**
 * How long a starting hub waits for JetStream when the NATS servers answer but JetStream does
 * not yet (a cluster electing its leader as its machines boot together, a few seconds): long
 * enough for that, short enough that a cluster that stays down is told as a failure to start.
 */
export const JETSTREAM_WAIT_MS = 60_000
/** Waits between tries, growing to the last. */
const JETSTREAM_RETRY_MS = [250, 500, 1000, 2000]

export interface ClusteredRoom {
  log: JetStreamLog
  /** The room as the cluster records it; its epoch is the stream's. */
  identity: RoomIdentity
  /** The room's passphrase check (the cluster's verifier), or null for an open room. */
  verifier: PassphraseCheck | null
  replicas: ReplicasChoice
}

/** A fresh token: a room id or a placeholder epoch. */
function newToken(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * An answer JetStream gives while it has no leader, or while another hub's creation of the
 * bucket is still being agreed on (its create timed out here, and the bucket is not there yet):
 * worth asking again.
 */
function notReadyYet(error: unknown): boolean {
  if (error instanceof TimeoutError) return true
  // 10008: "JetStream system temporarily unavailable"; 10059: "stream not found".
  return error instanceof JetStreamApiError && (error.code === 10008 || error.code === 10059)
}

/**
 * Opens the cluster's record of rooms, the first thing a hub asks JetStream: while JetStream has
 * no leader, asks again (logging each wait) until `waitMs` has passed.
 */
async function roomsBucketWhenReady(
  nc: NatsConnection,
  replicas: number,
  waitMs: number,
  logger: Logger,
): Promise<KV> {
  const deadline = Date.now() + waitMs
  for (let attempt = 0; ; attempt++) {
    try {
      return await openRoomsBucket(nc, replicas)
    } catch (error) {
      if (!notReadyYet(error) || Date.now() >= deadline) throw error
      const wait = JETSTREAM_RETRY_MS[Math.min(attempt, JETSTREAM_RETRY_MS.length - 1)] ?? 2000
      logger.warn(
        { error: String(error), retryInMs: wait },
        'JetStream does not answer yet (no leader?): waiting for it',
      )
      await sleep(wait)
    }
  }
}

function refused(outcome: IdentityOutcome & { ok: false }): HubError {
  return new HubError(outcome.code, outcome.message)
}

/** The hub's check of the cluster's verifier: OPAQUE's server steps, loaded on demand. */
async function checkOf(verifier: PassphraseVerifier): Promise<PassphraseCheck> {
  const opaque = await import('../security/passphrase')
  await opaque.passphraseReady
  return {
    verifier,
    start: (login) => opaque.serverStartLogin(verifier, login),
    finish: (state, finish) => opaque.serverFinishLogin(verifier, state, finish),
  }
}

/**
 * Connects to the cluster and opens the room there: its identity first (claimed when this hub
 * is the room's first, adopted otherwise, refused with a CLUSTER_ERR_* HubError when this hub's
 * certificate or passphrase is not the room's), then its stream, whose epoch the identity then
 * carries. Throws HUB_ERR_CLUSTER when NATS cannot be reached or used.
 */
export async function startClusteredRoom(options: ClusterStartOptions): Promise<ClusteredRoom> {
  const { nats, logger } = options
  const unreachable = (error: unknown): HubError => {
    if (error instanceof HubError) return error
    const reason = error instanceof Error ? error.message : String(error)
    return new HubError(
      'HUB_ERR_CLUSTER',
      `cannot serve the room through NATS (${nats.servers.join(', ')}): ${reason}`,
    )
  }
  const nc = await connectNats(nats, `lanroom hub "${options.roomName}"`).catch((error) => {
    throw unreachable(error)
  })
  try {
    const replicas = chooseReplicas(nats.replicas, clusterServers(nc.info))
    const kv = await roomsBucketWhenReady(
      nc,
      replicas.count,
      options.jetStreamWaitMs ?? JETSTREAM_WAIT_MS,
      logger,
    )
    const own = options.verifier?.verifier ?? null
    const claimed = await claimRoomIdentity(
      kv,
      {
        id: newRoomId(16),
        name: options.roomName,
        epoch: newToken(),
        verifier: own && {
          serverSetup: own.serverSetup,
          registrationRecord: own.registrationRecord,
        },
        fingerprint: options.fingerprint,
      },
      { passphrase: options.passphrase },
    )
    if (!claimed.ok) throw refused(claimed)
    const log = await JetStreamLog.open(nc, {
      roomId: claimed.identity.id,
      replicas: replicas.count,
      maxMessageBytes: options.maxMessageBytes,
      schemas: options.schemas,
      logger,
    })
    const recorded = await recordEpoch(kv, claimed.identity, log.epoch)
    if (!recorded.ok) throw refused(recorded)
    if (log.replicas !== replicas.count) {
      logger.warn(
        { stream: log.stream, replicas: log.replicas, asked: replicas.count },
        "the room's stream was made earlier with another number of replicas: it keeps them",
      )
    }
    const identity = recorded.identity
    const verifier = roomVerifier(identity)
    logger.info(
      {
        roomId: identity.id,
        created: claimed.created,
        replicas: log.replicas,
        replicasChosen: replicas.count,
        replicasSource: replicas.source,
        natsServers: replicas.servers,
      },
      claimed.created ? 'recorded the room in the cluster' : "adopted the cluster's room",
    )
    return {
      log,
      identity,
      verifier: verifier === null ? null : await checkOf(verifier),
      replicas,
    }
  } catch (error) {
    await nc.close().catch(() => {})
    throw unreachable(error)
  }
}
