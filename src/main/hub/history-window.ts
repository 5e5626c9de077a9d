import {
  DELETED_TEXT,
  deletedChat,
  type ChatEvent,
  type OpEvent,
  type TimelineEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { encodeTextFrame, frameJson, textFrameHeader, textFramePayload } from './frame'

const COMMA = Buffer.from(',')
/** How a welcome's JSON ends with `members` and `history` its last fields (see welcomeFrame). */
const WELCOME_END = '[],"history":[]}'
const MEMBERS_END = Buffer.from(',"history":[')
/** …and with `reads` before them. */
const READS_END = '[],"members":[],"history":[]}'
const READS_TO_MEMBERS = Buffer.from(',"members":')
const HISTORY_END = Buffer.from(']}')

/** A chat serialized and framed once, and the payload of that frame (a view, not a copy). */
interface ChatBytes {
  frame: Buffer
  payload: Buffer
  /** The chat as stamped (no op has changed it): the frame is also its acknowledgement. */
  plain: boolean
}

/** How the window sees chats as they stand now (ChatStates, with the edits' texts). */
export interface ChatView {
  materialize(chat: ChatEvent): ChatEvent
  isDeleted(seq: number): boolean
}

export interface WindowLimits {
  historySize: number
  dedupeWindow: number
  maxResumeEvents: number
}

/** What a hello is owed: chats (as stamped: welcomeFrame shows them as they stand) and ops. */
export interface Owed {
  history: ChatEvent[]
  /** Only when resumed: the reactions, edits and deletes missed. */
  events?: OpEvent[]
  resumed: boolean
  gap: boolean
}

/**
 * The room's recent timeline in sequence order: every kind of event, the last
 * max(dedupeWindow, historySize + maxResumeEvents) of them, and the last historySize chats.
 * It stamps each new event with the next sequence number, knows what a hello that resumes is
 * owed (and when memory no longer reaches back), and which (client id, message id) pairs it
 * has stamped already, of any type, so that a resend is acknowledged again but never stamped
 * twice. Everything is kept for good elsewhere (the store); this is memory only.
 */
export class HistoryWindow {
  /** The most recent events (up to `keep`), in sequence order. */
  private events: TimelineEvent[]
  /** (client id, message id) → event, for every event in `events`. */
  private readonly dedupe = new Map<string, TimelineEvent>()
  /** The last historySize chats, in sequence order: what a welcome lists. */
  private chats: ChatEvent[]
  /**
   * Each of `chats` as it stands, serialized and framed once: a new chat's frame is broadcast
   * when it is stamped, and it and its payload are then shared, without a copy, by every
   * welcome that includes the chat. A welcome thus costs a list of references rather than
   * megabytes of JSON per hello. An op on a chat drops its bytes; they are made again, as the
   * chat now stands, by the next welcome.
   */
  private readonly bytes = new Map<number, ChatBytes>()
  private seq: number
  private readonly keep: number
  /** The room's history budget dropped every event up to this seq (see dropUpTo). */
  private droppedUpTo = 0

  constructor(
    loaded: readonly TimelineEvent[],
    recentChats: readonly ChatEvent[],
    private readonly limits: WindowLimits,
    private readonly view: ChatView,
  ) {
    this.keep = Math.max(limits.dedupeWindow, limits.historySize + limits.maxResumeEvents)
    this.events = loaded.slice(-this.keep)
    for (const event of this.events) this.dedupe.set(dedupeKey(event.from, event.id), event)
    this.chats = recentChats.slice(-limits.historySize)
    this.seq = Math.max(this.events.at(-1)?.seq ?? 0, this.chats.at(-1)?.seq ?? 0)
  }

  /** The sequence number of the last event stamped (0 before the first). */
  get lastSeq(): number {
    return this.seq
  }

  /** The chats a welcome lists, oldest first, as stamped. */
  get recentChats(): readonly ChatEvent[] {
    return this.chats
  }

  /** The event this client already sent with this message id, while it is remembered. */
  earlier(clientId: string, messageId: string): TimelineEvent | undefined {
    return this.dedupe.get(dedupeKey(clientId, messageId))
  }

  /** The event of `seq`, while it is in memory. */
  find(seq: number): TimelineEvent | undefined {
    const at = indexOf(this.events, seq)
    return at < 0 ? undefined : this.events[at]
  }

  /**
   * The frame of an event stamped earlier, to acknowledge it again: the very buffer that was
   * broadcast (`shared`) while it is a recent chat no op has changed, a new one otherwise.
   */
  frameOf(event: TimelineEvent): { frame: Buffer; shared: boolean } {
    const bytes = event.type === 'chat' ? this.bytes.get(event.seq) : undefined
    return bytes?.plain
      ? { frame: bytes.frame, shared: true }
      : { frame: frameJson(event), shared: false }
  }

  /** Stamps a new event with the next sequence number and the time now. */
  stamp<E extends TimelineEvent>(
    make: (seq: number, ts: number) => E,
  ): { event: E; json: string; frame: Buffer } {
    return this.add(make(this.seq + 1, Date.now()))
  }

  /**
   * Adds an event stamped elsewhere (a clustered room's log): its seq must be above lastSeq,
   * and may skip numbers the log gave to events no hub applies.
   */
  add<E extends TimelineEvent>(event: E): { event: E; json: string; frame: Buffer } {
    if (event.seq <= this.seq) throw new Error(`seq ${event.seq} is not above ${this.seq}`)
    this.seq = event.seq
    this.events.push(event)
    this.dedupe.set(dedupeKey(event.from, event.id), event)
    if (this.events.length > this.keep * 1.25) {
      const dropped = this.events.splice(0, this.events.length - this.keep)
      for (const old of dropped) {
        const key = dedupeKey(old.from, old.id)
        if (this.dedupe.get(key) === old) this.dedupe.delete(key)
      }
    }
    const json = JSON.stringify(event)
    const frame = encodeTextFrame(Buffer.from(json))
    if (event.type === 'chat') {
      this.chats.push(event)
      this.bytes.set(event.seq, { frame, payload: textFramePayload(frame), plain: true })
      if (this.chats.length > this.limits.historySize) {
        // Only the last historySize chats are ever in a welcome: the one leaving them lets go.
        const leaving = this.chats.shift() as ChatEvent
        this.bytes.delete(leaving.seq)
      }
    }
    return { event, json, frame }
  }

  /**
   * The room's history budget dropped every event up to `seq`: welcomes list none of those
   * chats again, and a resume from before it has a gap. Resends of them are still recognized
   * (`earlier`): they were stamped, and are never stamped again.
   */
  dropUpTo(seq: number): void {
    if (seq <= this.droppedUpTo) return
    this.droppedUpTo = seq
    let gone = 0
    while (gone < this.chats.length && (this.chats[gone] as ChatEvent).seq <= seq) {
      this.bytes.delete((this.chats[gone] as ChatEvent).seq)
      gone += 1
    }
    this.chats.splice(0, gone)
  }

  /** An op changed chat `seq`: its bytes are made again for the next welcome. */
  changed(seq: number): void {
    this.bytes.delete(seq)
  }

  /** Chat `seq` was deleted: its text and its edits' texts go from memory too. */
  redact(seq: number, edits: readonly number[]): void {
    const redact = (event: TimelineEvent): TimelineEvent => {
      // A file's name and thumbnail go with the text.
      if (event.type === 'chat') return deletedChat(event)
      if (event.type === 'edit') return { ...event, text: DELETED_TEXT }
      return event
    }
    for (const target of [seq, ...edits]) {
      const at = indexOf(this.events, target)
      const event = this.events[at]
      if (at < 0 || !event) continue
      const redacted = redact(event)
      this.events[at] = redacted
      const key = dedupeKey(event.from, event.id)
      if (this.dedupe.get(key) === event) this.dedupe.set(key, redacted)
    }
    const at = indexOf(this.chats, seq)
    const chat = this.chats[at]
    if (chat) this.chats[at] = redact(chat) as ChatEvent
    this.bytes.delete(seq)
  }

  /** What a hello owes the member: what it missed since `resume`, or the latest chats. */
  since(resume: { epoch: string; lastSeq: number } | undefined, epoch: string): Owed {
    const tail = (): ChatEvent[] => this.chats.slice()
    if (!resume) return { history: tail(), resumed: false, gap: false }
    const after = resume.lastSeq
    if (resume.epoch !== epoch || after > this.seq) {
      return { history: tail(), resumed: false, gap: true }
    }
    // Every event after `after` must still be in memory, and not too many of them.
    const oldest = Math.max(this.events[0]?.seq ?? this.seq + 1, this.droppedUpTo + 1)
    if (after + 1 < oldest) return { history: tail(), resumed: false, gap: true }
    const history: ChatEvent[] = []
    const events: OpEvent[] = []
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i] as TimelineEvent
      if (event.seq <= after) break
      if (event.type === 'chat') history.push(event)
      // A deleted chat's edits are never sent again: the delete says all there is.
      else if (event.type !== 'edit' || !this.view.isDeleted(event.target)) events.push(event)
      if (history.length > this.limits.historySize || events.length > this.limits.maxResumeEvents) {
        return { history: tail(), resumed: false, gap: true }
      }
    }
    return { history: history.reverse(), events: events.reverse(), resumed: true, gap: false }
  }

  /**
   * A welcome as one frame written in pieces: its own fields, the read positions' shared bytes
   * (`reads`, a JSON array, when given), the member list's shared bytes (`members`, a JSON
   * array's pieces: see MemberList), then each history chat's shared bytes as it stands now
   * (see `bytes`). Only the pieces made for this member (`ownBytes`) are its own.
   */
  welcomeFrame(
    welcome: Omit<WelcomeMessage, 'members' | 'reads'>,
    members: readonly Buffer[],
    reads?: Buffer,
  ): { parts: Buffer[]; ownBytes: number } {
    // With `reads`, `members` and `history` last and empty, the JSON ends in
    // `"reads":[],"members":[],"history":[]}`: the shared pieces go in the gaps.
    const { history, ...fields }: { history: ChatEvent[]; members?: unknown; reads?: unknown } =
      welcome
    // Fields given anyway would keep their place in the key order: they are left out.
    delete fields.members
    delete fields.reads
    const json = JSON.stringify({
      ...fields,
      ...(reads ? { reads: [] } : {}),
      members: [],
      history: [],
    })
    const end = reads ? READS_END : WELCOME_END
    const head = Buffer.from(json.slice(0, -end.length))
    const pieces: Buffer[] = reads
      ? [head, reads, READS_TO_MEMBERS, ...members, MEMBERS_END]
      : [head, ...members, MEMBERS_END]
    let ownBytes = 0
    for (const [i, chat] of history.entries()) {
      if (i > 0) pieces.push(COMMA)
      const shared = this.bytesOf(chat)
      if (shared) pieces.push(shared.payload)
      else {
        const own = Buffer.from(JSON.stringify(this.view.materialize(chat)))
        ownBytes += own.length
        pieces.push(own)
      }
    }
    pieces.push(HISTORY_END)
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0)
    const header = textFrameHeader(length)
    const fixed = head.length + MEMBERS_END.length + HISTORY_END.length
    return {
      parts: [header, ...pieces],
      ownBytes: ownBytes + header.length + fixed + (reads ? READS_TO_MEMBERS.length : 0),
    }
  }

  /** A recent chat's bytes as it stands, made once; null for a chat no longer recent. */
  private bytesOf(chat: ChatEvent): ChatBytes | null {
    let bytes = this.bytes.get(chat.seq)
    if (!bytes) {
      if (indexOf(this.chats, chat.seq) < 0) return null
      const now = this.view.materialize(chat)
      const frame = frameJson(now)
      bytes = { frame, payload: textFramePayload(frame), plain: now === chat }
      this.bytes.set(chat.seq, bytes)
    }
    return bytes
  }
}

function dedupeKey(clientId: string, messageId: string): string {
  return `${clientId}\u0000${messageId}`
}

/** Where the event of `seq` is in a list in sequence order, or -1. */
function indexOf(list: readonly TimelineEvent[], seq: number): number {
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const at = (list[mid] as TimelineEvent).seq
    if (at === seq) return mid
    if (at < seq) low = mid + 1
    else high = mid - 1
  }
  return -1
}
