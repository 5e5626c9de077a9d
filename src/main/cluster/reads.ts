/**
 * Read positions across the hubs of a clustered room. Each hub relays the positions its own
 * members set (one batch per readRelayMs, the batch its own members get) on the core NATS
 * subject `lanroom.<roomId>.reads`, and keeps them in the KV bucket `lanroom_reads_<roomId>`
 * (key = client id, value `{clientId, seq}`), written at most every READS_KV_INTERVAL_MS and
 * when the hub stops, only ever forward. Every hub watches the bucket and listens on the
 * subject: a hub that starts later reads the bucket before it welcomes anyone, and a member who
 * moves to another hub finds its position and everyone else's there.
 *
 * What is read is as hostile as a frame from the network: bounded in bytes before it is parsed,
 * validated (the protocol's read position, the key must be the record's client id), relays
 * rate-bounded per hub; what fails is dropped and counted in a warning at most once a minute.
 * A position past the room's last seq is for the room (read-positions.ts) to keep aside.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { Kvm, type KV, type KvEntry, type KvWatchEntry } from '@nats-io/kv'
import type { NatsConnection, QueuedIterator, Subscription } from '@nats-io/transport-node'
import { LIMITS, SCHEMAS, type ReadPosition } from '../../shared/protocol'
import { HubError } from '../hub/hub-error'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import type { SharedReads } from '../hub/read-positions'
import { BucketTable, TokenBucket } from '../hub/token-bucket'
import { bucketReady, kvBytes, readKvValue } from './kv-value'
import { CLUSTER_TOKEN, readsBucket, readsSubject } from './names'
import { MAX_HUBS } from './presence'

/** A record is ~70 bytes: a client id of at most 64 and a seq. The bucket's value bound too. */
export const MAX_READ_RECORD_BYTES = 256
/** Positions in one relay message: a hub's batch (at most maxReadPositions) goes in chunks. */
export const READS_PER_RELAY = 256
/** A relay of READS_PER_RELAY records of at most ~100 bytes each, with room to spare. */
export const MAX_READS_RELAY_BYTES = 32 * 1024
/** How often a hub writes its members' new positions to the bucket (as a single hub writes
 * reads.json): a hub killed outright loses at most this much, which members report again. */
export const READS_KV_INTERVAL_MS = 5_000
/** A hub relays one batch per readRelayMs (1 s), at most four chunks: twice that, per hub. */
const RELAYS_PER_SECOND = 8
const RELAY_BURST = 16
/** What a hub waits for the bucket's contents before it serves without them (logged). */
const INITIAL_LOAD_MS = 15_000
/** Tries of a forward-only write that another hub's write to the same key raced. */
const PUT_ATTEMPTS = 3

const relaySchema = z.object({
  hubId: z.string().regex(CLUSTER_TOKEN),
  positions: z.array(SCHEMAS.readPosition).min(1).max(READS_PER_RELAY),
})

export interface ClusterReadsOptions {
  roomId: string
  /** JetStream replicas of the bucket when this hub makes it. */
  replicas?: number | undefined
  /** How often new positions are written to the bucket; default READS_KV_INTERVAL_MS. */
  kvIntervalMs?: number | undefined
  log?: Logger | undefined
}

/** A validated record of the bucket, or null. */
export function readReadRecord(entry: Pick<KvEntry, 'key' | 'value'>): ReadPosition | null {
  const record = readKvValue(entry, SCHEMAS.readPosition, MAX_READ_RECORD_BYTES)
  return record !== null && record.clientId === entry.key ? record : null
}

export class ClusterReads implements SharedReads {
  /** This run of this hub, to know its own relays when they come back. */
  private readonly hubId = randomBytes(12).toString('base64url')
  private readonly subject: string
  private readonly log: Logger
  private readonly hubs = new BucketTable(
    () => new TokenBucket(RELAYS_PER_SECOND, RELAY_BURST),
    MAX_HUBS,
  )
  private subscription: Subscription | null = null
  private watcher: QueuedIterator<KvWatchEntry> | null = null
  /** Where positions heard go; until the room attaches, they wait in `early`. */
  private merge: ((positions: readonly ReadPosition[]) => void) | null = null
  private readonly early = new Map<string, number>()
  /** Own members' positions not written to the bucket yet. */
  private readonly unwritten = new Map<string, number>()
  private writer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()
  private stopped = false
  private dropped = 0
  private quietUntil = -Infinity

  private constructor(
    private readonly nc: NatsConnection,
    private readonly kv: KV,
    private readonly options: ClusterReadsOptions,
  ) {
    this.subject = readsSubject(options.roomId)
    this.log = options.log ?? SILENT_LOGGER
  }

  /** Opens (or makes) the room's bucket, reads what it holds, and starts listening. */
  static async start(nc: NatsConnection, options: ClusterReadsOptions): Promise<ClusterReads> {
    const bucket = readsBucket(options.roomId)
    try {
      const kv = await new Kvm(nc).create(bucket, {
        history: 1,
        replicas: options.replicas ?? 1,
        maxValueSize: MAX_READ_RECORD_BYTES,
      })
      const reads = new ClusterReads(nc, await bucketReady(kv), options)
      await reads.begin()
      return reads
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new HubError('HUB_ERR_CLUSTER', `cannot open the read positions ${bucket}: ${reason}`)
    }
  }

  private async begin(): Promise<void> {
    this.subscription = this.nc.subscribe(this.subject, {
      callback: (error, message) => {
        if (error === null) this.relayed(message.data)
      },
    })
    const watcher = (this.watcher = await this.kv.watch({ key: '>' }))
    let loaded = (): void => {}
    const initial = new Promise<boolean>((resolve) => (loaded = () => resolve(true)))
    // An empty bucket sends nothing until its first write.
    if ((await this.kv.status()).values === 0) loaded()
    void this.watch(watcher, loaded)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), INITIAL_LOAD_MS)
    })
    if (!(await Promise.race([initial, late]))) {
      this.log.warn({ roomId: this.options.roomId }, 'cluster reads: the bucket was not read')
    }
    clearTimeout(timer)
    await this.nc.flush()
  }

  private async watch(watcher: QueuedIterator<KvWatchEntry>, loaded: () => void): Promise<void> {
    try {
      for await (const entry of watcher) {
        if (entry.operation === 'PUT') {
          const record = readReadRecord(entry)
          if (record === null) this.drop('not a read position record')
          else this.heard([record])
        }
        // The watcher marks the last value it held when it started as the first update.
        if (entry.isUpdate || entry.delta === 0) loaded()
      }
    } catch (error) {
      if (!this.stopped) this.log.warn({ error: String(error) }, 'cluster reads: watcher stopped')
    }
  }

  private relayed(data: Uint8Array): void {
    if (this.stopped) return
    const relay = readKvValue({ value: data }, relaySchema, MAX_READS_RELAY_BYTES)
    if (relay === null) return this.drop('not a read positions relay')
    if (relay.hubId === this.hubId) return
    if (!this.hubs.get(relay.hubId).take()) return this.drop('hub over its rate')
    this.heard(relay.positions)
  }

  private heard(positions: readonly ReadPosition[]): void {
    if (this.merge) return this.merge(positions)
    for (const { clientId, seq } of positions) keepForward(this.early, clientId, seq)
  }

  /** Counts what was dropped; says so at most once a minute. */
  private drop(why: string): void {
    this.dropped += 1
    if (performance.now() < this.quietUntil) return
    this.quietUntil = performance.now() + 60_000
    this.log.warn({ dropped: this.dropped, why }, 'cluster reads: dropped')
    this.dropped = 0
  }

  attach(merge: (positions: readonly ReadPosition[]) => void): void {
    this.merge = merge
    const early = [...this.early].map(([clientId, seq]) => ({ clientId, seq }))
    this.early.clear()
    if (early.length > 0) merge(early)
  }

  /** The hub's own members' new positions: to the other hubs now, to the bucket soon. */
  publish(positions: readonly ReadPosition[]): void {
    if (this.stopped) return
    for (let i = 0; i < positions.length; i += READS_PER_RELAY) {
      const chunk = positions.slice(i, i + READS_PER_RELAY)
      try {
        this.nc.publish(
          this.subject,
          kvBytes({ hubId: this.hubId, positions: chunk }, MAX_READS_RELAY_BYTES),
        )
      } catch (error) {
        // NATS is away: the bucket still gets them, and other hubs read them there.
        this.log.warn({ error: String(error) }, 'cluster reads: could not relay')
        break
      }
    }
    for (const { clientId, seq } of positions) keepForward(this.unwritten, clientId, seq)
    if (this.writer) return
    this.writer = setTimeout(() => {
      this.writer = null
      void this.write()
    }, this.options.kvIntervalMs ?? READS_KV_INTERVAL_MS)
    this.writer.unref()
  }

  /** Writes the positions waiting, after any write still under way. */
  private write(): Promise<void> {
    const positions = [...this.unwritten]
    this.unwritten.clear()
    this.writing = this.writing.then(async () => {
      const written = await Promise.all(
        positions.map(([clientId, seq]) => this.putForward(clientId, seq)),
      )
      const failed = written.filter((ok) => !ok).length
      // A courtesy, like reads.json: members report their positions again as they read on.
      if (failed > 0) this.log.warn({ failed }, 'cluster reads: could not write positions')
    })
    return this.writing
  }

  /** Writes a position unless the bucket already holds one as far or further: two hubs writing
   * the same member's position at once must not move it back. */
  private async putForward(clientId: string, seq: number): Promise<boolean> {
    const bytes = kvBytes({ clientId, seq }, MAX_READ_RECORD_BYTES)
    for (let attempt = 1; attempt <= PUT_ATTEMPTS; attempt++) {
      try {
        const entry = await this.kv.get(clientId)
        const known = entry?.operation === 'PUT' ? readReadRecord(entry) : null
        if (known !== null && known.seq >= seq) return true
        if (entry === null) await this.kv.create(clientId, bytes)
        else await this.kv.update(clientId, bytes, entry.revision)
        return true
      } catch {
        // Another hub wrote the key in between (or NATS is away): read it again.
      }
    }
    return false
  }

  /**
   * Stops listening; `graceful` writes what is waiting first, while the connection is open (a
   * hub's stop closes it with the room's log: its members' last positions were relayed to the
   * other hubs then, and are in its own reads.json, but may miss the bucket).
   */
  async stop({ graceful = true }: { graceful?: boolean } = {}): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    if (this.writer) clearTimeout(this.writer)
    this.writer = null
    if (!this.nc.isClosed()) {
      this.subscription?.unsubscribe()
      this.watcher?.stop()
    }
    if (graceful && !this.nc.isClosed()) await this.write()
  }
}

/** Sets a client's seq in a map ordered by update, only forward, keeping the newest
 * maxReadPositions. */
function keepForward(positions: Map<string, number>, clientId: string, seq: number): void {
  if (seq <= (positions.get(clientId) ?? 0)) return
  positions.delete(clientId)
  positions.set(clientId, seq)
  if (positions.size > LIMITS.maxReadPositions) {
    positions.delete(positions.keys().next().value as string)
  }
}
