import { EventEmitter } from 'node:events'
import type {
  DirectoryView,
  Notice,
  Profile,
  RoomView,
  Snapshot,
  TimelinePatch,
} from '../../shared/bridge'
import { DEFAULT_PORT, type DirectoryRoom, type DirectoryState } from '../../shared/protocol'
import { parseRoomAddress } from '../connection/address'
import { HubError, type Hub, type HubOptions } from '../hub'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import type { SettingsStore } from '../settings/settings'
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
    const { name, clientId } = this.deps.settings.current
    return { name: name ?? this.deps.suggestedName, clientId }
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
    }
  }

  timeline(): TimelinePatch {
    return this.session?.timeline() ?? EMPTY_TIMELINE
  }

  private directoryView(): DirectoryView {
    const state = this.deps.directory.state
    return { ...state, rooms: state.rooms.map((room) => ({ ...room })) }
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
    return {
      ...room,
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

  hostRoom(name: string): Promise<void> {
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
      })
      this.advertiser.start()
      this.deps.directory.setOwnRooms([hub.roomId])
      const session = this.deps.connect({
        urls: [`ws://127.0.0.1:${hub.port}/ws`],
        roomId: hub.roomId,
        name: profile.name,
        clientId: profile.clientId,
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

  joinRoom(roomId: string): Promise<void> {
    return this.exclusive(async () => {
      this.requireIdle()
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
      await this.join(room.urls, room.id)
    })
  }

  joinAddress(address: string): Promise<void> {
    return this.exclusive(async () => {
      this.requireIdle()
      const url = parseRoomAddress(address, DEFAULT_PORT)
      if (!url) {
        throw new ControllerError(
          'APP_ERR_BAD_ADDRESS',
          `"${address.slice(0, 100)}" is not an address. Type it as host:port, for example 192.168.1.20:${DEFAULT_PORT}.`,
        )
      }
      await this.join([url.href], null)
    })
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

  private requireSession(): RoomSession {
    if (!this.session) throw new ControllerError('APP_ERR_NOT_IN_ROOM', 'You are not in a room.')
    return this.session
  }

  private async join(urls: string[], roomId: string | null): Promise<void> {
    const profile = this.profile
    this.hosting = false
    const session = this.deps.connect({
      urls,
      roomId,
      name: profile.name,
      clientId: profile.clientId,
      resolveCandidates: async (id) => this.findRoom(id)?.urls ?? urls,
    })
    // The window stays in the lobby ("Joining…") until the room has answered, so that a
    // failure is shown next to what the person did, not in a room view that vanishes.
    try {
      await session.ready
    } catch (error) {
      await session.close().catch(() => {})
      throw new ControllerError('APP_ERR_CONNECT', (error as Error).message)
    }
    this.attach(session)
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
    this.deps.directory.setOwnRooms([])
    this.emit('timeline', EMPTY_TIMELINE)
    this.publish()
  }
}
