import type { ZodError } from 'zod'
import {
  CLOSE_CODES,
  ERROR_CODES,
  FEATURES,
  PROTOCOL_VERSION,
  describeIssues,
  type ChatEvent,
  type FileDeclaration,
  type HelloMessage,
  type HubMessage,
  type LeaveReason,
  type Limits,
  type Member,
  type Schemas,
  type TimelineEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import type { ChatStates } from './chat-states'
import type { Broadcaster } from './fanout'
import { CatchUp } from './catch-up'
import { ChatView } from './chat-view'
import type { RoomFiles } from './files/hub-files'
import { frameJson } from './frame'
import { HistoryRequests } from './history-requests'
import { HistoryWindow } from './history-window'
import { MemberList } from './member-list'
import type { Link } from './link'
import type { Logger } from './logger'
import { ReadRelay, type SharedReads } from './read-positions'
import { RemoteMembers } from './remote-members'
import {
  LocalLog,
  type Origin,
  type Proposal,
  stampProposal,
  type OpenRoomLog,
  type RoomLog,
} from './room-log'
import { OpIntake } from './op-intake'
import { opRefusal, type TimelineMessage } from './timeline-rules'
import type { TimelineStore } from './timeline-store'
import { MemberPaces } from './pace'
import { TypingState } from './typing-state'
import { fullRefusal } from './room-full'

/** The client messages that take a seq, and the schema each is read with. */
export const TIMELINE_TYPES = ['chat', 'react', 'unreact', 'edit', 'delete'] as const
export type TimelineType = (typeof TIMELINE_TYPES)[number]

/**
 * Client ids whose rate limits are remembered, per place in the room (LIMITS.maxMembers):
 * members who left recently may come back, and must come back to the bucket they left.
 */
const REMEMBERED_PER_MEMBER = 4

/** The room's record of a member on one connection. */
export interface Seat {
  readonly member: Member
  readonly typing: TypingState
  /** The file credential this connection's welcome carried (feature `files`). */
  fileToken?: string
}

/** A member's connection, as the room sees it. */
export interface MemberLink extends Link {
  /**
   * The room's record of this connection's member: null until the room seats it, and again once
   * another connection of the same client has taken its place. Only the room sets it.
   */
  seat: Seat | null
  /** The connection came from the hub's own page: its member is listed with `guest: true`. */
  readonly guest?: boolean
  /** Queues one frame written in parts, far larger than the backlog bound (a welcome). */
  sendLarge(parts: readonly Buffer[], ownBytes: number): void
}

export interface RoomOptions<L> {
  /** Who the room is, as the welcome says. */
  room: WelcomeMessage['room']
  /** Where every stamped event is kept for good, before anything acknowledging it is written
   * to a member (see TimelineStore). */
  store: TimelineStore
  /** The overlay of chat states, built from every kept event (see ChatStates). */
  states: ChatStates
  /** The client id marked `host: true` in the member list. */
  hostClientId?: string | undefined
  /** Chats per second per member; 0: no limit. */
  rateLimit: number
  limits: Limits
  schemas: Schemas
  log: Logger
  broadcaster: Broadcaster<L>
  /** The room's files (feature `files`); without it, file chats are refused and every file
   * chat kept says `expired`. */
  files?: RoomFiles | undefined
  /** Where the room's timeline is ordered; default a LocalLog (one hub, see room-log.ts). */
  openLog?: OpenRoomLog<Origin<L>> | undefined
  /** The members on the room's other hubs (a clustered room); default none. */
  remote?: RemoteMembers | undefined
}

/**
 * The room itself: who is here (joins, reconnects that replace a connection, renames, leaves),
 * the rules for chats (validation, resends, the rate per member, across its reconnects) and
 * for typing (the pace, the throttle, the expiry), and what each member is told. It knows
 * connections only as MemberLinks, and the history as a HistoryWindow; see docs/protocol.md.
 */
export class Room<L extends MemberLink> {
  /** Members by client id: the connection currently speaking for each. */
  private readonly members = new Map<string, L>()
  /** The members as a welcome lists them, serialized as they change (see MemberList). */
  private readonly memberList: MemberList
  /** Each member's pace by client id, while present and for a while after (see Pace). */
  private readonly paces: MemberPaces
  private readonly history: HistoryWindow
  private readonly view: ChatView
  private readonly reads: ReadRelay
  private readonly requests: HistoryRequests
  private readonly limits: Limits
  private readonly chatBurst: number
  private readonly ordered: RoomLog<Origin<L>>
  private readonly remote: RemoteMembers
  /** Timeline ops from their arrival to the log (resends, pace, order, rules). */
  private readonly intake: OpIntake<L>
  /** Members resuming from a seq this hub has not applied yet (a clustered hub behind). */
  private readonly catchUp = new CatchUp()
  private closed = false

  constructor(private readonly options: RoomOptions<L>) {
    const { limits, store, states } = options
    this.limits = limits
    this.memberList = new MemberList(() => this.listed(), limits.maxRoomMembers)
    this.view = new ChatView(states, (seq) => this.find(seq), options.files)
    const recentChats = store
      .read(store.chatsBefore(Number.MAX_SAFE_INTEGER, limits.historySize))
      .filter((event): event is ChatEvent => event.type === 'chat')
    this.history = new HistoryWindow(store.loaded, recentChats, limits, {
      materialize: (chat) => this.view.materialize(chat),
      isDeleted: (seq) => states.isDeleted(seq),
    })
    this.chatBurst = Math.max(limits.chatBurst, options.rateLimit)
    const { rateLimit } = options
    const remembered = REMEMBERED_PER_MEMBER * limits.maxMembers
    // A present member's pace is never forgotten while it still remembers something.
    this.paces = new MemberPaces(
      { ...limits, rateLimit, chatBurst: this.chatBurst },
      remembered,
      (id) => this.members.has(id),
    )
    this.reads = new ReadRelay({
      limits,
      loaded: store.loadReads(),
      maxPaces: remembered,
      relay: (message) => this.broadcast(message),
      save: (positions) => store.saveReads(positions),
    })
    this.requests = new HistoryRequests({
      limits,
      store,
      log: options.log,
      maxPaces: remembered,
      materialize: (chat) => this.view.materialize(chat),
      currentText: (chat) => this.view.currentText(chat),
      present: (link, clientId) => this.members.get(clientId) === link,
    })
    const history = this.history
    const sink = {
      get lastSeq() {
        return history.lastSeq
      },
      stamp: (proposal: Proposal, origin: Origin<L>) =>
        this.applied(
          this.history.stamp((seq, ts) => stampProposal(proposal, seq, ts)),
          origin,
        ),
      apply: (event: TimelineEvent, origin: Origin<L> | undefined) => {
        // A resend the log let through (past its own duplicate window) is not applied twice.
        if (history.earlier(event.from, event.id)) {
          this.options.log.warn({ seq: event.seq, clientId: event.from }, 'dropped a resend')
          return
        }
        // Judged where it was proposed, against the chats as they stood there: an op proposed
        // meanwhile (at any hub) may have come first in the log (a delete before an edit, a
        // reaction taking the last place). Every hub applies one order: all drop the same ops.
        const overtaken =
          event.type === 'chat' ? null : opRefusal(event, event.from, { store, states }, true)
        if (overtaken) {
          this.options.log.info({ seq: event.seq, code: overtaken.code }, 'dropped an overtaken op')
          this.paces.settled(event.from, event.id)
          origin?.link.reject(overtaken.code, overtaken.message, { id: event.id })
          return
        }
        this.applied(history.add(event), origin)
      },
    }
    this.ordered = options.openLog ? options.openLog(sink) : new LocalLog(sink)
    this.intake = new OpIntake<L>({
      rateLimit,
      maxBehindFile: limits.maxBehindFile,
      store,
      states,
      files: options.files,
      history,
      paces: this.paces,
      fileOf: (seq) => this.fileOf(seq),
      propose: (proposal, origin) => this.ordered.propose(proposal, origin),
      closed: () => this.closed,
    })
    this.remote = options.remote ?? new RemoteMembers()
    this.remote.attach({
      has: (clientId) => this.members.has(clientId),
      listChanged: (added) => (added ? this.memberList.added(added) : this.memberList.changed()),
      broadcast: (message) => this.broadcast(message),
    })
  }

  /** The members on this hub. */
  get size(): number {
    return this.members.size
  }

  /** The members of the whole room, on every hub (one per client id), as a welcome lists them. */
  get roomSize(): number {
    return this.members.size + this.remote.countListed()
  }

  get lastSeq(): number {
    return this.history.lastSeq
  }

  /** The chats a welcome lists, oldest first, as stamped. */
  get recent(): readonly ChatEvent[] {
    return this.history.recentChats
  }

  /** The history budget dropped every event up to `seq` (see HistoryWindow.dropUpTo). */
  historyDropped(seq: number): void {
    this.history.dropUpTo(seq)
  }

  /** Searches running now. */
  get searching(): number {
    return this.requests.searching
  }

  /** The room is closing: members that go from now on leave unannounced, searches stop, and
   * the read positions are kept one last time. */
  close(): void {
    if (this.closed) return
    this.closed = true
    // The read positions first: a clustered room relays its members' last ones to the other
    // hubs through the connection the log closes.
    this.reads.stop()
    this.ordered.close()
    this.requests.stop()
    this.catchUp.close()
  }

  /**
   * Null when `hello` can be welcomed now; else (a clustered hub that has not yet read the
   * room's stream up to the seq the member resumes from, in this epoch) resolves once it has,
   * or LIMITS.resumeCatchUpMs from now: the welcome then says `gap` as it would have.
   */
  caughtUp(hello: HelloMessage): Promise<void> | null {
    const { resume } = hello
    if (!this.options.openLog || this.closed || !resume) return null
    if (resume.epoch !== this.options.room.epoch || resume.lastSeq <= this.lastSeq) return null
    const fields = { clientId: hello.clientId, resume: resume.lastSeq, read: this.lastSeq }
    const started = performance.now()
    return this.catchUp.until(resume.lastSeq, this.limits.resumeCatchUpMs).then(() => {
      const waitedMs = Math.round(performance.now() - started)
      if (this.lastSeq >= resume.lastSeq) {
        this.options.log.info({ ...fields, waitedMs }, 'read the room stream up to a resume')
      } else if (!this.closed) {
        this.options.log.warn(
          { ...fields, reached: this.lastSeq, waitedMs },
          'the room stream was not read up to a resume in time: welcomed with a gap',
        )
      }
    })
  }

  /**
   * A proven hello: the connection becomes the member, or takes the place of the member's
   * previous connection. False when the room is full (the link has been told, and closed).
   */
  join(link: L, hello: HelloMessage): boolean {
    // Let in after the room closed (it waited for the hub to catch up): nobody to join.
    if (this.closed) {
      link.close(CLOSE_CODES.goingAway, 'the room is closing')
      return false
    }
    const previous = this.members.get(hello.clientId)
    const previousName = previous?.seat?.member.name
    // Listed on another hub already (moving between hubs): the same member, not a new one.
    const elsewhere = previous ? undefined : this.remote.get(hello.clientId)
    const counts = {
      own: this.size,
      room: () => this.roomSize,
      clustered: this.options.remote !== undefined,
    }
    const full = previous ? null : fullRefusal(this.limits, counts, elsewhere !== undefined)
    if (full !== null) {
      link.reject(ERROR_CODES.roomFull, full.message)
      link.close(full.closeCode, full.reason)
      return false
    }
    const files = this.options.files
    const member: Member = {
      clientId: hello.clientId,
      name: hello.name,
      host: hello.clientId === this.options.hostClientId,
      ...(link.guest ? { guest: true as const } : {}),
    }
    // Before the new connection is listed, so that it is not told about its own old typing.
    previous?.seat?.typing.stop(true)
    const credential = files?.welcome(member.clientId)
    const typing = new TypingState(this.limits, (active) => this.broadcastTyping(link, active))
    link.seat = { member, typing }
    if (credential) link.seat.fileToken = credential.token
    this.members.set(member.clientId, link)
    if (previous) {
      // The same client again (a reconnect that beat the old connection's timeout): it takes
      // the old place without a left/joined flicker.
      if (previous.seat?.fileToken) files?.ended(previous.seat.fileToken)
      previous.seat = null
      previous.close(CLOSE_CODES.replaced, 'replaced by a newer connection')
      this.intake.forget(hello.clientId, previous)
    }

    const { history, events, resumed, gap } = this.history.since(
      hello.resume,
      this.options.room.epoch,
    )
    const listedName = previous ? previousName : elsewhere?.name
    if (!previous && !elsewhere) this.memberList.added(member)
    else if (elsewhere || listedName !== member.name) this.memberList.changed()
    const welcome = this.history.welcomeFrame(
      {
        type: 'welcome',
        v: PROTOCOL_VERSION,
        you: member,
        room: this.options.room,
        history,
        lastSeq: this.history.lastSeq,
        resumed,
        gap,
        features: files ? [...FEATURES] : FEATURES.filter((feature) => feature !== 'files'),
        ...(events ? { events } : {}),
        ...this.remote.hubsField(),
        ...(credential ? { files: credential } : {}),
        limits: {
          maxTextLength: this.limits.maxTextLength,
          chatsPerSecond: this.options.rateLimit,
          chatBurst: this.chatBurst,
        },
      },
      this.memberList.parts(),
      this.reads.allJson,
    )
    // A long history makes a large welcome; it must not count against the member as a backlog.
    link.sendLarge(welcome.parts, welcome.ownBytes)
    this.options.log.info(
      { conn: link.id, clientId: member.clientId, replaced: Boolean(previous), resumed, gap },
      'member joined',
    )
    if (!previous && !elsewhere) this.broadcast({ type: 'joined', member }, link)
    else if (listedName !== member.name) this.broadcast({ type: 'renamed', member }, link)
    this.remote.joined(member)
    return true
  }

  /** The present members, in the order they joined. */
  private *listed(): Iterable<Member> {
    for (const link of this.members.values()) if (link.seat) yield link.seat.member
    yield* this.remote.listed()
  }

  /** The link closed; when it was still a member's connection, the member has left. */
  leave(link: L, reason: LeaveReason, code: number): void {
    const seat = link.seat
    if (!seat) return
    seat.typing.stop(false)
    if (seat.fileToken) this.options.files?.ended(seat.fileToken)
    this.requests.left(link)
    this.intake.forget(seat.member.clientId, link)
    if (this.members.get(seat.member.clientId) !== link) return
    const { clientId, name } = seat.member
    this.members.delete(clientId)
    this.memberList.changed()
    // A full bucket is what a newcomer gets anyway; one that is not stays, for a return.
    this.paces.forgetIfFull(clientId)
    this.options.log.info({ conn: link.id, clientId, code, reason }, 'member left')
    if (this.closed) return
    this.remote.left(clientId)
    seat.typing.stop(true)
    // Still on another hub (moving between hubs): it has not left the room.
    const elsewhere = this.remote.get(clientId)
    if (!elsewhere) this.broadcast({ type: 'left', clientId, name, reason })
    else if (elsewhere.name !== name) this.broadcast({ type: 'renamed', member: elsewhere })
  }

  /**
   * A timeline op (chat, react, unreact, edit, delete): validated, deduplicated by (client id,
   * message id) across every type, paced, and judged in the order its member sent it (see
   * OpIntake).
   */
  op(link: L, type: TimelineType, value: unknown): void {
    const seat = link.seat
    if (!seat) return
    const parsed = this.options.schemas[type].safeParse(value)
    if (!parsed.success) return this.invalid(link, type, parsed.error, value)
    this.intake.take(link, seat, parsed.data as TimelineMessage)
  }

  /**
   * An event the log has stamped: kept, applied to the chats it changes, and broadcast; the
   * broadcast is the sender's acknowledgement when the sender is here.
   */
  private applied(
    { event, json, frame }: { event: TimelineEvent; json: string; frame: Buffer },
    origin: Origin<L> | undefined,
  ): void {
    // The event as stamped, so that the store need not parse its JSON again (the chat path).
    this.options.store.append(json, event)
    // Stamped: a hold of its sender's pace that names it is over (a clustered room's log may
    // store a copy it had refused to another).
    this.paces.settled(event.from, event.id)
    if (event.type === 'chat') {
      const seat = origin ? origin.link.seat : this.members.get(event.from)?.seat
      seat?.typing.endedByChat()
    } else this.changedBy(event)
    this.options.broadcaster.broadcast(frame, this.members.values())
    this.catchUp.reached(event.seq)
    if (event.type === 'chat' && event.file && this.options.files) {
      // The chat reaches the disk before its upload leaves: killed in between, the hub would
      // otherwise come back without the chat and without the upload its sender's resend names.
      // Not written (the disk refused it: the hub is stopping): the upload stays the sender's,
      // for the chat it sends again.
      if (!this.options.store.flush()) return
      this.expired(this.options.files.shared({ ...event, file: event.file }))
    }
    if (origin && origin.roomMentionWait > 0) {
      origin.link.reject(
        ERROR_CODES.mentionLimited,
        `@room notifies everyone at most once per ${Math.round(this.limits.roomMentionIntervalMs / 1000)} seconds; the message was sent without it`,
        { retryAfterMs: origin.roomMentionWait },
      )
    }
  }

  /** A kept event: from memory while recent, from the store after that. */
  private find(seq: number): TimelineEvent | undefined {
    return this.history.find(seq) ?? this.options.store.read([seq])[0]
  }

  /** The file a kept chat shares, or null. */
  private fileOf(seq: number): FileDeclaration | null {
    const chat = this.find(seq)
    return chat?.type === 'chat' ? (chat.file ?? null) : null
  }

  /**
   * The bytes of these chats' files are gone (the budget): their chats say `expired` from now
   * on, and everyone is told (`expired`, not a timeline event).
   */
  expired(seqs: readonly number[]): void {
    if (seqs.length === 0) return
    for (const seq of seqs) this.history.changed(seq)
    const { maxExpiredPerMessage } = this.limits
    for (let i = 0; i < seqs.length; i += maxExpiredPerMessage) {
      this.broadcast({ type: 'expired', targets: seqs.slice(i, i + maxExpiredPerMessage) })
    }
  }

  /** A chat (what `op` does for type `chat`). */
  chat(link: L, value: unknown): void {
    this.op(link, 'chat', value)
  }

  /** An op was stamped: the chat it changed stands otherwise from now on. */
  private changedBy(event: Exclude<TimelineEvent, ChatEvent>): void {
    const { store, states } = this.options
    states.apply(event)
    this.history.changed(event.target)
    if (event.type !== 'delete') return
    // A file chat's bytes go with it.
    const file = this.fileOf(event.target)
    if (file) this.options.files?.deleted(file.id)
    // The text goes: from the file (rewritten in place, once the delete itself is written)
    // and from memory.
    const edits = states.get(event.target)?.edits ?? []
    if (!store.flush()) return
    store.redact([event.target, ...edits])
    this.history.redact(event.target, edits)
  }

  /** Shares the read positions with the other hubs of a clustered room (cluster/reads.ts). */
  shareReads(shared: SharedReads): void {
    this.reads.share(shared, () => this.history.lastSeq)
  }

  /** A member's report of how far it has read; it sets only its own position. */
  read(link: L, value: unknown): void {
    const seat = link.seat
    if (!seat) return
    const parsed = this.options.schemas.read.safeParse(value)
    if (!parsed.success) {
      return link.bad(ERROR_CODES.invalidMessage, `invalid read: ${describeIssues(parsed.error)}`)
    }
    this.reads.report(seat.member.clientId, parsed.data.seq, this.history.lastSeq)
  }

  /** A request for older history (`history`) or a search (`search`). */
  request(link: L, type: 'history' | 'search', value: unknown): void {
    const seat = link.seat
    if (!seat) return
    const parsed = this.options.schemas[type].safeParse(value)
    if (!parsed.success) return this.invalid(link, type, parsed.error, value)
    const { clientId } = seat.member
    const request = parsed.data
    if (request.type === 'history') this.requests.page(link, clientId, request)
    else this.requests.search(link, clientId, request)
  }

  /** Answers a message its schema refused, with its id when it has a valid one. */
  private invalid(link: L, type: string, error: ZodError, value: unknown): void {
    const id = (value as { id?: unknown }).id
    link.bad(
      ERROR_CODES.invalidMessage,
      `invalid ${type}: ${describeIssues(error)}`,
      this.options.schemas.messageId.safeParse(id).success ? (id as string) : undefined,
    )
  }

  typing(link: L, value: unknown): void {
    const seat = link.seat
    if (!seat) return
    const parsed = this.options.schemas.typing.safeParse(value)
    if (!parsed.success) {
      return link.bad(ERROR_CODES.invalidMessage, `invalid typing: ${describeIssues(parsed.error)}`)
    }
    // Each state change is relayed to everyone: beyond a person's pace, ignore them. The
    // state stays consistent (an ignored `false` is ended by the expiry timer).
    if (!this.paces.get(seat.member.clientId).typing.take()) return
    seat.typing.typed(parsed.data.active)
  }

  private broadcastTyping(link: L, active: boolean): void {
    const seat = link.seat
    if (!seat) return
    const { clientId, name } = seat.member
    this.broadcast({ type: 'typing', clientId, name, active }, link)
    this.remote.typing(clientId, active)
  }

  private broadcast(message: HubMessage, except?: L): void {
    const { broadcaster } = this.options
    broadcaster.broadcast(frameJson(message), this.members.values(), except, message.type)
  }
}
