/**
 * The clients of the chaos tests (chaos.test.ts against one hub, chaos-cluster.test.ts against a
 * clustered room): each writes chats (some of them files) and ops on acknowledged chats, records
 * what it wrote and what the hub acknowledged, and how long its outages lasted; and what the
 * acknowledged ops say every chat must look like in the end.
 */
import { createHash, randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  RoomConnection,
  chatKey,
  wsSocketFactory,
  type ConnectionState,
} from '../../src/main/connection'
import { uploadFile } from '../../src/main/files'
import type { RetryPolicy } from '../../src/main/files/retry'
import { DELETED_TEXT, type ChatEvent, type FileDeclaration } from '../../src/shared/protocol'
import { between } from '../support/prng'
import { TRACE, tracedSocketFactory } from '../support/traced-socket'
import { cid, testIdentity } from '../support/ws-client'

/** How many clients write: their reactions use emoji of their own (see EMOJI). */
export const CLIENTS = 5

/** How long a client's attempt to connect may take before it tries again: a TLS handshake,
 * the challenge and a hello take tens of milliseconds here, a few hundred on a busy machine. */
export const CONNECT_TIMEOUT_MS = 2_000

/** Every chat whose n is this modulo 6 is a file (unless it is one its author deletes): a few
 * kilobytes, so that uploads are quick yet several of them meet a fault. */
const FILE_EVERY = 6
const FILE_AT = 4
const FILE_BYTES: [number, number] = [1, 48 * 1024]
/** Transfers retry through every fault the run makes (bounded: a broken one still ends). */
export const FILE_RETRY: Partial<RetryPolicy> = {
  maxFailures: 200,
  backoff: { initialDelayMs: 50, maxDelayMs: 500 },
  tokenPollMs: 50,
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** What a chat looks like, as a comparable value. */
export function finalState(chat: ChatEvent): {
  text: string
  edited: boolean
  deleted: boolean
  reactions: string[]
} {
  return {
    text: chat.text,
    edited: chat.edited === true,
    deleted: chat.deleted === true,
    reactions: (chat.reactions ?? [])
      .flatMap((r) => r.from.map((from) => `${r.emoji} ${from}`))
      .sort(),
  }
}

/** What the acknowledged ops say a chat must look like. */
export function expectedState(chat: ChatEvent, ops: readonly Op[]): ReturnType<typeof finalState> {
  const key = chatKey(chat)
  const mine = ops
    .filter((op) => op.target === key && op.seq !== null)
    .sort((a, b) => (a.seq as number) - (b.seq as number))
  const deleted = mine.some((op) => op.kind === 'delete')
  const edits = mine.filter((op) => op.kind === 'edit')
  const reactions = new Map<string, boolean>()
  for (const op of mine) {
    if (op.kind !== 'react' && op.kind !== 'unreact') continue
    const from = cid(`chaos-${op.client}`)
    reactions.set(`${op.emoji} ${from}`, op.kind === 'react')
  }
  return {
    text: deleted ? DELETED_TEXT : (edits.at(-1)?.text ?? chat.text),
    edited: !deleted && edits.length > 0,
    deleted,
    reactions: deleted
      ? []
      : [...reactions]
          .filter(([, on]) => on)
          .map(([k]) => k)
          .sort(),
  }
}

/** Each client's own emoji, so that clients never undo each other's reactions. */
const EMOJI = ['👍', '🎉', '👀', '🔥', '✅', '🙏']
/** Chats whose n is this modulo 7 are the ones their authors delete; the others are reacted to
 * and edited (never both: an op on a deleted chat is refused, which would be a failure here). */
const DELETABLE = 3

export interface Op {
  /** The client that sent it. */
  client: number
  id: string
  kind: 'react' | 'unreact' | 'edit' | 'delete'
  /** The chat's key (sender, message id). */
  target: string
  emoji?: string
  text?: string
  seq: number | null
  failed: string | null
}

export interface Written {
  id: string
  text: string
  /** A file chat's file, as shared. */
  file?: FileDeclaration
  /** Where its bytes are on the sender's disk. */
  path?: string
  client: number
  n: number
  duringOutage: boolean
  writtenAt: number
  ackedAt: number | null
  seq: number | null
  failed: string | null
}

export class ChaosClient {
  readonly connection: RoomConnection
  readonly written: Written[] = []
  readonly ops: Op[] = []
  /** (chat key, emoji) → whether this client's reaction is on, as its last op says. */
  private readonly reactions = new Map<string, boolean>()
  /** Chat keys (or chat key + emoji) with an op of this client not yet acknowledged. */
  private readonly busy = new Set<string>()
  private readonly deleted = new Set<string>()
  readonly recoveries: number[] = []
  /** Times a hello held back on an abandoned socket took this client's place (4001). */
  ghostReplacements = 0
  private lostAt: number | null = null

  constructor(
    readonly index: number,
    candidates: string[],
    random: () => number,
    /** Whether some of its chats are files (a clustered room has none yet). */
    private readonly files = true,
  ) {
    this.connection = new RoomConnection({
      candidates,
      name: `client ${index}`,
      identity: testIdentity(`chaos-${index}`),
      // CHAOS_TRACE=<path prefix>: what this client sends and is told (traced-socket.ts).
      socketFactory: TRACE
        ? tracedSocketFactory(wsSocketFactory, `${TRACE}-client${index}.log`)
        : wsSocketFactory,
      random,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      ackTimeoutMs: 2_500,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
    })
    this.connection.on('state', (state: ConnectionState) => {
      const now = performance.now()
      if (
        state.status === 'reconnecting' &&
        state.retryAt !== null &&
        /earlier attempt/.test(state.lastError)
      ) {
        this.ghostReplacements += 1
      }
      if (state.status === 'connected' && this.lostAt !== null) {
        this.recoveries.push(now - this.lostAt)
        this.lostAt = null
      } else if (state.status !== 'connected' && this.lostAt === null) {
        this.lostAt = now
      }
    })
  }

  /** One op on an acknowledged chat (`pool`: every client's), or false when none fits. */
  operate(pool: readonly ChaosClient[], random: () => number): boolean {
    // The room's first few chats: reactions come back to the same ones, so some are undone.
    const acked = pool
      .flatMap((c) =>
        c.written
          .filter((w) => w.seq !== null && w.n % 7 !== DELETABLE)
          .map((w) => ({ w, key: chatKey({ from: cid(`chaos-${c.index}`), id: w.id }) })),
      )
      .sort((a, b) => (a.w.seq as number) - (b.w.seq as number))
      .slice(0, 4)
    const mine = this.written.filter((w) => w.seq !== null)
    const roll = random()
    if (roll < 0.55 && acked.length > 0) {
      const { w, key } = acked[Math.floor(random() * acked.length)]!
      const emoji = EMOJI[(this.index + Math.floor(random() * 2) * CLIENTS) % EMOJI.length]!
      const slot = `${key} ${emoji}`
      if (this.busy.has(slot)) return false
      const on = this.reactions.get(slot) ?? false
      this.track({ kind: on ? 'unreact' : 'react', target: key, emoji }, slot, () =>
        on ? this.connection.unreact(w.seq!, emoji) : this.connection.react(w.seq!, emoji),
      ).then((ok) => {
        if (ok) this.reactions.set(slot, !on)
      })
      return true
    }
    const own = (deletable: boolean) =>
      mine.filter((w) => {
        const key = chatKey({ from: cid(`chaos-${this.index}`), id: w.id })
        return (
          (w.n % 7 === DELETABLE) === deletable && !this.busy.has(key) && !this.deleted.has(key)
        )
      })
    if (roll < 0.85) {
      const candidates = own(false)
      const w = candidates[Math.floor(random() * candidates.length)]
      if (!w) return false
      const key = chatKey({ from: cid(`chaos-${this.index}`), id: w.id })
      const text = `${w.text} (edit ${this.ops.length})`
      void this.track({ kind: 'edit', target: key, text }, key, () =>
        this.connection.edit(w.seq!, text),
      )
      return true
    }
    const w = own(true)[0]
    if (!w) return false
    const key = chatKey({ from: cid(`chaos-${this.index}`), id: w.id })
    this.deleted.add(key)
    void this.track({ kind: 'delete', target: key }, key, () => this.connection.delete(w.seq!))
    return true
  }

  private track(
    op: Pick<Op, 'kind' | 'target' | 'emoji' | 'text'>,
    busy: string,
    send: () => Promise<{ seq: number; id: string }>,
  ): Promise<boolean> {
    const entry: Op = { ...op, client: this.index, id: '', seq: null, failed: null }
    this.ops.push(entry)
    this.busy.add(busy)
    return send().then(
      (event) => {
        entry.id = event.id
        entry.seq = event.seq
        this.busy.delete(busy)
        return true
      },
      (error: Error) => {
        entry.failed = error.message
        this.busy.delete(busy)
        return false
      },
    )
  }

  /** Whether the next chat this client writes is a file. */
  get fileIsNext(): boolean {
    const n = this.written.length
    return this.files && n % FILE_EVERY === FILE_AT && n % 7 !== DELETABLE
  }

  /** Uploads a small file (the writer waits: its chats stay in the order written), then
   * shares it like any chat. `failed` says when the upload itself could not be done. */
  async writeFile(dir: string, random: () => number): Promise<void> {
    const n = this.written.length
    const bytes = randomBytes(between(random, ...FILE_BYTES))
    const name = `c${this.index}-${n}.bin`
    const path = join(dir, name)
    await writeFile(path, bytes)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const target = this.connection.fileTarget()
    if (!target) throw new Error(`client ${this.index} has no file target`)
    const { id } = await uploadFile({
      target,
      path,
      size: bytes.byteLength,
      sha256,
      name,
      retry: FILE_RETRY,
    })
    const file: FileDeclaration = {
      id,
      name,
      size: bytes.byteLength,
      type: 'application/octet-stream',
      sha256,
    }
    this.write({ file, path })
  }

  write(shared?: { file: FileDeclaration; path: string }): void {
    const n = this.written.length
    const entry: Written = {
      id: `c${this.index}-${n}`,
      text: `client ${this.index} ${shared ? 'file' : 'message'} ${n}`,
      ...(shared ?? {}),
      client: this.index,
      n,
      duringOutage: this.connection.state.status !== 'connected',
      writtenAt: performance.now(),
      ackedAt: null,
      seq: null,
      failed: null,
    }
    this.written.push(entry)
    const sent = shared
      ? this.connection.sendFile({ file: shared.file, caption: entry.text, id: entry.id }).sent
      : this.connection.send(entry.text, entry.id)
    sent.then(
      (event) => {
        entry.ackedAt = performance.now()
        entry.seq = event.seq
      },
      (error: Error) => {
        entry.failed = error.message
      },
    )
  }

  describe(): string {
    const state = this.connection.state
    return `client ${this.index}: ${state.status}${'attempt' in state ? ` #${state.attempt}` : ''}, outbox ${this.connection.pendingCount}, lastSeq ${this.connection.resumePosition?.lastSeq ?? '-'}`
  }
}

export async function waitUntil(
  check: () => boolean,
  timeoutMs: number,
  what: () => string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting: ${what()}`)
    await sleep(25)
  }
}
