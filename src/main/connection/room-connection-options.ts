import type { ClientIdentity } from '../security/identity-core'
import type { BackoffOptions } from './backoff'
import type { Clock, SocketFactory } from './socket'
import type { PeerInfo } from './state'
import type { ResumePosition } from './timeline'

/* What a RoomConnection is given (its options) and what its sends and requests take. */

export interface RoomConnectionOptions {
  /** Where the room may be (`ws://host:port/ws`), tried in order until one answers. */
  candidates: readonly (string | URL)[]
  name: string
  /** Who this client is: its key pair. The client id is derived from the public key, and every
   * hello proves it by signing the hub's fresh nonce. */
  identity: ClientIdentity
  /** The room's passphrase, for a room that has one (proved with OPAQUE; never sent). */
  passphrase?: string
  /**
   * Checks the certificate each connection presents, before anything is sent on it: returns
   * null to go on, or a sentence saying why not (the connection then ends as `untrusted`).
   * `fingerprint` is null over plain ws. Default: anything is accepted.
   */
  verifyPeer?: (peer: PeerInfo) => string | null
  /** Opens sockets: `wsSocketFactory` in Node. */
  socketFactory: SocketFactory
  /** Where this client left off in this room in an earlier session, to be given what it
   * missed. Default: none (a first visit). */
  resume?: ResumePosition
  /**
   * Finds the room again by its id before each reconnect attempt (the host may have come back
   * at another address): discovery, in the app and the CLI. What it returns is tried first,
   * then the address that worked last and the original candidates. It gets `connectTimeoutMs`
   * to answer. Default: none (the original candidates).
   */
  resolveCandidates?: (roomId: string) => Promise<readonly string[]>
  /** How long one candidate gets to open and answer `hello` with `welcome`. Default 5000. */
  connectTimeoutMs?: number
  /**
   * A connection on which a chat has waited this long for its acknowledgement is taken for
   * dead and replaced. A LAN answers in milliseconds; a stalled TCP connection (Wi-Fi roaming,
   * a sleeping laptop) can otherwise look open for minutes. Default 10000.
   */
  ackTimeoutMs?: number
  /** Reconnect delays. Default DEFAULT_BACKOFF (300 ms doubling, at most 5 s, with jitter). */
  backoff?: Partial<BackoffOptions>
  /** How many entries the timeline keeps as messages arrive (paging back may add up to
   * MAX_OLDER_ENTRIES more). Default 1000. */
  timelineSize?: number
  /** How long a request (`history`, `search`) waits for its answer. Default 15000. */
  requestTimeoutMs?: number
  /**
   * Once in the room, the host's graceful stop (its `closing`, then any close; or close 1001) is
   * waited out as a dropped connection is, instead of ending the connection as `ended`: for
   * transfers that resume (`lanroom send` and `get`), whose host may be restarting and which
   * bound the wait themselves. The first connection still ends on it. Default false: the room
   * closing is the end, and the person is told.
   */
  hostStopIsDrop?: boolean
  /** Random source for the backoff jitter, in [0, 1). Default Math.random. */
  random?: () => number
  clock?: Clock
}

/** What a chat may carry besides its text. */
export interface SendOptions {
  /** The message id (default: a new one). */
  id?: string
  /** The seq of the chat this one answers. */
  replyTo?: number
  /** Client ids it mentions (unique; at most LIMITS.maxMentions). */
  mentions?: readonly string[]
  /** It mentions the whole room (`@room`). */
  mentionsRoom?: boolean
}

/** Which page `history` asks for: the chats just before a seq, or just after one. */
export type HistoryQuery = { before: number } | { after: number }

export interface SearchQuery {
  text: string
  /** Continue an earlier search: matches older than this seq. */
  before?: number
  /** At most this many matches (default and most: the room's maxSearchResults). */
  limit?: number
}
