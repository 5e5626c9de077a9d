/**
 * The connection's questions to the hub (`history`, `search`) and what the timeline does with
 * the answers: pages back, and chats fetched for quotes. Kept apart from RoomConnection, which
 * owns the socket and the outbox; this only needs to send a frame and wait for its answer.
 */
import {
  SCHEMAS,
  describeIssues,
  type ChatEvent,
  type PageMessage,
  type ResultsMessage,
} from '../../shared/protocol'
import { ConnectionError } from './errors'
import { newMessageId } from './message-id'
import type { Requests } from './requests'
import type { HistoryQuery, SearchQuery } from './room-connection-options'
import type { OlderResult, Timeline } from './timeline'

export interface QueryDeps {
  timeline: Timeline
  requests: Requests
  /** The session is open (requests go out only then). */
  connected(): boolean
  /** What the hub lists in `welcome.features`. */
  features(): readonly string[]
  /** Sends a frame on the current session. */
  send(frame: object): void
}

export class HistoryQueries {
  constructor(private readonly deps: QueryDeps) {}

  /**
   * Asks the hub for a page of chats (materialized: with their edits, deletes and reactions)
   * before or after a seq. Rejects with a ConnectionError: `HUB_request_limited` (with
   * `retryAfterMs`), another `HUB_` code, CONN_ERR_DISCONNECTED (not connected, or the
   * connection dropped before the answer), CONN_ERR_TIMEOUT, CONN_ERR_BUSY, CONN_ERR_INVALID,
   * CONN_ERR_UNSUPPORTED. The page's chats are checked: ascending, on the asked side.
   */
  async history(query: HistoryQuery, limit: number): Promise<PageMessage> {
    const id = newMessageId()
    const frame = { type: 'history' as const, id, ...query, limit }
    const page = await this.request<PageMessage>('history', frame, 'page')
    const before = 'before' in query ? query.before : Infinity
    const after = 'after' in query ? query.after : 0
    let last = 0
    const chats = page.chats.filter((chat) => {
      const fits = chat.seq > last && chat.seq < before && chat.seq > after
      if (fits) last = chat.seq
      return fits
    })
    return chats.length === page.chats.length ? page : { ...page, chats }
  }

  /** Searches the room's history (see `history` for the errors). Newest first. */
  search(query: SearchQuery): Promise<ResultsMessage> {
    const frame = {
      type: 'search' as const,
      id: newMessageId(),
      text: query.text,
      ...(query.before !== undefined ? { before: query.before } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
    }
    return this.request<ResultsMessage>('search', frame, 'results')
  }

  /**
   * Pages back: asks for the `limit` chats before the first one loaded and puts them in the
   * timeline (an `add` change with `older`). Resolves with what was added; `timeline.start`
   * says when the start of the room's history is loaded.
   */
  async loadOlder(limit: number): Promise<OlderResult> {
    const position = this.deps.timeline.position
    if (!position) throw new ConnectionError('CONN_ERR_DISCONNECTED', 'not in the room yet')
    if (!this.deps.features().includes('history')) {
      throw new ConnectionError('CONN_ERR_UNSUPPORTED', 'this room does not support history')
    }
    const before = this.deps.timeline.firstSeq ?? position.lastSeq + 1
    if (!this.deps.timeline.canLoadOlder || before <= 1) {
      return { added: 0, refused: this.deps.timeline.start === null }
    }
    const page = await this.history({ before }, limit)
    return this.deps.timeline.prependOlder(page.chats, { epoch: position.epoch, ...page })
  }

  /**
   * The chat at `seq` (from the timeline, or fetched from the hub and kept for quotes, where
   * ops keep it current); null when the hub does not keep it (or it is not a chat).
   */
  async fetchChat(seq: number): Promise<ChatEvent | null> {
    const known = this.deps.timeline.chatAt(seq)
    if (known) return known
    const position = this.deps.timeline.position
    if (!position) throw new ConnectionError('CONN_ERR_DISCONNECTED', 'not in the room yet')
    const page = await this.history({ before: seq + 1 }, 1)
    const chat = page.chats.find((c) => c.seq === seq)
    if (!chat) return null
    this.deps.timeline.remember([chat], position.epoch)
    return this.deps.timeline.chatAt(seq) ?? chat
  }

  /** Sends a request (`frame`, checked against the protocol) and waits for its answer. */
  private request<T extends PageMessage | ResultsMessage>(
    feature: 'history' | 'search',
    frame: { type: 'history' | 'search'; id: string },
    answer: T['type'],
  ): Promise<T> {
    if (!this.deps.connected()) {
      return Promise.reject(
        new ConnectionError('CONN_ERR_DISCONNECTED', 'not connected to the room'),
      )
    }
    if (!this.deps.features().includes(feature)) {
      return Promise.reject(
        new ConnectionError('CONN_ERR_UNSUPPORTED', `this room does not support ${feature}`),
      )
    }
    const parsed = SCHEMAS.clientMessage.safeParse(frame)
    if (!parsed.success) {
      return Promise.reject(
        new ConnectionError(
          'CONN_ERR_INVALID',
          `the ${feature} request ${describeIssues(parsed.error)}`,
        ),
      )
    }
    const promise = this.deps.requests.wait<T>(frame.id, answer)
    this.deps.send(frame)
    return promise
  }
}
