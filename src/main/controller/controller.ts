import type {
  CommandResult,
  JoinFailure,
  Notice,
  Profile,
  Snapshot,
  TimelinePatch,
} from '../../shared/bridge'
import { clipMessage } from '../connection/close-reason'
import { Emitter } from '../connection/emitter'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { CertificateWarning } from './certificate-warning'
import type { ControllerDeps } from './deps'
import { ControllerError } from './errors'
import type { HostedRoom } from './hosting'
import type { InspectedRoom } from './inspect'
import { JoinError, findRoom, joinRoom, type JoinTarget } from './joining'
import type { ChatOptions, IncomingChat, RoomSession } from './session'
import { SnapshotBuilder, type Trust } from './snapshot'
import { SnapshotPublisher } from './snapshot-publisher'
import { looksLikeRoomCode } from '../../shared/protocol/room-code'
import { describeInspected, lookUpRoomCode, parseTypedAddress, plainOnly } from './typed-address'

export type { AdvertisedRoom, Advertiser, ControllerDeps, Directory } from './deps'
export { ControllerError } from './errors'

type ControllerEvents = {
  snapshot: [Snapshot]
  timeline: [TimelinePatch]
  notice: [Notice]
  /** A chat from someone else; the Electron glue notifies and badges with it. */
  incoming: [IncomingChat & { roomName: string; roomId: string }]
}

const EMPTY_TIMELINE: TimelinePatch = { reset: true, confirmed: [], pending: [] }

/**
 * The person's situation: idle, hosting a room (and a member of it, through the same
 * connection code as everyone else), or joined to someone else's. Plain Node: the Electron
 * glue and the browser test harness both drive it through the bridge contract.
 *
 * The parts: hosting.ts starts and stops your own room, joining.ts joins one with the
 * trust-on-first-use check, certificate-warning.ts keeps a refused certificate the person may
 * trust, typed-address.ts reads what they typed, and snapshot.ts builds what the window shows.
 * This class holds the situation, runs commands one at a time, and says what changed: a change
 * marks the snapshot stale, and it is built when read or sent, at most once a frame
 * (snapshot-publisher.ts).
 */
export class Controller extends Emitter<ControllerEvents> {
  private hosted: HostedRoom | null = null
  private session: RoomSession | null = null
  private unread = 0
  /** How the room you are in is trusted (null when not in one). */
  private trust: Trust | null = null
  private joinedWithPassphrase = false
  /** The last connection refused for its certificate. */
  private readonly warning = new CertificateWarning()
  /** Why the last join failed (null once another starts, or it succeeds). */
  private joinFailure: JoinFailure | null = null
  /** The room last inspected by address, which a join at that address is held to. */
  private inspected: {
    url: string
    roomId: string
    name: string
    /** Found by a room code: the certificate it names, which a join there may trust as verified. */
    codeFingerprint: string | null
  } | null = null
  private busy: Promise<unknown> = Promise.resolve()
  private readonly log: Logger
  private readonly builder = new SnapshotBuilder()
  private readonly publisher: SnapshotPublisher

  constructor(private readonly deps: ControllerDeps) {
    super()
    this.log = deps.logger ?? SILENT_LOGGER
    this.publisher = new SnapshotPublisher({
      build: () => this.build(),
      send: (snapshot) => this.emit('snapshot', snapshot),
      failed: (error) => this.log.error({}, `publishing the snapshot: ${String(error)}`),
    })
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

  /** What the window shows, now. Built only when something changed since it was last built. */
  /** The port of the room this app hosts, or null (the network doctor checks it is not blocked). */
  hostedPort(): number | null {
    return this.hosted?.hub.port ?? null
  }

  snapshot(): Snapshot {
    return this.publisher.current()
  }

  /** The room connection, while in a room (file transfers use it). */
  roomSession(): RoomSession | null {
    return this.session
  }

  /** Snapshots built and sent so far: what the changes cost (for the cost tests). */
  get snapshotStats(): { builds: number; sent: number } {
    return { builds: this.publisher.builds, sent: this.publisher.sent }
  }

  private build(): Snapshot {
    const settings = this.deps.settings.current
    const session = this.session
    return this.builder.build({
      chosenName: settings.name,
      profile: this.profile,
      lastRoomName: settings.lastRoomName,
      directory: this.deps.directory.state,
      pins: this.deps.pins,
      room: session
        ? {
            view: session.view,
            own: this.hosted?.view ?? null,
            trust: this.trust,
            joinedWithPassphrase: this.joinedWithPassphrase,
            unread: this.unread,
          }
        : null,
      refused: this.warning.current,
      joinFailure: this.joinFailure,
      platform: this.deps.platform ?? process.platform,
      language: settings.language,
    })
  }

  timeline(): TimelinePatch {
    return this.session?.timeline() ?? EMPTY_TIMELINE
  }

  private publish(): void {
    this.publisher.changed()
  }

  private notice(
    level: Notice['level'],
    code: string,
    message: string,
    params?: Notice['params'],
  ): void {
    this.emit('notice', {
      level,
      code,
      message: clipMessage(message),
      ...(params === undefined ? {} : { params }),
    })
    this.publisher.alongside()
  }

  /** A timeline change, with the snapshot of the same moment (see SnapshotPublisher). */
  private timelineChanged(patch: TimelinePatch): void {
    this.emit('timeline', patch)
    this.publisher.alongside()
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
    // In a room, the room is told too (the hosted room's advertisement keeps the name it
    // started with: it is the host's name as the room was announced).
    this.session?.rename(this.profile.name)
    this.publish()
    return this.profile
  }

  /** The Preferences switch "Let people join from a browser", applied to the room you host. */
  /** The Language setting changed: the snapshot carries it (a reloaded window's first screen). */
  languageChanged(): void {
    this.publish()
  }

  setGuests(on: boolean): void {
    if (!this.hosted || this.hosted.hub.guests === on) return
    this.hosted.setGuests(on)
    this.publish()
  }

  hostRoom(name: string, passphrase?: string): Promise<void> {
    return this.exclusive(async () => {
      this.requireIdle()
      const profile = this.profile
      let started: HostedRoom | null = null
      const hosted = await this.deps.hostRoom(this.deps, this.log, {
        name,
        host: profile,
        ...(passphrase !== undefined ? { passphrase } : {}),
        onFailure: (error) => void this.hostFailed(started, error),
      })
      started = hosted
      this.hosted = hosted
      const session = this.deps.connect(hosted.sessionOptions(profile.name, passphrase))
      try {
        await session.ready
      } catch (error) {
        await session.close().catch(() => {})
        await this.teardown()
        throw new ControllerError(
          'APP_ERR_CONNECT',
          clipMessage(`Could not join your own room: ${(error as Error).message}`),
        )
      }
      this.attach(session)
    })
  }

  /** Your hub stopped by itself (the disk refused its history): the room is no longer hosted
   * nor advertised, your own connection does not wait for it, and the window says why. */
  private hostFailed(hosted: HostedRoom | null, error: Error): Promise<void> {
    this.log.error({ error: String(error) }, 'your room stopped: its history could not be written')
    return this.exclusive(async () => {
      if (!hosted || this.hosted !== hosted) return
      await this.teardown()
      const cause = (error as NodeJS.ErrnoException).code
      this.notice(
        'error',
        'HUB_ERR_STORE_FAILED',
        `Your room stopped: its history could not be saved on this computer${
          typeof cause === 'string' ? ` (${cause})` : ''
        }. Check that the disk has free space and can be written to, then host it again; messages that were not confirmed stayed with their senders.`,
      )
    })
  }

  stopHosting(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.hosted)
        throw new ControllerError('APP_ERR_NOT_HOSTING', 'You are not hosting a room.')
      await this.teardown()
    })
  }

  joinRoom(roomId: string, passphrase?: string): Promise<void> {
    return this.joining(async () => {
      const room = findRoom(this.deps.directory.state, roomId)
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
    if (looksLikeRoomCode(address)) {
      const { lookup, code } = await lookUpRoomCode(address, {
        inspect: this.deps.inspect,
        rooms: () => this.deps.directory.state.rooms,
      })
      const { info, fingerprint } = lookup.inspected
      const url = new URL(lookup.inspected.url).href
      this.inspected = { url, roomId: info.roomId, name: info.name, codeFingerprint: fingerprint }
      return describeInspected(lookup.inspected, this.deps.pins, {
        code,
        codeAddress: lookup.codeAddress,
        foundNearby: lookup.fallback !== null,
        note: lookup.fallback && clipMessage(lookup.fallback),
      })
    }
    const url = parseTypedAddress(address)
    let inspected: InspectedRoom
    try {
      inspected = await this.deps.inspect(url, { plainOnly: plainOnly(address) })
    } catch (error) {
      throw new ControllerError('APP_ERR_UNREACHABLE', clipMessage((error as Error).message))
    }
    const { roomId, name } = inspected.info
    this.inspected = { url: new URL(inspected.url).href, roomId, name, codeFingerprint: null }
    return describeInspected(inspected, this.deps.pins)
  }

  /**
   * Joins by a typed address. `expectedFingerprint` is the certificate the person saw (by its
   * code) in `inspectAddress` and confirmed: the connection must present exactly it. At the
   * address last inspected, the join is held to the room seen there: another room answering
   * there (now, or on a reconnect) is refused.
   */
  joinAddress(
    address: string,
    options: { expectedFingerprint?: string | null; passphrase?: string } = {},
  ): Promise<void> {
    return this.joining(async () => {
      const url = parseTypedAddress(address)
      const seen = this.inspected?.url === url.href ? this.inspected : null
      await this.join({
        urls: [url.href],
        roomId: seen?.roomId ?? null,
        roomName: seen?.name ?? '',
        expectedFingerprint: options.expectedFingerprint ?? null,
        passphrase: options.passphrase ?? null,
        // The certificate a room code named, confirmed: verified, as a compared code is.
        confirmedByCode:
          Boolean(seen?.codeFingerprint) && seen?.codeFingerprint === options.expectedFingerprint,
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
      const refused = this.warning.find(roomId, fingerprint)
      if (!refused) {
        throw new ControllerError(
          'APP_ERR_NOTHING_TO_TRUST',
          'There is no changed certificate of that room to trust.',
        )
      }
      // A room that was refused on a reconnect is still on screen, closed: leave it first.
      if (this.session?.ended && !this.hosted) await this.teardown()
      this.requireIdle()
      this.deps.pins.pin(roomId, fingerprint, refused.roomName)
      // The warning stays up ("Joining…") until the join is over; a refusal of another
      // certificate meanwhile replaces it and stays.
      try {
        await this.attempt(() => this.join(refused.target))
      } finally {
        if (this.warning.clear(refused)) this.publish()
      }
    })
  }

  /** Closes the certificate warning without trusting anything. */
  dismissCertificateWarning(): void {
    if (this.warning.clear()) this.publish()
  }

  leaveRoom(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.session) throw new ControllerError('APP_ERR_NOT_IN_ROOM', 'You are not in a room.')
      await this.teardown()
    })
  }

  sendChat(text: string, options: ChatOptions = {}): { id: string } {
    return { id: this.requireSession().send(text, options) }
  }

  react(seq: number, emoji: string): void {
    this.requireSession().react(seq, emoji)
  }

  unreact(seq: number, emoji: string): void {
    this.requireSession().unreact(seq, emoji)
  }

  editMessage(seq: number, text: string): void {
    this.requireSession().edit(seq, text)
  }

  deleteMessage(seq: number): void {
    this.requireSession().remove(seq)
  }

  loadOlder(): Promise<CommandResult<'loadOlder'>> {
    return this.requireSession().loadOlder()
  }

  search(text: string, before?: number): Promise<CommandResult<'search'>> {
    return this.requireSession().search(text, before)
  }

  openAt(seq: number): Promise<void> {
    return this.requireSession().openAt(seq)
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

  /** The window shows the room, focused: everything so far is read. The room is told how far
   * (when the person has read receipts on; never when off). */
  markRead(): void {
    if (this.deps.settings.current.readReceipts) this.session?.markRead()
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
        this.hosted ? 'Stop hosting your room first.' : 'Leave the room you are in first.',
      )
    }
  }

  private requireSession(): RoomSession {
    if (!this.session) throw new ControllerError('APP_ERR_NOT_IN_ROOM', 'You are not in a room.')
    return this.session
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
          : {
              kind: 'other',
              roomId: null,
              message: clipMessage((error as Error).message),
              retryAt: null,
            }
      this.joinFailure = failure
      this.publish()
      if (error instanceof JoinError) throw new ControllerError(error.code, error.message)
      throw error
    }
  }

  /** Joins (the window stays in the lobby, "Joining…", until the room has answered, so that a
   * failure is shown next to what the person did, not in a room view that vanishes). */
  private async join(target: JoinTarget): Promise<void> {
    const joined = await joinRoom(this.deps, target, this.profile.name, (roomId, name, check) => {
      if (this.warning.offer(roomId, name, check, target)) this.publish()
    })
    this.trust = joined.trust
    this.joinedWithPassphrase = joined.passphrase
    this.warning.clear()
    this.attach(joined.session)
  }

  private attach(session: RoomSession): void {
    this.session = session
    this.unread = 0
    session.on('change', () => {
      if (this.session === session) this.publish()
    })
    session.on('timeline', (patch) => {
      if (this.session === session) this.timelineChanged(patch)
    })
    session.on('notice', ({ code, message, params }) => {
      if (this.session === session) this.notice('error', code, message, params)
    })
    session.on('progress', ({ code, message, params }) => {
      if (this.session === session) this.notice('info', code, message, params)
    })
    session.on('incoming', (chat) => {
      if (this.session !== session) return
      this.unread += 1
      const room = session.view.room
      this.emit('incoming', { ...chat, roomName: room?.name ?? '', roomId: room?.id ?? '' })
      this.publish()
    })
    this.timelineChanged(session.timeline())
    this.publish()
  }

  private async teardown(): Promise<void> {
    const session = this.session
    this.session = null
    this.unread = 0
    // The room ends for everyone, the host's own connection included, and only then does that
    // connection go.
    if (this.hosted) {
      await this.hosted.stop()
      this.hosted = null
    }
    if (session)
      await session
        .close()
        .catch((error: unknown) => this.log.warn({}, `leaving: ${String(error)}`))
    this.trust = null
    this.joinedWithPassphrase = false
    this.deps.directory.setOwnRooms([])
    this.timelineChanged(EMPTY_TIMELINE)
    this.publish()
  }
}
