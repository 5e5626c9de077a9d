import type {
  ChatEvent,
  Limits,
  ReadPosition,
  Schemas,
  SearchMatch,
  TimelineEvent,
} from '../../shared/protocol'
import type { Logger } from './logger'
import type { RoomMeta } from './room-directory'
import type { Recovery } from './room-store'

/** The history budget: the oldest events go once either is exceeded. */
export interface StoreBudget {
  events: number
  bytes: number
}

export interface TimelineStoreOptions {
  dataDir: string
  name: string
  schemas: Schemas
  logger: Logger
  budget: StoreBudget
  /** The room's limits (search snippets and highlights, read positions). */
  limits: Pick<Limits, 'maxSnippetLength' | 'maxHighlights' | 'maxReadPositions'>
  /** Events `loaded` keeps (the last ones): max(dedupeWindow, historySize) or more. */
  keep: number
  /** Called for every kept event at open, in seq order (the hub rebuilds its overlay). */
  onRecord?: (event: TimelineEvent) => void
}

export interface SearchQuery {
  text: string
  before?: number
  limit: number
}

/**
 * What the room needs of its history store (issue #13's "Hub-side split"): the file log with
 * its index is one (room-store.ts), an in-memory one serves tests (testing/memory-store.ts).
 */
export interface TimelineStore {
  readonly meta: RoomMeta
  /** The room's own directory on disk, when the store has one (the room's files go in it). */
  readonly dir?: string
  readonly recovery: Recovery | null
  /** The last `keep` events, oldest first. */
  readonly loaded: readonly TimelineEvent[]
  /** Queues one record (any of the five event types). */
  append(json: string, event?: TimelineEvent): void
  /** Writes queued records: runs before anything acknowledging them is written. False when
   * the disk refused them (full, or the file too large): nothing acknowledging them may be
   * written, and `onWriteFailed` has been told. */
  flush(): boolean
  /** Rewrites these records without their text (a chat and its edits, once deleted). */
  redact(seqs: readonly number[]): void
  /** The kept events of these seqs, in the order asked; unknown seqs are skipped. */
  read(seqs: readonly number[]): TimelineEvent[]
  isChat(seq: number): boolean
  chatFrom(seq: number): string | undefined
  /** Up to `limit` kept chat seqs below `before` (the newest such), ascending. */
  chatsBefore(before: number, limit: number): number[]
  /** Up to `limit` kept chat seqs above `after` (the oldest such), ascending. */
  chatsAfter(after: number, limit: number): number[]
  readonly firstChatSeq: number | null
  /** The budget has dropped chats: the first kept one is not the room's first. */
  readonly trimmed: boolean
  /** Told which seqs the budget dropped (every seq up to this one). */
  onDrop?: ((droppedUpTo: number) => void) | undefined
  /** Told once when a write of the history fails: from then on nothing more is written. */
  onWriteFailed?: ((error: Error) => void) | undefined
  /** Chats whose current text (null: deleted) has every word of `query.text`, newest first. */
  search(
    query: SearchQuery,
    current: (chat: ChatEvent) => string | null,
    signal: AbortSignal,
  ): Promise<{ matches: SearchMatch[]; more: boolean }>
  loadReads(): ReadPosition[]
  /** Keeps the read positions (throttled: a crash may lose the last few seconds). */
  saveReads(positions: readonly ReadPosition[]): void
  close(): void
}
