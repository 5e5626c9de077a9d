import { createHash } from 'node:crypto'
import { createReadStream, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream } from 'node:stream/web'
import type { NatsConnection } from '@nats-io/transport-node'
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream'
import { Objm, type ObjectInfo, type ObjectStore } from '@nats-io/obj'
import type { Limits } from '../../shared/protocol'
import { HubError } from '../hub/hub-error'
import type { Logger } from '../hub/logger'
import type { TimelineStore } from '../hub/timeline-store'
import { answerHead, written } from '../hub/files/downloads'
import type { FileBytes, VerifiedUpload } from '../hub/files/file-bytes'
import { answer, gone, reply } from '../hub/files/files-http'
import { HubFiles } from '../hub/files/hub-files'
import { filesSettings, type FilesOption } from '../hub/files/open-files'
import type { SharedFile } from '../hub/files/shared-files'
import { connectNats } from './event-log'
import { filesBucket, OBJECT_NUID, objectChunksSubject } from './names'
import { SWEEP_EVERY_MS, sweepOrphans, type OrphanSweepOptions } from './orphan-sweep'

/** Chunks read ahead of the socket while a file is served (of 128 KiB each by default). */
const CHUNKS_AHEAD = 4
/** Retry-After of a 503 while the store cannot be reached, in seconds. */
const UNREACHABLE_RETRY_S = 1

export interface ClusterFileStoreOptions {
  servers: readonly string[]
  credsFile?: string | undefined
  /** Copies of the bucket's stream: as the room's stream. */
  replicas?: number | undefined
  roomId: string
  /** The room's file budget as this hub was asked; once the bucket exists, the bucket's wins. */
  budgetBytes: number
  logger: Logger
}

/**
 * A clustered room's shared files in a JetStream object store, `lanroom_files_<roomId>`, so that
 * any hub of the room serves any file (docs/cluster.md, Files). The hub a file is uploaded to
 * verifies it as a single hub does, puts it into the bucket under its upload id, and only then
 * proposes its chat; every hub indexes the file when it applies the chat, and serves it from
 * the bucket. Expiry and deletes follow from the room's log, the same on every hub, and every
 * hub removes the objects they name (a second removal is no error).
 *
 * The bucket's own bound (`max_bytes`) is twice the room's budget: files already put but whose
 * chats are not yet applied (so the oldest have not expired yet) must fit above the budget. It
 * also carries the budget to the hubs that come later, so that all of them expire alike.
 *
 * What is read from the bucket is checked against the file's chat before a byte is served (the
 * name, size and digest of the object), bounded by the chat's size, and hashed as it is sent:
 * the last bytes go out only once the whole object hashes to the chat's SHA-256.
 */
export class ClusterFileStore implements FileBytes {
  /** What the sweep of orphans needs of the room (startSweeping), and its timer. */
  private swept: Pick<OrphanSweepOptions, 'log' | 'named'> | null = null
  private sweeper: NodeJS.Timeout | null = null
  private sweeping: Promise<string[] | null> | null = null
  private closed = false

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly os: ObjectStore,
    private readonly bucket: string,
    /** The room's file budget: the bucket's. */
    readonly budgetBytes: number,
    private readonly log: Logger,
  ) {}

  static async open(options: ClusterFileStoreOptions): Promise<ClusterFileStore> {
    const { logger } = options
    // A connection of its own, not the room log's: a file of a gigabyte put through the log's
    // socket would hold the room's chats back behind it.
    const nc = await connectNats(options, `lanroom hub files ${options.roomId}`)
    try {
      const bucket = filesBucket(options.roomId)
      const js = jetstream(nc)
      const os = await new Objm(js).create(bucket, {
        replicas: options.replicas ?? 1,
        max_bytes: 2 * options.budgetBytes,
      })
      const maxBytes = (await os.status()).streamInfo.config.max_bytes
      const budgetBytes = maxBytes > 1 ? Math.floor(maxBytes / 2) : options.budgetBytes
      if (budgetBytes !== options.budgetBytes) {
        logger.warn(
          { asked: options.budgetBytes, budgetBytes },
          "the room's file budget is the one its file store was made with",
        )
      }
      const jsm = await jetstreamManager(nc)
      return new ClusterFileStore(nc, js, jsm, os, bucket, budgetBytes, logger)
    } catch (error) {
      await nc.close().catch(() => {})
      throw error
    }
  }

  held(): null {
    return null
  }

  async publish(upload: VerifiedUpload, from: string): Promise<void> {
    const bytes = Readable.toWeb(createReadStream(from)) as ReadableStream<Uint8Array>
    const info = await this.os.put({ name: upload.id }, bytes as globalThis.ReadableStream)
    if (info.size !== upload.size || digestHex(info.digest) !== upload.sha256) {
      this.drop(upload.id)
      throw new Error('the upload changed on disk before it reached the file store')
    }
  }

  keep(_id: string, from: string): void {
    // The bytes are in the bucket already (publish); the hub's staged copy goes.
    rmSync(from, { force: true })
  }

  drop(id: string): void {
    this.os.delete(id).catch((error: unknown) => {
      this.log.warn({ file: id, error: String(error) }, 'could not remove a file from the store')
    })
  }

  unpublish(id: string): void {
    this.drop(id)
  }

  async serve(req: IncomingMessage, res: ServerResponse, file: SharedFile): Promise<void> {
    let info: ObjectInfo | null
    let chunks: number
    try {
      info = await this.os.info(file.id)
      chunks = info && !info.deleted ? await this.chunkCount(info.nuid) : 0
    } catch (error) {
      this.log.warn({ file: file.id, error: String(error) }, 'the file store cannot be reached')
      return reply(res, {
        ...answer(503, "The room's file store cannot be reached right now."),
        headers: { 'retry-after': String(UNREACHABLE_RETRY_S) },
      })
    }
    if (!info || info.deleted) return reply(res, gone())
    const problem = objectProblem(info, chunks, file)
    if (problem) {
      this.log.warn({ file: file.id, problem }, 'the file store holds other bytes than shared')
      return reply(
        res,
        answer(502, "The room's file store does not hold this file as it was shared."),
      )
    }
    const range = answerHead(req, res, file, file.name)
    if (range) await this.send(res, info.nuid, file, range)
  }

  /** Chunks the bucket holds for an object (its say-so about them is checked against this). */
  private async chunkCount(nuid: unknown): Promise<number> {
    if (typeof nuid !== 'string' || !OBJECT_NUID.test(nuid)) return 0
    const subject = this.chunkSubject(nuid)
    const info = await this.jsm.streams.info(`OBJ_${this.bucket}`, { subjects_filter: subject })
    return info.state.subjects?.[subject] ?? 0
  }

  private chunkSubject(nuid: string): string {
    return objectChunksSubject(this.bucket, nuid)
  }

  /**
   * Sends bytes `start`…`start + length - 1` of the object, reading its chunks in order from
   * the first: every byte is hashed, and the last piece for the socket is held back until the
   * object has hashed to the chat's SHA-256. A short, long or wrong object, or a store that
   * stops answering, ends the response early (the receiver never has the whole file).
   */
  private async send(
    res: ServerResponse,
    nuid: string,
    file: SharedFile,
    { start, length }: { start: number; length: number },
  ): Promise<void> {
    const consumer = await this.js.consumers.get(`OBJ_${this.bucket}`, {
      filter_subjects: this.chunkSubject(nuid),
    })
    const messages = await consumer.consume({ max_messages: CHUNKS_AHEAD })
    const stop = (): void => void messages.stop()
    res.once('close', stop)
    const hash = createHash('sha256')
    const end = start + length
    let offset = 0
    let held: Buffer | null = null
    try {
      for await (const message of messages) {
        const data = message.data
        if (offset + data.length > file.size) throw new Error('the object is longer than shared')
        hash.update(data)
        const from = Math.max(start, offset)
        const to = Math.min(end, offset + data.length)
        if (to > from) {
          if (held && !(await written(res, held))) return
          // A copy: it waits for the next chunk, whose arrival may reuse the message's memory.
          held = Buffer.from(data.subarray(from - offset, to - offset))
        }
        offset += data.length
        if (offset === file.size) break
        if (message.info.pending === 0) throw new Error('the object is shorter than shared')
      }
      if (res.destroyed) return
      if (offset !== file.size) throw new Error('the object ended early')
      if (hash.digest('hex') !== file.sha256) throw new Error('the object hashes otherwise')
      if (held && !(await written(res, held))) return
      res.end()
    } catch (error) {
      this.log.warn({ file: file.id, error: String(error) }, 'a file download was cut short')
      res.destroy()
    } finally {
      res.off('close', stop)
      await messages.close().catch(() => {})
    }
  }

  /**
   * Sweeps the bucket of objects no file chat names (orphan-sweep.ts): once the hub has read
   * the room's stream, then every SWEEP_EVERY_MS. `named` is the room's index of files.
   */
  startSweeping(
    log: OrphanSweepOptions['log'] & { caughtUp(): Promise<void> },
    named: (id: string) => boolean,
  ): void {
    this.swept = { log, named }
    const pass = (): void => void this.sweep()
    void log.caughtUp().then(pass, (error: unknown) => {
      this.log.warn({ error: String(error) }, 'the room log did not catch up: files swept later')
    })
    this.sweeper = setInterval(pass, SWEEP_EVERY_MS)
    this.sweeper.unref()
  }

  /** One pass now (one at a time): the ids removed, or null when it could not run. */
  sweep(graceMs?: number): Promise<string[] | null> {
    const swept = this.swept
    if (!swept || this.closed) return Promise.resolve(null)
    this.sweeping ??= sweepOrphans({
      ...swept,
      js: this.js,
      jsm: this.jsm,
      os: this.os,
      bucket: this.bucket,
      logger: this.log,
      graceMs,
      stopped: () => this.closed,
    })
      .then((pass) => (pass.ran ? pass.removed : null))
      .catch((error: unknown) => {
        if (!this.closed) this.log.warn({ error: String(error) }, 'file store sweep failed')
        return null
      })
      .finally(() => {
        this.sweeping = null
      })
    return this.sweeping
  }

  close(): void {
    this.closed = true
    if (this.sweeper) clearInterval(this.sweeper)
    void this.nc.close().catch(() => {})
  }
}

/** What is wrong with an object that should hold `file`, or null. */
function objectProblem(info: ObjectInfo, chunks: number, file: SharedFile): string | null {
  if (info.name !== file.id) return 'another name'
  if (info.size !== file.size) return 'another size'
  if (typeof info.digest !== 'string' || digestHex(info.digest) !== file.sha256) {
    return 'another digest'
  }
  if (typeof info.nuid !== 'string' || !OBJECT_NUID.test(info.nuid)) return 'a malformed chunk id'
  if (chunks !== info.chunks || (file.size > 0 && chunks === 0) || chunks > file.size + 1) {
    return 'missing chunks'
  }
  return null
}

/** The SHA-256 in an object store digest (`SHA-256=<base64url>`), as hex; '' when it is not. */
function digestHex(digest: string): string {
  const prefix = 'SHA-256='
  if (!digest.startsWith(prefix)) return ''
  const bytes = Buffer.from(digest.slice(prefix.length), 'base64')
  return bytes.length === 32 ? bytes.toString('hex') : ''
}

/**
 * A clustered room's files (HubOptions.files): as a single hub's, with the bytes of shared
 * files in the room's object store. Null without files.
 */
export async function openClusterFiles(
  options: {
    files?: FilesOption | undefined
    dataDir: string
    nats?: Omit<ClusterFileStoreOptions, 'roomId' | 'budgetBytes' | 'logger'> | undefined
  },
  roomId: string,
  store: TimelineStore,
  limits: Limits,
  logger: Logger,
  log: Parameters<ClusterFileStore['startSweeping']>[0],
): Promise<HubFiles | null> {
  const settings = filesSettings(options, store, limits)
  if (!settings || !options.nats) return null
  const bytes = await ClusterFileStore.open({
    ...options.nats,
    roomId,
    budgetBytes: settings.budgetBytes,
    logger,
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    throw new HubError('HUB_ERR_CLUSTER', `cannot open the room's file store in NATS: ${reason}`)
  })
  try {
    const files = new HubFiles({
      ...settings,
      budgetBytes: bytes.budgetBytes,
      bytes,
      limits,
      log: logger,
    })
    // The sweep takes an object no file chat in the index names for an orphan: an index lost
    // while the room's history was kept (index.json deleted or unreadable) would name none of
    // the files shared before, so this hub does not sweep (another hub, or this one with its
    // whole room directory removed, rebuilds from the stream and sweeps safely).
    if (files.store.indexRead || store.loaded.length === 0) {
      bytes.startSweeping(log, (id) => files.available(id))
    } else {
      logger.warn(
        { roomId },
        "file store sweep off on this hub: its index of the room's files was lost while its history was kept",
      )
    }
    return files
  } catch (error) {
    bytes.close()
    throw error
  }
}
