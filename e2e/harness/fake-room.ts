/**
 * A stand-in for the controller's side of a room with a long history, for browser-tier tests
 * of the window alone: it answers the conversation commands (send, react, edit, delete, page
 * back, search, open at) the way the contract describes and pushes snapshots and timeline
 * patches back, so that the renderer can be driven and checked without a hub. The end-to-end
 * tests with the real controller are in e2e/conversation.e2e.ts.
 */
import type { BridgeHandlers } from '../../src/main/bridge/dispatch'
import type {
  CommandArgs,
  EventName,
  EventPayload,
  Snapshot,
  TimelineEntry,
  TimelinePatch,
} from '../../src/shared/bridge'
import { fixtureHandlers, SNAPSHOT } from '../../test/support/bridge-fixtures'

type Chat = Extract<TimelineEntry, { kind: 'chat' }>
type Send = <K extends EventName>(name: K, payload: EventPayload<K>) => void

export const ME = { clientId: 'client-ada-0001', name: 'Ada' }
export const BOB = { clientId: 'client-bob-0002', name: 'Bob' }
export const CY = { clientId: 'client-cy-00003', name: 'Cy' }
const FEATURES = ['reply', 'reactions', 'edit', 'delete', 'mentions', 'read', 'history', 'search']
const PAGE = 200
const WINDOW = 100

export interface FakeRoomOptions {
  /** Chats in the room's history (seq 1 to n), the window shows the last WINDOW of them. */
  history: number
  /** A text for chat n (defaults to "message n"). */
  text?: (seq: number) => string
  /** How long after its answer a page of older messages arrives. */
  pageDelayMs?: number
}

export class FakeRoom {
  readonly calls: Array<{ name: string; args: unknown }> = []
  readonly all: Chat[] = []
  /** Index in `all` of the first chat the window has. */
  first: number
  reads: Array<{ clientId: string; name: string; seq: number }> = []
  #send: Send | null = null
  #seq: number
  readonly #pageDelayMs: number

  constructor(options: FakeRoomOptions) {
    this.#pageDelayMs = options.pageDelayMs ?? 30
    const now = Date.now()
    for (let seq = 1; seq <= options.history; seq++) {
      const from = seq % 3 === 0 ? ME : seq % 3 === 1 ? BOB : CY
      this.all.push({
        kind: 'chat',
        key: `c:${seq}`,
        seq,
        id: `m${seq}`,
        from: from.clientId,
        name: from.name,
        text: options.text?.(seq) ?? `message ${seq}`,
        ts: now - (options.history - seq) * 60_000,
        own: from === ME,
        status: 'sent',
        error: null,
      })
    }
    this.#seq = options.history
    this.first = Math.max(0, this.all.length - WINDOW)
  }

  snapshot(): Snapshot {
    return {
      ...SNAPSHOT,
      profile: { name: ME.name, clientId: ME.clientId },
      situation: 'joined',
      room: {
        id: 'room-lab',
        name: 'Lab',
        hostName: 'Bob',
        hosting: false,
        joinAddresses: [],
        roomCodes: [],
        guestLink: null,
        connection: { status: 'connected', attempt: 0, nextRetryAt: null, reason: null },
        members: [
          { ...ME, host: false, you: true, guest: false },
          { ...BOB, host: true, you: false, guest: false },
          { ...CY, host: false, you: false, guest: false },
        ],
        typing: [],
        maxTextLength: 4000,
        unread: 0,
        features: FEATURES,
        reads: this.reads,
        security: {
          encrypted: true,
          verificationCode: 'K7Q2M-X9D4R',
          trust: 'verified',
          passphrase: false,
        },
      },
    }
  }

  /** Hub events, as the controller would pass them on. */
  push(patch: Omit<TimelinePatch, 'reset' | 'pending'> & { reset?: boolean }): void {
    this.#send?.('onTimeline', { reset: false, pending: [], ...patch })
  }

  publish(): void {
    this.#send?.('onSnapshot', this.snapshot())
  }

  /** A chat from someone else arrives. */
  receive(from: { clientId: string; name: string }, text: string, extra: Partial<Chat> = {}): Chat {
    const chat = this.#chat(from, text, extra)
    this.push({ confirmed: [chat] })
    return chat
  }

  events = (send: Send): (() => void) => {
    this.#send = send
    return () => {
      this.#send = null
    }
  }

  handlers(): BridgeHandlers {
    const log = <K extends string>(name: K, args: unknown): void => {
      this.calls.push({ name, args })
    }
    return fixtureHandlers({
      getSnapshot: () => this.snapshot(),
      getTimeline: () => ({ reset: true, confirmed: this.all.slice(this.first), pending: [] }),
      sendChat: (args) => {
        log('sendChat', args)
        const quoted = args.replyTo === undefined ? undefined : this.#find(args.replyTo)
        const chat = this.#chat(ME, args.text, {
          ...(args.replyTo === undefined
            ? {}
            : {
                replyTo: {
                  seq: args.replyTo,
                  found: quoted !== undefined,
                  name: quoted?.name ?? '',
                  text: quoted?.deleted ? '' : (quoted?.text.slice(0, 200) ?? ''),
                  deleted: quoted?.deleted === true,
                },
              }),
          ...(args.mentions ? { mentions: args.mentions } : {}),
          ...(args.mentionsRoom ? { mentionsRoom: true } : {}),
        })
        setTimeout(() => this.push({ confirmed: [chat] }), 20)
        return { id: chat.id }
      },
      react: (args) => {
        log('react', args)
        this.#react(args, true)
        return { ok: true }
      },
      unreact: (args) => {
        log('unreact', args)
        this.#react(args, false)
        return { ok: true }
      },
      editMessage: (args) => {
        log('editMessage', args)
        this.#change(args.seq, { text: args.text, edited: true })
        return { ok: true }
      },
      deleteMessage: (args) => {
        log('deleteMessage', args)
        this.#change(args.seq, { text: '', deleted: true, reactions: [] })
        return { ok: true }
      },
      loadOlder: () => {
        log('loadOlder', undefined)
        const from = Math.max(0, this.first - PAGE)
        const older = this.all.slice(from, this.first)
        this.first = from
        const first = from === 0
        // As main does: the page arrives as a patch, just after the answer.
        setTimeout(
          () =>
            this.push({ confirmed: [], older, ...(first ? { start: { trimmed: false } } : {}) }),
          this.#pageDelayMs,
        )
        return { added: older.length, first, trimmed: false }
      },
      search: (args) => {
        log('search', args)
        const words = args.text.toLowerCase().split(/\s+/)
        const before = args.before ?? Infinity
        const found = this.all
          .filter((chat) => chat.seq !== null && chat.seq < before && !chat.deleted)
          .filter((chat) => words.every((word) => chat.text.toLowerCase().includes(word)))
          .reverse()
        const matches = found.slice(0, 10).map((chat) => {
          const at = chat.text.toLowerCase().indexOf(words[0] ?? '')
          return {
            seq: chat.seq as number,
            from: chat.from,
            name: chat.name,
            ts: chat.ts,
            snippet: chat.text,
            highlights: [[at, at + (words[0]?.length ?? 0)] as [number, number]],
          }
        })
        return { matches, more: found.length > 10 }
      },
      openAt: (args) => {
        log('openAt', args)
        const index = this.all.findIndex((chat) => chat.seq === args.seq)
        if (index < 0) return { ok: true }
        const from = Math.max(0, index - 20)
        if (from < this.first) {
          const older = this.all.slice(from, this.first)
          this.first = from
          setTimeout(() => this.push({ confirmed: [], older }), 30)
        }
        return { ok: true }
      },
      copyText: (args) => {
        log('copyText', args)
        return { ok: true }
      },
    })
  }

  #chat(from: { clientId: string; name: string }, text: string, extra: Partial<Chat>): Chat {
    const seq = ++this.#seq
    const chat: Chat = {
      kind: 'chat',
      key: `c:${seq}`,
      seq,
      id: `m${seq}`,
      from: from.clientId,
      name: from.name,
      text,
      ts: Date.now(),
      own: from.clientId === ME.clientId,
      status: 'sent',
      error: null,
      ...extra,
    }
    this.all.push(chat)
    return chat
  }

  #find(seq: number): Chat | undefined {
    return this.all.find((chat) => chat.seq === seq)
  }

  #change(seq: number, change: Partial<Chat>): void {
    const index = this.all.findIndex((chat) => chat.seq === seq)
    const chat = this.all[index]
    if (!chat) return
    const next = { ...chat, ...change }
    this.all[index] = next
    setTimeout(() => this.push({ confirmed: [], updated: [next] }), 20)
  }

  #react(args: CommandArgs<'react'>, on: boolean): void {
    const chat = this.#find(args.seq)
    if (!chat) return
    const reactions = (chat.reactions ?? []).map((reaction) => ({ ...reaction }))
    const found = reactions.find((reaction) => reaction.emoji === args.emoji)
    if (on && !found) reactions.push({ emoji: args.emoji, count: 1, mine: true, names: [ME.name] })
    else if (on && found && !found.mine) {
      found.count++
      found.mine = true
      found.names = [...found.names, ME.name]
    } else if (!on && found?.mine) {
      found.count--
      found.mine = false
      found.names = found.names.filter((name) => name !== ME.name)
    }
    this.#change(args.seq, { reactions: reactions.filter((reaction) => reaction.count > 0) })
  }
}
