// First, for its effect: the hub keeps V8's young generation small (see the module).
import './young-generation'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { WebSocket } from 'ws'
import {
  CLOSE_CODES,
  ERROR_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  createSchemas,
  describeIssues,
  type ClosingMessage,
  type Limits,
  type RoomInfo,
} from '../../shared/protocol'
import { Admission, passphraseProblem } from './admission'
import { Fanout } from './fanout'
import { frameJson } from './frame'
import { HubError } from './hub-error'
import { SILENT_LOGGER, type Logger } from './logger'
import { Peer } from './peer'
import { ChatStates } from './chat-states'
import { Room, TIMELINE_TYPES, type TimelineType } from './room'
import { openTimelineStore } from './store-seam'
import type { TimelineStore } from './timeline-store'
import { HubServer, type Refusal } from './server'
import { loadPassphraseCheck, type PassphraseCheck } from './passphrase-check'
import type { TlsCredentials } from '../security/tls'
import type { HubFiles } from './files/hub-files'
import { openFiles } from './files/open-files'
import { loadGuestFiles, type GuestFiles } from './guest-files'
import { join } from 'node:path'
import type { JetStreamLog } from '../cluster/event-log'
import type { ClusterReads } from '../cluster/reads'
import type { RoomPresence } from '../cluster/room-presence'
import { RemoteMembers } from './remote-members'
import { joinUrls } from './join-urls'
import type { HubOptions } from './hub-options'

export type { HubOptions } from './hub-options'

const TIMELINE: ReadonlySet<string> = new Set(TIMELINE_TYPES)

export { passphraseProblem } from './admission'
export { HubError } from './hub-error'
export { isOwnOrigin } from './server'

/** The `Retry-After` of a 503 for too many connections waiting to say hello, in seconds. */
export const PENDING_RETRY_AFTER_S = 1

const CLOSING: ClosingMessage = {
  type: 'closing',
  reason: 'host_stopped',
  message: 'The host closed the room.',
}

/**
 * The room hub: an HTTP server with `GET /info` and a WebSocket endpoint at `/ws`
 * (subprotocol `lanroom.v1`). One hub hosts one room. See docs/protocol.md.
 *
 * It composes the parts, each a concern of its own: the transport (server.ts) hands each
 * WebSocket to a Peer (peer.ts), which reads and bounds its frames; admission (admission.ts)
 * lets it in; the room (room.ts) is what members say and see; everything sent goes out through
 * the fan-out (fanout.ts); stamped chats are kept by the store (room-store.ts).
 */
export class Hub {
  readonly limits: Limits
  private readonly log: Logger
  private readonly server: HubServer
  private readonly fanout: Fanout<Peer>
  private readonly admission: Admission
  private readonly room: Room<Peer>
  private readonly connections = new Set<Peer>()
  private heartbeat: NodeJS.Timeout | null = null
  private nextConnectionId = 1
  private stopping: Promise<void> | null = null
  private readonly fingerprintValue: string | null
  /** Chats per second per member (0: unlimited): the room's pace, and each peer's read pace. */
  private readonly rateLimit: number
  private guestsOn: boolean
  /** The room's id and epoch: the store's, or the cluster's. */
  private readonly identity: { id: string; epoch: string }
  /** A clustered room's read positions, shared with the other hubs. */
  private clusterReads: ClusterReads | null = null
  /** A clustered room's members on its other hubs, and how this hub tells them its own. */
  private readonly remote = new RemoteMembers()
  private presence: RoomPresence | null = null

  private constructor(
    private readonly options: HubOptions,
    private readonly store: TimelineStore,
    private readonly states: ChatStates,
    limits: Limits,
    private readonly verifier: PassphraseCheck | null,
    private readonly files: HubFiles | null,
    guestApp: GuestFiles | null,
    private readonly cluster: JetStreamLog | null,
  ) {
    this.identity = cluster ? { id: cluster.roomId, epoch: cluster.epoch } : store.meta
    const schemas = createSchemas(limits)
    this.fingerprintValue = options.tls ? options.tls.fingerprint : null
    this.rateLimit = options.rateLimit ?? limits.chatsPerSecond
    this.guestsOn = options.guests ?? true
    this.limits = limits
    const log = (this.log = options.logger ?? SILENT_LOGGER)
    this.room = new Room<Peer>({
      room: {
        id: this.identity.id,
        name: store.meta.name,
        hostName: options.hostName,
        epoch: this.identity.epoch,
      },
      store,
      states,
      hostClientId: options.hostClientId,
      rateLimit: this.rateLimit,
      limits,
      schemas,
      log,
      broadcaster: { broadcast: (...args) => this.fanout.broadcast(...args) },
      files: files ?? undefined,
      openLog: cluster ? (sink) => cluster.open(sink) : undefined,
      remote: cluster ? this.remote : undefined,
    })
    this.fanout = new Fanout({
      maxTotalUniqueBytes: limits.maxTotalUniqueBytes,
      log,
      // Nothing leaves before the events it acknowledges are written (see TimelineStore).
      beforeWrite: () => store.flush(),
    })
    this.admission = new Admission({
      roomId: this.identity.id,
      fingerprint: this.fingerprintValue,
      passphrase: verifier,
      schemas,
      limits,
      log,
      admit: (peer, hello) => this.room.join(peer as Peer, hello),
      caughtUp: (hello) => this.room.caughtUp(hello),
    })
    this.server = new HubServer(
      { tls: options.tls, limits, log, files: files !== null, guestApp },
      {
        guests: () => this.guestsOn,
        info: () => this.info(),
        refusal: () => this.refusal(),
        connection: (ws, socket, req) => this.onConnection(ws, socket, req),
        files: files ? (req, res, path) => files.handle(req, res, path) : undefined,
      },
    )
  }

  /** Opens (or creates) the room in the data directory and starts listening. */
  static async start(options: HubOptions): Promise<Hub> {
    const limits: Limits = { ...LIMITS, ...options.limits }
    const schemas = createSchemas(limits)
    const roomName = schemas.roomName.safeParse(options.roomName)
    if (!roomName.success) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', `room name ${describeIssues(roomName.error)}`)
    }
    const hostName = schemas.displayName.safeParse(options.hostName)
    if (!hostName.success) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', `host name ${describeIssues(hostName.error)}`)
    }
    // The hub keeps OPAQUE's registration record, never the passphrase itself: it is not
    // among the options the hub holds on to (docs/security.md, who is trusted).
    const { passphrase, ...kept } = options
    let verifier: PassphraseCheck | null = null
    if (passphrase !== undefined) {
      const problem = passphraseProblem(passphrase)
      if (problem) throw new HubError('HUB_ERR_BAD_OPTIONS', `passphrase ${problem}`)
      verifier = await loadPassphraseCheck(passphrase, options.tls ? options.tls.fingerprint : null)
    }
    const logger = options.logger ?? SILENT_LOGGER
    const budget = {
      events: options.historyEvents ?? limits.historyBudgetEvents,
      bytes: options.historyBytes ?? limits.historyBudgetBytes,
    }
    for (const [name, value] of Object.entries(budget)) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new HubError('HUB_ERR_BAD_OPTIONS', `history ${name} must be a whole number above 0`)
      }
    }
    // The overlay of chat states is rebuilt from every kept event as the store opens.
    const states = new ChatStates(limits)
    // A clustered room is the cluster's: its id, epoch and passphrase verifier come from there.
    let cluster: JetStreamLog | null = null
    if (options.nats) {
      // Loaded only for a clustered room: NATS's client is of no use to the others.
      const { startClusteredRoom } = await import('../cluster/cluster-start')
      const clustered = await startClusteredRoom({
        nats: options.nats,
        roomName: roomName.data,
        fingerprint: options.tls ? options.tls.fingerprint : null,
        passphrase,
        verifier,
        maxMessageBytes: limits.maxFrameBytes,
        schemas,
        logger,
      })
      cluster = clustered.log
      verifier = clustered.verifier
    }
    // A clustered room's history is a copy of its stream's, kept apart from the room this
    // hub may host alone under the same name (its seqs are another sequence).
    const dataDir = cluster
      ? join(options.dataDir, 'cluster', `${cluster.roomId}-${cluster.epoch}`)
      : options.dataDir
    let store: TimelineStore
    try {
      store = (options.openStore ?? openTimelineStore)({
        dataDir,
        name: roomName.data,
        keep: Math.max(limits.dedupeWindow, limits.historySize + limits.maxResumeEvents),
        budget,
        limits,
        schemas,
        logger,
        onRecord: (event) => states.apply(event),
      })
    } catch (error) {
      await cluster?.close()
      throw error
    }
    let files: HubFiles | null
    let guestApp: GuestFiles | null
    try {
      guestApp = options.guestApp ? loadGuestFiles(options.guestApp.dir) : null
      // A clustered room's files are in its JetStream object store: any hub serves any file.
      files = cluster
        ? await (
            await import('../cluster/file-store')
          ).openClusterFiles(
            // The object store keeps as many copies as the room's stream.
            {
              ...options,
              nats: options.nats && { ...options.nats, replicas: cluster.replicas },
            },
            cluster.roomId,
            store,
            limits,
            logger,
            cluster,
          )
        : openFiles(options, store, limits, logger)
    } catch (error) {
      await cluster?.close()
      store.close()
      throw error
    }
    // The ops, and the files, of chats the budget had already dropped, and of the chats it
    // drops from now on, go with them.
    const shared = files?.store
    const dropUpTo = (droppedUpTo: number): void => {
      states.dropUpTo(droppedUpTo)
      shared?.dropUpTo(droppedUpTo)
    }
    dropUpTo((store.firstChatSeq ?? Number.MAX_SAFE_INTEGER) - 1)
    const hub = new Hub(
      { ...kept, roomName: roomName.data, hostName: hostName.data },
      store,
      states,
      limits,
      verifier,
      files,
      guestApp,
      cluster,
    )
    // Welcomes and resumes no longer offer what the budget drops from now on.
    store.onDrop = (droppedUpTo) => {
      dropUpTo(droppedUpTo)
      hub.room.historyDropped(droppedUpTo)
    }
    // The disk refused the history (full): nothing unwritten is acknowledged; the room stops
    // as if the host had gone (members keep what was not acknowledged, and send it again to
    // the room when it is back), and whoever runs the hub is told why.
    store.onWriteFailed = (error) => {
      hub.abort()
      options.onFailure?.(error)
    }
    // A file whose bytes a download found gone expires for everyone at once.
    if (shared) shared.onVanished = (seq) => hub.room.expired([seq])
    try {
      // A hub joining a clustered room reads the stream up to where it stood before it
      // welcomes anyone, so that its first welcome is as complete as any other hub's.
      await cluster?.caughtUp()
      if (cluster) {
        const { connection, roomId, replicas } = cluster
        const eventLog = cluster
        const { ClusterReads } = await import('../cluster/reads')
        hub.clusterReads = await ClusterReads.start(connection, { roomId, replicas, log: logger })
        hub.room.shareReads(hub.clusterReads)
        const { RoomPresence, loadHubId } = await import('../cluster/room-presence')
        hub.presence = await RoomPresence.start(cluster.connection, {
          roomId: cluster.roomId,
          hubId: loadHubId(options.dataDir),
          address: null,
          appliedSeq: () => eventLog.read,
          maxHubUrls: limits.maxHubUrls,
          ttlMs: options.nats?.presenceTtlMs,
          replicas: cluster.replicas,
          remote: hub.remote,
          log: logger,
        })
      }
      await hub.server.listen(options.bind ?? '0.0.0.0', options.port)
      hub.presence?.describe(joinUrls(options.bind ?? '0.0.0.0', hub.port, hub.scheme))
    } catch (error) {
      await hub.presence?.stop(true)
      hub.room.close()
      await hub.clusterReads?.stop({ graceful: false })
      await cluster?.close()
      files?.close()
      store.close()
      throw error
    }
    hub.heartbeat = setInterval(() => hub.beat(), limits.heartbeatIntervalMs)
    hub.heartbeat.unref()
    logger.info(
      {
        roomId: hub.roomId,
        cluster: cluster?.stream ?? null,
        port: hub.port,
        history: hub.room.recent.length,
        tls: hub.fingerprint !== null,
        passphrase: verifier !== null,
        files: files !== null,
        guestApp: guestApp !== null,
        guests: hub.guests,
      },
      `hosting "${roomName.data}"`,
    )
    return hub
  }

  get port(): number {
    return this.server.port
  }
  get roomId(): string {
    return this.identity.id
  }
  get epoch(): string {
    return this.identity.epoch
  }
  get roomName(): string {
    return this.store.meta.name
  }
  /** The hub's key fingerprint (SHA-256 of its certificate's SPKI, 64 hex digits), or null
   * without TLS. */
  get fingerprint(): string | null {
    return this.fingerprintValue
  }
  /** The JetStream stream the room is served through with other hubs, or null. */
  get clusterStream(): string | null {
    return this.cluster?.stream ?? null
  }
  /** Copies of the room's stream in NATS, or null. */
  get clusterReplicas(): number | null {
    return this.cluster?.replicas ?? null
  }
  /** One pass of a clustered room's sweep of orphaned files now (cluster/orphan-sweep.ts): the
   * ids removed, or null without one or when it could not run. */
  sweepFiles(graceMs?: number): Promise<string[] | null> {
    return this.files?.sweepBytes(graceMs) ?? Promise.resolve(null)
  }
  get passphrase(): boolean {
    return this.verifier !== null
  }

  /**
   * Serves a re-issued certificate (new addresses, see tls-renewal.ts) to new connections.
   * Only one with the same key: the fingerprint, every pin and the verification code stay.
   */
  setCertificate(credentials: TlsCredentials): void {
    if (credentials.fingerprint !== this.fingerprintValue) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', 'a renewed certificate must keep the key')
    }
    this.server.setCertificate(credentials)
  }
  /** `wss` or `ws`. */
  get scheme(): 'wss' | 'ws' {
    return this.fingerprintValue ? 'wss' : 'ws'
  }
  /** Whether browser guests may come in now. */
  get guests(): boolean {
    return this.guestsOn
  }
  /**
   * Lets browser guests in, or no longer: from now on the page and own-origin upgrades follow
   * it. Guests already in the room stay until they leave.
   */
  setGuests(on: boolean): void {
    if (on === this.guestsOn) return
    this.guestsOn = on
    this.log.info({ guests: on }, on ? 'guests allowed' : 'guests refused')
  }
  /** This hub's own members (without those on the other hubs of a clustered room). */
  get memberCount(): number {
    return this.room.size
  }
  /** What loading the history file had to drop, if anything. */
  get recovery(): TimelineStore['recovery'] {
    return this.store.recovery
  }

  info(): RoomInfo {
    return {
      v: PROTOCOL_VERSION,
      protocol: SUBPROTOCOL,
      roomId: this.roomId,
      name: this.roomName,
      hostName: this.options.hostName,
      // The whole room's, on every hub of a clustered one (hubs admitting at once may let a
      // few more in than it holds: /info says at most maxRoomMembers, as welcomes list).
      members: Math.min(this.room.roomSize, this.limits.maxRoomMembers),
      passphrase: this.verifier !== null,
      tls: this.fingerprintValue !== null,
      fingerprint: this.fingerprintValue,
      guests: this.guestsOn,
      ...this.remote.hubsField(),
    }
  }

  /** Why the hub takes no new WebSocket now, or null. */
  private refusal(): Refusal | null {
    if (this.stopping) {
      return { status: 503, text: 'Service Unavailable', reason: 'the room is closing' }
    }
    if (this.connections.size - this.room.size >= this.limits.maxPendingConnections) {
      // Connections that have not said hello yet cost memory and belong to nobody. They say it
      // within milliseconds, or helloTimeoutMs drops them: a newcomer may try again soon.
      return {
        status: 503,
        text: 'Service Unavailable',
        reason: 'too many connections are waiting to join',
        retryAfterS: PENDING_RETRY_AFTER_S,
      }
    }
    return null
  }

  private onConnection(ws: WebSocket, socket: Socket, req: IncomingMessage): void {
    const peer = new Peer({
      id: this.nextConnectionId++,
      ws,
      socket,
      remoteAddress: req.socket.remoteAddress,
      remotePort: req.socket.remotePort,
      // The transport let an Origin through only when it is the hub's own: the guest page.
      guest: req.headers.origin !== undefined,
      limits: this.limits,
      rateLimit: this.rateLimit,
      log: this.log,
      fanout: this.fanout,
      events: {
        message: (peer, type, value) => this.onMessage(peer, type, value),
        closed: (peer, reason, code) => {
          this.connections.delete(peer)
          this.fanout.remove(peer)
          this.admission.release(peer)
          this.room.leave(peer, reason, code)
        },
      },
    })
    this.connections.add(peer)
    this.fanout.add(peer)
    this.admission.challenge(peer)
  }

  private onMessage(peer: Peer, type: string, value: object): void {
    if (type === 'hello') return this.admission.hello(peer, value)
    if (type === 'login_finish') return this.admission.loginFinish(peer, value)
    if (!peer.seat) return peer.bad(ERROR_CODES.helloRequired, 'send hello first')
    if (TIMELINE.has(type)) return this.room.op(peer, type as TimelineType, value)
    if (type === 'read') return this.room.read(peer, value)
    if (type === 'history' || type === 'search') return this.room.request(peer, type, value)
    return this.room.typing(peer, value)
  }

  private beat(): void {
    for (const peer of this.connections) peer.heartbeat()
  }

  /**
   * Drops every connection and the port at once, telling nobody: what members see when the
   * host's process dies. Acknowledged chats are already on disk (see RoomStore). For recovery
   * tests, and when the disk refuses the history (store.onWriteFailed); a person stops a room
   * with stop().
   */
  abort(): void {
    if (this.stopping) return
    this.stopping = Promise.resolve()
    // No goodbye: the other hubs see this hub's members leave once the presence TTL passes.
    void this.presence?.stop(false)
    this.room.close()
    void this.clusterReads?.stop({ graceful: false })
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.fanout.stop()
    for (const peer of this.connections) peer.terminate()
    // Every NATS connection the hub opened: the room's log (which presence, typing and read
    // positions share; the room's close above closes it too) and the file store's own.
    void this.cluster?.close()
    this.files?.close()
    this.store.close()
    void this.server.close()
  }

  /**
   * Graceful stop: every member gets `closing` and close code 1001, the history is flushed
   * to disk and the port is released. Resolves when all of that is done.
   */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping
    this.stopping = (async () => {
      // Its members off the room's list at once, while the room's log (and with it the NATS
      // connection) is still open.
      if (this.presence) await this.presence.stop(true)
      this.room.close()
      if (this.heartbeat) clearInterval(this.heartbeat)
      this.fanout.stop()
      this.store.flush()
      const closed = [...this.connections].map((peer) => {
        const ended = peer.ended()
        if (peer.seat) peer.send(frameJson(CLOSING))
        peer.close(CLOSE_CODES.goingAway, 'the host closed the room')
        return ended
      })
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())
      await Promise.race([Promise.all(closed), timeout])
      for (const peer of this.connections) peer.terminate()
      await this.clusterReads?.stop()
      await this.cluster?.close()
      this.files?.close()
      this.store.close()
      await this.server.close()
      this.log.info({ roomId: this.roomId }, 'room closed')
    })()
    return this.stopping
  }
}
