import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import {
  DELETED_TEXT,
  LIMITS,
  type ChatEvent,
  type Limits,
  type ReadPosition,
  type Schemas,
  type TimelineEvent,
} from '../../shared/protocol'
import { EventIndex } from './event-index'
import { HistoryCompaction } from './history-compaction'
import { loadHistory, readAt, writeAt } from './history-file'
import { KIND, checkedJson, kindOf, parseEvent, recordLine, redacted } from './history-record'
import { searchHistory, type SearchQuery, type SearchResult } from './history-search'
import type { Logger } from './logger'
import { ReadPositionsFile } from './read-positions-file'
import { HISTORY_FILE, claimRoom, writeMeta, type RoomMeta } from './room-directory'
import { newToken } from './room-lock'
import type { RoomLock } from './room-lock'

const READS_FILE = 'reads.json'

/** What loading a damaged history file cost. */
export interface Recovery {
  keptRecords: number
  droppedBytes: number
  reason: string
}

/** The history budget: past either, the oldest events are dropped. */
export interface StoreBudget {
  events: number
  bytes: number
}

export interface RoomStoreOptions {
  dataDir: string
  name: string
  schemas: Schemas
  logger: Logger
  /** Default: LIMITS.historyBudgetEvents and historyBudgetBytes. */
  budget?: StoreBudget | undefined
  /** Events `loaded` keeps (the last ones). Default: max(historySize, dedupeWindow). */
  keep?: number | undefined
  /** Called for every kept event while opening, in seq order. */
  onRecord?: ((event: TimelineEvent) => void) | undefined
  /** Told which seqs the budget dropped. */
  onDrop?: ((droppedUpTo: number) => void) | undefined
  /** Search snippets and read positions (default LIMITS). */
  limits?: Pick<Limits, 'maxSnippetLength' | 'maxHighlights' | 'maxReadPositions'> | undefined
  /** How often read positions may be written (ms; default 5 s). */
  readsIntervalMs?: number | undefined
}

/** Fraction of the budget the file may exceed before it is compacted back to it. */
const BUDGET_MARGIN = 0.1
/** How long after a failed compaction the next may start. */
const COMPACTION_RETRY_MS = 60_000

/**
 * A room's persistent state in `<dataDir>/rooms/<roomId>/`: `meta.json` (id, name, epoch),
 * `reads.json` (read positions) and `history.log`, one record per line, `<crc32 hex> <json>`,
 * for every timeline event (chat, react, unreact, edit, delete) the budget keeps.
 *
 * - Appends are written (write(2), no fsync) before the hub acknowledges them, so every
 *   acknowledged event survives the host process being killed.
 * - Loading stops at the first truncated or corrupt record, keeps everything before it and
 *   cuts the file there (and starts a new epoch).
 * - An index in memory (EventIndex) knows where every record is: pages and searches read
 *   records by offset.
 * - Past the budget (events or bytes, plus a margin), the file is rewritten without its oldest
 *   events, off the event loop (HistoryCompaction).
 * - A delete rewrites the chat's and its edits' records in place, without their text
 *   (history-record.ts).
 */
export class RoomStore {
  private metaValue: RoomMeta
  readonly recovery: Recovery | null
  /** The last `keep` events at open, oldest first. */
  readonly loaded: TimelineEvent[]
  onDrop: ((droppedUpTo: number) => void) | undefined
  onWriteFailed: ((error: Error) => void) | undefined
  /** The write the disk refused: nothing is written after it (the hub stops the room). */
  private failure: Error | null = null
  private readonly index = new EventIndex()
  private readonly path: string
  private fd: number
  /** Bytes written to the file. */
  private size: number
  private pending: Buffer[] = []
  private pendingBytes = 0
  private compaction: HistoryCompaction | null = null
  /** When the last compaction failed: the next waits a while (a full disk stays full). */
  private compactionFailedAt = -Infinity
  /** Settles when a running compaction has finished (tests wait for it). */
  compacted: Promise<void> = Promise.resolve()
  private closed = false
  private readonly reads: ReadPositionsFile
  private readonly budget: StoreBudget
  private readonly limits: NonNullable<RoomStoreOptions['limits']>

  private constructor(
    /** The room's own directory (`<dataDir>/rooms/<id>`). */
    readonly dir: string,
    meta: RoomMeta,
    /** Held until close: no other hub opens the room meanwhile (room-lock.ts). */
    private readonly lock: RoomLock,
    private readonly options: RoomStoreOptions,
  ) {
    this.metaValue = meta
    this.path = join(dir, HISTORY_FILE)
    this.onDrop = options.onDrop
    this.limits = options.limits ?? LIMITS
    this.budget = {
      events: Math.max(1, options.budget?.events ?? LIMITS.historyBudgetEvents),
      bytes: Math.max(1, options.budget?.bytes ?? LIMITS.historyBudgetBytes),
    }
    this.reads = new ReadPositionsFile(join(dir, READS_FILE), {
      schemas: options.schemas,
      maxPositions: this.limits.maxReadPositions,
      logger: options.logger,
      intervalMs: options.readsIntervalMs,
    })
    const loaded = this.load()
    this.recovery = loaded.recovery
    this.loaded = loaded.events
    this.fd = openSync(this.path, 'r+')
    this.size = loaded.bytes
    this.heal(loaded.deleted)
    this.compactIfOver()
  }

  /**
   * Opens the room called `name` in `dataDir`, or creates it. The same name in the same data
   * directory is the same room (same id, same history) across restarts. Throws
   * HUB_ERR_ROOM_IN_USE while another hub has it open.
   */
  static open(options: RoomStoreOptions): RoomStore {
    const { dir, meta, lock } = claimRoom(options)
    try {
      return new RoomStore(dir, meta, lock, options)
    } catch (error) {
      lock.release()
      throw error
    }
  }

  get meta(): RoomMeta {
    return this.metaValue
  }

  /** Seq of the oldest chat kept, or null when there is none. */
  get firstChatSeq(): number | null {
    return this.index.firstChatSeq
  }

  /** The budget has dropped events: the first kept chat is not the room's first. */
  get trimmed(): boolean {
    return this.metaValue.trimmed === true || (this.index.firstSeq ?? 1) > 1
  }

  /** Events kept, and bytes the index takes (for measurements). */
  get stats(): { events: number; chats: number; bytes: number; indexBytes: number } {
    const { size: events, chats, bytes: indexBytes } = this.index
    return { events, chats, bytes: this.size + this.pendingBytes, indexBytes }
  }

  /**
   * Queues one stamped event (its JSON; `event` when the caller has it parsed already); `flush`
   * writes it. Its seq must be above every seq before it.
   */
  append(json: string, event: TimelineEvent = JSON.parse(json) as TimelineEvent): void {
    if (event.seq <= this.index.lastSeq) {
      throw new Error(`seq ${event.seq} is not above ${this.index.lastSeq}`)
    }
    const line = recordLine(json, event)
    const from = event.type === 'chat' ? event.from : undefined
    this.index.add(event.seq, this.size + this.pendingBytes, line.length, kindOf(event), from)
    if (event.type === 'edit') this.index.markEdited(event.target)
    this.pending.push(line)
    this.pendingBytes += line.length
  }

  /** Writes queued records; returns once the OS has them (they survive a process kill), true,
   * or false when the disk refused them (see TimelineStore.flush). */
  flush(): boolean {
    if (!this.writePending()) return false
    this.compactIfOver()
    return true
  }

  /**
   * Rewrites the records of `seqs` in place without their text: a chat's becomes
   * "message deleted" with `deleted: true`, an edit's "message deleted". Others are left alone.
   */
  redact(seqs: readonly number[]): void {
    if (!this.writePending()) return
    try {
      for (const seq of seqs) {
        const place = this.index.place(seq)
        if (!place || (place.kind !== KIND.chat && place.kind !== KIND.edit)) continue
        const line = readAt(this.fd, place.offset, place.length)
        if (checkedJson(line, 0, line.length - 1) === null) continue
        const replacement = redacted(line)
        if (!replacement) continue
        writeAt(this.fd, replacement, place.offset)
        this.compaction?.redacted(place.offset, replacement)
      }
    } catch (error) {
      this.failed(error)
    }
  }

  /** The kept events of `seqs`, in the order asked; unknown seqs are skipped. */
  read(seqs: readonly number[]): TimelineEvent[] {
    this.writePending()
    const places = seqs.map((seq) => this.index.place(seq))
    const order = places
      .map((place, i) => ({ place, i }))
      .filter((entry) => entry.place !== null)
      .sort((a, b) => (a.place?.offset ?? 0) - (b.place?.offset ?? 0))
    const events: Array<TimelineEvent | undefined> = []
    // Records close to each other are read at once (a page's chats usually are).
    for (let g = 0; g < order.length;) {
      const first = order[g]?.place as NonNullable<(typeof places)[number]>
      let last = first
      let h = g + 1
      for (; h < order.length; h++) {
        const next = order[h]?.place as NonNullable<(typeof places)[number]>
        if (next.offset - (last.offset + last.length) > READ_GAP_BYTES) break
        if (next.offset + next.length - first.offset > READ_SPAN_BYTES) break
        last = next
      }
      const chunk = readAt(this.fd, first.offset, last.offset + last.length - first.offset)
      for (let k = g; k < h; k++) {
        const { place, i } = order[k] as { place: NonNullable<(typeof places)[number]>; i: number }
        const at = place.offset - first.offset
        const json = checkedJson(chunk, at, at + place.length - 1)
        // As at open: the protocol's schema (which also repairs names written under older rules).
        const event = json === null ? null : parseEvent(json, this.options.schemas)
        if (event === null) {
          this.options.logger.warn({ seq: place.seq }, 'history record damaged since loading')
          continue
        }
        events[i] = event
      }
      g = h
    }
    return events.filter((event): event is TimelineEvent => event !== undefined)
  }

  isChat(seq: number): boolean {
    return this.index.chatIndex(seq) >= 0
  }

  /** The author of the kept chat `seq`. */
  chatFrom(seq: number): string | undefined {
    return this.index.chatFrom(seq)
  }

  /** Up to `limit` kept chat seqs below `before` (the newest such), ascending. */
  chatsBefore(before: number, limit: number): number[] {
    return this.index.chatsBefore(before, limit)
  }

  /** Up to `limit` kept chat seqs above `after` (the oldest such), ascending. */
  chatsAfter(after: number, limit: number): number[] {
    return this.index.chatsAfter(after, limit)
  }

  /**
   * The newest kept chats (below `query.before`) whose current text (`current`; null: deleted)
   * has every word of `query.text`, case-insensitively. Runs in slices off the event loop;
   * aborting `signal` rejects with its reason.
   */
  search(
    query: SearchQuery,
    current: (chat: ChatEvent) => string | null,
    signal: AbortSignal,
  ): Promise<SearchResult> {
    return searchHistory(
      this.index,
      (offset, length) => {
        if (this.closed) throw new Error('the room store is closed')
        if (offset + length > this.size) this.writePending()
        return readAt(this.fd, offset, length)
      },
      query,
      current,
      signal,
      this.limits,
    )
  }

  /** The read positions kept in reads.json. */
  loadReads(): ReadPosition[] {
    return this.reads.load()
  }

  /** Keeps the read positions: written at most every 5 s, and on close. */
  saveReads(positions: readonly ReadPosition[]): void {
    this.reads.save(positions)
  }

  close(): void {
    if (this.closed) return
    // First: a write refused here tells the hub, which closes the store again (a no-op now).
    this.closed = true
    try {
      this.writePending()
      try {
        fsyncSync(this.fd)
        closeSync(this.fd)
      } catch (error) {
        // The disk refused it: said (once), and the descriptor let go all the same.
        this.failed(error)
        try {
          closeSync(this.fd)
        } catch {
          // Already closed, or the disk is gone: nothing more to do with it.
        }
      }
      this.reads.close()
    } finally {
      // Not before the last write: the next hub of the room may start the moment it is gone.
      this.lock.release()
    }
  }

  private writePending(): boolean {
    if (this.failure) {
      this.pending = []
      this.pendingBytes = 0
      return false
    }
    if (this.pending.length === 0) return true
    const data =
      this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending)
    this.pending = []
    this.pendingBytes = 0
    try {
      writeAt(this.fd, data, this.size)
    } catch (error) {
      this.failed(error)
      return false
    }
    this.size += data.length
    return true
  }

  /** A write the disk refused (ENOSPC, EFBIG, EIO): said once; nothing more is written. What
   * part of the last records reached the file is cut at the next start, as a damaged end is. */
  private failed(error: unknown): void {
    if (this.failure) return
    this.failure = error instanceof Error ? error : new Error(String(error))
    this.options.logger.error(
      { roomId: this.metaValue.id, error: String(error) },
      'could not write the history: the room stops',
    )
    this.onWriteFailed?.(this.failure)
  }

  /** Starts a compaction when the file is over its budget by more than the margin. */
  private compactIfOver(): void {
    if (this.compaction || this.closed) return
    if (performance.now() - this.compactionFailedAt < COMPACTION_RETRY_MS) return
    const { events, bytes } = this.budget
    const count = this.index.size
    if (count <= events * (1 + BUDGET_MARGIN) && this.size <= bytes * (1 + BUDGET_MARGIN)) return
    const cut = Math.min(
      count - 1,
      Math.max(count - events, this.index.firstFrom(this.size - bytes)),
    )
    if (cut <= 0) return
    const compaction = new HistoryCompaction({
      path: this.path,
      from: this.index.offsetAt(cut),
      to: this.size,
      logger: this.options.logger,
    })
    this.compaction = compaction
    this.compacted = compaction
      .run()
      .then((ok) => {
        this.compaction = null
        if (ok && !this.closed) this.swap(compaction, cut)
        else compaction.discard()
        if (!ok) this.compactionFailedAt = performance.now()
      })
      .catch((error: unknown) => {
        this.options.logger.error({ error: String(error) }, 'history compaction broke')
      })
  }

  /** Puts the compacted file in place of the full one: short and synchronous. */
  private swap(compaction: HistoryCompaction, cut: number): void {
    this.writePending()
    try {
      compaction.finish(this.fd, this.size)
      closeSync(this.fd)
      try {
        renameSync(compaction.tmp, this.path)
      } finally {
        this.fd = openSync(this.path, 'r+')
      }
    } catch (error) {
      // Compaction is housekeeping: the full file is still correct; the next flush tries again.
      this.options.logger.warn({ error: String(error) }, 'history compaction failed')
      compaction.discard()
      this.compactionFailedAt = performance.now()
      return
    }
    this.size -= compaction.from
    const droppedUpTo = this.index.dropFirst(cut, compaction.from)
    if (this.metaValue.trimmed !== true) {
      this.metaValue = { ...this.metaValue, trimmed: true }
      writeMeta(this.dir, this.metaValue)
    }
    this.options.logger.info(
      { roomId: this.metaValue.id, droppedUpTo, kept: this.index.size },
      'history over its budget: dropped the oldest events',
    )
    this.onDrop?.(droppedUpTo)
  }

  /** Reads the history file, fills the index, and cuts the file at the first damage. */
  private load(): {
    events: TimelineEvent[]
    bytes: number
    recovery: Recovery | null
    deleted: number[]
  } {
    const { schemas, logger, onRecord } = this.options
    const keep = this.options.keep ?? Math.max(LIMITS.historySize, LIMITS.dedupeWindow)
    // A compaction the process did not live to finish: the history file itself is whole.
    rmSync(`${this.path}.tmp`, { force: true, recursive: true })
    if (!existsSync(this.path)) {
      // Sequence numbers restart with an empty history: a new epoch tells clients that what
      // they remember of the old one does not line up with it.
      this.metaValue = { ...this.metaValue, epoch: newToken() }
      delete this.metaValue.trimmed
      writeMeta(this.dir, this.metaValue)
      writeFileSync(this.path, '')
      logger.warn({ roomId: this.metaValue.id }, 'history file missing; starting a new epoch')
      return { events: [], bytes: 0, recovery: null, deleted: [] }
    }
    let events: TimelineEvent[] = []
    /** Deleted chats and the edits of each that still have text (see heal). */
    const deleted: number[] = []
    const editsOf = new Map<number, number[]>()
    const redactedChats = new Set<number>()
    const result = loadHistory(this.path, schemas, (event, offset, length) => {
      const from = event.type === 'chat' ? event.from : undefined
      this.index.add(event.seq, offset, length, kindOf(event), from)
      if (event.type === 'chat' && event.deleted === true) redactedChats.add(event.seq)
      else if (event.type === 'edit') {
        this.index.markEdited(event.target)
        if (event.text !== DELETED_TEXT) {
          const list = editsOf.get(event.target)
          if (list) list.push(event.seq)
          else editsOf.set(event.target, [event.seq])
        }
      } else if (event.type === 'delete') {
        if (!redactedChats.has(event.target) && this.index.chatIndex(event.target) >= 0) {
          deleted.push(event.target)
        }
        deleted.push(...(editsOf.get(event.target) ?? []))
        editsOf.delete(event.target)
      }
      events.push(event)
      if (events.length >= keep * 2) events = events.slice(-keep)
      onRecord?.(event)
    })
    let recovery: Recovery | null = null
    if (result.goodBytes < result.totalBytes) {
      recovery = {
        keptRecords: this.index.size,
        droppedBytes: result.totalBytes - result.goodBytes,
        reason: result.reason,
      }
      const fd = openSync(this.path, 'r+')
      ftruncateSync(fd, result.goodBytes)
      fsyncSync(fd)
      closeSync(fd)
      // Some events past the damage may have been acknowledged to clients; a new epoch makes
      // them resync instead of assuming the sequence numbers they hold still mean the same.
      this.metaValue = { ...this.metaValue, epoch: newToken() }
      writeMeta(this.dir, this.metaValue)
      logger.warn(
        { roomId: this.metaValue.id, ...recovery },
        `history recovered: kept ${recovery.keptRecords} records, dropped ${recovery.droppedBytes} bytes (${result.reason})`,
      )
    }
    return { events: events.slice(-keep), bytes: result.goodBytes, recovery, deleted }
  }

  /**
   * Removes the text of deleted chats and their edits that a kill -9 left in the file between
   * writing a delete and rewriting its target.
   */
  private heal(seqs: readonly number[]): void {
    if (seqs.length === 0) return
    this.redact(seqs)
    const healed = new Set(seqs)
    for (const event of this.loaded) {
      if (!healed.has(event.seq)) continue
      if (event.type === 'chat') Object.assign(event, { text: DELETED_TEXT, deleted: true })
      else if (event.type === 'edit') event.text = DELETED_TEXT
    }
    this.options.logger.info({ records: seqs.length }, 'removed the text of deleted messages')
  }
}

/** Records further apart than this are read separately. */
const READ_GAP_BYTES = 16 * 1024
/** Most bytes read at once for `read`. */
const READ_SPAN_BYTES = 1024 * 1024
