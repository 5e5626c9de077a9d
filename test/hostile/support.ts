/**
 * Tools for the hostile-peer attacks (test/hostile/peer-attacks.ts), shared by their test and
 * by `npm run bench` (bench/hostile.ts): a hub in its own process (so that its memory can be
 * read), witnesses that chat at a steady pace and record when each chat reached each of them,
 * and raw TCP peers that send what no well-behaved client would. Every address is 127.0.0.1.
 * Nothing here imports vitest: what must hold is said through a `Check`.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { isDeepStrictEqual } from 'node:util'
import { peerFingerprint } from '../../src/main/security/tls'
import { CLOSE_CODES, LIMITS, SUBPROTOCOL, type ChatEvent } from '../../src/shared/protocol'
import { endProcess, startHost, type HostProcess } from '../support/cli'
import { signedHello } from '../support/identities'
import { hubRequest } from '../support/raw-socket'
import { tempDir } from '../support/temp-dir'
import { TestClient, cid, waitFor } from '../support/ws-client'

export const HOST = '127.0.0.1'
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * How long anything waits for the hub before calling it stuck: an answer, a close, a chat to
 * reach every witness. A safety net, not a measurement (`npm run bench` measures): the slowest
 * typical wait is a witness chat under the chat flood, about 3.3 s on an idle two-core machine.
 * Waits end as soon as what they wait for happens, so only a stuck hub waits this long.
 */
export const PATIENCE_MS = 30_000

/** Milliseconds on CLOCK_MONOTONIC: the same clock in every process of this machine (Linux), so
 * that the bench can set the witnesses' records, made in a process of their own, against the
 * times of the attack. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

// ------------------------------------------------------------------ checks

/**
 * What an attack says must hold, without knowing who checks: the test passes vitest's expect
 * behind it (a failure stops the test there); the bench collects the failures and prints them
 * beside its figures (an attack that did not do what it says measured nothing).
 */
export interface Check {
  /** `actual` deeply equals `expected`. */
  equal(actual: unknown, expected: unknown, label?: string): void
  atLeast(actual: number, least: number, label?: string): void
  atMost(actual: number, most: number, label?: string): void
  /** `text` matches `pattern`. */
  matches(text: string, pattern: RegExp, label?: string): void
}

/** A Check that records what did not hold, in words, instead of throwing. */
export function collectingCheck(failures: string[]): Check {
  const fail = (label: string | undefined, what: string): void => {
    failures.push(label === undefined ? what : `${label}: ${what}`)
  }
  const show = (value: unknown): string => JSON.stringify(value)?.slice(0, 200) ?? String(value)
  return {
    equal: (actual, expected, label) => {
      if (!isDeepStrictEqual(actual, expected)) {
        fail(label, `${show(actual)} is not ${show(expected)}`)
      }
    },
    atLeast: (actual, least, label) => {
      if (!(actual >= least)) fail(label, `${actual} < ${least}`)
    },
    atMost: (actual, most, label) => {
      if (!(actual <= most)) fail(label, `${actual} > ${most}`)
    },
    matches: (text, pattern, label) => {
      if (!pattern.test(text)) fail(label, `${show(text)} does not match ${String(pattern)}`)
    },
  }
}

// ------------------------------------------------------------------ the hub process

/** Resident memory of a process in bytes, from /proc; null where there is no /proc (not Linux). */
export function rssOf(pid: number): number | null {
  const file = `/proc/${pid}/status`
  if (!existsSync(file)) return null
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(file, 'utf8'))
  return match ? Number(match[1]) * 1024 : null
}

export interface Room {
  readonly host: HostProcess
  readonly port: number
  readonly url: string
  /** Members the hub counts now, from GET /info. */
  members(): Promise<number>
  stop(): Promise<void>
}

/** `lanroom host` on 127.0.0.1 and a free port, with the default limits (and TLS), in its own
 * process; `extra` arguments for a passphrase room. */
export async function openRoom(extra: string[] = []): Promise<Room> {
  const dir = tempDir('lanroom-hostile-')
  const host = await startHost([
    '--port',
    '0',
    '--data-dir',
    dir.path,
    '--name',
    'Hostile room',
    '--no-advertise',
    ...extra,
  ])
  const port = host.info.port
  return {
    host,
    port,
    url: `wss://${HOST}:${port}/ws`,
    members: async () => {
      const response = await hubRequest(port, '/info')
      return (JSON.parse(response.body) as { members: number }).members
    },
    stop: async () => {
      await endProcess(host, 'SIGTERM', 3_000)
      dir.remove()
    },
  }
}

/** Samples a process's RSS every 50 ms and keeps the highest value seen. */
export class RssSampler {
  peak: number
  private readonly timer: NodeJS.Timeout

  constructor(private readonly pid: number) {
    this.peak = rssOf(pid) ?? 0
    this.timer = setInterval(() => this.sample(), 50)
    this.timer.unref()
  }

  sample(): number {
    const rss = rssOf(this.pid) ?? 0
    if (rss > this.peak) this.peak = rss
    return rss
  }

  stop(): void {
    clearInterval(this.timer)
    this.sample()
  }
}

// ------------------------------------------------------------------ witnesses

/** Each witness chats this often: about 6.7 chats a second, under the room's 10 per member. */
export const WITNESS_INTERVAL_MS = 150
/**
 * The longest a witness chat may take to reach every witness: a safety net at six times the
 * worst typical (about 3.3 s, under the chat flood, on an idle two-core machine; most attacks
 * stay under 0.4 s). A hub that is really disturbed by an attack stalls for far longer, or
 * drops the witnesses. What the attacks cost the witnesses is measured by `npm run bench`.
 */
export const MAX_WITNESS_LATENCY_MS = 20_000

/**
 * A member of the room at `url`, joined with its passphrase in a passphrase room. The hub
 * allows LIMITS.helloTimeoutMs for the whole login, the client's key stretching included, which
 * a heavily loaded machine can take longer than: then the join is tried again (at most three
 * times), after the guess the unfinished login cost has come back, so that the attack finds this
 * address's guesses as they were.
 */
export async function joinRoom(
  url: string,
  name: string,
  clientId: string,
  passphrase?: string,
): Promise<TestClient> {
  for (let attempt = 1; ; attempt++) {
    const client = new TestClient(url)
    try {
      if (passphrase === undefined) await client.join(name, clientId)
      else await client.joinWithPassphrase(name, clientId, passphrase)
      return client
    } catch (error) {
      client.ws.terminate()
      if (client.closeCode !== CLOSE_CODES.helloTimeout || attempt === 3) throw error
      await sleep(1_000 / LIMITS.passphraseAttemptsPerSecond)
    }
  }
}

/** A witness chat: who sent it when, and when it reached each witness (by index). */
export interface WitnessChat {
  readonly id: string
  readonly sender: number
  readonly sentAt: number
  readonly arrivals: Array<number | undefined>
}

/**
 * Well-behaved members that chat at a steady pace while an attack runs. At the end every
 * witness must have received every witness chat, in the one order the hub gave them, none
 * of them late, and none of the witnesses may have been closed or sent an error.
 */
export class Witnesses {
  readonly clients: TestClient[]
  private readonly byId = new Map<string, WitnessChat>()
  private readonly sentBy: string[][]
  private readonly timers: NodeJS.Timeout[] = []
  private running = false

  private constructor(clients: TestClient[]) {
    this.clients = clients
    this.sentBy = clients.map(() => [])
    for (const [index, client] of clients.entries()) {
      client.ws.on('message', (data) => {
        const at = monotonicMs()
        const frame = JSON.parse(String(data)) as { type?: unknown; id?: unknown }
        if (frame.type !== 'chat' || typeof frame.id !== 'string') return
        const chat = this.byId.get(frame.id)
        if (chat) chat.arrivals[index] ??= at
      })
    }
  }

  /** Witnesses in the room at `url` (with its passphrase, for a passphrase room). */
  static async join(url: string, count = 3, passphrase?: string): Promise<Witnesses> {
    const clients: TestClient[] = []
    for (let i = 0; i < count; i++) {
      clients.push(await joinRoom(url, `Witness ${i}`, cid(`w${i}`), passphrase))
    }
    return new Witnesses(clients)
  }

  get sent(): number {
    return this.byId.size
  }

  /** Every chat sent so far, in the order sent. */
  chats(): WitnessChat[] {
    return [...this.byId.values()]
  }

  /** The longest a chat took to reach the last witness that got it. */
  get maxLatencyMs(): number {
    let max = 0
    for (const chat of this.byId.values()) {
      for (const at of chat.arrivals) if (at !== undefined) max = Math.max(max, at - chat.sentAt)
    }
    return max
  }

  start(): void {
    this.running = true
    for (const [i] of this.clients.entries()) {
      // Staggered, so that together they chat every WITNESS_INTERVAL_MS / count.
      const offset = (i * WITNESS_INTERVAL_MS) / this.clients.length
      const first = setTimeout(() => {
        this.chat(i)
        this.timers.push(setInterval(() => this.chat(i), WITNESS_INTERVAL_MS))
      }, offset)
      this.timers.push(first)
    }
  }

  private chat(i: number): void {
    if (!this.running) return
    const mine = this.sentBy[i] as string[]
    const id = `w${i}-${mine.length}`
    mine.push(id)
    this.byId.set(id, { id, sender: i, sentAt: monotonicMs(), arrivals: [] })
    ;(this.clients[i] as TestClient).chat(id, `witness ${i}, message ${mine.length}`)
  }

  private stopChatting(): void {
    this.running = false
    for (const timer of this.timers) clearTimeout(timer)
  }

  /** Stops chatting and waits until every witness chat has reached every witness. */
  async stop(): Promise<void> {
    this.stopChatting()
    const total = this.byId.size
    await waitFor(
      () => this.clients.every((c) => this.witnessChats(c).length >= total || c.closeCode !== null),
      PATIENCE_MS,
      'every witness chat to reach every witness',
    )
  }

  private witnessChats(client: TestClient): ChatEvent[] {
    return client.all('chat').filter((chat) => this.byId.has(chat.id))
  }

  /** The checks every hostile attack makes about the witnesses. */
  check(check: Check): void {
    check.atLeast(this.sent, 1, 'witness chats')
    const orders = this.clients.map((client, i) => {
      check.equal(client.closeCode, null, `witness ${i} was closed`)
      check.equal(client.all('error'), [], `witness ${i} got errors`)
      return this.witnessChats(client)
    })
    const reference = (orders[0] as ChatEvent[]).map((chat) => chat.id)
    // Every chat every witness sent, once each...
    check.equal([...reference].sort(), [...this.byId.keys()].sort(), 'the witness chats')
    for (const [i, order] of orders.entries()) {
      // ...in the same order everywhere, the hub's (sequence numbers only grow)...
      check.equal(
        order.map((chat) => chat.id),
        reference,
        `witness ${i}'s order`,
      )
      const seqs = order.map((chat) => chat.seq)
      check.equal(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `witness ${i}'s sequence numbers`,
      )
      // ...and each sender's chats in the order it sent them.
      check.equal(
        reference.filter((id) => id.startsWith(`w${i}-`)),
        this.sentBy[i],
        `witness ${i}'s own chats`,
      )
    }
    check.atMost(this.maxLatencyMs, MAX_WITNESS_LATENCY_MS, 'the slowest witness chat (ms)')
  }

  close(): void {
    this.stopChatting()
    for (const client of this.clients) client.ws.terminate()
  }
}

// ------------------------------------------------------------------ raw peers

export interface FrameOptions {
  opcode?: number
  fin?: boolean
  /** RSV1..3 bits (0..7); a peer that negotiated no extension must send 0. */
  rsv?: number
  /** Clients must mask; a hostile one may not. */
  mask?: boolean
  /** The length to declare in the header, when it is to differ from the payload's. */
  declaredLength?: number
}

/** Encodes a client frame (RFC 6455 §5.2) with whatever header a hostile peer wants. */
export function frame(payload: Buffer | string, options: FrameOptions = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload
  const { opcode = 0x1, fin = true, rsv = 0, mask = true } = options
  const length = options.declaredLength ?? data.length
  const header: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)]
  const maskBit = mask ? 0x80 : 0
  if (length < 126) header.push(maskBit | length)
  else if (length < 65_536) header.push(maskBit | 126, length >> 8, length & 0xff)
  else {
    header.push(maskBit | 127)
    const big = Buffer.alloc(8)
    big.writeBigUInt64BE(BigInt(length))
    header.push(...big)
  }
  if (!mask) return Buffer.concat([Buffer.from(header), data])
  // Large payloads get the all-zero key, which leaves them as they are: legal (a hostile
  // client may choose any key) and it costs this process nothing to build megabytes of them,
  // which would otherwise delay the witnesses living in the same process.
  if (data.length >= 1024) return Buffer.concat([Buffer.from(header), Buffer.alloc(4), data])
  const key = randomBytes(4)
  const masked = Buffer.from(data)
  for (let i = 0; i < masked.length; i++) {
    masked[i] = (masked[i] as number) ^ (key[i % 4] as number)
  }
  return Buffer.concat([Buffer.from(header), key, masked])
}

/** A hello for a connection whose challenge carried `nonce`, through a certificate with
 * `fingerprint`: proven for ids made by cid(), wrongly signed for any other. */
export function helloFrame(
  challenge: { nonce: string; fingerprint: string | null },
  name: unknown,
  clientId: unknown = cid(`x${randomId()}`),
  extra: Record<string, unknown> = {},
): Buffer {
  const hello = signedHello(challenge.nonce, challenge.fingerprint, 'x', String(clientId), extra)
  return frame(JSON.stringify({ ...hello, name, clientId }))
}

export function chatFrame(id: string, text: string): Buffer {
  return frame(JSON.stringify({ type: 'chat', id, text }))
}

export function randomId(): string {
  return randomBytes(6).toString('hex')
}

export const UPGRADE_REQUEST = (extraHeaders = ''): string =>
  `GET /ws HTTP/1.1\r\nHost: ${HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
  `Sec-WebSocket-Protocol: ${SUBPROTOCOL}\r\n${extraHeaders}\r\n`

/**
 * One raw TCP connection to the hub. It records everything it receives (unless paused: a
 * peer that never reads) and when the hub closed it, and it never closes its own side unless
 * told to, as an attacker would not.
 */
export class RawPeer {
  /** What the peer reads and writes: TLS over `tcp`, or `tcp` itself. */
  readonly socket: Socket
  /** The TCP connection underneath. */
  readonly tcp: Socket
  /** What arrived, in chunks: joined only when read (joining on every chunk is quadratic). */
  private chunks: Buffer[] = []
  /** The hub ended or reset the connection (we saw end, or close without our destroy). */
  closedByHub = false
  closedAt: number | null = null
  readonly opened: Promise<void>
  readonly closed: Promise<void>
  private destroyedByUs = false

  /** `tls`: false for a bare TCP connection that never even starts TLS. `localAddress`: the
   * loopback address to connect from (127.0.0.0/8), for peers that seem to be many machines. */
  constructor(
    port: number,
    registry: Set<RawPeer>,
    { tls = true, localAddress }: { tls?: boolean; localAddress?: string } = {},
  ) {
    registry.add(this)
    this.tcp = connect({ port, host: HOST, localAddress })
    this.tcp.on('error', () => {})
    this.socket = tls ? connectTls({ socket: this.tcp, rejectUnauthorized: false }) : this.tcp
    this.socket.on('error', () => {})
    this.opened = new Promise((resolve, reject) => {
      this.socket.once(tls ? 'secureConnect' : 'connect', resolve)
      this.socket.once('error', reject)
    })
    this.socket.on('data', this.record)
    this.socket.on('end', () => {
      this.closedByHub = true
      this.closedAt ??= performance.now()
    })
    this.closed = new Promise((resolve) => {
      this.socket.on('close', () => {
        if (!this.destroyedByUs) this.closedByHub = true
        this.closedAt ??= performance.now()
        resolve()
      })
    })
  }

  /** Opens a connection, completes a well-formed WebSocket upgrade and waits for the hub's
   * challenge. */
  static async upgraded(
    port: number,
    registry: Set<RawPeer>,
    options: { localAddress?: string } = {},
  ): Promise<RawPeer> {
    const peer = new RawPeer(port, registry, options)
    await peer.opened
    peer.socket.write(UPGRADE_REQUEST())
    await waitFor(() => peer.headEnd() >= 0 || peer.closedByHub, PATIENCE_MS, 'the 101')
    if (!peer.status().startsWith('HTTP/1.1 101')) {
      throw new Error(`upgrade refused: ${peer.status() || 'connection closed'}`)
    }
    await waitFor(() => peer.challenge() !== null || peer.closedByHub, PATIENCE_MS, 'the challenge')
    return peer
  }

  /** The hub's challenge on this connection and the certificate it presented, once read. */
  challenge(): { nonce: string; fingerprint: string | null } | null {
    const first = this.frames().find((f) => f.opcode === 0x1)
    if (!first) return null
    const message = JSON.parse(first.payload.toString('utf8')) as { type?: string; nonce?: string }
    if (message.type !== 'challenge' || typeof message.nonce !== 'string') return null
    return { nonce: message.nonce, fingerprint: peerFingerprint(this.socket) }
  }

  /** A hello answering this connection's challenge (see helloFrame). */
  hello(name: unknown, clientId?: unknown, extra: Record<string, unknown> = {}): Buffer {
    const challenge = this.challenge()
    if (!challenge) throw new Error('no challenge on this connection')
    return helloFrame(challenge, name, clientId, extra)
  }

  /** An upgraded peer that has said hello, with a fresh client id, and been welcomed. */
  static async member(port: number, registry: Set<RawPeer>, name = 'Raw'): Promise<RawPeer> {
    const peer = await RawPeer.upgraded(port, registry)
    const start = peer.received.length
    peer.socket.write(peer.hello(name))
    await waitFor(
      () => peer.received.subarray(start).includes('"welcome"') || peer.closedByHub,
      PATIENCE_MS,
      'welcome',
    )
    if (peer.closedByHub) throw new Error('closed instead of welcomed')
    return peer
  }

  /** Everything received so far. */
  get received(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)]
    return this.chunks[0] ?? Buffer.alloc(0)
  }

  headEnd(): number {
    return this.received.indexOf('\r\n\r\n')
  }

  /** The HTTP status line the hub answered with, or '' if none yet. */
  status(): string {
    const end = this.received.indexOf('\r\n')
    return end < 0 ? '' : this.received.subarray(0, end).toString('latin1')
  }

  write(data: Buffer | string): void {
    if (!this.socket.destroyed) this.socket.write(data)
  }

  private readonly record = (chunk: Buffer): void => {
    this.chunks.push(chunk)
  }

  /** Stops reading: what the hub sends piles up in the kernel, then in the hub. */
  stopReading(): void {
    this.socket.off('data', this.record)
    this.socket.pause()
  }

  /** Reads (and records) again what the hub sends, after stopReading. */
  resumeReading(): void {
    this.socket.off('data', this.record)
    this.socket.on('data', this.record)
    this.socket.resume()
  }

  /** Reads everything from now on and throws it away, as a fast member would. */
  discardIncoming(): void {
    this.socket.off('data', this.record)
    this.chunks = []
    this.socket.resume()
  }

  /** The complete frames the hub sent after the handshake (server frames are unmasked). */
  frames(): Array<{ opcode: number; payload: Buffer }> {
    const end = this.headEnd()
    const data = this.received
    const out: Array<{ opcode: number; payload: Buffer }> = []
    let at = end < 0 ? 0 : end + 4
    while (at + 2 <= data.length) {
      const opcode = (data[at] as number) & 0x0f
      let length = (data[at + 1] as number) & 0x7f
      let offset = at + 2
      if (length === 126 && offset + 2 <= data.length) {
        length = data.readUInt16BE(offset)
        offset += 2
      } else if (length === 127 && offset + 8 <= data.length) {
        length = Number(data.readBigUInt64BE(offset))
        offset += 8
      }
      if (offset + length > data.length) break
      out.push({ opcode, payload: data.subarray(offset, offset + length) })
      at = offset + length
    }
    return out
  }

  /** The close code of the close frame the hub sent, if any. */
  closeCode(): number | null {
    const close = this.frames().find((f) => f.opcode === 0x8)
    if (!close) return null
    return close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1005
  }

  /**
   * Waits until the hub has sent a close frame, or ended the connection, or `timeoutMs` went
   * by. Not for the TCP close: the hub waits LIMITS.closeTimeoutMs for the close frame this
   * peer never sends back, and the tests need not wait with it.
   */
  async closing(timeoutMs = PATIENCE_MS): Promise<number | null> {
    const deadline = performance.now() + timeoutMs
    while (this.closeCode() === null && !this.closedByHub && performance.now() < deadline) {
      await sleep(20)
    }
    return this.closeCode()
  }

  /** Waits for the hub's close frame, then hangs up without answering it. */
  async closeCodeThenLeave(timeoutMs = PATIENCE_MS): Promise<number | null> {
    const code = await this.closing(timeoutMs)
    this.destroy()
    return code
  }

  /** JSON messages the hub sent (text frames). */
  messages(): Array<Record<string, unknown>> {
    return this.frames()
      .filter((f) => f.opcode === 0x1)
      .map((f) => JSON.parse(f.payload.toString('utf8')) as Record<string, unknown>)
  }

  destroy(): void {
    this.destroyedByUs = true
    this.socket.destroy()
  }

  /** Drops the connection with a TCP reset, as a crashed or hostile peer does. */
  reset(): void {
    this.destroyedByUs = true
    this.tcp.resetAndDestroy()
  }
}

/** Like waitFor, for a check that has to ask the hub. */
export async function eventually(
  check: () => Promise<boolean>,
  label: string,
  timeoutMs = PATIENCE_MS,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await sleep(50)
  }
}

/**
 * Runs `count` tasks, at most `concurrency` at a time; resolves with how many ran. It stops
 * early only after `deadlineMs`: a guard, so that an attack on a hub that no longer answers
 * ends by itself (the test then finds fewer done than asked).
 */
export async function inBatches(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  deadlineMs = 3 * PATIENCE_MS,
): Promise<number> {
  const deadline = performance.now() + deadlineMs
  let done = 0
  for (let start = 0; start < count && performance.now() < deadline; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, k) =>
      task(start + k),
    )
    await Promise.all(batch)
    done += batch.length
  }
  return done
}
