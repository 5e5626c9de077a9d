import {
  CLOSE_CODES,
  ERROR_CODES,
  PROTOCOL_VERSION,
  describeIssues,
  type ChatEvent,
  type HelloMessage,
  type HubMessage,
  type LeaveReason,
  type Limits,
  type Member,
  type Schemas,
  type WelcomeMessage,
} from '../../shared/protocol'
import { frameJson } from './frame'
import { HistoryWindow } from './history-window'
import { MemberList } from './member-list'
import type { Link } from './link'
import type { Logger } from './logger'
import { BucketTable, TokenBucket } from './token-bucket'

/**
 * Client ids whose rate limits are remembered, per place in the room (LIMITS.maxMembers):
 * members who left recently may come back, and must come back to the bucket they left.
 */
const REMEMBERED_PER_MEMBER = 4

/** The room's record of a member on one connection. */
export interface Seat {
  readonly member: Member
  typing: { active: boolean; lastRelay: number; timer: NodeJS.Timeout | null }
}

/**
 * A member's pace, kept by client id rather than by connection: a member that reconnects
 * carries on with what it had spent, it does not get a fresh burst.
 */
class Pace {
  constructor(
    /** Chats beyond this bucket are refused with rate_limited. */
    readonly chats: TokenBucket,
    /** Typing messages beyond this bucket are ignored (LIMITS.typingPerSecond). */
    readonly typing: TokenBucket,
  ) {}

  /**
   * The id of a chat refused for the rate and not sent again since, while the bucket has not
   * filled up: the member's other new chats are refused too until it comes back. They were sent
   * before the member heard of the refusal; stamping them would put them ahead of it.
   */
  refused: string | null = null

  /** Both buckets full: the member has spent nothing a new Pace would not give it. */
  get full(): boolean {
    return this.chats.full && this.typing.full
  }
}

/** A member's connection, as the room sees it. */
export interface MemberLink extends Link {
  /**
   * The room's record of this connection's member: null until the room seats it, and again once
   * another connection of the same client has taken its place. Only the room sets it.
   */
  seat: Seat | null
  /** Queues one frame written in parts, far larger than the backlog bound (a welcome). */
  sendLarge(parts: readonly Buffer[], ownBytes: number): void
}

/** How the room reaches every member at once (the hub's Fanout). */
export interface Broadcaster<L> {
  /** Queues the same frame for every link of `to` but `except`. */
  broadcast(frame: Buffer, to: Iterable<L>, except?: L): void
}

/** Where stamped chats are kept for good (RoomStore's file log; a stream would do as well). */
export interface ChatLog {
  /** Keeps one chat (its JSON) before anything acknowledging it is written to a member. */
  append(json: string): void
}

export interface RoomOptions<L> {
  /** Who the room is, as the welcome says. */
  room: WelcomeMessage['room']
  /** Chats the log still holds, oldest first. */
  loaded: readonly ChatEvent[]
  /** The client id marked `host: true` in the member list. */
  hostClientId?: string | undefined
  /** Chats per second per member; 0: no limit. */
  rateLimit: number
  limits: Limits
  schemas: Schemas
  log: Logger
  chatLog: ChatLog
  broadcaster: Broadcaster<L>
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
  private readonly memberList = new MemberList(() => this.listed())
  /** Each member's pace by client id, while present and for a while after (see Pace). */
  private readonly paces: BucketTable<Pace>
  private readonly history: HistoryWindow
  private readonly limits: Limits
  private readonly chatBurst: number
  private closed = false

  constructor(private readonly options: RoomOptions<L>) {
    this.limits = options.limits
    this.history = new HistoryWindow(options.loaded, options.limits)
    this.chatBurst = Math.max(options.limits.chatBurst, options.rateLimit)
    const { typingPerSecond, typingBurst, maxMembers } = options.limits
    this.paces = new BucketTable(
      () =>
        new Pace(
          new TokenBucket(options.rateLimit, this.chatBurst),
          new TokenBucket(typingPerSecond, typingBurst),
        ),
      REMEMBERED_PER_MEMBER * maxMembers,
      // A present member's pace is never forgotten while it still remembers something.
      (clientId) => this.members.has(clientId),
    )
  }

  get size(): number {
    return this.members.size
  }

  get lastSeq(): number {
    return this.history.lastSeq
  }

  /** The chats remembered, oldest first. */
  get recent(): readonly ChatEvent[] {
    return this.history.recent
  }

  /** The room is closing: members that go from now on leave unannounced. */
  close(): void {
    this.closed = true
  }

  /**
   * A proven hello: the connection becomes the member, or takes the place of the member's
   * previous connection. False when the room is full (the link has been told, and closed).
   */
  join(link: L, hello: HelloMessage): boolean {
    const previous = this.members.get(hello.clientId)
    const previousName = previous?.seat?.member.name
    if (!previous && this.members.size >= this.limits.maxMembers) {
      link.reject(ERROR_CODES.roomFull, `the room is full (${this.limits.maxMembers})`)
      link.close(CLOSE_CODES.roomFull, 'room full')
      return false
    }
    const member: Member = {
      clientId: hello.clientId,
      name: hello.name,
      host: hello.clientId === this.options.hostClientId,
    }
    // Before the new connection is listed, so that it is not told about its own old typing.
    if (previous?.seat?.typing.active) this.broadcastTyping(previous, false)
    link.seat = { member, typing: { active: false, lastRelay: 0, timer: null } }
    this.members.set(member.clientId, link)
    if (previous) {
      // The same client again (a reconnect that beat the old connection's timeout): it takes
      // the old place without a left/joined flicker.
      const timer = previous.seat?.typing.timer
      if (timer) clearTimeout(timer)
      previous.seat = null
      previous.close(CLOSE_CODES.replaced, 'replaced by a newer connection')
    }

    const { history, resumed, gap } = this.history.since(hello.resume, this.options.room.epoch)
    if (!previous) this.memberList.added(member)
    else if (previousName !== member.name) this.memberList.changed()
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
        limits: {
          maxTextLength: this.limits.maxTextLength,
          chatsPerSecond: this.options.rateLimit,
          chatBurst: this.chatBurst,
        },
      },
      this.memberList.parts(),
    )
    // A long history makes a large welcome; it must not count against the member as a backlog.
    link.sendLarge(welcome.parts, welcome.ownBytes)
    this.options.log.info(
      { conn: link.id, clientId: member.clientId, replaced: Boolean(previous), resumed, gap },
      'member joined',
    )
    if (!previous) this.broadcast({ type: 'joined', member }, link)
    else if (previousName !== member.name) this.broadcast({ type: 'renamed', member }, link)
    return true
  }

  /** The present members, in the order they joined. */
  private *listed(): Iterable<Member> {
    for (const link of this.members.values()) if (link.seat) yield link.seat.member
  }

  /** The link closed; when it was still a member's connection, the member has left. */
  leave(link: L, reason: LeaveReason, code: number): void {
    const seat = link.seat
    if (!seat) return
    if (seat.typing.timer) clearTimeout(seat.typing.timer)
    if (this.members.get(seat.member.clientId) !== link) return
    const { clientId, name } = seat.member
    this.members.delete(clientId)
    this.memberList.changed()
    // A full bucket is what a newcomer gets anyway; one that is not stays, for a return.
    this.paces.forgetIfFull(clientId)
    this.options.log.info({ conn: link.id, clientId, code, reason }, 'member left')
    if (this.closed) return
    if (seat.typing.active) this.broadcastTyping(link, false)
    this.broadcast({ type: 'left', clientId, name, reason })
  }

  chat(link: L, value: unknown): void {
    const seat = link.seat
    if (!seat) return
    const parsed = this.options.schemas.chat.safeParse(value)
    if (!parsed.success) {
      const id = (value as { id?: unknown }).id
      return link.bad(
        ERROR_CODES.invalidMessage,
        `invalid chat: ${describeIssues(parsed.error)}`,
        this.options.schemas.messageId.safeParse(id).success ? (id as string) : undefined,
      )
    }
    const chat = parsed.data
    const { clientId, name } = seat.member
    const earlier = this.history.earlier(clientId, chat.id)
    if (earlier) {
      // A resend of something already stamped: acknowledge again, to the sender only.
      const { frame, shared } = this.history.frameOf(earlier)
      link.send(frame, shared)
      return
    }
    const pace = this.paces.get(clientId)
    // A member that never sends the refused chat again is held back only until its bucket is
    // full: by then nothing it sent before the refusal can still be on its way.
    if (pace.refused !== null && (pace.refused === chat.id || pace.chats.full)) pace.refused = null
    const held = pace.refused !== null
    if (held || !pace.chats.take()) {
      if (!held) pace.refused = chat.id
      link.reject(
        ERROR_CODES.rateLimited,
        held
          ? `too many messages; send ${pace.refused} again first (at most ${this.options.rateLimit} per second)`
          : `too many messages; at most ${this.options.rateLimit} per second`,
        { id: chat.id, retryAfterMs: pace.chats.retryAfterMs() },
      )
      return
    }
    const { json, frame } = this.history.stamp({
      id: chat.id,
      from: clientId,
      name,
      text: chat.text,
    })
    this.options.chatLog.append(json)
    const typing = seat.typing
    if (typing.active) {
      // A chat ends its sender's typing indicator; receivers clear it on the chat itself.
      typing.active = false
      if (typing.timer) clearTimeout(typing.timer)
      typing.timer = null
    }
    this.options.broadcaster.broadcast(frame, this.members.values())
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
    const typing = seat.typing
    if (typing.timer) clearTimeout(typing.timer)
    typing.timer = null
    if (!parsed.data.active) {
      if (typing.active) this.broadcastTyping(link, false)
      return
    }
    typing.timer = setTimeout(() => {
      typing.timer = null
      this.broadcastTyping(link, false)
    }, this.limits.typingTimeoutMs)
    const now = performance.now()
    if (!typing.active || now - typing.lastRelay >= this.limits.typingThrottleMs) {
      typing.lastRelay = now
      this.broadcastTyping(link, true)
    }
  }

  private broadcastTyping(link: L, active: boolean): void {
    const seat = link.seat
    if (!seat) return
    seat.typing.active = active
    const { clientId, name } = seat.member
    this.broadcast({ type: 'typing', clientId, name, active }, link)
  }

  private broadcast(message: HubMessage, except?: L): void {
    this.options.broadcaster.broadcast(frameJson(message), this.members.values(), except)
  }
}
