import { EventEmitter } from 'node:events'
import {
  JOIN_ERROR_CODES,
  type CommandResult,
  type DirectoryView,
  type JoinFailure,
  type Notice,
  type Profile,
  type RoomView,
  type Snapshot,
  type TimelinePatch,
} from '../../shared/bridge'
import { DEFAULT_PORT, type DirectoryRoom, type DirectoryState } from '../../shared/protocol'
import { verificationCode } from '../../shared/security/verification-code'
import type { ClosedState } from '../connection'
import { parseRoomAddress } from '../connection/address'
import { HubError, type Hub, type HubOptions } from '../hub'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import type { ClientIdentity } from '../security/identity'
import type { PinStore } from '../security/pins'
import { checkPeer, listedRoomTrust, type PeerCheck } from '../security/trust'
import type { TlsCredentials } from '../security/tls'
import type { SettingsStore } from '../settings/settings'
import type { InspectedRoom } from './inspect'
import type { IncomingChat, RoomSession, SessionFactory } from './session'

/** The directory as the controller uses it (RoomDirectory in the app, anything alike in tests). */
export interface Directory {
  readonly state: DirectoryState
  on(event: 'change', listener: (state: DirectoryState) => void): unknown
  setOwnRooms(ids: Iterable<string>): void
  start(): void
  stop(): Promise<void>
}

export interface Advertiser {
  start(): void
  stop(): Promise<void>
}

export interface ControllerDeps {
  settings: SettingsStore
  /** The installation's key pair: who this person is in every room. */
  identity: ClientIdentity
  /** The installation's TLS certificate, made on first use (hosting). */
  tlsCredentials: () => Promise<TlsCredentials>
  /** Certificates of rooms joined before (trust on first use). */
  pins: PinStore
  /** Reads a typed address's /info and the certificate it presents (see inspect.ts). */
  inspect: (address: URL, options: { plainOnly: boolean }) => Promise<InspectedRoom>
  /** Where hosted rooms keep their history (the app's user-data directory). */
  dataDir: string
  /** A name to suggest on first run. */
  suggestedName: string
  directory: Directory
  startHub: (options: HubOptions) => Promise<Hub>
  createAdvertiser: (room: {
    roomId: string
    name: string
    hostName: string
    port: number
    passphrase: boolean
    fingerprint: string | null
  }) => Advertiser
  connect: SessionFactory
  /** The addresses others can join a hub on `port` at, most useful first (host:port). */
  joinAddresses: (port: number) => string[]
  /** Port for hosting; default DEFAULT_PORT (with fallback to a free one). */
  hostPort?: number
  /** Interface to bind when hosting; default every interface. */
  hostBind?: string
  logger?: Logger
}

/** A command that cannot be carried out, with a stable code and a sentence for people. */
export class ControllerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ControllerError'
  }
}

interface ControllerEvents {
  snapshot: [Snapshot]
  timeline: [TimelinePatch]
  notice: [Notice]
  /** A chat from someone else; the Electron glue notifies and badges with it. */
  incoming: [IncomingChat & { roomName: string }]
}

function platformName(platform: NodeJS.Platform): Snapshot['platform'] {
  if (platform === 'win32') return 'windows'
  if (platform === 'darwin') return 'mac'
  if (platform === 'linux') return 'linux'
  return 'other'
}

const EMPTY_TIMELINE: TimelinePatch = { reset: true, confirmed: [], pending: [] }

/** How the room you are in is trusted. */
type Trust = 'verified' | 'first-use' | 'plain'

/** How to join a room: kept with a refusal, so that "trust the new certificate" joins again. */
interface JoinTarget {
  urls: string[]
  /** The room the person chose (rooms nearby); null for a typed address. */
  roomId: string | null
  roomName: string
  /** The certificate the person confirmed by its code (join by address). */
  expectedFingerprint: string | null
  passphrase: string | null
}

/** A refusal by the trust-on-first-use rule (security/trust.ts). */
type Refusal = Extract<PeerCheck, { ok: false }>

/** A connection refused for its certificate: what the person may choose to trust instead. */
interface Refused {
  kind: 'changed' | 'downgraded'
  roomId: string
  roomName: string
  pinned: string | null
  presented: string | null
  target: JoinTarget
}

/** What every join failure carries: a code for the window, a sentence, and the kind. */
class JoinError extends Error {
  constructor(
    readonly failure: JoinFailure,
    readonly code: string,
  ) {
    super(failure.message)
  }
}

/**
 * The person's situation: idle, hosting a room (and a member of it, through the same
 * connection code as everyone else), or joined to someone else's. Plain Node: the Electron
 * glue and the browser test harness both drive it through the bridge contract.
 */
export class Controller extends EventEmitter<ControllerEvents> {
  private hub: Hub | null = null
  private advertiser: Advertiser | null = null
  private session: RoomSession | null = null
  private hosting = false
  private unread = 0
  /** How the room you are in is trusted (null when not in one). */
  private trust: Trust | null = null
  private joinedWithPassphrase = false
  /** The last connection refused for its certificate. */
  private refused: Refused | null = null
  /** Why the last join failed (null once another starts, or it succeeds). */
  private joinFailure: JoinFailure | null = null
  private busy: Promise<unknown> = Promise.resolve()
  private readonly log: Logger

  constructor(private readonly deps: ControllerDeps) {
    super()
    this.log = deps.logger ?? SILENT_LOGGER
    deps.directory.on('change', () => this.publish())
  }

  start(): void {
    this.deps.directory.start()
    this.publish()
  }

  // ------------------------------------------------------------------ reading

  get profile(): Profile {
    const { name } = this.deps.settings.current
    return { name: name ?? this.deps.suggestedName, clientId: this.deps.identity.clientId }
  }

  snapshot(): Snapshot {
    const settings = this.deps.settings.current
    return {
      profileSet: settings.name !== null,
      profile: this.profile,
      situation: this.session ? (this.hosting ? 'hosting' : 'joined') : 'idle',
      directory: this.directoryView(),
      room: this.roomView(),
      lastRoomName: settings.lastRoomName,
      platform: platformName(process.platform),
      certificateWarning: this.refused
        ? {
            kind: this.refused.kind,
            roomId: this.refused.roomId,
            roomName: this.refused.roomName,
            pinnedCode: this.refused.pinned ? verificationCode(this.refused.pinned) : null,
            presentedCode: this.refused.presented ? verificationCode(this.refused.presented) : null,
            presentedFingerprint: this.refused.presented,
          }
        : null,
      joinFailure: this.joinFailure,
    }
  }

  timeline(): TimelinePatch {
    return this.session?.timeline() ?? EMPTY_TIMELINE
  }

  private directoryView(): DirectoryView {
    const state = this.deps.directory.state
    return {
      ...state,
      rooms: state.rooms.map((room) => {
        const presented = room.presentedFingerprint ?? null
        const advertised = room.fingerprint ?? null
        // From the certificate the room's connection presented, against the pin: never from
        // the advertisement alone (see security/trust.ts).
        const trust = listedRoomTrust(this.deps.pins, room)
        const shown = presented ?? advertised
        return {
          ...room,
          trust,
          verificationCode: shown ? verificationCode(shown) : null,
          certificateMismatch: room.certificateMismatch ?? false,
        }
      }),
    }
  }

  private roomView(): RoomView | null {
    const session = this.session
    if (!session) return null
    const view = session.view
    const fallback =
      this.hosting && this.hub
        ? { id: this.hub.roomId, name: this.hub.roomName, hostName: this.profile.name }
        : { id: '', name: 'Connecting…', hostName: '' }
    const room = view.room ?? fallback
    const fingerprint = this.hosting && this.hub ? this.hub.fingerprint : view.fingerprint
    return {
      ...room,
      security: {
        encrypted: fingerprint !== null,
        verificationCode: fingerprint ? verificationCode(fingerprint) : null,
        trust: this.hosting ? 'own' : (this.trust ?? 'first-use'),
        passphrase: this.hosting ? (this.hub?.passphrase ?? false) : this.joinedWithPassphrase,
      },
      hosting: this.hosting,
      joinAddresses: this.hosting && this.hub ? this.deps.joinAddresses(this.hub.port) : [],
      connection: view.connection,
      members: view.members,
      typing: view.typing,
      maxTextLength: view.maxTextLength,
      unread: this.unread,
    }
  }

  private publish(): void {
    this.emit('snapshot', this.snapshot())
  }

  private notice(level: Notice['level'], code: string, message: string): void {
    this.emit('notice', { level, code, message })
  }

  // ------------------------------------------------------------------ commands

  /** Commands that change the situation run one at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.busy.then(work, work)
    this.busy = run.catch(() => undefined)
    return run
  }

  setProfile(name: string): Profile {
    this.deps.settings.update({ name })
    this.publish()
    return this.profile
  }

  hostRoom(name: string, passphrase?: string): Promise<void> {
    return this.exclusive(async () => {
      this.requireIdle()
      const profile = this.profile
      let hub: Hub
      try {
        hub = await this.deps.startHub({
          roomName: name,
          hostName: profile.name,
          dataDir: this.deps.dataDir,
          hostClientId: profile.clientId,
          tls: await this.deps.tlsCredentials(),
          ...(passphrase !== undefined ? { passphrase } : {}),
          bind: this.deps.hostBind ?? '0.0.0.0',
          ...(this.deps.hostPort !== undefined ? { port: this.deps.hostPort } : {}),
          logger: this.log,
        })
      } catch (error) {
        if (error instanceof HubError) {
          throw new ControllerError(error.code, `The room could not be started: ${error.message}`)
        }
        // Anything else (a data directory that cannot be written, say) is detailed in the log.
        this.log.error({}, `starting the hub: ${String(error)}`)
        throw new ControllerError(
          'HUB_ERR_START',
          'The room could not be started: its data could not be saved. The details are in the log.',
        )
      }
      this.hub = hub
      this.hosting = true
      this.deps.settings.update({ lastRoomName: hub.roomName })
      this.advertiser = this.deps.createAdvertiser({
        roomId: hub.roomId,
        name: hub.roomName,
        hostName: profile.name,
        port: hub.port,
        passphrase: hub.passphrase,
        fingerprint: hub.fingerprint,
      })
      this.advertiser.start()
      this.deps.directory.setOwnRooms([hub.roomId])
      const own = hub.fingerprint
      const session = this.deps.connect({
        urls: [`${hub.scheme}://127.0.0.1:${hub.port}/ws`],
        roomId: hub.roomId,
        name: profile.name,
        identity: this.deps.identity,
        ...(passphrase !== undefined ? { passphrase } : {}),
        // Your own hub: exactly its certificate, nothing else that might answer on the port.
        verifyPeer: (peer) =>
          peer.fingerprint === own && peer.roomId === hub.roomId
            ? null
            : 'Something else answered at your room’s port.',
      })
      try {
        await session.ready
      } catch (error) {
        await session.close().catch(() => {})
        await this.teardown()
        throw new ControllerError(
          'APP_ERR_CONNECT',
          `Could not join your own room: ${(error as Error).message}`,
        )
      }
      this.attach(session)
    })
  }

  stopHosting(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.hosting)
        throw new ControllerError('APP_ERR_NOT_HOSTING', 'You are not hosting a room.')
      await this.teardown()
    })
  }

  joinRoom(roomId: string, passphrase?: string): Promise<void> {
    return this.joining(async () => {
      const room = this.deps.directory.state.rooms.find((r) => r.id === roomId)
      if (!room) {
        throw new ControllerError(
          'APP_ERR_ROOM_GONE',
          'That room is no longer nearby. Try joining by address.',
        )
      }
      if (!room.compatible) {
        throw new ControllerError(
          'APP_ERR_INCOMPATIBLE',
          room.incompatibleReason ?? 'This room cannot be joined.',
        )
      }
      if (room.urls.length === 0) {
        throw new ControllerError(
          'APP_ERR_UNREACHABLE',
          `"${room.name}" has no address this computer can reach.`,
        )
      }
      await this.join({
        urls: room.urls,
        roomId: room.id,
        roomName: room.name,
        expectedFingerprint: null,
        passphrase: passphrase ?? null,
      })
    })
  }

  /**
   * Reads what answers at a typed address — which room, whether it needs a passphrase, and the
   * verification code of the certificate it presents — so that the person can check before
   * joining.
   */
  async inspectAddress(address: string): Promise<CommandResult<'inspectAddress'>> {
    const url = this.parseAddress(address)
    let inspected: InspectedRoom
    try {
      inspected = await this.deps.inspect(url, { plainOnly: /^ws:\/\//i.test(address.trim()) })
    } catch (error) {
      throw new ControllerError('APP_ERR_UNREACHABLE', (error as Error).message)
    }
    const { info, fingerprint } = inspected
    const pin = this.deps.pins.get(info.roomId)
    return {
      address: inspected.url,
      roomId: info.roomId,
      name: info.name,
      hostName: info.hostName,
      passphrase: info.passphrase,
      encrypted: fingerprint !== null,
      fingerprint,
      verificationCode: fingerprint ? verificationCode(fingerprint) : null,
      pin: !pin
        ? 'new'
        : fingerprint === null
          ? 'downgraded'
          : pin.fingerprint === fingerprint
            ? 'match'
            : 'changed',
      pinnedCode: pin ? verificationCode(pin.fingerprint) : null,
    }
  }

  /**
   * Joins by a typed address. `expectedFingerprint` is the certificate the person saw (by its
   * code) in `inspectAddress` and confirmed: the connection must present exactly it.
   */
  joinAddress(
    address: string,
    options: { expectedFingerprint?: string | null; passphrase?: string } = {},
  ): Promise<void> {
    return this.joining(async () => {
      const url = this.parseAddress(address)
      await this.join({
        urls: [url.href],
        roomId: null,
        roomName: '',
        expectedFingerprint: options.expectedFingerprint ?? null,
        passphrase: options.passphrase ?? null,
      })
    })
  }

  /**
   * The person compared codes with the host and trusts the certificate the last refused
   * connection presented: it replaces the pin, and the room is joined again the way it was
   * tried. Only exactly that certificate — the window cannot name another, nor one that a later
   * refusal put in its place after the person saw the warning.
   */
  trustNewCertificate(roomId: string, fingerprint: string): Promise<void> {
    return this.exclusive(async () => {
      const refused = this.refused
      if (
        !refused ||
        refused.roomId !== roomId ||
        refused.presented === null ||
        refused.presented !== fingerprint
      ) {
        throw new ControllerError(
          'APP_ERR_NOTHING_TO_TRUST',
          'There is no changed certificate of that room to trust.',
        )
      }
      // A room that was refused on a reconnect is still on screen, closed: leave it first.
      if (this.session?.ended && !this.hosting) await this.teardown()
      this.requireIdle()
      this.deps.pins.pin(roomId, fingerprint, refused.roomName)
      // The warning stays up ("Joining…") until the join is over; a refusal of another
      // certificate meanwhile replaces it and stays.
      try {
        await this.attempt(() => this.join(refused.target))
      } finally {
        if (this.refused === refused) {
          this.refused = null
          this.publish()
        }
      }
    })
  }

  /** Closes the certificate warning without trusting anything. */
  dismissCertificateWarning(): void {
    if (!this.refused) return
    this.refused = null
    this.publish()
  }

  private parseAddress(address: string): URL {
    const url = parseRoomAddress(address, DEFAULT_PORT)
    if (!url) {
      throw new ControllerError(
        'APP_ERR_BAD_ADDRESS',
        `"${address.slice(0, 100)}" is not an address. Type it as host:port, for example 192.168.1.20:${DEFAULT_PORT}.`,
      )
    }
    // A typed host:port means "whatever is there": TLS first. Only an explicit ws:// is plain.
    if (!/^wss?:\/\//i.test(address.trim())) url.protocol = 'wss:'
    return url
  }

  leaveRoom(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.session) throw new ControllerError('APP_ERR_NOT_IN_ROOM', 'You are not in a room.')
      await this.teardown()
    })
  }

  sendChat(text: string): { id: string } {
    return { id: this.requireSession().send(text) }
  }

  retryMessage(id: string): void {
    this.requireSession().retry(id)
  }

  discardMessage(id: string): void {
    this.requireSession().discard(id)
  }

  setTyping(active: boolean): void {
    this.session?.setTyping(active)
  }

  retryNow(): void {
    this.requireSession().retryNow()
  }

  markRead(): void {
    if (this.unread === 0) return
    this.unread = 0
    this.publish()
  }

  /** Stops hosting or leaves, so that members see the room end rather than time out. */
  shutdown(): Promise<void> {
    return this.exclusive(async () => {
      await this.teardown()
      await this.deps.directory.stop()
    })
  }

  // ------------------------------------------------------------------ internals

  private requireIdle(): void {
    if (this.session) {
      throw new ControllerError(
        'APP_ERR_BUSY',
        this.hosting ? 'Stop hosting your room first.' : 'Leave the room you are in first.',
      )
    }
  }

  /** A join command: one at a time, from the lobby, its failure remembered for the window. */
  private joining(work: () => Promise<void>): Promise<void> {
    return this.exclusive(() => {
      this.requireIdle()
      return this.attempt(work)
    })
  }

  /** Runs a join, recording why it failed (snapshot.joinFailure) or clearing the last reason. */
  private async attempt(work: () => Promise<void>): Promise<void> {
    if (this.joinFailure) {
      this.joinFailure = null
      this.publish()
    }
    try {
      await work()
    } catch (error) {
      const failure: JoinFailure =
        error instanceof JoinError
          ? error.failure
          : { kind: 'other', roomId: null, message: (error as Error).message, retryAt: null }
      this.joinFailure = failure
      this.publish()
      if (error instanceof JoinError) throw new ControllerError(error.code, error.message)
      throw error
    }
  }

  private requireSession(): RoomSession {
    if (!this.session) throw new ControllerError('APP_ERR_NOT_IN_ROOM', 'You are not in a room.')
    return this.session
  }

  private async join(target: JoinTarget): Promise<void> {
    const profile = this.profile
    this.hosting = false
    const pins = this.deps.pins
    let pinnedBefore: boolean | null = null
    /** The last certificate refused, with the room id it was checked against. */
    let refusal: { roomId: string; check: Refusal } | null = null
    const session = this.deps.connect({
      urls: target.urls,
      roomId: target.roomId,
      name: profile.name,
      identity: this.deps.identity,
      ...(target.passphrase ? { passphrase: target.passphrase } : {}),
      // Before anything is sent on a connection (the first and every reconnect): pins are
      // looked up by the room the person chose, else by the room that answered.
      verifyPeer: (peer) => {
        const roomId = target.roomId ?? peer.roomId
        const roomName =
          target.roomName || this.findRoom(roomId)?.name || pins.get(roomId)?.name || ''
        const check = checkPeer(pins, {
          roomId,
          fingerprint: peer.fingerprint,
          expectedFingerprint: target.expectedFingerprint,
          roomName,
        })
        if (!check.ok) {
          refusal = { roomId, check }
          this.certificateRefused(refusal.roomId, roomName, check, target)
          return check.message
        }
        if (target.roomId !== null && peer.roomId !== target.roomId) {
          return `Another room than ${roomName ? `"${roomName}"` : 'the one you chose'} answers at its address.`
        }
        pinnedBefore ??= check.status === 'match'
        return null
      },
      resolveCandidates: async (id) => this.findRoom(id)?.urls ?? target.urls,
    })
    // The window stays in the lobby ("Joining…") until the room has answered, so that a
    // failure is shown next to what the person did, not in a room view that vanishes.
    try {
      await session.ready
    } catch (error) {
      await session.close().catch(() => {})
      throw this.joinError(session.ended, error as Error, refusal, target)
    }
    const view = session.view
    const fingerprint = view.fingerprint
    if (view.room && fingerprint) pins.pin(view.room.id, fingerprint, view.room.name)
    this.trust = fingerprint === null ? 'plain' : pinnedBefore ? 'verified' : 'first-use'
    this.joinedWithPassphrase = target.passphrase !== null
    this.refused = null
    this.attach(session)
  }

  /**
   * Keeps a refused certificate (changed or gone) for the warning, with what it takes to join
   * again once the person trusts it. A certificate other than the one the person confirmed a
   * moment ago (`unexpected`) is not offered for trust: they start over and compare again.
   */
  private certificateRefused(
    roomId: string,
    roomName: string,
    check: Refusal,
    target: JoinTarget,
  ): void {
    if (check.kind === 'unexpected') return
    this.refused = {
      kind: check.kind,
      roomId,
      roomName,
      pinned: check.pinnedFingerprint,
      presented: check.presentedFingerprint,
      target,
    }
    this.publish()
  }

  /** A join that failed, as a code the window acts on, a sentence and the kind of failure. */
  private joinError(
    ended: ClosedState | null,
    error: Error,
    refusal: { roomId: string; check: Refusal } | null,
    target: JoinTarget,
  ): JoinError {
    const roomId = refusal?.roomId ?? target.roomId
    const fail = (kind: JoinFailure['kind'], code: string, message: string, retryAt?: number) =>
      new JoinError({ kind, roomId, message, retryAt: retryAt ?? null }, code)
    switch (ended?.reason) {
      case 'untrusted': {
        if (!refusal) return fail('other', 'APP_ERR_CONNECT', ended.message)
        const kind = `certificate_${refusal.check.kind}` as const
        return fail(kind, JOIN_ERROR_CODES[kind], ended.message)
      }
      case 'passphrase':
        return ended.errorCode === 'wrong_passphrase'
          ? fail('wrong_passphrase', JOIN_ERROR_CODES.wrong_passphrase, 'Wrong passphrase.')
          : fail(
              'passphrase_required',
              JOIN_ERROR_CODES.passphrase_required,
              'This room needs a passphrase.',
            )
      case 'throttled': {
        const waitMs = ended.retryAfterMs ?? 10_000
        const seconds = Math.ceil(waitMs / 1000)
        return fail(
          'throttled',
          JOIN_ERROR_CODES.throttled,
          `Too many wrong passphrases from this computer. Try again in ${seconds} s.`,
          Date.now() + waitMs,
        )
      }
      default:
        return fail('other', 'APP_ERR_CONNECT', error.message)
    }
  }

  private findRoom(id: string): DirectoryRoom | undefined {
    return this.deps.directory.state.rooms.find((room) => room.id === id)
  }

  private attach(session: RoomSession): void {
    this.session = session
    this.unread = 0
    session.on('change', () => {
      if (this.session === session) this.publish()
    })
    session.on('timeline', (patch) => {
      if (this.session === session) this.emit('timeline', patch)
    })
    session.on('notice', (message) => {
      if (this.session === session) this.notice('error', 'ROOM_ERR_HUB', message)
    })
    session.on('incoming', (chat) => {
      if (this.session !== session) return
      this.unread += 1
      this.emit('incoming', { ...chat, roomName: session.view.room?.name ?? '' })
      this.publish()
    })
    this.emit('timeline', session.timeline())
    this.publish()
  }

  private async teardown(): Promise<void> {
    const session = this.session
    this.session = null
    this.unread = 0
    // Goodbyes first (the room leaves every list at once), then the room ends for everyone,
    // the host's own connection included, and only then does that connection go.
    if (this.advertiser) {
      await this.advertiser.stop().catch(() => {})
      this.advertiser = null
    }
    if (this.hub) {
      await this.hub.stop()
      this.hub = null
    }
    if (session)
      await session
        .close()
        .catch((error: unknown) => this.log.warn({}, `leaving: ${String(error)}`))
    this.hosting = false
    this.trust = null
    this.joinedWithPassphrase = false
    this.deps.directory.setOwnRooms([])
    this.emit('timeline', EMPTY_TIMELINE)
    this.publish()
  }
}
