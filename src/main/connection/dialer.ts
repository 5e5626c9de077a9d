import { hubUrlScheme, SUBPROTOCOL, type WelcomeMessage } from '../../shared/protocol'
import { backoffDelay, type BackoffOptions } from './backoff'
import { clipMessage, seconds, unreachableMessage } from './close-reason'
import { Handshake, type HandshakeConfig, type HandshakeResult } from './handshake'
import { abandonSocket, type Clock, type RoomSocket, type SocketFactory } from './socket'
import type { ConnectionEnd, PeerInfo } from './state'

/** How long a hello sent on an abandoned socket may still reach the hub and take our place. */
const STALE_HELLO_WINDOW_MS = 60_000

export interface DialerOptions {
  /** Where the room may be, in order (deduplicated, at least one). */
  candidates: readonly string[]
  handshake: HandshakeConfig
  socketFactory: SocketFactory
  /** Finds the room again by id before each reconnect attempt (see RoomConnectionOptions). */
  resolveCandidates?: (roomId: string) => Promise<readonly string[]>
  /** How long one candidate gets to open and answer `hello` with `welcome`. */
  connectTimeoutMs: number
  /** After a welcome, a hub that is stopping (closing, 1001) is only that attempt failing. */
  hostStopIsDrop?: boolean
  backoff: BackoffOptions
  random: () => number
  clock: Clock
}

/** A socket that got into the room, handed to the session. */
export interface Welcomed {
  socket: RoomSocket
  url: string
  welcome: WelcomeMessage
  fingerprint: string | null
  /** Whether this client had been in the room before (this is a reconnect). */
  reconnected: boolean
}

/** What the dialer tells the connection. */
export interface DialerListener {
  /** A candidate is being tried. */
  trying(url: string): void
  welcome(welcomed: Welcomed): void
  /** The connection ends for good (a refusal, or no address of a first connection worked). */
  end(end: ConnectionEnd): void
  /** Waiting to reconnect: attempt `attempt` runs at `retryAt`, or is running now (null). */
  reconnecting(attempt: number, retryAt: number | null, lastError: string): void
}

interface Round {
  urls: string[]
  index: number
  failures: string[]
  /** Candidates only a welcome's `hubs` named: what answers there must prove it is the room. */
  hearsay: ReadonlySet<string>
}

/**
 * Gets a socket into the room. A round tries the candidates in order, each for
 * `connectTimeoutMs`, through a handshake of its own. The first round reports the room
 * unreachable when every candidate fails; once the client has been in the room, a drop (or a
 * failed round) waits by exponential backoff with jitter and tries again: discovery's answer
 * first, then the address that worked last, then the room's other hubs (the last welcome's
 * `hubs`), then the original candidates.
 *
 * A hub named only by a welcome's `hubs` is hearsay: whatever answers there must present the
 * room id and certificate of the last welcome, and then pass `verifyPeer` (the pin) as any
 * address does. One that does not is refused before anything is sent, and the round moves on
 * to the next candidate (at any other address a refusal ends the connection, as `untrusted`).
 * Over plain ws there is no certificate, and a room id proves nothing (`/info` and discovery
 * tell it to anyone): such a hub may let the member in, but never ends the connection.
 */
export class Dialer {
  private everConnected = false
  private lastGoodUrl: string | null = null
  /** The room id of the last welcome, to find the room again by. */
  private roomId: string | null = null
  /** The certificate fingerprint the last welcome came with (null over plain ws). */
  private fingerprint: string | null = null
  /** The last welcome's other hubs of the room, those of the scheme it came over. */
  private hubs: string[] = []
  private attempt = 0
  private lastError = ''
  private round: Round | null = null
  /** The socket of the candidate being tried, and how to give up on it. */
  private trying: { socket: RoomSocket; cancel: () => void } | null = null
  private cancelRetry: (() => void) | null = null
  private generation = 0
  /** When hellos were sent on sockets given up before their welcome. */
  private staleHellos: number[] = []

  constructor(
    private readonly options: DialerOptions,
    private readonly listener: DialerListener,
  ) {}

  /** The first connection: one round over the candidates. */
  dial(): void {
    this.startRound([...this.options.candidates])
  }

  /** The session dropped (or a round failed after having been in): wait, then try again. */
  scheduleReconnect(lastError: string): void {
    this.attempt += 1
    this.lastError = clipMessage(lastError)
    const { clock } = this.options
    const delay = backoffDelay(this.attempt, this.options.random, this.options.backoff)
    this.cancelRetry = clock.schedule(() => {
      this.cancelRetry = null
      this.reconnectNow()
    }, delay)
    this.listener.reconnecting(this.attempt, clock.now() + delay, this.lastError)
  }

  /** A new connection now, while the current one is still open (a rename: the hub replaces
   * the old connection with it). The address that worked last is tried first. */
  redial(): void {
    this.generation += 1
    this.startRound(this.knownCandidates())
  }

  /** While waiting to reconnect: try now instead. Otherwise nothing. */
  retryNow(): void {
    if (!this.cancelRetry) return
    this.cancelRetry()
    this.cancelRetry = null
    this.reconnectNow()
  }

  /** The network changed: while waiting, try at once, counting attempts from 1 again. */
  networkChanged(): void {
    if (!this.cancelRetry) return
    this.attempt = 1
    this.retryNow()
  }

  /**
   * Whether a close that says "replaced" (4001) is explained by a hello we sent on a socket we
   * gave up on, reaching the hub only now; each such hello explains one.
   */
  consumeStaleHello(): boolean {
    const now = this.options.clock.now()
    this.staleHellos = this.staleHellos.filter((at) => now - at < STALE_HELLO_WINDOW_MS)
    return this.staleHellos.shift() !== undefined
  }

  /** Stops for good: no round goes on, no retry is waiting, the socket being tried is dropped. */
  stop(): void {
    this.generation += 1
    this.round = null
    this.cancelRetry?.()
    this.cancelRetry = null
    if (this.trying) {
      this.trying.cancel()
      abandonSocket(this.trying.socket)
      this.trying = null
    }
  }

  private reconnectNow(): void {
    this.listener.reconnecting(this.attempt, null, this.lastError)
    const generation = ++this.generation
    void this.reconnectCandidates().then(({ urls, found }) => {
      if (generation === this.generation) this.startRound(urls, found)
    })
  }

  /** Discovery's answer first, then the known candidates. */
  private async reconnectCandidates(): Promise<{ urls: string[]; found: string[] }> {
    const { resolveCandidates, clock, connectTimeoutMs } = this.options
    const fallback = this.knownCandidates()
    const roomId = this.roomId
    let found: readonly string[] = []
    if (resolveCandidates && roomId) {
      let cancel = (): void => {}
      const timeout = new Promise<readonly string[]>((done) => {
        cancel = clock.schedule(() => done([]), connectTimeoutMs)
      })
      try {
        found = await Promise.race([resolveCandidates(roomId), timeout])
      } catch {
        found = []
      } finally {
        cancel()
      }
    }
    const named = found.map(String)
    return { urls: [...new Set([...named, ...fallback])], found: named }
  }

  /** The address that worked last, then the room's other hubs, then the original list. */
  private knownCandidates(): string[] {
    const last = this.lastGoodUrl ? [this.lastGoodUrl] : []
    return [...new Set([...last, ...this.hubs, ...this.options.candidates])]
  }

  private startRound(urls: string[], found: readonly string[] = []): void {
    const vouched = new Set([...found, ...this.options.candidates])
    if (this.lastGoodUrl) vouched.add(this.lastGoodUrl)
    const hearsay = new Set(this.hubs.filter((url) => !vouched.has(url)))
    this.round = { urls, index: 0, failures: [], hearsay }
    this.tryCandidate()
  }

  /**
   * The check of a candidate only a welcome named: the room id and certificate of the last
   * welcome, then `verifyPeer`. Null to go on, or why not.
   */
  private hearsayCheck(peer: PeerInfo): string | null {
    if (peer.roomId !== this.roomId) {
      return `${peer.url} is not a hub of this room: it serves room ${peer.roomId}, not ${this.roomId ?? '?'}`
    }
    if (peer.fingerprint !== this.fingerprint) {
      return `${peer.url} is not a hub of this room: its certificate (${peer.fingerprint ?? 'none'}) is not the room's (${this.fingerprint ?? 'none'})`
    }
    return this.options.handshake.verifyPeer?.(peer) ?? null
  }

  private tryCandidate(): void {
    const round = this.round
    if (!round) return
    const url = round.urls[round.index]
    if (url === undefined) return this.roundFailed(round)
    this.listener.trying(url)

    const { clock, connectTimeoutMs } = this.options
    const socket = this.options.socketFactory(url, SUBPROTOCOL)
    // Hearsay is taken at its word only once what answers has proved to be the room: by its
    // certificate, so never over plain ws.
    let proved = !round.hearsay.has(url)
    const config: HandshakeConfig = proved
      ? this.options.handshake
      : {
          ...this.options.handshake,
          verifyPeer: (peer) => {
            const problem = this.hearsayCheck(peer)
            proved = problem === null && peer.fingerprint !== null
            return problem
          },
        }
    const handshake = new Handshake(socket, url, config, (result) =>
      this.onResult(socket, url, proved ? result : unproved(result)),
    )
    const cancelTimer = clock.schedule(() => {
      if (this.trying?.socket !== socket) return
      this.trying = null
      handshake.abandon()
      this.abandon(socket, handshake.helloSent)
      const within = `within ${seconds(connectTimeoutMs)} s`
      this.candidateFailed(
        handshake.unreadable
          ? `${url} answered with a message this app cannot read, and no welcome ${within}`
          : `no answer from ${url} ${within}`,
      )
    }, connectTimeoutMs)
    // A hello still being signed is not written on a socket given up meanwhile.
    const cancel = (): void => {
      cancelTimer()
      handshake.abandon()
    }
    this.trying = { socket, cancel }
  }

  private onResult(socket: RoomSocket, url: string, result: HandshakeResult): void {
    if (this.trying?.socket !== socket) return
    this.trying.cancel()
    this.trying = null
    switch (result.type) {
      case 'failed':
        return this.candidateFailed(result.message)
      case 'end':
        // A restarting host may still answer while it stops: the next attempt may find it back.
        if (result.end.reason === 'ended' && this.everConnected && this.options.hostStopIsDrop) {
          return this.candidateFailed(result.end.message)
        }
        return this.listener.end(result.end)
      case 'welcome': {
        const reconnected = this.everConnected
        this.everConnected = true
        this.lastGoodUrl = url
        this.roomId = result.welcome.room.id
        this.fingerprint = result.fingerprint
        // No downgrade: a client on wss never takes a plain ws hub from a welcome; and one on
        // ws could not hold a wss hub to the room's certificate (it has none).
        const scheme = hubUrlScheme(url)
        this.hubs = (result.welcome.hubs ?? []).filter((hub) => hubUrlScheme(hub) === scheme)
        this.attempt = 0
        this.round = null
        const { welcome, fingerprint } = result
        return this.listener.welcome({ socket, url, welcome, fingerprint, reconnected })
      }
    }
  }

  private candidateFailed(message: string): void {
    const round = this.round
    if (!round) return
    round.failures.push(message)
    round.index += 1
    this.tryCandidate()
  }

  private roundFailed(round: Round): void {
    this.round = null
    if (this.everConnected)
      return this.scheduleReconnect(round.failures.at(-1) ?? 'no address to try')
    this.listener.end({
      reason: 'unreachable',
      message: unreachableMessage(round.failures),
      closeCode: null,
    })
  }

  /** Gives up on a candidate's socket; a hello sent on it may still reach the hub. */
  private abandon(socket: RoomSocket, helloSent: boolean): void {
    abandonSocket(socket)
    if (helloSent) this.staleHellos.push(this.options.clock.now())
  }
}

/**
 * What a hearsay candidate's handshake means before it proved to be the room: an end there (a
 * refused certificate or room id, or a close that would end the connection) is only that
 * candidate failing. Nothing was sent to it (over plain ws, where nothing can prove it, at most
 * the hello).
 */
function unproved(result: HandshakeResult): HandshakeResult {
  return result.type === 'end' ? { type: 'failed', message: result.end.message } : result
}
