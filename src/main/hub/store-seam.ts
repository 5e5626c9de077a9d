import type { ChatEvent } from '../../shared/protocol'
import { RoomStore } from './room-store'
import { MemoryDisk, MemoryStore } from './testing/memory-store'
import type { TimelineStore, TimelineStoreOptions } from './timeline-store'

/**
 * MERGE SEAM (issue #13). The hub opens its history through `openTimelineStore`. Until the new
 * RoomStore (index, budget, redaction, paging, search, reads.json) lands, this adapts the old
 * chat-only log: chats are kept on disk as before, while reactions, edits, deletes and read
 * positions live in memory only and are lost on restart, and a delete does not rewrite the
 * file. At the merge: `return RoomStore.open(options)`, set STORE_KEEPS_OPS to true, and delete
 * LegacyStoreAdapter.
 */
export function openTimelineStore(options: TimelineStoreOptions): TimelineStore {
  return new LegacyStoreAdapter(options)
}

/** Whether the default store keeps every event type and read positions across a restart
 * (the hub tests that need it run only then). */
export const STORE_KEEPS_OPS = false

class LegacyStoreAdapter implements TimelineStore {
  private readonly legacy: RoomStore
  private readonly memory: MemoryStore

  constructor(options: TimelineStoreOptions) {
    const { dataDir, name, keep, schemas, logger } = options
    this.legacy = RoomStore.open({ dataDir, name, keep, schemas, logger })
    const disk = new MemoryDisk()
    disk.meta = this.legacy.meta
    for (const chat of this.legacy.loaded) disk.records.set(chat.seq, JSON.stringify(chat))
    this.memory = new MemoryStore({
      name,
      keep,
      // The old log keeps about `keep` chats: in memory, no more than twice that.
      budget: { events: Math.min(options.budget.events, keep * 2), bytes: options.budget.bytes },
      ...(options.onRecord ? { onRecord: options.onRecord } : {}),
      disk,
    })
  }

  get meta(): TimelineStore['meta'] {
    return this.legacy.meta
  }
  get recovery(): TimelineStore['recovery'] {
    return this.legacy.recovery
  }
  get loaded(): TimelineStore['loaded'] {
    return this.memory.loaded
  }
  get onDrop(): TimelineStore['onDrop'] {
    return this.memory.onDrop
  }
  set onDrop(onDrop: TimelineStore['onDrop']) {
    this.memory.onDrop = onDrop
  }
  get firstChatSeq(): number | null {
    return this.memory.firstChatSeq
  }
  get trimmed(): boolean {
    return this.memory.trimmed
  }

  append(json: string): void {
    this.memory.append(json)
    if (json.startsWith('{"type":"chat"')) this.legacy.append(json)
  }
  flush(): void {
    this.memory.flush()
    this.legacy.flush(() => this.recentChats())
  }
  redact(seqs: readonly number[]): void {
    this.memory.redact(seqs)
  }
  read(seqs: readonly number[]): ReturnType<TimelineStore['read']> {
    return this.memory.read(seqs)
  }
  isChat(seq: number): boolean {
    return this.memory.isChat(seq)
  }
  chatFrom(seq: number): string | undefined {
    return this.memory.chatFrom(seq)
  }
  chatsBefore(before: number, limit: number): number[] {
    return this.memory.chatsBefore(before, limit)
  }
  chatsAfter(after: number, limit: number): number[] {
    return this.memory.chatsAfter(after, limit)
  }
  search(...args: Parameters<TimelineStore['search']>): ReturnType<TimelineStore['search']> {
    return this.memory.search(...args)
  }
  loadReads(): ReturnType<TimelineStore['loadReads']> {
    return this.memory.loadReads()
  }
  saveReads(positions: Parameters<TimelineStore['saveReads']>[0]): void {
    this.memory.saveReads(positions)
  }
  close(): void {
    this.memory.close()
    this.legacy.close(() => this.recentChats())
  }

  /** What the old log keeps when it compacts. */
  private recentChats(): ChatEvent[] {
    return this.memory.read(
      this.memory.chatsBefore(Infinity, Number.MAX_SAFE_INTEGER),
    ) as ChatEvent[]
  }
}
