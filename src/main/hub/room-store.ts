import { open as openAsync, rm } from 'node:fs/promises'
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { z } from 'zod'
import type { ChatEvent, Schemas } from '../../shared/protocol'
import type { Logger } from './logger'

const META_FILE = 'meta.json'
const HISTORY_FILE = 'history.log'

const metaSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1),
  epoch: z.string().min(1),
  createdAt: z.number(),
})
export type RoomMeta = z.infer<typeof metaSchema>

/** What loading a damaged history file cost. */
export interface Recovery {
  keptRecords: number
  droppedBytes: number
  reason: string
}

export function newToken(): string {
  return randomBytes(12).toString('base64url')
}

function recordLine(json: string): string {
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

/**
 * A room's persistent state in `<dataDir>/rooms/<roomId>/`: `meta.json` (id, name, epoch) and
 * `history.log`, an append-only file with one record per line, `<crc32 hex> <chat json>`.
 * Appends are written (write(2), no fsync) before the hub acknowledges a chat, so every
 * acknowledged chat survives the host process being killed; it is compacted to the last
 * `keep` records once it holds twice that many. Loading stops at the first truncated or
 * corrupt record, keeps everything before it and cuts the file there.
 */
export class RoomStore {
  readonly meta: RoomMeta
  readonly loaded: ChatEvent[]
  readonly recovery: Recovery | null
  private fd: number
  private records: number
  private pending: string[] = []
  private readonly dir: string
  /** Records written since the file was opened or last compacted, as lines, while compacting. */
  private sinceSnapshot: string[] | null = null
  private closed = false
  /** Settles when a running compaction has finished (tests wait for it). */
  compaction: Promise<void> = Promise.resolve()

  private constructor(
    dir: string,
    meta: RoomMeta,
    loaded: ChatEvent[],
    recovery: Recovery | null,
    private readonly keep: number,
  ) {
    this.dir = dir
    this.meta = meta
    this.loaded = loaded
    this.recovery = recovery
    this.records = loaded.length
    this.fd = openSync(join(dir, HISTORY_FILE), 'a')
  }

  /**
   * Opens the room called `name` in `dataDir`, or creates it. The same name in the same data
   * directory is the same room (same id, same history) across restarts.
   */
  static open(options: {
    dataDir: string
    name: string
    keep: number
    schemas: Schemas
    logger: Logger
  }): RoomStore {
    const { dataDir, name, keep, schemas, logger } = options
    const roomsDir = join(dataDir, 'rooms')
    mkdirSync(roomsDir, { recursive: true })
    let found: { dir: string; meta: RoomMeta } | null = null
    for (const entry of readdirSync(roomsDir)) {
      const dir = join(roomsDir, entry)
      const meta = readMeta(dir)
      if (meta && meta.name === name) {
        found = { dir, meta }
        break
      }
    }
    if (!found) {
      const id = newToken()
      const dir = join(roomsDir, id)
      mkdirSync(dir, { recursive: true })
      const meta: RoomMeta = { v: 1, id, name, epoch: newToken(), createdAt: Date.now() }
      writeMeta(dir, meta)
      writeFileSync(join(dir, HISTORY_FILE), '')
      logger.info({ roomId: id, dir }, 'created room')
      return new RoomStore(dir, meta, [], null, keep)
    }
    const { dir } = found
    let { meta } = found
    const historyPath = join(dir, HISTORY_FILE)
    if (!existsSync(historyPath)) {
      // Sequence numbers restart with an empty history: a new epoch tells clients that what
      // they remember of the old one does not line up with it.
      meta = { ...meta, epoch: newToken() }
      writeMeta(dir, meta)
      writeFileSync(historyPath, '')
      logger.warn({ roomId: meta.id }, 'history file missing; starting a new epoch')
      return new RoomStore(dir, meta, [], null, keep)
    }
    const { events, goodBytes, totalBytes, reason } = readHistory(historyPath, schemas)
    let recovery: Recovery | null = null
    if (goodBytes < totalBytes) {
      recovery = { keptRecords: events.length, droppedBytes: totalBytes - goodBytes, reason }
      const fd = openSync(historyPath, 'r+')
      ftruncateSync(fd, goodBytes)
      fsyncSync(fd)
      closeSync(fd)
      // Some chats past the damage may have been acknowledged to clients; a new epoch makes
      // them resync instead of assuming the sequence numbers they hold still mean the same.
      meta = { ...meta, epoch: newToken() }
      writeMeta(dir, meta)
      logger.warn(
        { roomId: meta.id, ...recovery },
        `history recovered: kept ${events.length} records, dropped ${recovery.droppedBytes} bytes (${reason})`,
      )
    }
    const store = new RoomStore(dir, meta, events.slice(-keep), recovery, keep)
    store.records = events.length
    return store
  }

  /** Queues a record; `flush` writes it. */
  append(json: string): void {
    this.pending.push(recordLine(json))
  }

  /** Writes queued records; returns once the OS has them (they survive a process kill). */
  flush(recent: () => readonly ChatEvent[]): void {
    if (this.pending.length === 0) return
    const lines = this.pending
    const data = lines.length === 1 ? (lines[0] as string) : lines.join('')
    this.records += lines.length
    this.pending = []
    writeSync(this.fd, data)
    if (this.sinceSnapshot) this.sinceSnapshot.push(data)
    else if (this.records > this.keep * 2) this.compact(recent())
  }

  /**
   * Rewrites the file with only the records still needed. The slow part (writing and syncing
   * the new file) runs off the event loop so broadcasts are not held up; appends meanwhile go
   * to the old file and are copied over before the new one replaces it. A crash at any point
   * leaves the old file whole.
   */
  private compact(recent: readonly ChatEvent[]): void {
    const kept = recent.slice(-this.keep)
    const content = kept.map((event) => recordLine(JSON.stringify(event))).join('')
    const path = join(this.dir, HISTORY_FILE)
    const tmp = `${path}.tmp`
    this.sinceSnapshot = []
    this.compaction = (async () => {
      const handle = await openAsync(tmp, 'w')
      try {
        await handle.writeFile(content)
        await handle.sync()
      } finally {
        await handle.close()
      }
    })().then(
      () => {
        const since = this.sinceSnapshot ?? []
        this.sinceSnapshot = null
        if (this.closed) return void rm(tmp, { force: true })
        // Short and synchronous, so no append can slip in between.
        if (since.length > 0) appendFileSync(tmp, since.join(''))
        closeSync(this.fd)
        renameSync(tmp, path)
        this.fd = openSync(path, 'a')
        this.records = kept.length + since.reduce((n, chunk) => n + countLines(chunk), 0)
      },
      () => {
        // Compaction is housekeeping: if it fails, the full file is still correct.
        this.sinceSnapshot = null
        void rm(tmp, { force: true })
      },
    )
  }

  close(recent: () => readonly ChatEvent[]): void {
    this.flush(recent)
    this.closed = true
    fsyncSync(this.fd)
    closeSync(this.fd)
  }
}

function countLines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count += 1
  return count
}

function readMeta(dir: string): RoomMeta | null {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(readFileSync(join(dir, META_FILE), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function writeMeta(dir: string, meta: RoomMeta): void {
  const path = join(dir, META_FILE)
  writeFileSync(`${path}.tmp`, JSON.stringify(meta))
  renameSync(`${path}.tmp`, path)
}

function readHistory(
  path: string,
  schemas: Schemas,
): { events: ChatEvent[]; goodBytes: number; totalBytes: number; reason: string } {
  const buffer = readFileSync(path)
  const events: ChatEvent[] = []
  let offset = 0
  let reason = ''
  let lastSeq = 0
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset)
    if (newline < 0) {
      reason = `record ${events.length + 1} is truncated`
      break
    }
    const line = buffer.toString('utf8', offset, newline)
    const space = line.indexOf(' ')
    const json = line.slice(space + 1)
    if (space !== 8 || parseInt(line.slice(0, 8), 16) !== crc32(json)) {
      reason = `record ${events.length + 1} fails its checksum`
      break
    }
    let event: ChatEvent | null = null
    try {
      const parsed = schemas.chatEvent.safeParse(JSON.parse(json))
      if (parsed.success) event = parsed.data
    } catch {
      event = null
    }
    if (!event || event.seq <= lastSeq) {
      reason = `record ${events.length + 1} is not a valid chat in sequence`
      break
    }
    lastSeq = event.seq
    events.push(event)
    offset = newline + 1
  }
  return { events, goodBytes: offset, totalBytes: buffer.length, reason }
}
