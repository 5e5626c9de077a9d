/**
 * A clustered room's presence and typing, wired between the room's RemoteMembers
 * (hub/remote-members.ts) and NATS: this hub's members go to the presence bucket
 * (presence.ts) and their typing to the typing subject (typing.ts); what the other hubs put
 * there comes back to the room as remote members.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { NatsConnection } from '@nats-io/transport-node'
import type { Member } from '../../shared/protocol'
import type { Logger } from '../hub/logger'
import type { RemoteMembers } from '../hub/remote-members'
import { CLUSTER_TOKEN } from './names'
import { ClusterPresence, type PresenceMember } from './presence'
import { ClusterTyping } from './typing'
import { makeDirectory } from '../make-directory'

/** What a graceful stop waits for this hub's records to be deleted (~5 ms typically). */
const STOP_BOUND_MS = 2_000
/** The file, in a hub's data directory, that keeps its hub id across restarts. */
const HUB_ID_FILE = join('cluster', 'hub-id')

/**
 * This hub's id in its clustered rooms: random once, then kept in the data directory, so that a
 * restarted hub clears what its previous run left in the presence bucket (presence.ts) rather
 * than leaving it to expire. Two hubs must not share a data directory.
 */
export function loadHubId(dataDir: string): string {
  const path = join(dataDir, HUB_ID_FILE)
  try {
    const kept = readFileSync(path, 'utf8').trim()
    if (CLUSTER_TOKEN.test(kept)) return kept
  } catch {
    // None yet (or unreadable): a new one below.
  }
  const id = `hub-${randomBytes(12).toString('base64url')}`
  makeDirectory(join(dataDir, 'cluster'))
  writeFileSync(`${path}.tmp`, `${id}\n`)
  renameSync(`${path}.tmp`, path)
  return id
}

export interface RoomPresenceOptions {
  roomId: string
  hubId: string
  /** Where members can reach this hub (wss://host:port/ws), told to the other hubs. */
  address: string | null
  /** The last seq of the room's stream this hub has read (JetStreamLog.read), told to the
   * other hubs and `lanroom cluster status` in each heartbeat. */
  appliedSeq: () => number
  /** The most join URLs of other hubs a welcome lists (LIMITS.maxHubUrls). */
  maxHubUrls: number
  /** The presence TTL; default PRESENCE_TTL_MS (tests use a short one). */
  ttlMs?: number | undefined
  replicas?: number | undefined
  remote: RemoteMembers
  log: Logger
}

function asMember(record: PresenceMember): Member {
  return {
    clientId: record.clientId,
    name: record.name,
    host: record.host ?? false,
    ...(record.guest ? { guest: true as const } : {}),
  }
}

export class RoomPresence {
  private constructor(
    private readonly presence: ClusterPresence,
    private readonly typing: ClusterTyping,
  ) {}

  /** Starts both, and lets `remote` publish this hub's members. Resolves once the records
   * already in the bucket are known to `remote`. */
  static async start(nc: NatsConnection, options: RoomPresenceOptions): Promise<RoomPresence> {
    const { roomId, hubId, remote, log } = options
    const typing = new ClusterTyping(nc, {
      roomId,
      hubId,
      log,
      onTyping: (signal) => remote.remoteTyping(signal.clientId, signal.active),
    })
    let presence: ClusterPresence
    try {
      presence = await ClusterPresence.start(nc, {
        roomId,
        hubId,
        log,
        ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
        ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
        describe: { address: options.address },
        appliedSeq: options.appliedSeq,
        onJoined: (record) => remote.put(record.hubId, asMember(record)),
        onChanged: (record) => remote.put(record.hubId, asMember(record)),
        onLeft: (record, why) =>
          remote.remove(record.hubId, record.clientId, why === 'expired' ? 'lost' : 'left'),
      })
    } catch (error) {
      typing.stop()
      throw error
    }
    remote.listHubsFrom(() => presence.otherHubUrls(options.maxHubUrls))
    remote.publishTo({
      joined: (member) => void presence.join(member),
      left: (clientId) => void presence.leave(clientId),
      typing: (clientId, active) => typing.publish(clientId, active),
    })
    return new RoomPresence(presence, typing)
  }

  /** Where members can reach this hub, for its next heartbeat (known once it listens): its
   * address (the first of `urls`) and every URL it can be joined at. */
  describe(urls: readonly string[]): void {
    this.presence.describeHub({ address: urls[0] ?? null, urls: [...urls] })
    void this.presence.announce()
  }

  /** Stops. `graceful` takes this hub's members off the list at once; without it (a hub that
   * dies), the other hubs see them leave once the TTL passes. */
  async stop(graceful: boolean): Promise<void> {
    this.typing.stop()
    // Bounded: with NATS out of reach the deletes would wait for their timeouts, and the hub
    // would stop late for nothing (its members then expire on the other hubs).
    const bound = new Promise<void>((resolve) => setTimeout(resolve, STOP_BOUND_MS).unref())
    await Promise.race([this.presence.stop({ graceful }), bound])
  }
}
