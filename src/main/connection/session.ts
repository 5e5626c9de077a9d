import {
  LIMITS,
  type ChatEvent,
  type ErrorMessage,
  type HubMessage,
  type JoinedMessage,
  type LeftMessage,
  type Member,
  type OpEvent,
  type PageMessage,
  type ReadPosition,
  type RenamedMessage,
  type ResultsMessage,
  type TimelineEvent,
  type TypingEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { describeClose, finalEnd } from './close-reason'
import { Emitter } from './emitter'
import { detach, type RoomSocket } from './socket'
import type { ConnectionEnd } from './state'
import type { Timeline } from './timeline'

export type SessionEvents = {
  /** A chat new to the timeline: live, or missed and given back by a resume (not the history
   * of a first visit, which is the recent past). */
  chat: [ChatEvent]
  /** A reaction, edit or delete new to the timeline, live or given back by a resume: each
   * once, in seq order. */
  op: [OpEvent]
  /** Read positions the hub told (a welcome's, or a batch of changes). */
  reads: [readonly ReadPosition[]]
  /** File chats (their seqs) whose bytes the hub no longer has, loaded and changed now. */
  expired: [readonly number[]]
  joined: [JoinedMessage]
  renamed: [RenamedMessage]
  left: [LeftMessage]
  typing: [TypingEvent]
  /** An error from the hub not about one of our chats. */
  error: [ErrorMessage]
  /** The host is closing the room (its last word). */
  closing: [string]
  /** The session's socket closed: for good (`end`), or a drop to reconnect after (`end` null;
   * `cause` says what happened). */
  closed: [end: ConnectionEnd | null, cause: string]
}

/** What the session needs of the rest of the connection. */
export interface SessionLink {
  clientId: string
  timeline: Timeline
  /** Reads a frame from the hub; null for one it cannot read (the caller reports it). */
  parse(data: string): HubMessage | null
  /** One of our chats or ops came back stamped (live, or in a welcome). */
  acknowledged(event: TimelineEvent): void
  /** The hub refused something: true when it was one of our chats or ops (the outbox deals
   * with it). */
  chatRefused(error: ErrorMessage): boolean
  /** The hub answered a request (`history`, `search`). */
  answered(message: PageMessage | ResultsMessage): void
  /** The hub refused something: true when it was one of our requests. */
  requestRefused(error: ErrorMessage): boolean
  /** The most members a room has, on all its hubs (hubs let no more in). Default
   * LIMITS.maxRoomMembers. */
  maxRoomMembers?: number
}

/**
 * The room as this client is in it, over the socket that was welcomed: who is there
 * (presence), the timeline fed from the welcome (history, or what a resume gives back) and
 * from live frames, and how the socket's close is to be read (the host's `closing` and the
 * hub's last refusal explain it).
 */
export class Session extends Emitter<SessionEvents> {
  private socket: RoomSocket | null = null
  private welcomeMessage: WelcomeMessage | null = null
  private readonly presence = new Map<string, Member>()
  private hostClosing: string | null = null
  private lastRefusal: ErrorMessage | null = null
  /** Read positions by client id, the most recently changed last (bounded). */
  private readonly positions = new Map<string, number>()

  constructor(private readonly link: SessionLink) {
    super()
  }

  /** The last welcome received. */
  get welcome(): WelcomeMessage | null {
    return this.welcomeMessage
  }

  /** Who is in the room, as far as this client knows. */
  get members(): Member[] {
    return [...this.presence.values()]
  }

  /** How far each member has read (as the hub told), the most recently changed first. */
  get reads(): ReadPosition[] {
    return [...this.positions].reverse().map(([clientId, seq]) => ({ clientId, seq }))
  }

  /**
   * The socket answered `hello` with `welcome`: it carries the session from now on, and the
   * members are the welcome's. Returns the members before, for `catchUp`.
   */
  begin(socket: RoomSocket, welcome: WelcomeMessage): Map<string, Member> {
    this.socket = socket
    this.hostClosing = null
    this.lastRefusal = null
    this.welcomeMessage = welcome
    socket.onmessage = (data) => this.onMessage(socket, data)
    socket.onclose = ({ code, reason }) => this.onClose(socket, code, reason)
    socket.onerror = null
    const before = new Map(this.presence)
    this.presence.clear()
    for (const member of welcome.members) this.presence.set(member.clientId, member)
    return before
  }

  /** The timeline takes in the welcome: the history of a first visit, or what a resume gives
   * back (news: told as chats), and who came and went while this client was away. */
  catchUp(welcome: WelcomeMessage, before: Map<string, Member>, reconnected: boolean): void {
    const { timeline } = this.link
    // A first visit's history is the recent past, not news; what a resume brings back was
    // missed, and is.
    const resuming = timeline.position !== null
    const added = timeline.applyWelcome(welcome)
    if (resuming) {
      for (const event of added) {
        if (event.type === 'chat') this.emit('chat', event)
        else this.emit('op', event)
      }
    }
    if (reconnected) this.noticePresenceChanges(before)
    for (const event of welcome.history) {
      if (event.from === this.link.clientId) this.link.acknowledged(event)
    }
    for (const event of welcome.events ?? []) {
      if (event.from === this.link.clientId) this.link.acknowledged(event)
    }
    this.positions.clear()
    this.takePositions(welcome.reads ?? [])
  }

  /** Sends a frame on the session's socket, if there is one. */
  send(frame: object): void {
    this.socket?.send(JSON.stringify(frame))
  }

  /** Forgets the session's socket (its handlers are left as they are) and returns it. */
  release(): RoomSocket | null {
    const socket = this.socket
    this.socket = null
    return socket
  }

  /** Positions the hub told: each only ever moves forward; at most maxReadPositions kept (the
   * least recently changed forgotten first). */
  private takePositions(positions: readonly ReadPosition[]): void {
    const changed: ReadPosition[] = []
    // The hub lists the most recent first: taken oldest first, so that the map's order is
    // "most recently changed last".
    for (let index = positions.length - 1; index >= 0; index--) {
      const { clientId, seq } = positions[index] as ReadPosition
      const known = this.positions.get(clientId)
      if (known !== undefined && known >= seq) continue
      this.positions.delete(clientId)
      this.positions.set(clientId, seq)
      changed.push({ clientId, seq })
    }
    while (this.positions.size > LIMITS.maxReadPositions) {
      this.positions.delete(this.positions.keys().next().value as string)
    }
    this.emit('reads', changed)
  }

  /** Whether `clientId` would be one member too many: the room already counts all it may. */
  private full(clientId: string): boolean {
    const max = this.link.maxRoomMembers ?? LIMITS.maxRoomMembers
    return this.presence.size >= max && !this.presence.has(clientId)
  }

  /** Who came and went while we were away, as notices (the hub does not replay them). */
  private noticePresenceChanges(before: Map<string, Member>): void {
    const me = this.link.clientId
    const { timeline } = this.link
    for (const [id, member] of before) {
      if (id !== me && !this.presence.has(id)) {
        timeline.addNotice({ kind: 'left', clientId: id, name: member.name, reason: null })
      }
    }
    for (const [id, member] of this.presence) {
      const earlier = before.get(id)
      if (id === me) continue
      if (!earlier) timeline.addNotice({ kind: 'joined', member })
      else if (earlier.name !== member.name) timeline.addNotice({ kind: 'renamed', member })
    }
  }

  private onMessage(socket: RoomSocket, data: string): void {
    if (socket !== this.socket) return
    const message = this.link.parse(data)
    if (!message) return
    const { timeline } = this.link
    switch (message.type) {
      case 'chat': {
        const added = timeline.addChat(message)
        if (message.from === this.link.clientId) this.link.acknowledged(message)
        if (added) this.emit('chat', message)
        return
      }
      case 'react':
      case 'unreact':
      case 'edit':
      case 'delete': {
        const applied = timeline.applyOps([message])
        if (message.from === this.link.clientId) this.link.acknowledged(message)
        for (const op of applied) this.emit('op', op)
        return
      }
      case 'reads':
        this.takePositions(message.positions)
        return
      case 'expired': {
        const expired = timeline.expire(message.targets)
        if (expired.length > 0) this.emit('expired', expired)
        return
      }
      case 'page':
      case 'results':
        this.link.answered(message)
        return
      case 'error':
        if (this.link.requestRefused(message)) return
        if (this.link.chatRefused(message)) return
        this.lastRefusal = message
        this.emit('error', message)
        return
      case 'closing':
        this.hostClosing = message.message
        this.emit('closing', message.message)
        return
      case 'joined': {
        // Hubs never let more in: more joins are a hub's lie, and would grow presence
        // without bound.
        if (this.full(message.member.clientId)) return
        this.presence.set(message.member.clientId, message.member)
        timeline.addNotice({ kind: 'joined', member: message.member })
        this.emit('joined', message)
        return
      }
      case 'renamed':
        // A rename of someone not listed adds them: bounded as a join is.
        if (this.full(message.member.clientId)) return
        this.presence.set(message.member.clientId, message.member)
        timeline.addNotice({ kind: 'renamed', member: message.member })
        this.emit('renamed', message)
        return
      case 'left':
        this.presence.delete(message.clientId)
        timeline.addNotice({
          kind: 'left',
          clientId: message.clientId,
          name: message.name,
          reason: message.reason,
        })
        this.emit('left', message)
        return
      case 'typing':
        this.emit('typing', message)
        return
    }
  }

  private onClose(socket: RoomSocket, code: number, reason: string): void {
    if (socket !== this.socket) return
    detach(socket)
    this.socket = null
    const end = finalEnd(code, reason, { closing: this.hostClosing, refusal: this.lastRefusal })
    this.emit('closed', end, describeClose(code))
  }
}
