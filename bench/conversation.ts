/**
 * The conversation benchmark (`npm run bench`): what issue #13's features cost a room, measured
 * from outside through the protocol against `lanroom host` (default limits, TLS, its own
 * process; only the chat rate is off so that the history can be filled quickly).
 *
 *  1. Fill: one writer sends HISTORY chats (words drawn from a fixed vocabulary, so that searches
 *     have rare and common words), pipelined, each acknowledged.
 *  2. Join: fresh members join the room whose history holds them: `welcome` size and time from
 *     hello to welcome (p50, max), against the same in an empty room (the baseline).
 *  3. Page back PAGE_BACK chats with `history` (limit 200): each page's latency (p50, p99) and
 *     the whole walk; `request_limited` answers are waited out and counted, not hidden.
 *  4. Search SEARCHES times over the whole history (rare, common, two words, no match):
 *     p50 and p99 latency.
 *  5. Broadcast: RECEIVERS members; one sender sends chats as fast as acknowledgements return
 *     for MIX_MS, first chats only, then with reactions, unreactions and read positions mixed
 *     in (a third of the ops are reactions; every receiver reports a read position every
 *     second): deliveries per second in both (every chat and reaction that reached a
 *     receiver), and their ratio (the target: the new messages do not slow the path, ≈ 1).
 * Prints a table with the machine's load; writes artifacts/bench-conversation.json. Every loop
 * is bounded by a count and stops by itself. `--quick`: 20,000 chats instead of 100,000.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import WebSocket from 'ws'
import { SUBPROTOCOL, type HubMessage } from '../src/shared/protocol'
import { ephemeralIdentity, helloTranscript } from '../src/main/security/identity'
import { peerFingerprint } from '../src/main/security/tls'
import { openRoom, rssOf, sleep, type Room } from '../test/hostile/support'
import { assertBuilt } from '../test/support/cli'

const QUICK = process.argv.includes('--quick')
const HISTORY = QUICK ? 20_000 : 100_000
const PAGE_BACK = 10_000
const PAGE = 200
const JOINS = 10
const SEARCHES = 40
const RECEIVERS = 50
const MIX_MS = 3_000
const IN_FLIGHT = 500
const ARTIFACT = join(dirname(import.meta.dirname), 'artifacts', 'bench-conversation.json')

const WORDS = (
  'build green deploy coffee lunch meeting review branch merge test flaky release ' +
  'printer wifi laptop screen cable server backup ticket bug fix design sprint demo'
).split(' ')
/** Rare words: each appears in about one chat in 5,000. */
const RARE = ['zeppelin', 'quokka', 'marzipan', 'ärgerlich']

function textOf(n: number): string {
  const words: string[] = []
  for (let i = 0; i < 8; i += 1)
    words.push(WORDS[(n * 7 + i * 13 + ((n >> 3) % 5)) % WORDS.length]!)
  if (n % 5_000 === 17) words.push(RARE[((n / 5_000) % RARE.length) | 0]!)
  return `${words.join(' ')} #${n}`
}

/** A member speaking the protocol: raw frames as text, hub messages parsed lazily. */
class Member {
  readonly ws: WebSocket
  clientId = ''
  private handlers: Array<(text: string) => boolean> = []
  onFrame: ((text: string) => void) | null = null
  readonly welcome: Promise<{ text: string; ms: number }>

  constructor(url: string, name: string) {
    this.ws = new WebSocket(url, SUBPROTOCOL, { rejectUnauthorized: false, maxPayload: 64 << 20 })
    let helloAt = 0
    let fingerprint: string | null = null
    this.ws.once('upgrade', (response) => {
      fingerprint = peerFingerprint(response.socket)
    })
    this.welcome = new Promise((resolve, reject) => {
      this.ws.on('error', reject)
      this.ws.on('close', (code) => reject(new Error(`closed ${code} before welcome`)))
      this.ws.on('message', (data) => {
        const text = String(data)
        if (text.startsWith('{"type":"challenge"')) {
          const { nonce } = JSON.parse(text) as { nonce: string }
          const identity = ephemeralIdentity()
          this.clientId = identity.clientId
          const sig = identity.signNow(
            helloTranscript({ nonce, fingerprint, clientId: this.clientId }),
          )
          helloAt = performance.now()
          this.ws.send(
            JSON.stringify({
              type: 'hello',
              v: 1,
              name,
              clientId: this.clientId,
              key: identity.publicKey,
              sig,
            }),
          )
          return
        }
        if (text.startsWith('{"type":"welcome"')) {
          resolve({ text, ms: performance.now() - helloAt })
          return
        }
        this.onFrame?.(text)
        this.handlers = this.handlers.filter((handler) => !handler(text))
      })
    })
  }

  /** Resolves with the first frame `match` accepts. */
  answer(match: (text: string) => boolean, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer in time')), timeoutMs)
      this.handlers.push((text) => {
        if (!match(text)) return false
        clearTimeout(timer)
        resolve(text)
        return true
      })
    })
  }

  send(value: unknown): void {
    this.ws.send(JSON.stringify(value))
  }

  close(): void {
    this.ws.close(1000)
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const ms = (n: number): string => `${n.toFixed(1)} ms`

async function joined(room: Room, name: string): Promise<Member> {
  const member = new Member(room.url, name)
  await member.welcome
  return member
}

/** Sends `count` chats, at most IN_FLIGHT unacknowledged, and waits for the last ack. */
async function fill(writer: Member, count: number): Promise<number> {
  const started = performance.now()
  let acked = 0
  let sent = 0
  let lastReport = started
  await new Promise<void>((resolve) => {
    writer.onFrame = (text) => {
      if (!text.startsWith('{"type":"chat"') || !text.includes(`"from":"${writer.clientId}"`))
        return
      acked += 1
      if (acked === count) return resolve()
      while (sent < count && sent - acked < IN_FLIGHT) {
        writer.send({ type: 'chat', id: `f${sent}`, text: textOf(sent) })
        sent += 1
      }
      const now = performance.now()
      if (now - lastReport > 2_000) {
        lastReport = now
        process.stdout.write(
          `  filling: ${acked.toLocaleString('en')} of ${count.toLocaleString('en')}\n`,
        )
      }
    }
    while (sent < Math.min(count, IN_FLIGHT)) {
      writer.send({ type: 'chat', id: `f${sent}`, text: textOf(sent) })
      sent += 1
    }
  })
  writer.onFrame = null
  return performance.now() - started
}

async function measureJoins(room: Room): Promise<{ p50: number; max: number; bytes: number }> {
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < JOINS; i += 1) {
    const member = new Member(room.url, `joiner-${i}`)
    const welcome = await member.welcome
    times.push(welcome.ms)
    bytes = Buffer.byteLength(welcome.text)
    member.close()
  }
  return { p50: percentile(times, 50), max: Math.max(...times), bytes }
}

/** Asks, and waits out request_limited answers (counted). */
async function ask(
  member: Member,
  request: { type: 'history' | 'search'; id: string } & Record<string, unknown>,
  counters: { limited: number },
): Promise<{ message: HubMessage; ms: number }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const started = performance.now()
    const id = request.id
    const answer = member.answer(
      (text) =>
        text.includes(`"id":"${id}"`) &&
        (text.startsWith('{"type":"page"') ||
          text.startsWith('{"type":"results"') ||
          text.startsWith('{"type":"error"')),
    )
    member.send(request)
    const message = JSON.parse(await answer) as HubMessage
    if (message.type === 'error' && message.code === 'request_limited') {
      counters.limited += 1
      await sleep(message.retryAfterMs ?? 200)
      continue
    }
    if (message.type === 'error')
      throw new Error(`${request.type} refused: ${message.code} ${message.message}`)
    return { message, ms: performance.now() - started }
  }
  throw new Error(`${request.type} was refused 100 times in a row`)
}

async function pageBack(member: Member, lastSeq: number) {
  const latencies: number[] = []
  const counters = { limited: 0 }
  let before = lastSeq + 1
  let chats = 0
  const started = performance.now()
  for (let n = 0; chats < PAGE_BACK && n < PAGE_BACK / PAGE + 10; n += 1) {
    const { message, ms: took } = await ask(
      member,
      { type: 'history', id: `p${n}`, before, limit: PAGE },
      counters,
    )
    if (message.type !== 'page') throw new Error('not a page')
    latencies.push(took)
    chats += message.chats.length
    if (message.first || message.chats.length === 0) break
    before = message.chats[0]!.seq
  }
  return {
    chats,
    pages: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    totalMs: performance.now() - started,
    limited: counters.limited,
  }
}

async function searches(member: Member) {
  const queries = [
    'zeppelin',
    'quokka marzipan',
    'Ärgerlich',
    'build green',
    'coffee',
    'nothing-matches-this',
    'printer wifi cable',
    'sprint',
  ]
  const latencies: number[] = []
  const counters = { limited: 0 }
  let found = 0
  for (let i = 0; i < SEARCHES; i += 1) {
    const { message, ms: took } = await ask(
      member,
      { type: 'search', id: `s${i}`, text: queries[i % queries.length]! },
      counters,
    )
    if (message.type !== 'results') throw new Error('not results')
    found += message.matches.length
    latencies.push(took)
  }
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    found,
    limited: counters.limited,
  }
}

/** Chat deliveries per second to RECEIVERS members while one sender sends for MIX_MS. */
async function broadcast(
  room: Room,
  mixed: boolean,
): Promise<{ perSecond: number; allPerSecond: number; ops: number }> {
  const receivers = await Promise.all(
    Array.from({ length: RECEIVERS }, (_, i) => joined(room, `r${i}`)),
  )
  const sender = await joined(room, mixed ? 'mixed-sender' : 'chat-sender')
  let deliveries = 0
  let opDeliveries = 0
  let lastSeq = 0
  for (const receiver of receivers) {
    receiver.onFrame = (text) => {
      if (text.startsWith('{"type":"chat"')) deliveries += 1
      else if (text.startsWith('{"type":"react"') || text.startsWith('{"type":"unreact"')) {
        opDeliveries += 1
      }
    }
  }
  const readTimer = mixed
    ? setInterval(() => {
        for (const receiver of receivers)
          if (lastSeq > 0) receiver.send({ type: 'read', seq: lastSeq })
      }, 1_000)
    : null
  let sent = 0
  let acked = 0
  let chatsAcked = 0
  let running = true
  const target = { seq: 0, on: false }
  const next = (): void => {
    const n = sent++
    if (mixed && n % 3 === 2 && target.seq > 0) {
      target.on = !target.on
      sender.send({
        type: target.on ? 'react' : 'unreact',
        id: `o${n}`,
        target: target.seq,
        emoji: '👍',
      })
    } else sender.send({ type: 'chat', id: `c${n}`, text: `bench chat ${n}` })
  }
  const started = performance.now()
  const startDeliveries = deliveries
  await new Promise<void>((resolve) => {
    sender.onFrame = (text) => {
      if (!text.includes(`"from":"${sender.clientId}"`)) return
      const seq = Number(/"seq":(\d+)/.exec(text)?.[1] ?? 0)
      if (seq > lastSeq) lastSeq = seq
      if (text.startsWith('{"type":"chat"')) {
        chatsAcked += 1
        if (target.seq === 0) target.seq = seq
      }
      acked += 1
      if (!running) {
        if (acked === sent) resolve()
        return
      }
      while (sent - acked < IN_FLIGHT) next()
    }
    for (let i = 0; i < IN_FLIGHT; i += 1) next()
    setTimeout(() => (running = false), MIX_MS)
  })
  const seconds = (performance.now() - started) / 1000
  if (readTimer) clearInterval(readTimer)
  const perSecond = (deliveries - startDeliveries) / seconds
  const allPerSecond = (deliveries - startDeliveries + opDeliveries) / seconds
  for (const member of [...receivers, sender]) member.close()
  await sleep(500)
  return { perSecond, allPerSecond, ops: acked - chatsAcked }
}

async function main(): Promise<void> {
  assertBuilt()
  console.log(
    `Conversation benchmark: ${HISTORY.toLocaleString('en')} chats of history (load ${loadavg()[0]!.toFixed(2)})`,
  )
  const empty = await openRoom(['--rate-limit', '0'])
  const room = await openRoom(['--rate-limit', '0'])
  try {
    const baseline = await measureJoins(empty)
    const rssEmpty = rssOf(room.host.child.pid!)
    const writer = await joined(room, 'writer')
    const fillMs = await fill(writer, HISTORY)
    const rssFilled = rssOf(room.host.child.pid!)
    const full = await measureJoins(room)
    const welcome = JSON.parse((await new Member(room.url, 'reader').welcome).text) as {
      lastSeq: number
    }
    const reader = await joined(room, 'pager')
    const paging = await pageBack(reader, welcome.lastSeq)
    const search = await searches(reader)
    const rss = rssOf(room.host.child.pid!)
    reader.close()
    writer.close()
    const chatOnly = await broadcast(empty, false)
    const mixed = await broadcast(empty, true)
    const rows = [
      [
        'fill (acknowledged chats)',
        `${HISTORY.toLocaleString('en')} in ${(fillMs / 1000).toFixed(1)} s`,
        '',
      ],
      [
        'welcome, empty room (baseline)',
        `${ms(baseline.p50)} p50, ${ms(baseline.max)} max`,
        `${(baseline.bytes / 1024).toFixed(1)} KiB`,
      ],
      [
        `welcome, ${HISTORY.toLocaleString('en')} chats of history`,
        `${ms(full.p50)} p50, ${ms(full.max)} max`,
        `${(full.bytes / 1024).toFixed(1)} KiB (${(full.p50 / baseline.p50).toFixed(2)}× time)`,
      ],
      [
        `page back ${paging.chats.toLocaleString('en')} chats (${paging.pages} pages of ${PAGE})`,
        `${ms(paging.p50)} p50, ${ms(paging.p99)} p99 per page`,
        `${(paging.totalMs / 1000).toFixed(1)} s in all, ${paging.limited} waits for the request rate`,
      ],
      [
        `search over ${HISTORY.toLocaleString('en')} chats (${SEARCHES} searches)`,
        `${ms(search.p50)} p50, ${ms(search.p99)} p99`,
        `${search.found} matches, ${search.limited} waits`,
      ],
      [
        `broadcast to ${RECEIVERS}: chats only`,
        `${Math.round(chatOnly.perSecond).toLocaleString('en')} deliveries/s`,
        '1.00',
      ],
      [
        `broadcast to ${RECEIVERS}: a third of the ops reactions, read positions every second`,
        `${Math.round(mixed.allPerSecond).toLocaleString('en')} deliveries/s (${Math.round(mixed.perSecond).toLocaleString('en')} of chats)`,
        `${(mixed.allPerSecond / chatOnly.perSecond).toFixed(2)} (${mixed.ops} reactions)`,
      ],
      [
        'hub RSS: empty room, then filled, then after paging and searching',
        [rssEmpty, rssFilled, rss]
          .map((v) => (v === null ? 'n/a' : `${(v / 1024 / 1024).toFixed(1)} MB`))
          .join(' → '),
        '',
      ],
    ]
    for (const row of rows) console.log(`| ${row.join(' | ')} |`)
    console.log(`(load ${loadavg()[0]!.toFixed(2)} at the end)`)
    mkdirSync(dirname(ARTIFACT), { recursive: true })
    writeFileSync(
      ARTIFACT,
      JSON.stringify(
        {
          history: HISTORY,
          fillMs,
          baseline,
          full,
          paging,
          search,
          chatOnly,
          mixed,
          rssEmpty,
          rssFilled,
          rss,
          load: loadavg(),
        },
        null,
        2,
      ),
    )
  } finally {
    await empty.stop()
    await room.stop()
  }
}

await main()
