import type { CommandResult, ConnectionView, TimelinePatch } from '../../shared/bridge'
import { LIMITS, type Member } from '../../shared/protocol'
// The connection's modules one by one, not its index, which brings the Node socket along: the
// guest page runs this file in a browser (its socket factory comes from src/guest).
import type { ClosedState, ConnectionState, SocketFactory } from '../connection'
import { ConnectionError } from '../connection/errors'
import { newMessageId } from '../connection/message-id'
import { RoomConnection } from '../connection/room-connection'
import { MAX_OLDER_ENTRIES } from '../connection/timeline'
import { Emitter } from '../connection/emitter'
import { ControllerError } from './errors'
import { unref } from './unref'
import { MemberList } from './member-list'
import { hubNotice, opRefusal, requestError, type OpName } from './request-errors'
import type {
  ChatOptions,
  RoomSession,
  SessionEvents,
  SessionNotice,
  SessionOptions,
  SessionView,
} from './session'
import { TimelinePublisher } from './timeline-publisher'
import type { FileTarget } from '../files/target'
import type { ChatEvent, FileDeclaration } from '../../shared/protocol'
import { mentionsYou, type PendingChat } from './timeline-view'
import { TypingIndicators } from './typing-indicators'

/** Notices kept for the first listener (see ConnectionSession.notice). */
const MAX_EARLY_NOTICES = 10
/** How many timeline entries the app keeps as messages arrive (paging back adds up to
 * MAX_OLDER_ENTRIES more). */
export const TIMELINE_SIZE = 1_000
/** How long leaving waits for queued messages to go out. */
const LEAVE_DRAIN_MS = 2_000
/** Chats asked for per page when the person scrolls back. */
export const OLDER_PAGE = 100
/** openAt says how far it has come every this many pages. */
const PROGRESS_EVERY_PAGES = 5
/** openAt retries a page refused for the rate at most this many times in a row. */
const MAX_PAGE_RETRIES = 5

export { toViewEntry } from './timeline-view'

function connectionView(state: ConnectionState): ConnectionView {
  switch (state.status) {
    case 'idle':
    case 'connecting':
      return { status: 'connecting', attempt: 0, nextRetryAt: null, reason: null }
    case 'connected':
      return { status: 'connected', attempt: 0, nextRetryAt: null, reason: null }
    case 'reconnecting':
      return {
        status: 'reconnecting',
        attempt: state.attempt,
        nextRetryAt: state.retryAt,
        reason: state.lastError,
      }
    case 'closed':
      return {
        status: 'closed',
        attempt: 0,
        nextRetryAt: null,
        reason: state.message,
        ...(state.reason === 'ended' ? { ended: true } : {}),
      }
  }
}

/**
 * A room session for the app: the shared RoomConnection (reconnect, resume, outbox, timeline)
 * seen as what the window shows. Timeline changes become patches (timeline-publisher.ts).
 *
 * The view costs what changed: members are kept in the window's order as they come and go
 * (member-list.ts), typing in a small set that only counts as a change when someone starts or
 * stops (typing-indicators.ts), and the view itself is built once per change.
 */
export class ConnectionSession extends Emitter<SessionEvents> implements RoomSession {
  private readonly connection: RoomConnection
  private readonly members: MemberList
  private readonly typing = new TypingIndicators(() => this.changed())
  private readonly publisher: TimelinePublisher
  private shown: SessionView | null = null
  /** The certificate the last connection presented: the room's own, still while reconnecting
   * or after it ended (each new connection is checked against the pin again). */
  private fingerprint: string | null = null
  private readonly clientId: string
  /** Notices raised before anyone listened (see notice). */
  private early: SessionNotice[] = []
  /** Someone listens to notices (the controller, once it has taken the session). */
  private noticeHeard = false
  /** The page loadOlder is loading (a second call meanwhile gets the same). */
  private older: Promise<CommandResult<'loadOlder'>> | null = null
  /** Pages are asked for one after the other (loadOlder and openAt alike). */
  private paging: Promise<unknown> = Promise.resolve()
  readonly ready: Promise<void>

  /** `socketFactory`: how sockets are opened (node-session.ts: `ws`; the guest page: the
   * browser's WebSocket; tests play the hub through fake ones). */
  constructor(
    private readonly options: SessionOptions,
    socketFactory: SocketFactory,
  ) {
    super()
    this.clientId = options.identity.clientId
    this.members = new MemberList(this.clientId)
    this.connection = new RoomConnection({
      candidates: options.urls,
      name: options.name,
      identity: options.identity,
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.verifyPeer ? { verifyPeer: options.verifyPeer } : {}),
      socketFactory,
      timelineSize: TIMELINE_SIZE,
      ...(options.resolveCandidates ? { resolveCandidates: options.resolveCandidates } : {}),
    })
    const c = this.connection
    this.publisher = new TimelinePublisher(c, options.name, (patch) => this.emit('timeline', patch))
    c.on('state', () => {
      if (c.state.status === 'connected') this.fingerprint = c.state.fingerprint
      this.changed()
    })
    c.on('welcome', () => {
      // The whole room again (a first welcome, or after a reconnect): the one full sort.
      this.members.reset(c.members)
      for (const member of c.members) this.publisher.learnName(member.clientId, member.name)
      this.typing.retain((id) => this.members.has(id))
      this.changed()
    })
    // A join of someone already here (as a hub may tell it) is a rename at most.
    const present = ({ member }: { member: Member }): void => {
      this.members.set(member)
      this.publisher.learnName(member.clientId, member.name)
      this.typing.rename(member.clientId, member.name)
      this.changed()
    }
    c.on('joined', present)
    c.on('renamed', present)
    c.on('left', ({ clientId }) => {
      this.members.delete(clientId)
      this.typing.stop(clientId)
      this.changed()
    })
    c.on('typing', ({ clientId, name, active }) => {
      // Only people in the room type: the list stays as small as the room.
      if (!this.members.has(clientId)) return
      const changed = active ? this.typing.start(clientId, name) : this.typing.stop(clientId)
      if (changed) this.changed()
    })
    c.on('chat', (chat) => {
      if (this.typing.stop(chat.from)) this.changed()
      if (chat.from === this.clientId) return
      const mention = mentionsYou(chat, this.clientId)
      this.emit('incoming', { name: chat.name, text: chat.text, mention })
    })
    c.on('op', (op) => this.publisher.learnName(op.from, op.name))
    c.on('reads', (positions) => {
      if (positions.length > 0) this.changed()
    })
    c.on('error', (error) => {
      // Errors about one message show on that message (the outbox); the rest are told.
      if (error.id === undefined) this.notice(hubNotice(error))
    })
    c.on('closed', () => {
      this.typing.clear()
      this.publisher.stop()
      this.changed()
    })
    this.ready = c.connect().then(
      () => undefined,
      (error: Error) => {
        throw error
      },
    )
    this.ready.catch(() => {})
  }

  get ended(): ClosedState | null {
    const state = this.connection.state
    return state.status === 'closed' ? state : null
  }

  get view(): SessionView {
    if (this.shown) return this.shown
    const c = this.connection
    const room = c.room
    const state = c.state
    this.shown = {
      fingerprint: state.status === 'connected' ? state.fingerprint : this.fingerprint,
      room: room ? { id: room.id, name: room.name, hostName: room.hostName } : null,
      connection: connectionView(state),
      members: this.members.list,
      typing: this.typing.list,
      maxTextLength: c.maxTextLength,
      features: [...c.features],
      reads: this.readsView(),
      files:
        c.welcome?.files && c.features.includes('files')
          ? { enabled: true, maxFileBytes: c.welcome.files.maxFileBytes }
          : null,
    }
    return this.shown
  }

  /** Work done so far keeping the members in order (comparisons), for the cost tests. */
  get memberComparisons(): number {
    return this.members.comparisons
  }

  timeline(): TimelinePatch {
    return this.publisher.full()
  }

  fileTarget(): FileTarget | null {
    return this.connection.fileTarget()
  }

  sendFile(
    file: FileDeclaration,
    options: { caption?: string; replyTo?: number; id?: string },
  ): Promise<ChatEvent> {
    return this.connection.sendFile({
      file,
      ...(options.id !== undefined ? { id: options.id } : {}),
      ...(options.caption !== undefined ? { caption: options.caption } : {}),
      ...(options.replyTo !== undefined ? { replyTo: options.replyTo } : {}),
    }).sent
  }

  private shownUploads = new Set<string>()

  showUploads(uploads: readonly PendingChat[]): void {
    // A file just sent shows the time it was sent; a change to one shown keeps its time.
    if (uploads.some((upload) => !this.shownUploads.has(upload.id))) this.publisher.stamp()
    this.shownUploads = new Set(uploads.map((upload) => upload.id))
    this.publisher.setUploads(uploads)
  }

  chatAt(seq: number): ChatEvent | undefined {
    return this.connection.timeline.chatAt(seq)
  }

  send(text: string, options: ChatOptions = {}): string {
    const id = newMessageId()
    this.publisher.stamp()
    this.connection
      .send(text, {
        id,
        ...(options.replyTo !== undefined ? { replyTo: options.replyTo } : {}),
        ...(options.mentions !== undefined ? { mentions: options.mentions } : {}),
        ...(options.mentionsRoom ? { mentionsRoom: true } : {}),
      })
      .catch(() => {
        // The outbox keeps failed messages with their reason; the window shows them.
      })
    return id
  }

  react(seq: number, emoji: string): void {
    this.requireFeature('reactions', 'reactions')
    this.op(this.connection.react(seq, emoji), 'react')
  }

  unreact(seq: number, emoji: string): void {
    this.requireFeature('reactions', 'reactions')
    this.op(this.connection.unreact(seq, emoji), 'unreact')
  }

  edit(seq: number, text: string): void {
    this.requireFeature('edit', 'editing messages')
    this.requireOwn(seq, 'edit')
    this.op(this.connection.edit(seq, text), 'edit')
  }

  remove(seq: number): void {
    this.requireFeature('delete', 'deleting messages')
    this.requireOwn(seq, 'delete')
    this.op(this.connection.delete(seq), 'delete')
  }

  loadOlder(): Promise<CommandResult<'loadOlder'>> {
    // One page at a time: a second ask while one loads gets the same page.
    this.older ??= this.pageBack(OLDER_PAGE).finally(() => {
      this.older = null
    })
    return this.older
  }

  async search(text: string, before?: number): Promise<CommandResult<'search'>> {
    try {
      const { matches, more } = await this.connection.search({
        text,
        ...(before !== undefined ? { before } : {}),
      })
      return { matches, more }
    } catch (error) {
      throw requestError(error, 'search')
    }
  }

  /**
   * Pages back until the chat at `seq` is loaded: at most MAX_OLDER_ENTRIES messages back,
   * telling how far it has come every few pages; a page refused for the rate is asked again
   * when the hub says.
   */
  async openAt(seq: number): Promise<void> {
    const timeline = this.connection.timeline
    let pages = 0
    let loaded = 0
    let retries = 0
    for (;;) {
      const first = timeline.firstSeq
      if (first !== null && first <= seq) {
        if (timeline.isLoaded(seq)) return
        throw new ControllerError('APP_ERR_NOT_FOUND', 'That message is no longer in the room.')
      }
      if (timeline.start || !timeline.canLoadOlder || loaded >= MAX_OLDER_ENTRIES) {
        throw new ControllerError(
          'APP_ERR_NOT_FOUND',
          timeline.start
            ? 'That message is no longer in the room.'
            : `That message is more than ${MAX_OLDER_ENTRIES.toLocaleString('en')} messages back.`,
        )
      }
      let added: number
      try {
        ;({ added } = await this.loadOlderOnce(LIMITS.pageLimit))
        retries = 0
      } catch (error) {
        const limited = error instanceof ConnectionError && error.code === 'HUB_request_limited'
        if (!limited || retries >= MAX_PAGE_RETRIES) throw requestError(error, 'open the message')
        retries += 1
        await delay(error.retryAfterMs ?? 500)
        continue
      }
      if (added === 0 && !timeline.start) {
        throw new ControllerError('APP_ERR_NOT_FOUND', 'That message could not be loaded.')
      }
      loaded += added
      pages += 1
      if (pages % PROGRESS_EVERY_PAGES === 0) {
        this.emit('progress', {
          code: 'ROOM_INFO_PROGRESS',
          message: `Loading older messages… ${loaded.toLocaleString('en')} so far`,
          params: { count: loaded },
        })
      }
    }
  }

  markRead(): void {
    const last = this.connection.resumePosition?.lastSeq ?? 0
    if (last > 0) this.connection.markRead(last)
  }

  retry(id: string): void {
    this.connection.retry(id).catch(() => {})
  }

  discard(id: string): void {
    this.connection.discard(id)
  }

  setTyping(active: boolean): void {
    this.connection.typing(active)
  }

  retryNow(): void {
    this.connection.retryNow()
  }

  rename(name: string): void {
    this.connection.rename(name)
  }

  async close(): Promise<void> {
    await Promise.race([
      this.connection.drain(),
      new Promise((resolve) => unref(setTimeout(resolve, LEAVE_DRAIN_MS))),
    ])
    await this.connection.close()
    this.publisher.stop()
    if (this.typing.clear()) this.changed()
  }

  private async pageBack(limit: number): Promise<CommandResult<'loadOlder'>> {
    try {
      return await this.loadOlderOnce(limit)
    } catch (error) {
      throw requestError(error, 'load older messages')
    }
  }

  /** One page, after any other page being asked for: two at once would ask for the same. */
  private loadOlderOnce(limit: number): Promise<CommandResult<'loadOlder'>> {
    const page = this.paging.then(async () => {
      const { added } = await this.connection.loadOlder(limit)
      const start = this.connection.timeline.start
      return { added, first: start !== null, trimmed: start?.trimmed ?? false }
    })
    this.paging = page.catch(() => undefined)
    return page
  }

  /** A room whose hub has said what it does (its welcome) and not this: refused at once. */
  private requireFeature(feature: string, what: string): void {
    if (this.connection.welcome && !this.connection.features.includes(feature)) {
      throw new ControllerError(
        'APP_ERR_UNSUPPORTED',
        `This room's host runs a version of LAN Room without ${what}.`,
      )
    }
  }

  /** Edits and deletes are the author's: refused here when the chat is loaded and not yours. */
  private requireOwn(seq: number, verb: string): void {
    const chat = this.connection.timeline.chatAt(seq)
    if (chat && chat.from !== this.clientId) {
      throw new ControllerError('APP_ERR_NOT_AUTHOR', `You can only ${verb} your own messages.`)
    }
  }

  /** An op is on its way; its refusal (it left the outbox) is told as a notice. */
  private op(delivery: Promise<unknown>, op: OpName): void {
    delivery.catch((error: unknown) => {
      const refusal = opRefusal(error, op)
      if (refusal !== null) this.notice(refusal)
    })
  }

  /** Others' read positions, with their names (the most recently changed first). */
  private readsView(): SessionView['reads'] {
    const reads: SessionView['reads'] = []
    for (const { clientId, seq } of this.connection.reads) {
      if (clientId === this.clientId) continue
      reads.push({ clientId, name: this.publisher.nameOf(clientId) ?? 'Someone', seq })
    }
    return reads
  }

  override on<K extends keyof SessionEvents>(
    event: K,
    listener: (...args: SessionEvents[K]) => void,
  ): () => void {
    const off = super.on(event, listener)
    if (event === 'notice') {
      this.noticeHeard = true
      // Handed over after the caller's own setup, as the frames that raised them were read.
      if (this.early.length > 0) {
        queueMicrotask(() => {
          for (const notice of this.early.splice(0)) this.emit('notice', notice)
        })
      }
    }
    return off
  }

  /** Something the view shows changed: it is built again when next read. */
  private changed(): void {
    this.shown = null
    this.emit('change')
  }

  /**
   * Tells the window something about the room. Frames that arrive with the welcome are read
   * before whoever joined has attached to this session: what they raise is kept (a few) and
   * given to the first listener, not lost.
   */
  private notice(notice: SessionNotice): void {
    if (this.noticeHeard) this.emit('notice', notice)
    else if (this.early.length < MAX_EARLY_NOTICES) this.early.push(notice)
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => unref(setTimeout(resolve, Math.min(ms, 60_000))))
}
