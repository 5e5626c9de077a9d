import { readFileSync } from 'node:fs'
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node'
import {
  jetstream,
  type JetStreamClient,
  type JetStreamManager,
  type StreamInfo,
} from '@nats-io/jetstream'
import { Kvm, type KV } from '@nats-io/kv'
import { findRoom, type RoomIdentity } from '../main/cluster/identity'
import { isStreamNotFound } from '../main/cluster/kv-value'
import { presenceBucket, roomStream, ROOMS_BUCKET } from '../main/cluster/names'
import {
  MAX_HUBS,
  MAX_REMOTE_MEMBERS,
  readPresenceEntry,
  type HubBeat,
  type PresenceMember,
} from '../main/cluster/presence'
import { counted, printable } from './format'

/** `lanroom cluster status` exit codes (README, --help). */
export const STATUS_EXIT = {
  healthy: 0,
  unreachable: 1,
  usage: 2,
  noRoom: 3,
  degraded: 4,
} as const

export interface ClusterStatusOptions {
  room: string
  servers: string[]
  credsFile?: string
  timeoutMs: number
  json: boolean
}

export interface ReplicaStatus {
  name: string
  leader: boolean
  current: boolean
  offline: boolean
  /** Operations behind the leader (0 for the leader). */
  lag: number
}

export interface HubStatus {
  hubId: string
  address: string | null
  /** Every URL the hub says it can be joined at (what welcomes list); empty when it did not say. */
  urls: string[]
  appliedSeq: number | null
  /** The stream's last seq minus appliedSeq; null when either is unknown. */
  lag: number | null
  /** Milliseconds since the hub's last heartbeat reached NATS; null: no heartbeat record. */
  heartbeatAgeMs: number | null
  members: Array<Pick<PresenceMember, 'name' | 'clientId' | 'joinedAt'>>
}

export interface ClusterStatus {
  room: { id: string; name: string; epoch: string; fingerprint: string | null; passphrase: boolean }
  stream: {
    name: string
    lastSeq: number
    messages: number
    /** Copies of the stream its config asks for (`num_replicas`). */
    replicaCount: number
    /** The servers holding a copy, as the JetStream cluster reports them (its leader first, then
     * the followers); empty from a nats-server outside a cluster, which reports none. */
    replicas: ReplicaStatus[]
  } | null
  hubs: HubStatus[]
  /** Presence records beyond what is read (MAX_HUBS + MAX_REMOTE_MEMBERS) were left out. */
  truncated: boolean
  /** Why the exit code is 4, one sentence each; empty when healthy. */
  problems: string[]
}

async function natsConnection(
  options: ClusterStatusOptions,
  creds: Uint8Array | null,
): Promise<NatsConnection> {
  return connect({
    servers: options.servers,
    timeout: options.timeoutMs,
    reconnect: false,
    name: 'lanroom cluster status',
    ...(creds !== null ? { authenticator: credsAuthenticator(creds) } : {}),
  })
}

async function streamStatus(jsm: JetStreamManager, id: string): Promise<ClusterStatus['stream']> {
  let info: StreamInfo
  try {
    info = await jsm.streams.info(roomStream(id))
  } catch (error) {
    if (isStreamNotFound(error)) return null
    throw error
  }
  const leader = info.cluster?.leader
  const replicas: ReplicaStatus[] = [
    ...(leader !== undefined
      ? [{ name: leader, leader: true, current: true, offline: false, lag: 0 }]
      : []),
    ...(info.cluster?.replicas ?? []).map((peer) => ({
      name: peer.name,
      leader: false,
      current: peer.current,
      offline: peer.offline,
      lag: peer.lag ?? 0,
    })),
  ]
  return {
    name: info.config.name,
    lastSeq: info.state.last_seq,
    messages: info.state.messages,
    // JetStream reads an unset (0) num_replicas as 1.
    replicaCount: Math.max(1, info.config.num_replicas),
    replicas,
  }
}

/** The presence bucket's records, read without making the bucket, at most `max`. */
async function presenceRecords(
  js: JetStreamClient,
  id: string,
): Promise<{
  hubs: Map<string, { beat: HubBeat; created: Date }>
  members: PresenceMember[]
  truncated: boolean
}> {
  const hubs = new Map<string, { beat: HubBeat; created: Date }>()
  const members: PresenceMember[] = []
  let kv: KV
  try {
    kv = await new Kvm(js).open(presenceBucket(id))
    await kv.status()
  } catch (error) {
    if (isStreamNotFound(error)) return { hubs, members, truncated: false }
    throw error
  }
  let read = 0
  let truncated = false
  for await (const key of await kv.keys()) {
    if (read >= MAX_HUBS + MAX_REMOTE_MEMBERS) {
      truncated = true
      break
    }
    read += 1
    const entry = await kv.get(key)
    if (entry === null || entry.operation !== 'PUT') continue
    const record = readPresenceEntry(entry)
    if (record === null) continue
    if ('hub' in record) hubs.set(record.hub.hubId, { beat: record.hub, created: entry.created })
    else members.push(record.member)
  }
  return { hubs, members, truncated }
}

function problemsOf(status: Omit<ClusterStatus, 'problems'>): string[] {
  const problems: string[] = []
  if (status.hubs.length === 0) problems.push('no hub serves the room')
  if (status.stream === null) problems.push("the room's stream does not exist")
  for (const replica of status.stream?.replicas ?? []) {
    if (replica.offline) problems.push(`stream replica ${replica.name} is offline`)
    else if (!replica.current) problems.push(`stream replica ${replica.name} is not current`)
  }
  if (
    status.stream !== null &&
    status.stream.replicas.length > 0 &&
    !status.stream.replicas.some((r) => r.leader)
  ) {
    problems.push('the stream has no leader')
  }
  for (const hub of status.hubs) {
    if (hub.heartbeatAgeMs === null) problems.push(`hub ${hub.hubId} has members but no heartbeat`)
  }
  return problems
}

/** Everything `lanroom cluster status` says of `room`, or null when the cluster has no such room. */
export async function gatherStatus(
  nc: NatsConnection,
  room: string,
  timeoutMs = 5000,
): Promise<ClusterStatus | null> {
  const js = jetstream(nc, { timeout: timeoutMs })
  let identity: RoomIdentity | null
  try {
    identity = await findRoom(await new Kvm(js).open(ROOMS_BUCKET), room)
  } catch (error) {
    // No bucket: no room was ever served through this cluster. Anything else (no JetStream
    // quorum, a timeout) is not an answer.
    if (!isStreamNotFound(error)) throw error
    identity = null
  }
  if (identity === null) return null
  const [stream, presence] = await Promise.all([
    streamStatus(await js.jetstreamManager(), identity.id),
    presenceRecords(js, identity.id),
  ])
  const now = Date.now()
  const hubIds = new Set([...presence.hubs.keys(), ...presence.members.map((m) => m.hubId)])
  const hubs: HubStatus[] = [...hubIds].sort().map((hubId) => {
    const heard = presence.hubs.get(hubId)
    const appliedSeq = heard?.beat.appliedSeq ?? null
    return {
      hubId,
      address: heard?.beat.address ?? null,
      urls: heard?.beat.urls ?? [],
      appliedSeq,
      lag: appliedSeq !== null && stream !== null ? Math.max(0, stream.lastSeq - appliedSeq) : null,
      heartbeatAgeMs: heard !== undefined ? Math.max(0, now - heard.created.getTime()) : null,
      members: presence.members
        .filter((m) => m.hubId === hubId)
        .map(({ name, clientId, joinedAt }) => ({ name, clientId, joinedAt }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
  })
  const status = {
    room: {
      id: identity.id,
      name: identity.name,
      epoch: identity.epoch,
      fingerprint: identity.fingerprint,
      passphrase: identity.verifier !== null,
    },
    stream,
    hubs,
    truncated: presence.truncated,
  }
  return { ...status, problems: problemsOf(status) }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/** The human-readable report (README: "lanroom cluster status"). */
export function statusLines(status: ClusterStatus): string[] {
  const { room, stream } = status
  const memberCount = status.hubs.reduce((n, hub) => n + hub.members.length, 0)
  const lines = [
    `Room: ${printable(room.name)} (id ${room.id}, epoch ${room.epoch})`,
    `Certificate: ${room.fingerprint ?? 'none (not encrypted)'}; passphrase: ${room.passphrase ? 'yes' : 'no'}`,
  ]
  if (stream === null) lines.push('Stream: none')
  else {
    lines.push(
      `Stream: ${stream.name}, last seq ${stream.lastSeq}, ${counted(stream.messages, 'message')}, ${counted(stream.replicaCount, 'replica')}`,
    )
    for (const r of stream.replicas) {
      const state = r.leader ? 'leader' : r.offline ? 'offline' : r.current ? 'current' : 'behind'
      lines.push(`  replica ${r.name}: ${state}, lag ${r.lag}`)
    }
  }
  lines.push(`Hubs: ${status.hubs.length}, members: ${memberCount}`)
  for (const hub of status.hubs) {
    const applied =
      hub.appliedSeq === null
        ? 'applied seq unknown'
        : `applied seq ${hub.appliedSeq} (lag ${hub.lag ?? 'unknown'})`
    const heartbeat =
      hub.heartbeatAgeMs === null ? 'no heartbeat' : `heartbeat ${seconds(hub.heartbeatAgeMs)} ago`
    lines.push(
      `  hub ${hub.hubId}: ${printable(hub.address ?? 'address unknown')}, ${counted(hub.members.length, 'member')}, ${applied}, ${heartbeat}`,
    )
    const also = hub.urls.filter((url) => url !== hub.address)
    if (also.length > 0) lines.push(`    also at ${also.join(', ')}`)
    for (const member of hub.members)
      lines.push(`    ${printable(member.name)} (${member.clientId})`)
  }
  if (status.truncated) lines.push('(more presence records than shown: some were left out)')
  for (const problem of status.problems) lines.push(`Problem: ${problem}`)
  return lines
}

/** `lanroom cluster status ROOM`: prints the report, returns the exit code. */
export async function clusterStatus(options: ClusterStatusOptions): Promise<number> {
  let creds: Uint8Array | null = null
  if (options.credsFile !== undefined) {
    try {
      creds = new Uint8Array(readFileSync(options.credsFile))
    } catch {
      process.stderr.write(`lanroom: cannot read the credentials file ${options.credsFile}\n`)
      return STATUS_EXIT.usage
    }
  }
  let nc: NatsConnection
  try {
    nc = await natsConnection(options, creds)
  } catch (error) {
    process.stderr.write(
      `lanroom: could not connect to NATS at ${options.servers.join(',')}: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return STATUS_EXIT.unreachable
  }
  try {
    const status = await gatherStatus(nc, options.room, options.timeoutMs)
    if (status === null) {
      process.stderr.write(`lanroom: no room "${printable(options.room)}" in this NATS cluster\n`)
      return STATUS_EXIT.noRoom
    }
    process.stdout.write(
      options.json ? `${JSON.stringify(status)}\n` : `${statusLines(status).join('\n')}\n`,
    )
    return status.problems.length > 0 ? STATUS_EXIT.degraded : STATUS_EXIT.healthy
  } catch (error) {
    process.stderr.write(
      `lanroom: could not read the cluster's status: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return STATUS_EXIT.unreachable
  } finally {
    await nc.close().catch(() => {})
  }
}
