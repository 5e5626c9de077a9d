import type { ChatEvent, WelcomeMessage } from '../../shared/protocol'
import { encodeTextFrame, frameJson, textFrameHeader, textFramePayload } from './frame'

const COMMA = Buffer.from(',')
/** How a welcome's JSON ends with `members` and `history` its last fields (see welcomeFrame). */
const WELCOME_END = '[],"history":[]}'
const MEMBERS_END = Buffer.from(',"history":[')
const HISTORY_END = Buffer.from(']}')

/** A chat serialized and framed once, and the payload of that frame (a view, not a copy). */
interface ChatBytes {
  frame: Buffer
  payload: Buffer
}

/**
 * The room's recent chats in sequence order: the last max(historySize, dedupeWindow) of them.
 * It stamps each new chat with the next sequence number, knows what a hello that resumes is
 * owed (and when the history no longer reaches back), and which (client id, message id) pairs
 * it has stamped already, so that a resend is acknowledged again but never broadcast twice.
 * The chats themselves are kept for good elsewhere (RoomStore); this is memory only.
 */
export class HistoryWindow {
  /** The most recent chats (up to `keep`), in sequence order. */
  private chats: ChatEvent[]
  /** (client id, message id) → chat, for every chat in `chats`. */
  private readonly dedupe = new Map<string, ChatEvent>()
  /**
   * The last historySize chats, each serialized and framed once: the frame is broadcast when
   * the chat is stamped, and it and its payload are then shared, without a copy, by every
   * welcome and repeated acknowledgement that includes the chat. A welcome thus costs a list
   * of references rather than megabytes of JSON per hello.
   */
  private readonly bytes = new WeakMap<ChatEvent, ChatBytes>()
  private seq: number
  private readonly keep: number

  constructor(
    loaded: readonly ChatEvent[],
    private readonly limits: { historySize: number; dedupeWindow: number },
  ) {
    this.keep = Math.max(limits.historySize, limits.dedupeWindow)
    this.chats = loaded.slice(-this.keep)
    for (const event of this.chats) this.dedupe.set(dedupeKey(event.from, event.id), event)
    this.seq = this.chats.at(-1)?.seq ?? 0
  }

  /** The sequence number of the last chat stamped (0 before the first). */
  get lastSeq(): number {
    return this.seq
  }

  /** The chats remembered, oldest first (what a compacted log keeps). */
  get recent(): readonly ChatEvent[] {
    return this.chats
  }

  /** The chat this client already sent with this message id, while it is remembered. */
  earlier(clientId: string, messageId: string): ChatEvent | undefined {
    return this.dedupe.get(dedupeKey(clientId, messageId))
  }

  /**
   * The frame of a chat stamped earlier, to acknowledge it again: the very buffer that was
   * broadcast (`shared`) while the chat is among the last historySize, a new one after that.
   */
  frameOf(chat: ChatEvent): { frame: Buffer; shared: boolean } {
    const bytes = this.bytes.get(chat)
    return bytes ? { frame: bytes.frame, shared: true } : { frame: frameJson(chat), shared: false }
  }

  /** Stamps a new chat: the next sequence number and the time now. Returns it, its JSON and frame. */
  stamp(chat: Pick<ChatEvent, 'id' | 'from' | 'name' | 'text'>): {
    event: ChatEvent
    json: string
    frame: Buffer
  } {
    const event: ChatEvent = {
      type: 'chat',
      seq: ++this.seq,
      id: chat.id,
      from: chat.from,
      name: chat.name,
      text: chat.text,
      ts: Date.now(),
    }
    this.chats.push(event)
    this.dedupe.set(dedupeKey(event.from, event.id), event)
    if (this.chats.length > this.keep * 1.25) {
      const dropped = this.chats.splice(0, this.chats.length - this.keep)
      for (const old of dropped) this.dedupe.delete(dedupeKey(old.from, old.id))
    }
    const json = JSON.stringify(event)
    const frame = encodeTextFrame(Buffer.from(json))
    this.bytes.set(event, { frame, payload: textFramePayload(frame) })
    // Only the last historySize chats are ever in a welcome: the one leaving them lets go.
    const leaving = this.chats[this.chats.length - 1 - this.limits.historySize]
    if (leaving) this.bytes.delete(leaving)
    return { event, json, frame }
  }

  /** What a hello owes the member: the chats it missed since `resume`, or the latest ones. */
  since(
    resume: { epoch: string; lastSeq: number } | undefined,
    epoch: string,
  ): {
    history: ChatEvent[]
    resumed: boolean
    gap: boolean
  } {
    const size = this.limits.historySize
    const tail = (): ChatEvent[] => this.chats.slice(-size)
    if (!resume) return { history: tail(), resumed: false, gap: false }
    if (resume.epoch !== epoch || resume.lastSeq > this.seq) {
      return { history: tail(), resumed: false, gap: true }
    }
    const missed = this.seq - resume.lastSeq
    const oldest = this.chats[0]?.seq ?? this.seq + 1
    if (missed > size || resume.lastSeq + 1 < oldest) {
      return { history: tail(), resumed: false, gap: true }
    }
    return { history: missed === 0 ? [] : this.chats.slice(-missed), resumed: true, gap: false }
  }

  /**
   * A welcome as one frame written in pieces: its own fields, the member list's shared bytes
   * (`members`, a JSON array's pieces: see MemberList), then each history chat's shared bytes
   * (see `bytes`). Only the pieces made for this member (`ownBytes`) are its own.
   */
  welcomeFrame(
    welcome: Omit<WelcomeMessage, 'members'>,
    members: readonly Buffer[],
  ): { parts: Buffer[]; ownBytes: number } {
    // With `members` and `history` last and empty, the JSON ends in
    // `"members":[],"history":[]}`: the members go in the first gap, the chats in the second.
    const { history, ...fields }: { history: ChatEvent[]; members?: unknown } = welcome
    // A `members` given anyway would keep its place in the key order: it is left out.
    delete fields.members
    const json = JSON.stringify({ ...fields, members: [], history: [] })
    const head = Buffer.from(json.slice(0, -WELCOME_END.length))
    const pieces: Buffer[] = [head, ...members, MEMBERS_END]
    for (const [i, chat] of history.entries()) {
      if (i > 0) pieces.push(COMMA)
      pieces.push(this.bytesOf(chat).payload)
    }
    pieces.push(HISTORY_END)
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0)
    const header = textFrameHeader(length)
    return {
      parts: [header, ...pieces],
      ownBytes: header.length + head.length + MEMBERS_END.length + HISTORY_END.length,
    }
  }

  /** A recent chat's bytes, made once (for chats loaded from disk: on first use). */
  private bytesOf(chat: ChatEvent): ChatBytes {
    let bytes = this.bytes.get(chat)
    if (!bytes) {
      const frame = frameJson(chat)
      bytes = { frame, payload: textFramePayload(frame) }
      this.bytes.set(chat, bytes)
    }
    return bytes
  }
}

function dedupeKey(clientId: string, messageId: string): string {
  return `${clientId}\u0000${messageId}`
}
