import {
  ERROR_CODES,
  type ChatEvent,
  type HistoryRequest,
  type Limits,
  type PageMessage,
  type ResultsMessage,
  type SearchRequest,
} from '../../shared/protocol'
import { frameJson } from './frame'
import type { Link } from './link'
import type { Logger } from './logger'
import type { TimelineStore } from './timeline-store'
import { BucketTable, TokenBucket } from './token-bucket'

export interface HistoryRequestsOptions {
  limits: Limits
  store: TimelineStore
  log: Logger
  /** A kept chat as it stands now (see ChatStates.materialize). */
  materialize(chat: ChatEvent): ChatEvent
  /** A chat's current text, null when deleted. */
  currentText(chat: ChatEvent): string | null
  /** Whether the link still speaks for the member it asked for (a result is sent only then). */
  present(link: Link, clientId: string): boolean
  /** Client ids whose request pace is remembered at most. */
  maxPaces: number
}

interface Running {
  link: Link
  abort: AbortController
}

/**
 * A member's requests for older history (`history` → `page`) and searches (`search` →
 * `results`). Both are paced per member (requestsPerSecond / requestBurst, by client id, across
 * reconnects); a search runs off the hot path in the store, at most one per member and
 * maxConcurrentSearches per room, and is abandoned when its member leaves or the hub stops.
 */
export class HistoryRequests {
  private readonly paces: BucketTable<TokenBucket>
  /** Searches running, by client id. */
  private readonly running = new Map<string, Running>()
  private stopped = false

  constructor(private readonly options: HistoryRequestsOptions) {
    const { requestsPerSecond, requestBurst } = options.limits
    this.paces = new BucketTable(
      () => new TokenBucket(requestsPerSecond, requestBurst),
      options.maxPaces,
    )
  }

  /** Searches running now (tests look). */
  get searching(): number {
    return this.running.size
  }

  page(link: Link, clientId: string, request: HistoryRequest): void {
    if (!this.paced(link, clientId, request.id)) return
    const { store } = this.options
    const seqs =
      request.before !== undefined
        ? store.chatsBefore(request.before, request.limit)
        : store.chatsAfter(request.after ?? 0, request.limit)
    const chats = store
      .read(seqs)
      .filter((event): event is ChatEvent => event.type === 'chat')
      .map((chat) => this.options.materialize(chat))
    const oldest = chats[0]?.seq ?? request.before ?? (request.after ?? 0) + 1
    const newest = chats.at(-1)?.seq ?? (request.before ?? (request.after ?? 0) + 1) - 1
    const page: PageMessage = {
      type: 'page',
      id: request.id,
      chats,
      first: store.chatsBefore(oldest, 1).length === 0,
      last: store.chatsAfter(newest, 1).length === 0,
      trimmed: store.trimmed,
    }
    link.send(frameJson(page))
  }

  search(link: Link, clientId: string, request: SearchRequest): void {
    const { limits } = this.options
    if (this.stopped) return
    const busy = this.running.has(clientId)
    if (busy || this.running.size >= limits.maxConcurrentSearches) {
      return link.reject(
        ERROR_CODES.requestLimited,
        busy ? 'a search of yours is still running' : 'too many searches at once; try again soon',
        { id: request.id, retryAfterMs: this.interval() },
      )
    }
    if (!this.paced(link, clientId, request.id)) return
    const abort = new AbortController()
    this.running.set(clientId, { link, abort })
    const query = {
      text: request.text,
      limit: request.limit ?? limits.maxSearchResults,
      ...(request.before !== undefined ? { before: request.before } : {}),
    }
    this.options.store
      .search(query, (chat) => this.options.currentText(chat), abort.signal)
      .then(
        ({ matches, more }) => {
          if (abort.signal.aborted || !this.options.present(link, clientId)) return
          const results: ResultsMessage = { type: 'results', id: request.id, matches, more }
          link.send(frameJson(results))
        },
        (error: unknown) => {
          if (abort.signal.aborted) return
          this.options.log.warn({ clientId, error: String(error) }, 'search failed')
          // Answered all the same, as a refusal for now: a client waits for its answer.
          if (!this.options.present(link, clientId)) return
          link.reject(ERROR_CODES.requestLimited, 'the search failed; try again', {
            id: request.id,
            retryAfterMs: this.interval(),
          })
        },
      )
      .finally(() => {
        if (this.running.get(clientId)?.abort === abort) this.running.delete(clientId)
      })
      // Unheard, a throw while answering would end the process.
      .catch((error: unknown) => {
        this.options.log.error({ clientId, error: String(error) }, 'could not answer a search')
      })
  }

  /** The link closed: its search, if any, is abandoned. */
  left(link: Link): void {
    for (const [clientId, running] of this.running) {
      if (running.link !== link) continue
      running.abort.abort(new Error('the member left'))
      this.running.delete(clientId)
    }
  }

  /** The hub is stopping: every search is abandoned. */
  stop(): void {
    this.stopped = true
    for (const running of this.running.values()) running.abort.abort(new Error('the hub stopped'))
    this.running.clear()
  }

  /** Takes a request token, or tells the member when to try again. */
  private paced(link: Link, clientId: string, id: string): boolean {
    const bucket = this.paces.get(clientId)
    if (bucket.take()) return true
    link.reject(
      ERROR_CODES.requestLimited,
      `too many requests; at most ${this.options.limits.requestsPerSecond} per second`,
      { id, retryAfterMs: bucket.retryAfterMs() },
    )
    return false
  }

  private interval(): number {
    const rate = this.options.limits.requestsPerSecond
    return rate > 0 ? Math.ceil(1000 / rate) : 0
  }
}
