import type { RoomConnection, TimelineEntry } from '../main/connection'
import type { ChatEvent, OpEvent } from '../shared/protocol'
import { formatChat } from './format'
import { RoomLines } from './room-lines'

export interface RoomPrinterOptions {
  /** Writes one line (or several joined by line breaks) for a person. */
  print: (text: string) => void
  /** Start each line about a message with its seq (interactive: commands name messages). */
  showSeq: boolean
  /** Someone mentioned this client (a terminal rings its bell). */
  mentioned?: () => void
  /** A timeline event was printed (its seq): it has been shown to the person. */
  shown?: (seq: number) => void
}

/**
 * Prints a room as it happens: the timeline's new entries (chats, joins, leaves, gaps) and the
 * reactions, edits and deletes, each once, in the order they came. A reply whose original is
 * not known is printed once the original has been fetched (or could not be), and what comes
 * after it waits for it: the order never changes.
 */
export class RoomPrinter {
  private readonly lines: RoomLines
  private queue: Promise<void> = Promise.resolve()
  /** While a welcome after a reconnect is taken in: the chats it brought. Those carry their
   * current state, so the ops of the same welcome that target them are not printed again. */
  private welcomed: Set<number> | null = null

  constructor(
    private readonly connection: RoomConnection,
    private readonly options: RoomPrinterOptions,
  ) {
    this.lines = new RoomLines({
      me: connection.clientId,
      showSeq: options.showSeq,
      lookup: (seq) => connection.timeline.chatAt(seq),
    })
  }

  /** Prints what the timeline holds, then everything that happens. */
  start(): void {
    const { connection } = this
    for (const entry of connection.timeline.entries) this.entry(entry)
    connection.timeline.on('change', (change) => {
      if (change.type === 'add' && !change.older) {
        for (const entry of change.entries) this.entry(entry)
      }
    })
    connection.on('op', (op) => this.op(op))
    connection.on('expired', (seqs) => this.expired(seqs))
    connection.on('state', (state) => {
      if (state.status === 'connected') this.welcomed = new Set()
    })
    connection.on('welcome', () => {
      this.welcomed = null
    })
  }

  /** A line of its own (a notice), after everything before it. */
  notice(text: string): void {
    this.later(() => text)
  }

  /** Resolves once everything given so far is printed. */
  settled(): Promise<void> {
    return this.queue
  }

  private entry(entry: TimelineEntry): void {
    if (entry.kind !== 'chat') {
      this.later(() => formatEntry(entry))
      return
    }
    const { chat } = entry
    this.welcomed?.add(chat.seq)
    this.later(async () => {
      const missing = this.lines.missingOriginal(chat)
      if (missing !== null) await this.fetch(missing)
      return this.chatLines(chat)
    })
  }

  private op(op: OpEvent): void {
    if (this.welcomed?.has(op.target)) return
    this.later(() => {
      this.options.shown?.(op.seq)
      return this.lines.op(op)
    })
  }

  /** File chats whose bytes the room no longer has: each one's line again, `(expired)`. */
  private expired(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const chat = this.connection.timeline.chatAt(seq)
      const line = chat ? this.lines.expired(chat) : null
      if (line !== null) this.later(() => line)
    }
  }

  private chatLines(chat: ChatEvent): string {
    const { text, mentioned } = this.lines.chat(chat)
    if (mentioned) this.options.mentioned?.()
    this.options.shown?.(chat.seq)
    return text
  }

  /** The original of a reply, from the hub; not had (not kept, not reachable): quoted as such. */
  private async fetch(seq: number): Promise<void> {
    try {
      const chat = await this.connection.fetchChat(seq)
      if (chat) this.lines.remember(chat)
    } catch {
      // Quoted as not available: the reply itself matters more than its quote.
    }
  }

  private later(make: () => string | Promise<string>): void {
    this.queue = this.queue.then(make).then(
      (text) => this.options.print(text),
      (error: unknown) => this.options.print(`* ${error instanceof Error ? error.message : error}`),
    )
  }
}

/** A timeline entry other than a chat as a terminal line (a chat: `[HH:MM] name: text`). */
export function formatEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'chat':
      return formatChat(entry.chat)
    case 'joined':
      return `* ${entry.member.name} joined`
    case 'renamed':
      return `* ${entry.member.clientId} is now ${entry.member.name}`
    case 'left': {
      const why =
        entry.reason === 'lost'
          ? ' (connection lost)'
          : entry.reason === 'removed'
            ? ' (removed)'
            : ''
      return `* ${entry.name} left${why}`
    }
    case 'gap':
      return entry.reason === 'epoch'
        ? "* The room's history was reset; messages may be missing here."
        : '* Some messages may be missing here: the room does not keep history that far back.'
  }
}
