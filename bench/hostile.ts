/**
 * The hostile benchmark (`npm run bench`, after the broadcast one): what each hostile-peer
 * attack of test/hostile costs a room. The attacks are the test's own (test/hostile/
 * peer-attacks.ts); here they are measured instead of bounded.
 *
 * For each attack: a fresh room (`lanroom host`, default limits, TLS, in its own process, so
 * that its RSS can be read from /proc), three witnesses chatting at a steady pace in a child
 * process of their own (bench/hostile-witnesses.ts: the attack's work, done in this process,
 * does not delay their clocks), and one observer member here that the attacks read. Then:
 *  1. the attack's setup, if any (legitimate traffic such as a long history);
 *  2. baseline: the witnesses chat BASELINE_MS in the room as it is, without attack;
 *  3. the attack, every load loop bounded by a count and stopping by itself;
 *  4. the attack ends (its connections are dropped); the witnesses chat on until the room is
 *     back to normal (RECOVERY_RUN_MS of chats in a row within NORMAL) or RECOVERY_MAX_MS.
 * Printed per attack: the witnesses' latency (each chat's arrival at each witness) p50/p95/max
 * without and under the attack and their ratios; the hub's RSS before, at its peak and after;
 * the recovery time (from the end of the attack to the first chat of that normal run); the
 * machine's 1-minute load average (os.loadavg) when the attack started and ended; and what the
 * attack's own checks found (they should all hold: an attack that did not do what it says
 * measured nothing). The same goes to artifacts/bench-hostile.json.
 *
 * Loopback only. The processes it starts (the rooms, the witness processes) are ended by their
 * own handles, and killed if this process exits. `--quick`: shorter baselines and recovery
 * windows. `--only TEXT`: the attacks whose name contains TEXT.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { peerAttacks, type PeerAttack } from '../test/hostile/peer-attacks'
import {
  PATIENCE_MS,
  RssSampler,
  WITNESS_INTERVAL_MS,
  collectingCheck,
  joinRoom,
  monotonicMs,
  openRoom,
  rssOf,
  sleep,
  type RawPeer,
  type Room,
  type WitnessChat,
} from '../test/hostile/support'
import { assertBuilt } from '../test/support/cli'
import { cid, type TestClient } from '../test/support/ws-client'
import type { WitnessCommands } from './hostile-witnesses'
import type { ReplyMessage, Request } from './lib/ipc'

const QUICK = process.argv.includes('--quick')
const ONLY = process.argv.includes('--only')
  ? (process.argv[process.argv.indexOf('--only') + 1] ?? '')
  : ''
const BENCH_DIR = import.meta.dirname
const ARTIFACT = join(dirname(BENCH_DIR), 'artifacts', 'bench-hostile.json')

/** How long the witnesses chat before the baseline starts (connections warm, JIT done). */
const WARMUP_MS = 500
const BASELINE_MS = QUICK ? 2_000 : 3_000
/** A chat is back to normal when it reached every witness within this much of the baseline:
 * at most twice the baseline's p99, and never less than the p99 plus NORMAL_SLACK_MS. */
const NORMAL_SLACK_MS = 20
/** The room is back to normal after this long of normal chats in a row (about 20 chats). */
const RECOVERY_RUN_MS = 1_000
const RECOVERY_MAX_MS = QUICK ? 8_000 : 15_000
const POLL_MS = 250

const MB = 1024 * 1024

// ------------------------------------------------------------------ the witness process

const children = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(130))
}

class WitnessProcess {
  private readonly child: ChildProcess
  private nextId = 1
  private readonly pending = new Map<number, (reply: ReplyMessage) => void>()

  constructor() {
    this.child = fork(join(BENCH_DIR, 'hostile-witnesses.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    children.add(this.child)
    this.child.on('exit', () => children.delete(this.child))
    this.child.on('message', (reply: ReplyMessage) => {
      this.pending.get(reply.id)?.(reply)
      this.pending.delete(reply.id)
    })
  }

  request<K extends keyof WitnessCommands>(
    command: K,
    args: WitnessCommands[K]['args'],
  ): Promise<WitnessCommands[K]['result']> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`the witnesses did not answer ${command} within ${2 * PATIENCE_MS} ms`))
      }, 2 * PATIENCE_MS)
      this.pending.set(id, (reply) => {
        clearTimeout(timer)
        if (reply.ok) resolve(reply.result as WitnessCommands[K]['result'])
        else reject(new Error(`witnesses: ${reply.error ?? 'failed'}`))
      })
      this.child.send({ id, cmd: command, args } satisfies Request<WitnessCommands, K>)
    })
  }

  async end(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
}

// ------------------------------------------------------------------ figures

interface Latency {
  p50: number
  p95: number
  p99: number
  max: number
  deliveries: number
  /** Deliveries that never happened (a witness closed before the chat reached it). */
  missing: number
}

/** Every arrival of the chats sent in [from, to), as latencies in ms. */
function latencies(chats: WitnessChat[], from: number, to: number): Latency {
  const values: number[] = []
  let missing = 0
  for (const chat of chats) {
    if (chat.sentAt < from || chat.sentAt >= to) continue
    for (let i = 0; i < 3; i++) {
      const at = chat.arrivals[i]
      if (typeof at === 'number') values.push(at - chat.sentAt)
      else missing += 1
    }
  }
  values.sort((a, b) => a - b)
  const rank = (p: number): number =>
    values.length === 0
      ? Number.NaN
      : (values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] as number)
  return {
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
    max: values.at(-1) ?? Number.NaN,
    deliveries: values.length,
    missing,
  }
}

/** When the last witness got the chat; null while one has not. */
function lastArrival(chat: WitnessChat): number | null {
  let last = 0
  for (let i = 0; i < 3; i++) {
    const at = chat.arrivals[i]
    if (typeof at !== 'number') return null
    last = Math.max(last, at)
  }
  return last
}

/**
 * How long after `end` the room was back to normal: the start of the last run of chats (sent
 * since `from`) that each reached every witness within `normal`, if that run has lasted
 * RECOVERY_RUN_MS; null if there is no such run yet. A chat not yet arrived is judged only once
 * it is later than `normal` (it is not normal then).
 */
function recoveredAt(
  chats: WitnessChat[],
  from: number,
  end: number,
  now: number,
  normal: number,
): number | null {
  const judged = chats
    .filter((chat) => chat.sentAt >= from)
    .filter((chat) => lastArrival(chat) !== null || now - chat.sentAt > normal)
  let runStart: number | null = null
  for (const chat of judged) {
    const arrived = lastArrival(chat)
    const ok = arrived !== null && arrived - chat.sentAt <= normal
    if (!ok) runStart = null
    else runStart ??= chat.sentAt
  }
  const last = judged.at(-1)
  if (runStart === null || last === undefined || last.sentAt - runStart < RECOVERY_RUN_MS) {
    return null
  }
  return Math.max(0, runStart - end)
}

interface Result {
  attack: string
  sent: string
  loadAtStart: number
  loadAtEnd: number
  baseline: Latency
  underAttack: Latency
  normalMs: number
  attackMs: number
  /** ms from the end of the attack until the room was back to normal; null: not within
   * RECOVERY_MAX_MS. */
  recoveryMs: number | null
  rssBeforeMb: number
  rssPeakMb: number
  rssAfterMb: number
  failures: string[]
}

// ------------------------------------------------------------------ one attack

async function measure(attack: PeerAttack): Promise<Result> {
  const { passphrase } = attack
  const room: Room = await openRoom(passphrase === undefined ? [] : ['--passphrase', passphrase])
  const witnesses = new WitnessProcess()
  const peers = new Set<RawPeer>()
  let observer: TestClient | null = null
  const failures: string[] = []
  let sampler: RssSampler | null = null
  try {
    observer = await joinRoom(room.url, 'Witness observer', cid('observer'), passphrase)
    await witnesses.request('join', { url: room.url, passphrase })
    const pid = room.host.child.pid as number
    let sent = ''
    const context = {
      room,
      peers,
      observer,
      check: collectingCheck(failures),
      report: (line: string) => (sent = line),
    }
    await attack.setup?.(context)
    const { at: started } = await witnesses.request('start', {})
    await sleep(WARMUP_MS)
    const baselineFrom = started + WARMUP_MS
    await sleep(BASELINE_MS)

    const attackFrom = monotonicMs()
    const loadAtStart = loadavg()[0] as number
    const rssBefore = rssOf(pid) ?? 0
    sampler = new RssSampler(pid)
    try {
      await attack.run(context)
    } catch (error) {
      failures.push(`the attack stopped: ${error instanceof Error ? error.message : String(error)}`)
    }
    for (const peer of peers) peer.destroy()
    const attackEnd = monotonicMs()

    const { chats: before } = await witnesses.request('chats', { since: baselineFrom })
    const baseline = latencies(before, baselineFrom, attackFrom)
    const normal = Math.max(2 * baseline.p99, baseline.p99 + NORMAL_SLACK_MS)
    let recoveryMs: number | null = null
    while (monotonicMs() - attackEnd < RECOVERY_MAX_MS) {
      await sleep(POLL_MS)
      const { now, chats } = await witnesses.request('chats', { since: attackFrom })
      recoveryMs = recoveredAt(chats, attackFrom, attackEnd, now, normal)
      if (recoveryMs !== null) break
    }
    sampler.stop()
    const rssAfter = rssOf(pid) ?? 0
    const loadAtEnd = loadavg()[0] as number
    const stopped = await witnesses.request('stop', {})
    failures.push(...stopped.failures.map((failure) => `witnesses: ${failure}`))
    return {
      attack: attack.name,
      sent,
      loadAtStart,
      loadAtEnd,
      baseline: latencies(stopped.chats, baselineFrom, attackFrom),
      underAttack: latencies(stopped.chats, attackFrom, attackEnd),
      normalMs: normal,
      attackMs: attackEnd - attackFrom,
      recoveryMs,
      rssBeforeMb: rssBefore / MB,
      rssPeakMb: sampler.peak / MB,
      rssAfterMb: rssAfter / MB,
      failures,
    }
  } finally {
    sampler?.stop()
    observer?.ws.terminate()
    for (const peer of peers) peer.destroy()
    await witnesses.end()
    await room.stop()
  }
}

// ------------------------------------------------------------------ report

const ms = (value: number): string =>
  Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : Math.round(value).toString()
const ratio = (a: number, b: number): string =>
  Number.isNaN(a) || Number.isNaN(b) || b <= 0 ? '-' : `${(a / b).toFixed(1)}×`

function table(results: Result[]): string {
  const head = [
    'attack',
    'load 1 min',
    'without attack p50 / p95 / max (ms)',
    'under attack p50 / p95 / max (ms)',
    'ratio p50 / p95 / max',
    'attack (s)',
    'recovery (ms)',
    'hub RSS before → peak → after (MB)',
    'checks',
  ]
  const rows = results.map((r) => [
    r.attack,
    `${r.loadAtStart.toFixed(1)} → ${r.loadAtEnd.toFixed(1)}`,
    `${ms(r.baseline.p50)} / ${ms(r.baseline.p95)} / ${ms(r.baseline.max)}`,
    `${ms(r.underAttack.p50)} / ${ms(r.underAttack.p95)} / ${ms(r.underAttack.max)}` +
      (r.underAttack.missing > 0 ? ` (${r.underAttack.missing} lost)` : ''),
    `${ratio(r.underAttack.p50, r.baseline.p50)} / ${ratio(r.underAttack.p95, r.baseline.p95)} / ${ratio(r.underAttack.max, r.baseline.max)}`,
    (r.attackMs / 1000).toFixed(1),
    r.recoveryMs === null ? `> ${RECOVERY_MAX_MS}` : ms(r.recoveryMs),
    `${Math.round(r.rssBeforeMb)} → ${Math.round(r.rssPeakMb)} (+${Math.round(r.rssPeakMb - r.rssBeforeMb)}) → ${Math.round(r.rssAfterMb)}`,
    r.failures.length === 0 ? 'held' : `${r.failures.length} failed`,
  ])
  return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n')
}

async function main(): Promise<void> {
  assertBuilt()
  const attacks = peerAttacks().filter((attack) => attack.name.includes(ONLY))
  console.log(
    `# Hostile peers: ${attacks.length} attacks on a room with 3 witnesses ` +
      `(${cpus().length} cores; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})\n`,
  )
  const results: Result[] = []
  for (const attack of attacks) {
    let result: Result
    try {
      result = await measure(attack)
    } catch (error) {
      console.log(`${attack.name}: not measured: ${error instanceof Error ? error.message : error}`)
      continue
    }
    results.push(result)
    console.log(
      `${result.attack}: under attack p95 ${ms(result.underAttack.p95)} ms ` +
        `(${ratio(result.underAttack.p95, result.baseline.p95)} the room without attack), ` +
        `recovery ${result.recoveryMs === null ? `> ${RECOVERY_MAX_MS}` : ms(result.recoveryMs)} ms, ` +
        `RSS +${Math.round(result.rssPeakMb - result.rssBeforeMb)} MB, load ${result.loadAtEnd.toFixed(1)}`,
    )
  }
  console.log(`\n${table(results)}\n`)
  console.log(
    `Latency: from a witness sending a chat to each witness receiving it (3 witnesses, one chat ` +
      `every ${WITNESS_INTERVAL_MS / 3} ms in all). Recovery: from the end of the attack (its connections ` +
      `dropped) until ${RECOVERY_RUN_MS} ms of chats in a row reached every witness within ` +
      `2 × the p99 without attack (at least p99 + ${NORMAL_SLACK_MS} ms); 0: normal at once.\n`,
  )
  for (const result of results) {
    console.log(`- ${result.attack}: ${result.sent}`)
    for (const failure of result.failures) console.log(`  CHECK FAILED: ${failure}`)
  }
  mkdirSync(dirname(ARTIFACT), { recursive: true })
  writeFileSync(ARTIFACT, `${JSON.stringify({ quick: QUICK, results }, null, 2)}\n`)
  console.log(`\nwritten to ${ARTIFACT}`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
