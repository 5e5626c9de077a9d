import type { RoomConnection, TimelineEntry } from '../main/connection'
import type { ChatEvent, OpEvent } from '../shared/protocol'
import { formatChat } from './format'
import { NameTags } from './name-tags'
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
  /** The time, in ms (tests move it): when an original whose fetch failed may be asked again. */
  now?: () => number
}

/** Replies waiting for their original at once. Past it a reply is printed without waiting, its
 * original quoted as not available: a hub that advertises `history` and never answers holds the
 * output back by MAX_WAITING_REPLIES / MAX_FETCHES request timeouts at most (20 s for `join`'s
 * 5 s), not one timeout per reply for ever. */
export const MAX_WAITING_REPLIES = 32
/** Originals asked for at once: half the requests a connection lets wait (MAX_REQUESTS_IN_FLIGHT),
 * so that waiting replies do not queue one timeout after another; the hub paces them anyway. */
export const MAX_FETCHES = 8
/** Originals remembered as not had (the hub did not keep them, or did not answer), so that a
 * stream of replies to them is not a stream of requests and waits; the oldest are forgotten. */
const MAX_NOT_HAD = 1_000
/** A fetch that failed (timeout, rate, disconnect) may be tried again after this long; an
 * original the hub said it does not keep is not asked for again. */
const RETRY_AFTER_MS = 30_000

/**
 * Prints a room as it happens: the timeline's new entries (chats, joins, leaves, gaps) and the
 * reactions, edits and deletes, each once, in the order they came. A reply whose original is
 * not known is printed once the original has been fetched (or could not be), and what comes
 * after it waits for it: the order never changes. The fetch starts when the reply comes, each
 * original is asked for once at a time, one not had is remembered, and at most
 * MAX_WAITING_REPLIES replies wait at once.
 */
export class RoomPrinter {
  private readonly lines: RoomLines
  private queue: Promise<void> = Promise.resolve()
  /** Replies queued whose printing waits for a fetch (MAX_WAITING_REPLIES at most). */
  private waiting = 0
  /** Fetches queued or under way, by seq: replies to the same original wait for the same one. */
  private readonly fetches = new Map<number, { done: Promise<void>; settle: () => void }>()
  /** Seqs whose fetch waits for one of the MAX_FETCHES, in the order their replies came. */
  private readonly queued = new Set<number>()
  private running = 0
  /** Originals not had, by seq: when they may be asked for again (Infinity: never). */
  private readonly notHad = new Map<number, number>()
  private readonly now: () => number
  private readonly names = new NameTags(() => this.connection.members)
  /** While a welcome after a reconnect is taken in: the chats it brought. Those carry their
   * current state, so the ops of the same welcome that target them are not printed again. */
  private welcomed: Set<number> | null = null

  constructor(
    private readonly connection: RoomConnection,
    private readonly options: RoomPrinterOptions,
  ) {
    this.now = options.now ?? Date.now
    this.lines = new RoomLines({
      me: connection.clientId,
      showSeq: options.showSeq,
      lookup: (seq) => connection.timeline.chatAt(seq),
      label: (clientId, name) => this.names.label(clientId, name),
    })
  }

  /** Prints what the timeline holds, then everything that happens. */
  start(): void {
    const { connection } = this
    // Everyone the welcome names first: two people of one name are told apart from the start.
    // (The entries' own names are seen by entry(), all of them before any line is made: lines
    // are made on the queue, after this turn.)
    for (const member of connection.members) this.names.see(member.clientId, member.name)
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

  private seeNames(entry: TimelineEntry): void {
    if (entry.kind === 'chat') this.names.see(entry.chat.from, entry.chat.name)
    else if (entry.kind === 'joined' || entry.kind === 'renamed') {
      this.names.see(entry.member.clientId, entry.member.name)
    } else if (entry.kind === 'left') this.names.see(entry.clientId, entry.name)
  }

  private entry(entry: TimelineEntry): void {
    this.seeNames(entry)
    if (entry.kind !== 'chat') {
      this.later(() => formatEntry(entry, (clientId, name) => this.names.label(clientId, name)))
      return
    }
    const { chat } = entry
    this.welcomed?.add(chat.seq)
    const missing = this.lines.missingOriginal(chat)
    const fetched = missing === null ? null : this.fetch(missing)
    if (fetched === null) {
      this.later(() => this.chatLines(chat))
      return
    }
    this.waiting++
    this.later(async () => {
      await fetched
      this.waiting--
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

  /**
   * The original of a reply, from the hub (what to wait for before printing the reply), or null
   * when the reply is not to wait: the original is remembered as not had, or too many replies
   * wait already. Not had (not kept, not reachable), it is quoted as not available: the reply
   * itself matters more than its quote.
   */
  private fetch(seq: number): Promise<void> | null {
    if (this.waiting >= MAX_WAITING_REPLIES) return null
    const asked = this.fetches.get(seq)
    if (asked) return asked.done
    const retryAt = this.notHad.get(seq)
    if (retryAt !== undefined && this.now() < retryAt) return null
    let settle = (): void => {}
    const done = new Promise<void>((resolve) => {
      settle = resolve
    })
    this.fetches.set(seq, { done, settle })
    this.queued.add(seq)
    this.pump()
    return done
  }

  /** Starts the queued fetches, in the order their replies came, MAX_FETCHES at once. */
  private pump(): void {
    while (this.running < MAX_FETCHES) {
      const seq = this.queued.values().next()
      if (seq.done) return
      this.queued.delete(seq.value)
      this.running++
      void this.fetchOne(seq.value).then(() => {
        this.running--
        this.fetches.get(seq.value)?.settle()
        this.fetches.delete(seq.value)
        this.pump()
      })
    }
  }

  private async fetchOne(seq: number): Promise<void> {
    try {
      const chat = await this.connection.fetchChat(seq)
      if (chat) this.lines.remember(chat)
      else this.notHadUntil(seq, Infinity)
    } catch {
      this.notHadUntil(seq, this.now() + RETRY_AFTER_MS)
    }
  }

  /** Remembers an original as not had until `retryAt`, the oldest forgotten past the bound. */
  private notHadUntil(seq: number, retryAt: number): void {
    this.notHad.delete(seq)
    this.notHad.set(seq, retryAt)
    if (this.notHad.size > MAX_NOT_HAD) {
      const oldest = this.notHad.keys().next()
      if (!oldest.done) this.notHad.delete(oldest.value)
    }
  }

  private later(make: () => string | Promise<string>): void {
    this.queue = this.queue.then(make).then(
      (text) => this.options.print(text),
      (error: unknown) => this.options.print(`* ${error instanceof Error ? error.message : error}`),
    )
  }
}

/** A timeline entry other than a chat as a terminal line (a chat: `[HH:MM] name: text`);
 * `label` prints a person's name (NameTags). */
export function formatEntry(
  entry: TimelineEntry,
  label: (clientId: string, name: string) => string = (_clientId, name) => name,
): string {
  switch (entry.kind) {
    case 'chat':
      return formatChat(entry.chat)
    case 'joined':
      return `* ${label(entry.member.clientId, entry.member.name)} joined`
    case 'renamed':
      return `* ${entry.member.clientId} is now ${entry.member.name}`
    case 'left': {
      const why =
        entry.reason === 'lost'
          ? ' (connection lost)'
          : entry.reason === 'removed'
            ? ' (removed)'
            : ''
      return `* ${label(entry.clientId, entry.name)} left${why}`
    }
    case 'gap':
      return entry.reason === 'epoch'
        ? "* The room's history was reset; messages may be missing here."
        : '* Some messages may be missing here: the room does not keep history that far back.'
  }
}
