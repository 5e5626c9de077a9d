/** What a hub is started with (Hub.start): the room, where it lives, how it is served. */
import type { Limits } from '../../shared/protocol'
import type { TlsCredentials } from '../security/tls'
import type { FilesOption } from './files/open-files'
import type { Logger } from './logger'
import type { TimelineStore, TimelineStoreOptions } from './timeline-store'

export interface HubOptions {
  /** Room name shown to people. Also selects the room in `dataDir`: same name, same room. */
  roomName: string
  /** Display name of the person hosting. */
  hostName: string
  /** Directory for room state and history. Required: a room without history is not one. */
  dataDir: string
  /** Port to listen on. Default DEFAULT_PORT, falling back to a free port when it is taken;
   * an explicit port that is taken is an error (HUB_ERR_PORT_IN_USE). 0 picks a free port. */
  port?: number
  /** Address to bind. Default '0.0.0.0' (every IPv4 interface). */
  bind?: string
  /** Chats per second per member; 0 turns rate limiting off. Default LIMITS.chatsPerSecond. */
  rateLimit?: number
  /** Overrides for LIMITS (tests use smaller ones). */
  limits?: Partial<Limits>
  /** Client id of the host's own connection, marked `host: true` in the member list. */
  hostClientId?: string
  /**
   * The certificate and key to serve TLS (https/wss) with, or `false` for plain http/ws.
   * Required, so that turning encryption off is always a visible choice (`--no-tls`): plain is
   * for tests and benchmarks. See `loadOrCreateTlsCredentials`.
   */
  tls: TlsCredentials | false
  /** A passphrase members must prove (OPAQUE) before they get a welcome. Default none. */
  passphrase?: string
  /** Events the history keeps (all kinds); past it the oldest go. Default
   * LIMITS.historyBudgetEvents (`--history-events`). */
  historyEvents?: number
  /** Bytes the history file may take. Default LIMITS.historyBudgetBytes (`--history-mb`). */
  historyBytes?: number
  /** Opens the history store; for tests (a store in memory). Default: the file log. */
  openStore?: (options: TimelineStoreOptions) => TimelineStore
  logger?: Logger
  /**
   * The hub stopped by itself: the disk refused the room's history (full, or the file too
   * large). Members were dropped as when the host's process dies; nothing unwritten was
   * acknowledged. The room's owner says so and stops (`lanroom host` exits 1).
   */
  onFailure?: (error: Error) => void
  /**
   * The room's files (feature `files`, docs/protocol.md): `dir` holds them (default: `files`
   * in the room's own directory, `<dataDir>/rooms/<id>/files`); files up to maxFileBytes
   * (default LIMITS.maxFileBytes, `--max-file-mb`), budgetBytes in all (default
   * LIMITS.filesBudgetBytes, `--files-mb`). Omitted or `false`: no files (`--no-files`).
   */
  files?: FilesOption
  /**
   * The built guest app (`out/guest/`), served at `/` for browsers (docs/protocol.md, Guest
   * app); read once at start. Omitted or null: no page.
   */
  guestApp?: { dir: string } | null
  /**
   * Whether browser guests may come in: the page, and WebSocket upgrades carrying the hub's own
   * `Origin`. Default true; `setGuests` changes it while the room runs (`--no-guests`).
   */
  guests?: boolean
  /**
   * Serves the room together with other hubs through NATS JetStream (issue #19; `--nats`):
   * the servers, a credentials file (`--nats-creds`), the copies of the room's stream
   * (`--replicas`; default 3 on a cluster of three servers or more, else 1). The room's id,
   * epoch and passphrase verifier then come from the cluster (cluster/cluster-start.ts), which
   * refuses a hub whose certificate or passphrase is not the room's (CLUSTER_ERR_*); its history
   * is read from its stream, and its files are in a JetStream object store
   * (cluster/file-store.ts). Omitted: the room is this hub's alone.
   */
  nats?:
    | {
        servers: readonly string[]
        credsFile?: string
        replicas?: number
        /** How long a dead hub's members stay listed (ms); default 15 s (tests: shorter). */
        presenceTtlMs?: number
      }
    | undefined
}
