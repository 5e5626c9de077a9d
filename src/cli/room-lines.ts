import type { ChatEvent, OpEvent } from '../shared/protocol'
import { fileLine } from './file-lines'
import { clock, indented, quoteStart } from './format'

/** What is remembered of a chat, to quote it when something refers to it later. */
interface Known {
  name: string
  /** The start of its current text, quoted (printable, one line). */
  quote: string
  deleted: boolean
}

export interface RoomLinesOptions {
  /** This client's id: mentions of it are marked. */
  me: string
  /** Start each line about a message with its seq (`#42 `), for commands that name one. */
  showSeq: boolean
  /** How many chats are remembered for quoting. Default 5000. */
  maxKnown?: number
  /** Where else to look for a chat not remembered (the connection's timeline). */
  lookup?: (seq: number) => ChatEvent | undefined
  /** A person's name as printed (NameTags: with a tag when another has the same). Default: the
   * name alone. */
  label?: (clientId: string, name: string) => string
}

/** A chat as lines, and whether it mentions this client (someone else's, not deleted). */
export interface ChatLines {
  text: string
  mentioned: boolean
}

/** Width of `[HH:MM] `: reply quotes and reactions sit under the name. */
const CLOCK_WIDTH = 8

/**
 * Turns the room's events into terminal lines, remembering the chats it has seen (the start
 * of each, bounded) so that replies, reactions, edits and deletes can say which message they
 * are about. Everything printed from a peer is printable (format.ts); names and emoji are
 * already checked by the protocol's schemas.
 */
export class RoomLines {
  private readonly known = new Map<number, Known>()
  private readonly maxKnown: number

  constructor(private readonly options: RoomLinesOptions) {
    this.maxKnown = options.maxKnown ?? 5_000
  }

  /** Remembers a chat (one printed, or one fetched to quote). */
  remember(chat: ChatEvent): void {
    this.known.delete(chat.seq)
    this.known.set(chat.seq, {
      name: this.name(chat.from, chat.name),
      quote: quoteStart(chat.text),
      deleted: chat.deleted === true,
    })
    if (this.known.size > this.maxKnown) {
      const oldest = this.known.keys().next()
      if (!oldest.done) this.known.delete(oldest.value)
    }
  }

  /** The seq of the chat `chat` answers, when it is not remembered (to fetch it first). */
  missingOriginal(chat: ChatEvent): number | null {
    const target = chat.replyTo
    return target !== undefined && !this.find(target) ? target : null
  }

  /**
   * A chat: a reply's quote of the original first (`↪ reply to NAME: "…"`), then
   * `[HH:MM] name (edited, mentions you): text`, then its reactions (`👍 2  🎉 1`).
   */
  chat(chat: ChatEvent): ChatLines {
    const { me } = this.options
    const seq = this.seqPrefix(chat.seq)
    const under = ' '.repeat(seq.length + CLOCK_WIDTH)
    const lines: string[] = []
    if (chat.replyTo !== undefined) lines.push(under + this.replyQuote(chat.replyTo))
    const mentioned =
      chat.deleted !== true &&
      chat.from !== me &&
      (chat.mentions?.includes(me) === true || chat.mentionsRoom === true)
    const tags: string[] = []
    if (chat.edited && !chat.deleted) tags.push('edited')
    if (mentioned) tags.push(chat.mentions?.includes(me) ? 'mentions you' : 'mentions everyone')
    const head = `${seq}${clock(chat.ts)} ${this.name(chat.from, chat.name)}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}: `
    lines.push(
      chat.deleted
        ? `${head}(message deleted)`
        : chat.file
          ? head + fileLine(chat.file, chat.text)
          : indented(head, chat.text),
    )
    const reactions = (chat.deleted ? [] : (chat.reactions ?? []))
      .map((reaction) => `${reaction.emoji} ${reaction.from.length}`)
      .join('  ')
    if (reactions.length > 0) lines.push(under + reactions)
    this.remember(chat)
    return { text: lines.join('\n'), mentioned }
  }

  /** A reaction, its removal, an edit or a delete, as one line (an edit: its new text). */
  op(event: OpEvent): string {
    const head = `${this.seqPrefix(event.target)}${clock(event.ts)} ${this.name(event.from, event.name)}`
    const known = this.find(event.target)
    switch (event.type) {
      case 'react':
        return `${head} reacted ${event.emoji} to ${this.describe(event.target)}`
      case 'unreact':
        return `${head} removed ${event.emoji} from ${this.describe(event.target)}`
      case 'edit':
        if (known) known.quote = quoteStart(event.text)
        return indented(`${head} (edited): `, event.text)
      case 'delete':
        if (known) known.deleted = true
        return `${head} deleted a message`
    }
  }

  /**
   * A file chat whose bytes the room no longer has (the `expired` message): its line again,
   * marked `(expired)`; null when it is not a file chat or was deleted.
   */
  expired(chat: ChatEvent): string | null {
    if (!chat.file || chat.deleted) return null
    return `${this.seqPrefix(chat.seq)}${clock(chat.ts)} ${this.name(chat.from, chat.name)}: ${fileLine(chat.file, chat.text, true)}`
  }

  /** `↪ reply to NAME: "start of the original…"`, for a chat remembered or fetched. */
  private replyQuote(target: number): string {
    const original = this.find(target)
    if (!original) return `↪ reply to message #${target} (not available)`
    return `↪ reply to ${original.name}: ${original.deleted ? 'message deleted' : original.quote}`
  }

  /** `NAME: "start of text…"`, or `message #N` for a message not seen. */
  private describe(target: number): string {
    const known = this.find(target)
    if (!known) return `message #${target}`
    return `${known.name}: ${known.deleted ? 'message deleted' : known.quote}`
  }

  /** A chat remembered, or else found by `lookup` (and remembered from now on). */
  private find(seq: number): Known | undefined {
    const known = this.known.get(seq)
    if (known) return known
    const found = this.options.lookup?.(seq)
    if (!found) return undefined
    this.remember(found)
    return this.known.get(seq)
  }

  private name(clientId: string, name: string): string {
    return this.options.label ? this.options.label(clientId, name) : name
  }

  private seqPrefix(seq: number): string {
    return this.options.showSeq ? `#${seq} ` : ''
  }
}
