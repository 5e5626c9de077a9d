/**
 * A receiver process of the broadcast benchmark (forked by bench/broadcast.ts with tsx).
 * It holds its share of the room's members, counts the benchmark chats each one receives and
 * records their latency (receive time minus the send time the sender put in the text), and
 * answers the parent's commands over IPC (see lib/ipc.ts). It exits when the parent goes.
 */
import { SCHEMAS, SUBPROTOCOL, WS_PATH, describeIssues } from '../src/shared/protocol'
import { flood, storm } from './lib/attackers'
import { isError, isWelcome, parseChat, type ParsedChat } from './lib/chat'
import { Histogram } from './lib/histogram'
import type { CommandName, ReceiverCommands, ReplyMessage, RequestMessage } from './lib/ipc'
import { RawClient, UpgradeRefused } from './lib/raw-ws'
import { isChallenge, plainHello, provenHello } from './lib/hello'

const HANDSHAKE_TIMEOUT_MS = 15_000
/** Tries per member when the hub answers 503 with Retry-After (see joinAll). */
const JOIN_ATTEMPTS = 10

/** The Retry-After of a 503, in seconds (bounded), or null when the refusal is not one. */
function retryAfterS(refused: UpgradeRefused): number | null {
  const value = Number(refused.headers.get('retry-after'))
  if (refused.status !== 503 || !Number.isFinite(value)) return null
  return Math.min(Math.max(value, 0), 5)
}

interface Member {
  readonly group: string
  readonly index: number
  readonly prefix: string
  readonly port: number
  /** The LAN Room hub: TLS or not, and a challenge to answer before hello. */
  readonly tls: boolean
  readonly challenge: boolean
  /** Validate the welcome as the app does (see ReceiverCommands.connect). */
  readonly checkWelcome: boolean
  generation: number
  client: RawClient | null
  delivered: number
}

const groups = new Map<string, Member[]>()
const parsed: ParsedChat = { trial: 0, sentUs: 0 }
const histogram = new Histogram()
const stats = {
  trial: -1,
  group: '',
  delivered: 0,
  stray: 0,
  firstUs: 0,
  lastUs: 0,
  disconnects: 0,
  cpu: process.cpuUsage(),
}

function onChat(member: Member, buf: Buffer, start: number, end: number, atUs: number): void {
  if (!parseChat(buf, start, end, parsed)) return
  if (parsed.trial !== stats.trial) {
    stats.stray += 1
    return
  }
  member.delivered += 1
  stats.delivered += 1
  histogram.record(atUs - parsed.sentUs)
  if (stats.firstUs === 0) stats.firstUs = atUs
  if (atUs > stats.lastUs) stats.lastUs = atUs
}

/** Why the app would refuse this welcome (its schema), or null. */
function welcomeRefusal(buf: Buffer, start: number, end: number): string | null {
  let value: unknown
  try {
    value = JSON.parse(buf.toString('utf8', start, end))
  } catch {
    return 'not JSON'
  }
  const parsed = SCHEMAS.welcome.safeParse(value)
  return parsed.success ? null : describeIssues(parsed.error)
}

/** Connects one member: handshake, hello, welcome. */
function join(member: Member): Promise<void> {
  member.generation += 1
  const name = `${member.prefix}-${member.index}-g${member.generation}`
  let clientId = name
  return new Promise<void>((resolve, reject) => {
    let joined = false
    let client: RawClient | null = null
    let challenge: Buffer | null = null
    /** Sends the proven hello once both the challenge and the client are there. */
    const answer = (): void => {
      if (!client || !challenge) return
      const hello = provenHello(client.connection, challenge, 0, challenge.length, name)
      challenge = null
      clientId = hello.clientId
      client.sendText(hello.text)
    }
    const timer = setTimeout(() => {
      client?.destroy()
      reject(new Error(`${clientId}: no welcome within ${HANDSHAKE_TIMEOUT_MS} ms`))
    }, HANDSHAKE_TIMEOUT_MS)
    RawClient.connect(
      {
        port: member.port,
        path: WS_PATH,
        protocol: SUBPROTOCOL,
        timeoutMs: HANDSHAKE_TIMEOUT_MS,
        tls: member.tls,
      },
      {
        onText(buf, start, end, atUs) {
          if (joined) return onChat(member, buf, start, end, atUs)
          if (member.challenge && isChallenge(buf, start, end)) {
            // It may come with the upgrade's response, before `client` is set: answer then.
            challenge = Buffer.from(buf.subarray(start, end))
            answer()
          } else if (isWelcome(buf, start, end)) {
            const refusal = member.checkWelcome ? welcomeRefusal(buf, start, end) : null
            if (refusal !== null) {
              clearTimeout(timer)
              client?.destroy()
              reject(new Error(`${clientId}: the welcome is not valid: ${refusal}`))
              return
            }
            joined = true
            clearTimeout(timer)
            member.client = client
            resolve()
          } else if (isError(buf, start, end)) {
            clearTimeout(timer)
            reject(
              new Error(`${clientId}: ${buf.toString('utf8', start, Math.min(end, start + 200))}`),
            )
          }
        },
        onClose() {
          if (joined && member.client === client) {
            member.client = null
            stats.disconnects += 1
          }
          if (!joined) {
            clearTimeout(timer)
            reject(new Error(`${clientId}: closed before welcome`))
          }
        },
      },
    ).then(
      (opened) => {
        client = opened
        if (member.challenge) answer()
        else opened.sendText(plainHello(name))
      },
      (error: Error) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** Joins members with at most `concurrency` handshakes in flight. */
async function joinAll(
  members: Member[],
  concurrency: number,
): Promise<{ failed: number; errors: string[] }> {
  let next = 0
  let failed = 0
  const errors: string[] = []
  const worker = async (): Promise<void> => {
    while (next < members.length) {
      const member = members[next++] as Member
      for (let attempt = 1; ; attempt++) {
        try {
          await join(member)
        } catch (error) {
          // A busy hub answers 503 with Retry-After (too many connections waiting to say
          // hello): a client then tries again after that long, as the app does.
          const retryS = error instanceof UpgradeRefused ? retryAfterS(error) : null
          if (retryS !== null && attempt < JOIN_ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, retryS * 1000))
            continue
          }
          failed += 1
          if (errors.length < 5) errors.push((error as Error).message)
        }
        break
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  return { failed, errors }
}

function openCount(): number {
  let open = 0
  for (const members of groups.values()) {
    for (const member of members) if (member.client) open += 1
  }
  return open
}

type Handlers = {
  [K in CommandName]: (args: ReceiverCommands[K]['args']) => Promise<ReceiverCommands[K]['result']>
}

const handlers: Handlers = {
  async connect({ group, port, count, prefix, concurrency, tls, challenge, checkWelcome }) {
    const members: Member[] = Array.from({ length: count }, (_, index) => ({
      group,
      index,
      prefix,
      port,
      tls,
      challenge,
      checkWelcome: checkWelcome === true,
      generation: 0,
      client: null,
      delivered: 0,
    }))
    groups.set(group, members)
    const { failed, errors } = await joinAll(members, concurrency)
    return { open: count - failed, failed, errors }
  },
  async ensure({ group, concurrency }) {
    const closed = (groups.get(group) ?? []).filter((member) => member.client === null)
    const { failed } = await joinAll(closed, concurrency)
    return { reopened: closed.length - failed, failed, open: openCount() }
  },
  async reset({ trial, group }) {
    stats.trial = trial
    stats.group = group
    stats.delivered = 0
    stats.stray = 0
    stats.firstUs = 0
    stats.lastUs = 0
    stats.disconnects = 0
    stats.cpu = process.cpuUsage()
    histogram.reset()
    for (const members of groups.values()) for (const member of members) member.delivered = 0
    return { open: openCount() }
  },
  async count() {
    return { delivered: stats.delivered, disconnects: stats.disconnects }
  },
  async report() {
    let min = Number.POSITIVE_INFINITY
    let max = 0
    let unexpectedFrames = 0
    for (const members of groups.values()) {
      for (const member of members) {
        if (member.client) unexpectedFrames += member.client.unexpected
      }
    }
    // Only the group of the hub under trial counts: the others received nothing.
    for (const member of groups.get(stats.group) ?? []) {
      min = Math.min(min, member.delivered)
      max = Math.max(max, member.delivered)
    }
    const cpu = process.cpuUsage(stats.cpu)
    return {
      delivered: stats.delivered,
      stray: stats.stray,
      cpuS: (cpu.user + cpu.system) / 1e6,
      minPerConnection: Number.isFinite(min) ? min : 0,
      maxPerConnection: max,
      histogram: histogram.toSparse(),
      sumUs: histogram.sumUs,
      maxUs: histogram.maxUs,
      firstUs: stats.firstUs,
      lastUs: stats.lastUs,
      disconnects: stats.disconnects,
      open: openCount(),
      unexpectedFrames,
    }
  },
  async flood({ durationMs, ...target }) {
    return flood(target, durationMs)
  },
  async storm({ count, durationMs, timeoutMs, prefix, ...target }) {
    return storm(target, count, durationMs, timeoutMs, prefix)
  },
  async disconnect({ group }) {
    const members = groups.get(group) ?? []
    groups.delete(group)
    let closed = 0
    for (const member of members) {
      if (member.client) {
        // Not a disconnect to count: the member is leaving on purpose.
        const client = member.client
        member.client = null
        client.close()
        closed += 1
      }
    }
    return { closed }
  },
}

process.on('message', (message: unknown) => {
  const request = message as RequestMessage
  const handler = handlers[request.cmd] as (args: unknown) => Promise<unknown>
  handler(request.args).then(
    (result) => process.send?.({ id: request.id, ok: true, result } satisfies ReplyMessage),
    (error: unknown) =>
      process.send?.({ id: request.id, ok: false, error: String(error) } satisfies ReplyMessage),
  )
})

// The parent is the only reason to live: leave with it.
process.on('disconnect', () => process.exit(0))
process.send?.({ id: 0, ok: true, result: 'ready' } satisfies ReplyMessage)
