/**
 * Who is in a clustered room, on which hub. Each hub keeps its own members in the room's KV
 * bucket `lanroom_presence_<roomId>` (key `<hubId>.<clientId>`) and its own heartbeat record
 * (key `<hubId>._hub`: its address, member count and the last seq of the room's stream it has
 * read), re-puts them all every heartbeat (well under the bucket's TTL) and deletes a member when
 * it leaves. A
 * watcher tells this hub who joined and left on the other hubs; a hub that dies stops its
 * heartbeat, so its members are reported left once the TTL passes without a re-put (the server
 * drops expired values silently, so the watcher keeps its own clock).
 */
import { z } from 'zod'
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv'
import type { NatsConnection, QueuedIterator } from '@nats-io/transport-node'
import { hubUrlProblem, hubUrlScheme, hubUrlsSchema, LIMITS, SCHEMAS } from '../../shared/protocol'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { bucketReady, kvBytes, kvSize, readKvValue } from './kv-value'
import { CLUSTER_TOKEN, presenceBucket } from './names'

/** How long a member or hub stays listed without a heartbeat. Long enough for a hub's event
 * loop to stall a few seconds, short enough that a dead hub's members leave lists soon. */
export const PRESENCE_TTL_MS = 15_000
/** What `start` waits for this hub's first heartbeat to come back through the watcher (after
 * every record already in the bucket): a safety net, typically a few milliseconds. */
const FIRST_BEAT_MS = 10_000
/** A member record is ~150 bytes; a name is at most 240. */
export const MAX_PRESENCE_BYTES = 1024
/** Hubs of one room this hub keeps track of, and members of other hubs: beyond them, records
 * are ignored (and logged once), so a flood of keys cannot grow this hub's memory. A record is
 * one member on one hub: a room holds maxRoomMembers members, and a member moving between hubs
 * is listed by both for a moment, so twice that leaves room for every move at once. */
export const MAX_HUBS = 64
export const MAX_REMOTE_MEMBERS = 2 * LIMITS.maxRoomMembers
/** Join URLs one hub's record lists (as many as fit MAX_PRESENCE_BYTES): the first few of its
 * addresses are enough for a member to find it. */
export const MAX_URLS_PER_HUB = 8
/** The key suffix of a hub's own record; a client id (at least 8 characters) never is one. */
export const HUB_KEY = '_hub'

const token = z.string().regex(CLUSTER_TOKEN)
const memberSchema = z.object({
  name: SCHEMAS.peerDisplayName,
  clientId: SCHEMAS.clientId,
  hubId: token,
  joinedAt: z.number().int().min(0),
  /** As the member list says (optional: records of hubs that did not say are plain members). */
  host: z.boolean().optional(),
  guest: z.literal(true).optional(),
})
const hubSchema = z.object({
  hubId: token,
  /** Where members can reach this hub (wss://host:port/ws), null when it does not say. */
  address: z.string().max(512).nullable(),
  /** Every URL it can be joined at (optional: hubs before it did not say). */
  urls: hubUrlsSchema({ ...LIMITS, maxHubUrls: MAX_URLS_PER_HUB }).optional(),
  /** This hub's own members: at most maxMembers, whatever the room's size. */
  members: z.number().int().min(0).max(LIMITS.maxMembers),
  /** The last seq of the room's stream this hub has read (and applied, or dropped as not an
   * op), as of this heartbeat; null when it does not say. */
  appliedSeq: z.number().int().min(0).nullable(),
  at: z.number().int().min(0),
})

export type PresenceMember = z.infer<typeof memberSchema>
export type HubBeat = z.infer<typeof hubSchema>
/** What a hub says of itself in its heartbeat. */
type Described = Pick<HubBeat, 'address' | 'urls'>

export interface PresenceOptions {
  roomId: string
  hubId: string
  /** The bucket's TTL (max age), ms; default PRESENCE_TTL_MS. */
  ttlMs?: number
  /** JetStream replicas of the bucket when this hub makes it. */
  replicas?: number
  /** What the first heartbeat says of this hub (describeHub changes it later). */
  describe?: Partial<Described>
  /** The last seq of the room's stream this hub has read, asked at each heartbeat (the hub's
   * event log: JetStreamLog.read); without it the heartbeat says null. */
  appliedSeq?: () => number
  onJoined?: (member: PresenceMember) => void
  /** A member of another hub was put again with another name (or flags). */
  onChanged?: (member: PresenceMember) => void
  /** `expired`: not re-put within the TTL (its hub died or lost NATS); `left`: deleted. */
  onLeft?: (member: PresenceMember, why: 'left' | 'expired') => void
  log?: Logger
}

/** Opens (or makes) the presence bucket of `roomId`. */
export async function openPresenceBucket(
  nc: NatsConnection,
  roomId: string,
  options: { ttlMs?: number; replicas?: number } = {},
): Promise<KV> {
  const kv = await new Kvm(nc).create(presenceBucket(roomId), {
    history: 1,
    ttl: options.ttlMs ?? PRESENCE_TTL_MS,
    replicas: options.replicas ?? 1,
    maxValueSize: MAX_PRESENCE_BYTES,
  })
  return bucketReady(kv)
}

/** A presence key's two parts, or null when it is not one. */
export function splitPresenceKey(key: string): { hubId: string; rest: string } | null {
  const dot = key.indexOf('.')
  if (dot < 0) return null
  const hubId = key.slice(0, dot)
  const rest = key.slice(dot + 1)
  if (!CLUSTER_TOKEN.test(hubId) || !CLUSTER_TOKEN.test(rest)) return null
  return { hubId, rest }
}

/** A validated record of the presence bucket: a member, a hub's heartbeat, or neither. */
export function readPresenceEntry(
  entry: Pick<KvWatchEntry, 'key' | 'value'>,
): { member: PresenceMember } | { hub: HubBeat } | null {
  const parts = splitPresenceKey(entry.key)
  if (parts === null) return null
  if (parts.rest === HUB_KEY) {
    const hub = readKvValue(entry, hubSchema, MAX_PRESENCE_BYTES)
    return hub !== null && hub.hubId === parts.hubId ? { hub } : null
  }
  const member = readKvValue(entry, memberSchema, MAX_PRESENCE_BYTES)
  if (member === null || member.hubId !== parts.hubId || member.clientId !== parts.rest) return null
  return { member }
}

function sameListing(a: PresenceMember, b: PresenceMember): boolean {
  return a.name === b.name && a.host === b.host && a.guest === b.guest
}

interface Seen {
  member: PresenceMember
  at: number
}

export class ClusterPresence {
  private readonly own = new Map<string, PresenceMember>()
  private readonly remote = new Map<string, Seen>()
  private readonly hubs = new Map<string, { beat: HubBeat; at: number }>()
  private hubInfo: Described = { address: null }
  private watcher: QueuedIterator<KvWatchEntry> | null = null
  private heartbeat: NodeJS.Timeout | null = null
  private sweeper: NodeJS.Timeout | null = null
  private warnedFull = false
  /** Called with each revision of this hub's own heartbeat the watcher sees. */
  private heard: ((revision: number) => void) | null = null
  private readonly ttlMs: number
  private readonly log: Logger

  private constructor(
    private readonly kv: KV,
    private readonly options: PresenceOptions,
  ) {
    this.ttlMs = options.ttlMs ?? PRESENCE_TTL_MS
    this.log = options.log ?? SILENT_LOGGER
    this.describeHub(options.describe ?? {})
  }

  /** Opens the room's presence bucket, starts watching it and heartbeating. */
  static async start(nc: NatsConnection, options: PresenceOptions): Promise<ClusterPresence> {
    const kv = await openPresenceBucket(nc, options.roomId, options)
    const presence = new ClusterPresence(kv, options)
    await presence.begin()
    return presence
  }

  private async begin(): Promise<void> {
    this.watcher = await this.kv.watch({ key: '>' })
    void this.watch(this.watcher)
    // A quarter of the TTL: two heartbeats may be lost (or late) before anyone times out.
    this.heartbeat = setInterval(() => void this.beat(), this.ttlMs / 4)
    this.sweeper = setInterval(() => this.sweep(), Math.min(1000, this.ttlMs / 4))
    // The watcher delivers in the bucket's order: once this hub's own first heartbeat comes
    // back, every record put before it has been seen, so a first welcome lists the whole room.
    let first = Infinity
    let latest = 0
    const heard = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_BEAT_MS)
      this.heard = (revision) => {
        latest = Math.max(latest, revision)
        if (latest < first) return
        clearTimeout(timer)
        resolve()
      }
    })
    // A heartbeat left by this hub's previous run may come first: only this one counts.
    first = (await this.beat()) ?? 0
    this.heard?.(latest)
    await heard
    this.heard = null
  }

  private async watch(watcher: QueuedIterator<KvWatchEntry>): Promise<void> {
    try {
      for await (const entry of watcher) this.seen(entry)
    } catch (error) {
      this.log.warn({ error: String(error) }, 'cluster presence: the watcher stopped')
    }
  }

  private seen(entry: KvWatchEntry): void {
    const parts = splitPresenceKey(entry.key)
    if (parts === null) return
    if (parts.hubId === this.options.hubId) return this.seenOwn(entry, parts.rest)
    if (entry.operation !== 'PUT') {
      if (parts.rest === HUB_KEY) this.hubs.delete(parts.hubId)
      else this.drop(entry.key, 'left')
      return
    }
    const record = readPresenceEntry(entry)
    if (record === null) {
      this.log.debug({ key: entry.key }, 'cluster presence: a record that is not one, ignored')
      return
    }
    const now = performance.now()
    if ('hub' in record) {
      if (this.hubs.size >= MAX_HUBS && !this.hubs.has(record.hub.hubId)) return this.full()
      this.hubs.set(record.hub.hubId, { beat: record.hub, at: now })
      return
    }
    const known = this.remote.get(entry.key)
    if (known === undefined && this.remote.size >= MAX_REMOTE_MEMBERS) return this.full()
    this.remote.set(entry.key, { member: record.member, at: now })
    if (known === undefined) this.options.onJoined?.(record.member)
    else if (!sameListing(known.member, record.member)) this.options.onChanged?.(record.member)
  }

  /** A member of this hub's id that this hub does not have: left behind by this hub's previous
   * run (a crash, a restart within the TTL). Deleted now, so that the others see it leave at
   * once rather than after the TTL. */
  private seenOwn(entry: KvWatchEntry, clientId: string): void {
    if (entry.operation === 'PUT' && clientId === HUB_KEY) this.heard?.(entry.revision)
    if (entry.operation !== 'PUT' || clientId === HUB_KEY || this.own.has(clientId)) return
    this.kv.delete(entry.key).catch(() => {})
  }

  private full(): void {
    if (this.warnedFull) return
    this.warnedFull = true
    this.log.warn({ roomId: this.options.roomId }, 'cluster presence: too many records, ignored')
  }

  private drop(key: string, why: 'left' | 'expired'): void {
    const known = this.remote.get(key)
    if (known === undefined) return
    this.remote.delete(key)
    this.options.onLeft?.(known.member, why)
  }

  /** Members and hubs not re-put within the TTL are gone (their hub died or lost NATS). */
  private sweep(): void {
    const oldest = performance.now() - this.ttlMs
    for (const [key, seen] of this.remote) if (seen.at < oldest) this.drop(key, 'expired')
    for (const [hubId, seen] of this.hubs) if (seen.at < oldest) this.hubs.delete(hubId)
  }

  private key(clientId: string): string {
    return `${this.options.hubId}.${clientId}`
  }

  /** Puts a record; its revision, or null when it could not. */
  private async put(key: string, value: unknown): Promise<number | null> {
    try {
      return await this.kv.put(key, kvBytes(value, MAX_PRESENCE_BYTES))
    } catch (error) {
      // The next heartbeat puts it again; until then other hubs may miss it.
      this.log.warn({ key, error: String(error) }, 'cluster presence: could not publish')
      return null
    }
  }

  /** Puts this hub's records again; the revision of its heartbeat, or null. */
  private async beat(): Promise<number | null> {
    const beat: HubBeat = {
      hubId: this.options.hubId,
      ...this.hubInfo,
      members: this.own.size,
      appliedSeq: this.options.appliedSeq?.() ?? null,
      at: Date.now(),
    }
    // The record must fit the bucket's value bound: the last URLs go first (long DNS names).
    const urls = beat.urls ? [...beat.urls] : undefined
    while (urls && urls.length > 0 && kvSize({ ...beat, urls }) > MAX_PRESENCE_BYTES) urls.pop()
    const [revision] = await Promise.all([
      this.put(this.key(HUB_KEY), urls ? { ...beat, urls } : beat),
      ...[...this.own.values()].map((member) => this.put(this.key(member.clientId), member)),
    ])
    return revision ?? null
  }

  /** Lists a member of this hub in the cluster, or lists it again as it is now (a rename). */
  async join(member: Omit<PresenceMember, 'hubId' | 'joinedAt'>): Promise<void> {
    const joinedAt = this.own.get(member.clientId)?.joinedAt ?? Date.now()
    const listed = { ...member, hubId: this.options.hubId, joinedAt }
    this.own.set(member.clientId, listed)
    await this.put(this.key(member.clientId), listed)
  }

  /** Takes a member of this hub off the cluster's list. */
  async leave(clientId: string): Promise<void> {
    if (!this.own.delete(clientId)) return
    await this.kv.delete(this.key(clientId)).catch((error: unknown) => {
      this.log.warn({ clientId, error: String(error) }, 'cluster presence: could not delete')
    })
  }

  /** What this hub's next heartbeat says of where it can be joined: not published at once
   * (announce does). */
  describeHub(info: Partial<Described>): void {
    const urls = info.urls?.filter((url) => hubUrlProblem(url) === null).slice(0, MAX_URLS_PER_HUB)
    this.hubInfo = { ...this.hubInfo, ...info, ...(urls ? { urls } : {}) }
  }

  /** Puts this hub's records now rather than at the next heartbeat (its join URLs, known once
   * it listens, reach the other hubs' welcomes at once). */
  async announce(): Promise<void> {
    await this.beat()
  }

  /** The members of the other hubs, as last heard. */
  remoteMembers(): PresenceMember[] {
    return [...this.remote.values()].map((seen) => seen.member)
  }

  /**
   * The join URLs of the other hubs heard within the TTL (a hub past it is dead, even before the
   * sweep drops it), at most `max`, none of this hub's own, only of this hub's scheme (its
   * members on wss never go to a ws hub, those on ws cannot check a wss one: another scheme's
   * URL would only take a place in the list): each hub's first URL, then each one's second, and
   * so on, from a hub chosen at random, so that the members of a hub that dies spread over the
   * others rather than all trying the same one first.
   */
  otherHubUrls(max: number, random: () => number = Math.random): string[] {
    const oldest = performance.now() - this.ttlMs
    const lists = [...this.hubs.values()]
      .filter((seen) => seen.at >= oldest)
      .map((seen) => seen.beat.urls ?? [])
    const start = Math.floor(random() * lists.length)
    const rotated = [...lists.slice(start), ...lists.slice(0, start)]
    const own = new Set(this.hubInfo.urls)
    const first = this.hubInfo.urls?.[0]
    const usable = (url: string): boolean =>
      !own.has(url) && (first === undefined || hubUrlScheme(url) === hubUrlScheme(first))
    const urls = new Set<string>()
    for (let rank = 0; rank < MAX_URLS_PER_HUB; rank++) {
      for (const list of rotated) {
        if (urls.size >= max) return [...urls]
        const url = list[rank]
        if (url !== undefined && usable(url)) urls.add(url)
      }
    }
    return [...urls]
  }

  /** The other hubs' last heartbeats. */
  otherHubs(): HubBeat[] {
    return [...this.hubs.values()].map((seen) => seen.beat)
  }

  /** Stops heartbeating and watching. `graceful` also deletes this hub's records, so that the
   * others see its members leave at once rather than after the TTL. */
  async stop({ graceful = true }: { graceful?: boolean } = {}): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    if (this.sweeper) clearInterval(this.sweeper)
    this.heartbeat = this.sweeper = null
    this.watcher?.stop()
    this.watcher = null
    if (!graceful) return
    const keys = [HUB_KEY, ...this.own.keys()].map((id) => this.key(id))
    this.own.clear()
    await Promise.all(keys.map((key) => this.kv.delete(key).catch(() => {})))
  }
}
