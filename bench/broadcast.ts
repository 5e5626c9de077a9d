/**
 * The broadcast benchmark (`npm run bench`): the LAN Room hub against a baseline hub written the
 * way the tutorials write one (bench/baseline-hub.ts) and against a minimal hub on
 * uWebSockets.js (bench/uws-hub.ts, plain and over TLS with the very certificate our TLS hub
 * serves), measured in the same run on loopback. Every trial records the machine's 1-minute
 * load average beside its figures: the machine may be shared, so only ratios between hubs run
 * side by side mean anything.
 *
 * Processes: each hub runs in a child process of its own (bench/run-hub.ts,
 * bench/baseline-hub.ts) so that its CPU time and RSS can be read from /proc; the receivers (the
 * room's members) live in 1–4 other child processes (bench/receivers.ts); the sender, one more
 * member, runs here. Every chat carries its send time (CLOCK_MONOTONIC, shared by the
 * processes), so each receiver measures the latency of each delivery.
 *
 * Our hub runs twice in every scenario: over TLS (as people run it) and over plain ws
 * (`--no-tls`), each beside the baseline, which speaks plain ws. In the fixed-rate scenarios
 * the plain hub and the baseline alternate, then the TLS hub runs on its own; in the search
 * the three alternate.
 *
 * Scenarios (who goes first alternates too):
 *  - 10, 100 and 1000 receivers, one sender at a fixed 20 chats/s for 5 s;
 *  - 100 receivers at the highest rate the hub sustains without loss: the rate doubles from
 *    500 chats/s while the hub keeps up, then is bisected. "Keeps up": every chat delivered to
 *    every receiver, no connection lost, the last delivery within 250 ms of the last send and
 *    p99 latency within 250 ms.
 *
 * Each scenario starts both hubs afresh (their own temporary data directories), joins the
 * receivers to both, warms each hub up with an unrecorded trial, then runs the trials. A trial
 * counts deliveries until all have arrived or 5 s (2 s in the search) after the last send; hub
 * CPU is read from /proc before and after it; peak RSS is the hub's VmHWM over the scenario.
 * The receivers use a minimal WebSocket client (lib/raw-ws.ts) so that as much of the 2 cores as
 * possible is left to the hub under test.
 *
 * The highest-rate search runs `--repeat N` times (default 3, 1 with `--quick`); its targets are
 * the medians of the per-run ratios. Then two hostile scenarios (issue #12, targets 6 and 7; see
 * lib/attackers.ts), each measuring 100 members' latency calm and under the load in the same
 * room: a member flooding chats as fast as its socket allows (plain and TLS, default rate
 * limit), and a storm of 2,000 TLS connections in 8 s, each of which must end welcomed or
 * refused with 503 and Retry-After. `--no-hostile` skips them; `--only-hostile` runs them alone;
 * `--only-search` runs the search alone.
 *
 * It prints a Markdown table and the targets with PASS/FAIL, writes artifacts/bench.json, and
 * exits 0 whatever the figures (it is a report; 1 only if the benchmark itself broke).
 * `--quick` runs shorter trials.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { bundleEntries } from './lib/bundle'
import { createInterface, type Interface } from 'node:readline'
import { LIMITS, SUBPROTOCOL, WS_PATH } from '../src/shared/protocol'
import { emptyStorm, type FloodResult, type StormResult } from './lib/attackers'
import { loadOrCreateTlsCredentials } from '../src/main/security/tls'
import { CHAT_TEXT, chatId, isWelcome, parseChat, type ParsedChat } from './lib/chat'
import { Histogram } from './lib/histogram'
import type { CommandName, ReceiverCommands, ReplyMessage } from './lib/ipc'
import type { HubGc, HubStats } from './lib/hub-child'
import {
  clockTicks,
  cpuSecondsPrecise,
  cpuSplit,
  memoryMb,
  openFileLimits,
  resetPeakRss,
} from './lib/proc'
import { nowUs, RawClient, textFrame } from './lib/raw-ws'
import { isChallenge, plainHello, provenHello } from './lib/hello'

// ------------------------------------------------------------------ configuration

const QUICK = process.argv.includes('--quick')
function argNumber(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag)
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN
  return Number.isInteger(value) && value > 0 ? value : fallback
}
const BENCH_DIR = import.meta.dirname
const ROOT = dirname(BENCH_DIR)
const ARTIFACT = join(ROOT, 'artifacts', 'bench.json')

/** `--fixed-rate N`: the fixed-rate scenarios' chats per second (default 20, as the targets say). */
const FIXED_RATE = argNumber('--fixed-rate', 20)
const FIXED_DURATION_MS = QUICK ? 2_000 : 5_000
const FIXED_RECEIVERS = [10, 100, 1000]
const WARMUP = { rate: 50, durationMs: 1_000 }
const SEARCH_RECEIVERS = 100
/** How many times the highest-rate search runs (`--repeat N`): its ratios are medians. */
const SEARCH_REPEATS = argNumber('--repeat', QUICK ? 1 : 3)
/** `--no-hostile`: the broadcast scenarios alone, without the flood and the storm. */
const ONLY_BROADCAST = process.argv.includes('--no-hostile')
/** `--only-hostile`: the flood and the storm alone (to work on them). */
const ONLY_HOSTILE = process.argv.includes('--only-hostile')
/** `--only-fixed N`: the fixed-rate scenario with N receivers alone (e.g. 1000, for target 4). */
const ONLY_FIXED = argNumber('--only-fixed', 0)
/** `--only-storm`: the connection storm alone (target 7). */
const ONLY_STORM = process.argv.includes('--only-storm')
/** `--hub-cpu-prof DIR`: every hub (LAN Room, baseline, uWS) writes a V8 CPU profile
 * (`node --cpu-prof`) into DIR when it stops, to see where a scenario's time goes. */
const HUB_PROF_AT = process.argv.indexOf('--hub-cpu-prof')
const HUB_PROF_FLAGS =
  HUB_PROF_AT >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[HUB_PROF_AT + 1] ?? '.'}`] : []
/** `--storm-floor`: the storm goes to a second LAN Room TLS hub, not the members' one: what the
 * storm's load on the machine alone does to the members' latency (the floor for target 7). */
const STORM_FLOOR = process.argv.includes('--storm-floor')
/** `--only-search`: the highest-rate search alone (targets 2 and 3; `--repeat N` times). */
const ONLY_SEARCH = process.argv.includes('--only-search')
const SEARCH = {
  startRate: 500,
  minRate: 50,
  maxRate: 128_000,
  durationMs: QUICK ? 1_500 : 2_000,
  bisectSteps: 2,
  maxTrialsPerHub: 10,
}
/** A trial is sustained only if the last delivery comes this soon after the last send, and
 * p99 latency is at most this. */
const LATENCY_BOUND_MS = 250
/** A search trial whose deliveries fall this far behind the sends is stopped early. */
const ABORT_BEHIND_MS = 750
const DRAIN_MS = { fixed: 5_000, search: 2_000 }
const SETTLE_MAX_MS = 30_000
const CONNECT_CONCURRENCY = 25
const RECEIVER_PROCESSES = 4
const RSS_TARGET_MB = 150
const REQUEST_TIMEOUT_MS = 120_000

/** ours: the LAN Room hub over plain ws (`--no-tls`); tls: the same hub over TLS, as people
 * run it; baseline: the tutorial hub; uws and uwsTls: the uWebSockets.js hub (bench/uws-hub.ts),
 * plain and over TLS with the very certificate our TLS hub serves. */
type HubKind = 'ours' | 'baseline' | 'tls' | 'uws' | 'uwsTls'
const HUB_ENTRY: Record<HubKind, string> = {
  ours: join(BENCH_DIR, 'run-hub.ts'),
  baseline: join(BENCH_DIR, 'baseline-hub.ts'),
  tls: join(BENCH_DIR, 'run-hub.ts'),
  uws: join(BENCH_DIR, 'uws-hub.ts'),
  uwsTls: join(BENCH_DIR, 'uws-hub.ts'),
}
const HUB_LABEL: Record<HubKind, string> = {
  ours: 'LAN Room hub (plain)',
  baseline: 'baseline',
  tls: 'LAN Room hub (TLS)',
  uws: 'uWS (plain)',
  uwsTls: 'uWS (TLS)',
}
/** How each hub is spoken to. */
const HUB_WIRE: Record<HubKind, { tls: boolean; challenge: boolean }> = {
  ours: { tls: false, challenge: true },
  baseline: { tls: false, challenge: false },
  tls: { tls: true, challenge: true },
  uws: { tls: false, challenge: false },
  uwsTls: { tls: true, challenge: false },
}
/**
 * The hubs run from a bundle of their entries (bench/run-hub.ts and the others, with the hub's
 * sources) made at the start of the run, as plain JavaScript: through tsx each would also hold
 * tsx's loader thread, about 33 MB of RSS that no hub people run carries.
 */
const HUB_BUNDLE_DIR = join(ROOT, 'artifacts', 'bench-hubs')
const hubEntry = (kind: HubKind): string =>
  join(HUB_BUNDLE_DIR, basename(HUB_ENTRY[kind]).replace(/\.ts$/, '.mjs'))

function bundleHubs(): Promise<void> {
  return bundleEntries([...new Set(Object.values(HUB_ENTRY))], HUB_BUNDLE_DIR)
}

/** The certificate and key both TLS hubs serve (made once per run, see main). */
const TLS_DIR = mkdtempSync(join(tmpdir(), 'lanroom-bench-tls-'))
/** Why the uWS hubs could not run on this machine (no binary for it), once known. */
let uwsUnavailable: string | null = null
const isUws = (kind: HubKind): boolean => kind === 'uws' || kind === 'uwsTls'

function hubArgs(kind: HubKind, dataDir: string): string[] {
  if (kind === 'tls') return [dataDir, '--tls-dir', TLS_DIR]
  if (kind === 'ours') return [dataDir]
  if (kind === 'uwsTls') return ['--tls', TLS_DIR]
  return []
}

// ------------------------------------------------------------------ child processes

const children = new Set<ChildProcess>()
/** The hubs' temporary data directories, removed when their hub stops or this process exits. */
const dataDirs = new Set<string>()

function killChildren(signal: NodeJS.Signals): void {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, signal)
      } catch {
        // already gone
      }
    }
  }
}

process.on('exit', () => {
  killChildren('SIGKILL')
  rmSync(TLS_DIR, { recursive: true, force: true })
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren('SIGKILL')
    process.exit(130)
  })
}

const FD_WANTED = 8_192
const fdLimits = openFileLimits()
const raiseFds = fdLimits.soft < FD_WANTED && fdLimits.hard >= FD_WANTED

/** Command and arguments that run `entry` with tsx, raising the open-file limit if needed. */
function nodeCommand(entry: string, args: string[], nodeFlags: string[]): [string, string[]] {
  // A bundled hub (see bundleHubs) runs as plain JavaScript; the rest through tsx.
  const loader = entry.endsWith('.mjs') ? [] : ['--import', 'tsx']
  const argv = [...nodeFlags, ...loader, entry, ...args]
  if (!raiseFds) return [process.execPath, argv]
  return ['/bin/sh', ['-c', `ulimit -n ${FD_WANTED} && exec "$0" "$@"`, process.execPath, ...argv]]
}

function startChild(
  entry: string,
  args: string[],
  ipc: boolean,
  nodeFlags: string[] = [],
): ChildProcess {
  const [command, argv] = nodeCommand(entry, args, nodeFlags)
  const child = spawn(command, argv, {
    cwd: ROOT,
    stdio: ipc ? ['pipe', 'inherit', 'inherit', 'ipc'] : ['pipe', 'pipe', 'inherit'],
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return
  child.kill('SIGTERM')
  if (!(await waitExit(child, 6_000))) {
    child.kill('SIGKILL')
    await waitExit(child, 2_000)
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

// ------------------------------------------------------------------ hubs

/** Lines a child prints on stdout, read one at a time. */
class LineReader {
  private readonly queue: string[] = []
  private readonly waiters: Array<(line: string) => void> = []

  constructor(lines: Interface) {
    lines.on('line', (line) => {
      const waiter = this.waiters.shift()
      if (waiter) waiter(line)
      else this.queue.push(line)
    })
  }

  next(timeoutMs: number, what: string): Promise<string> {
    const queued = this.queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    return new Promise((resolve, reject) => {
      const waiter = (line: string): void => {
        clearTimeout(timer)
        resolve(line)
      }
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(new Error(`no answer from ${what} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiters.push(waiter)
    })
  }
}

interface HubProcess {
  kind: HubKind
  child: ChildProcess
  lines: LineReader
  pid: number
  port: number
  dataDir: string
  idleRssMb: number
}

/** Starts a hub; null when it cannot run here (uWS without a binary for this machine). */
async function startHub(
  kind: HubKind,
  args?: string[],
  extraArgs: string[] = [],
): Promise<HubProcess | null> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanroom-bench-'))
  dataDirs.add(dataDir)
  const argv = args ?? [...hubArgs(kind, dataDir), ...extraArgs]
  const child = startChild(hubEntry(kind), argv, false, ['--expose-gc', ...HUB_PROF_FLAGS])
  if (!child.stdout) throw new Error('hub has no stdout')
  const lines = new LineReader(createInterface({ input: child.stdout }))
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${kind} hub exited (${code})`))),
  )
  exited.catch(() => {})
  const first = await Promise.race([lines.next(30_000, `the ${kind} hub`), exited])
  const started = JSON.parse(first) as { port: number; pid: number; unavailable?: string }
  if (started.unavailable !== undefined) {
    uwsUnavailable = started.unavailable
    await waitExit(child, 5_000)
    rmSync(dataDir, { recursive: true, force: true })
    dataDirs.delete(dataDir)
    return null
  }
  const { port, pid } = started
  if (child.pid !== pid && !raiseFds) throw new Error(`unexpected hub pid ${pid}`)
  await sleep(500)
  return { kind, child, lines, pid, port, dataDir, idleRssMb: memoryMb(pid, 'VmRSS') }
}

interface HubAnswers {
  stats: HubStats
  gc: HubGc
}

/** Sends a control command to the hub (see lib/hub-child.ts) and reads its answer. */
async function hubCommand<K extends keyof HubAnswers>(
  hub: HubProcess,
  command: K,
): Promise<HubAnswers[K]> {
  hub.child.stdin?.write(`${command}\n`)
  for (let i = 0; i < 10; i++) {
    // A hub run past what it sustains answers late: the baseline at `--fixed-rate 3000` had its
    // event loop stalled for 24 s by the frames still queued for its members.
    const line = await hub.lines.next(60_000, `the ${hub.kind} hub`)
    const answer = (JSON.parse(line) as Partial<HubAnswers>)[command]
    if (answer) return answer as HubAnswers[K]
  }
  throw new Error(`the ${hub.kind} hub does not answer ${command}`)
}

/** RSS of Node (the bundled child entry) and nothing else: the floor under every hub's figures. */
async function loaderFloorMb(): Promise<number> {
  const idle = await startHub('ours', ['--no-hub'])
  if (!idle) throw new Error('no idle process')
  const rss = idle.idleRssMb
  await stopHub(idle)
  return rss
}

async function stopHub(hub: HubProcess): Promise<void> {
  await stopChild(hub.child)
  rmSync(hub.dataDir, { recursive: true, force: true })
  dataDirs.delete(hub.dataDir)
}

const ticks = clockTicks()
const precise = Number.isFinite(cpuSecondsPrecise(process.pid))

/** The hub's CPU seconds so far: schedstat's (ns) where there is one, else stat's ticks. */
const hubCpu = (hub: HubProcess): number => {
  if (precise) return cpuSecondsPrecise(hub.pid)
  const { user, system } = cpuSplit(hub.pid, ticks)
  return user + system
}

/** Waits until the hub has been idle (at most one clock tick in 200 ms), bounded. */
async function settle(hub: HubProcess): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS
  let before = hubCpu(hub)
  while (Date.now() < deadline) {
    await sleep(200)
    const now = hubCpu(hub)
    if (now - before <= 1.5 / ticks) return
    before = now
  }
  process.stderr.write(`  (${hub.kind} hub still busy after ${SETTLE_MAX_MS} ms)\n`)
}

// ------------------------------------------------------------------ receivers

class ReceiverProcess {
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >()
  readonly ready: Promise<void>

  constructor(readonly child: ChildProcess) {
    let markReady: () => void = () => {}
    this.ready = new Promise((resolve) => (markReady = resolve))
    child.on('message', (message: unknown) => {
      const reply = message as ReplyMessage
      if (reply.id === 0) return markReady()
      const waiter = this.waiting.get(reply.id)
      if (!waiter) return
      this.waiting.delete(reply.id)
      if (reply.ok) waiter.resolve(reply.result)
      else waiter.reject(new Error(reply.error ?? 'receiver error'))
    })
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) {
        waiter.reject(new Error(`receiver process exited (${code})`))
      }
      this.waiting.clear()
    })
  }

  static start(): ReceiverProcess {
    return new ReceiverProcess(startChild(join(BENCH_DIR, 'receivers.ts'), [], true))
  }

  request<K extends CommandName>(
    cmd: K,
    args: ReceiverCommands[K]['args'],
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<ReceiverCommands[K]['result']> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`receiver request ${cmd} timed out`))
      }, timeoutMs)
      this.waiting.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as ReceiverCommands[K]['result'])
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.child.send({ id, cmd, args })
    })
  }
}

/** The receiver processes used for `n` receivers, and each one's share. */
function shares(pool: ReceiverProcess[], n: number): Array<[ReceiverProcess, number]> {
  const used = n <= 10 ? 1 : n <= 100 ? 2 : pool.length
  return pool.slice(0, used).map((proc, i) => [proc, Math.floor(n / used) + (i < n % used ? 1 : 0)])
}

// ------------------------------------------------------------------ sender

interface SendResult {
  sent: number
  firstUs: number
  lastUs: number
  stoppedEarly: boolean
}

class Sender {
  echoes = 0
  private trial = -1
  private readonly parsed: ParsedChat = { trial: 0, sentUs: 0 }
  private stopRequested = false

  private constructor(readonly client: RawClient) {}

  static connect(port: number, name: string, kind: HubKind): Promise<Sender> {
    const wire = HUB_WIRE[kind]
    return new Promise((resolve, reject) => {
      let sender: Sender | null = null
      let challenge: Buffer | null = null
      const answer = (): void => {
        if (!sender || !challenge) return
        const client = sender.client
        client.sendText(provenHello(client.connection, challenge, 0, challenge.length, name).text)
        challenge = null
      }
      const timer = setTimeout(() => reject(new Error('sender: no welcome')), 15_000)
      RawClient.connect(
        { port, path: WS_PATH, protocol: SUBPROTOCOL, timeoutMs: 15_000, tls: wire.tls },
        {
          onText: (buf, start, end) => {
            if (wire.challenge && isChallenge(buf, start, end)) {
              challenge = Buffer.from(buf.subarray(start, end))
              return answer()
            }
            if (!sender) return
            if (parseChat(buf, start, end, sender.parsed)) {
              if (sender.parsed.trial === sender.trial) sender.echoes += 1
            } else if (isWelcome(buf, start, end)) {
              clearTimeout(timer)
              resolve(sender)
            }
          },
          onClose: () => {
            clearTimeout(timer)
            reject(new Error('sender: connection closed'))
          },
        },
      ).then(
        (client) => {
          sender = new Sender(client)
          if (wire.challenge) answer()
          else client.sendText(plainHello(name))
        },
        (error: Error) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })
  }

  stop(): void {
    this.stopRequested = true
  }

  close(): void {
    this.client.close()
  }

  /** Sends `rate` chats per second for `durationMs`, timer-driven: each tick sends, in one
   * write, every chat that is due by then. */
  run(trial: number, rate: number, durationMs: number): Promise<SendResult> {
    this.trial = trial
    this.echoes = 0
    this.stopRequested = false
    const total = Math.max(1, Math.round((rate * durationMs) / 1000))
    const deadlineUs = nowUs() + (durationMs * 2 + 2_000) * 1000
    return new Promise((resolve) => {
      const startUs = nowUs()
      let sent = 0
      let lastUs = startUs
      const finish = (stoppedEarly: boolean): void =>
        resolve({ sent, firstUs: startUs, lastUs, stoppedEarly })
      const tick = (): void => {
        const now = nowUs()
        const due = Math.min(total, 1 + Math.floor(((now - startUs) * rate) / 1e6))
        if (due > sent) {
          const frames: Buffer[] = []
          for (let i = sent; i < due; i++) {
            const chat = { type: 'chat', id: chatId(trial, nowUs(), i), text: CHAT_TEXT }
            frames.push(textFrame(JSON.stringify(chat)))
          }
          this.client.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames))
          sent = due
          lastUs = nowUs()
        }
        if (sent >= total) return finish(false)
        if (this.stopRequested || now > deadlineUs || this.client.closed) return finish(true)
        const nextDueUs = startUs + (sent * 1e6) / rate
        setTimeout(tick, Math.max(0, Math.min(50, (nextDueUs - nowUs()) / 1000)))
      }
      tick()
    })
  }
}

// ------------------------------------------------------------------ trials

interface TrialResult {
  hub: HubKind
  trial: number
  receivers: number
  rate: number
  offeredRate: number
  durationMs: number
  chats: number
  expected: number
  delivered: number
  lost: number
  duplicates: number
  echoes: number
  disconnects: number
  stray: number
  deliveriesPerSec: number
  lagMs: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  cpuS: number
  /** The same from /proc/<pid>/stat (10 ms ticks), split in user and system (kernel) time. */
  cpuUserS: number
  cpuSystemS: number
  /** Hub CPU time ÷ wall time of the trial (1 = one core busy throughout). */
  cpuBusy: number
  cpuUsPerDelivery: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  /** The machine's 1-minute load average at the end of the trial (others' work included). */
  load1: number
  /** The hub's peak RSS during the trial (VmHWM, reset when the trial starts), MiB. */
  peakRssMb: number
  /** CPU of the receiver processes and of this process (the sender) ÷ trial time. */
  receiversBusy: number
  senderBusy: number
  sustained: boolean
  reason: string
}

interface Room {
  hub: HubProcess
  sender: Sender
  group: string
  receivers: number
  parts: Array<[ReceiverProcess, number]>
  /** The hub's peak RSS over the scenario so far (VmHWM is reset for each trial). */
  peakMb: number
}

/** Starts a new VmHWM period for the hub, keeping the room's peak over the whole scenario. */
function startPeakPeriod(room: Room): boolean {
  room.peakMb = Math.max(room.peakMb, memoryMb(room.hub.pid, 'VmHWM'))
  return resetPeakRss(room.hub.pid)
}

let trialCounter = 0

async function totalCount(room: Room): Promise<{ delivered: number; disconnects: number }> {
  const counts = await Promise.all(room.parts.map(([proc]) => proc.request('count', {})))
  return counts.reduce(
    (sum, c) => ({
      delivered: sum.delivered + c.delivered,
      disconnects: sum.disconnects + c.disconnects,
    }),
    { delivered: 0, disconnects: 0 },
  )
}

async function runTrial(
  room: Room,
  rate: number,
  durationMs: number,
  mode: 'fixed' | 'search',
): Promise<TrialResult> {
  const trial = ++trialCounter
  await Promise.all(room.parts.map(([proc]) => proc.request('reset', { trial, group: room.group })))
  await hubCommand(room.hub, 'stats')
  const peakReset = startPeakPeriod(room)
  const mainCpuBefore = process.cpuUsage()
  const cpuBefore = hubCpu(room.hub)
  const ticksBefore = cpuSplit(room.hub.pid, ticks)
  const wallBefore = performance.now()

  // While sending, a search trial that falls far behind is stopped: its rate is not sustained,
  // and the backlog it would leave only slows the next trial.
  let sending = true
  let fellBehind = false
  const sendStartUs = nowUs()
  const watch = (async () => {
    if (mode !== 'search') return
    while (sending) {
      await sleep(200)
      if (!sending) break
      const { delivered, disconnects } = await totalCount(room)
      const behindSec = (nowUs() - sendStartUs) / 1e6 - ABORT_BEHIND_MS / 1000
      const due = Math.min(rate * (durationMs / 1000), rate * behindSec) * room.receivers
      if (disconnects > 0 || (behindSec > 0 && delivered < due)) {
        fellBehind = true
        room.sender.stop()
        break
      }
    }
  })()
  const send = await room.sender.run(trial, rate, durationMs)
  sending = false
  await watch

  const expected = send.sent * room.receivers
  const drainUntil = Date.now() + DRAIN_MS[mode]
  while (Date.now() < drainUntil) {
    const { delivered } = await totalCount(room)
    if (delivered >= expected && room.sender.echoes >= send.sent) break
    await sleep(fellBehind ? 200 : 20)
  }
  const cpuS = hubCpu(room.hub) - cpuBefore
  const ticksAfter = cpuSplit(room.hub.pid, ticks)
  const wallS = (performance.now() - wallBefore) / 1000
  const mainCpu = process.cpuUsage(mainCpuBefore)
  const peakRssMb = peakReset ? memoryMb(room.hub.pid, 'VmHWM') : Number.NaN
  room.peakMb = Math.max(room.peakMb, memoryMb(room.hub.pid, 'VmHWM'))
  const loop = await hubCommand(room.hub, 'stats')

  const reports = await Promise.all(room.parts.map(([proc]) => proc.request('report', {})))
  const histogram = new Histogram()
  let lastUs = 0
  let disconnects = 0
  let stray = 0
  let minPer = Number.POSITIVE_INFINITY
  let maxPer = 0
  let delivered = 0
  let receiversCpuS = 0
  for (const report of reports) {
    delivered += report.delivered
    histogram.add(report.histogram, report.sumUs, report.maxUs)
    lastUs = Math.max(lastUs, report.lastUs)
    disconnects += report.disconnects
    stray += report.stray
    minPer = Math.min(minPer, report.minPerConnection)
    maxPer = Math.max(maxPer, report.maxPerConnection)
    receiversCpuS += report.cpuS
  }
  const spanS = Math.max(1e-6, (lastUs - send.firstUs) / 1e6)
  const sendSpanS = Math.max(1e-6, (send.lastUs - send.firstUs) / 1e6)
  const offeredRate = send.sent > 1 ? (send.sent - 1) / sendSpanS : send.sent
  const result: TrialResult = {
    hub: room.hub.kind,
    trial,
    receivers: room.receivers,
    rate,
    offeredRate,
    durationMs,
    chats: send.sent,
    expected,
    delivered,
    lost: Math.max(0, expected - delivered),
    duplicates: Math.max(0, delivered - expected, maxPer - send.sent),
    echoes: room.sender.echoes,
    disconnects,
    stray,
    deliveriesPerSec: lastUs > 0 ? delivered / spanS : 0,
    lagMs: lastUs > 0 ? (lastUs - send.lastUs) / 1000 : Number.NaN,
    p50Ms: histogram.percentile(0.5) / 1000,
    p99Ms: histogram.percentile(0.99) / 1000,
    maxMs: histogram.maxUs / 1000,
    meanMs: histogram.meanUs / 1000,
    cpuS,
    cpuUserS: ticksAfter.user - ticksBefore.user,
    cpuSystemS: ticksAfter.system - ticksBefore.system,
    cpuBusy: cpuS / wallS,
    cpuUsPerDelivery: delivered > 0 ? (cpuS * 1e6) / delivered : Number.NaN,
    loopDelayP99Ms: loop.loopDelayP99Ms,
    loopDelayMaxMs: loop.loopDelayMaxMs,
    load1: loadavg()[0] as number,
    peakRssMb,
    receiversBusy: receiversCpuS / wallS,
    senderBusy: (mainCpu.user + mainCpu.system) / 1e6 / wallS,
    sustained: false,
    reason: '',
  }
  const reasons: string[] = []
  if (fellBehind) reasons.push(`stopped: over ${ABORT_BEHIND_MS} ms behind`)
  else if (send.stoppedEarly) reasons.push('sender stopped early')
  if (result.lost > 0) reasons.push(`${result.lost} lost`)
  if (result.duplicates > 0) reasons.push(`${result.duplicates} duplicated`)
  if (disconnects > 0) reasons.push(`${disconnects} disconnected`)
  if (result.echoes < send.sent) reasons.push(`${send.sent - result.echoes} echoes missing`)
  if (minPer < send.sent && result.lost === 0) reasons.push('uneven delivery')
  if (!(result.lagMs <= LATENCY_BOUND_MS)) reasons.push(`lag ${fmt(result.lagMs, 0)} ms`)
  if (!(result.p99Ms <= LATENCY_BOUND_MS)) reasons.push(`p99 ${fmt(result.p99Ms, 0)} ms`)
  if (mode === 'search' && offeredRate < 0.9 * rate) {
    reasons.push(`sender reached only ${fmt(offeredRate, 0)}/s`)
  }
  result.sustained = reasons.length === 0
  result.reason = reasons.join('; ')

  if (disconnects > 0) {
    await Promise.all(
      room.parts.map(([proc]) =>
        proc.request('ensure', { group: room.group, concurrency: CONNECT_CONCURRENCY }),
      ),
    )
  }
  await settle(room.hub)
  return result
}

// ------------------------------------------------------------------ scenarios

interface HubFigures {
  hub: HubKind
  idleRssMb: number
  rssAfterJoinMb: number
  peakRssMb: number
  /** After the scenario, after a full GC: V8 heap in use, what V8 holds for it (of which its
   * young generation), and RSS. */
  heapAfterGcMb: number
  heapHeldMb: number
  youngGenerationMb: number
  rssAfterGcMb: number
  joinMs: number
  /** Hub CPU seconds spent while the receivers joined. */
  joinCpuS: number
  result: TrialResult | null
  trials: TrialResult[]
}

interface Scenario {
  name: string
  kind: 'fixed' | 'search'
  receivers: number
  hubs: Record<'ours' | 'baseline', HubFigures> & Partial<Record<HubKind, HubFigures>>
}

async function openRooms(
  pool: ReceiverProcess[],
  receivers: number,
  tag: string,
  order: HubKind[],
  extraArgs: string[] = [],
): Promise<{ rooms: Partial<Record<HubKind, Room>>; figures: Record<HubKind, HubFigures> }> {
  const rooms: Partial<Record<HubKind, Room>> = {}
  const figures = {} as Record<HubKind, HubFigures>
  for (const kind of order) {
    const hub = await startHub(kind, undefined, extraArgs)
    if (!hub) {
      process.stderr.write(`  ${kind}: skipped, cannot run here (${uwsUnavailable})\n`)
      continue
    }
    const group = `${tag}-${kind}`
    const parts = shares(pool, receivers)
    const cpuBefore = hubCpu(hub)
    const started = Date.now()
    const joined = await Promise.all(
      parts.map(([proc, count], i) =>
        proc.request('connect', {
          group,
          port: hub.port,
          count,
          prefix: `${tag}${kind[0]}p${i}`,
          concurrency: CONNECT_CONCURRENCY,
          ...HUB_WIRE[kind],
        }),
      ),
    )
    const failed = joined.reduce((sum, j) => sum + j.failed, 0)
    if (failed > 0) {
      const errors = joined.flatMap((j) => j.errors).slice(0, 3)
      throw new Error(`${failed} receivers could not join the ${kind} hub: ${errors.join('; ')}`)
    }
    const sender = await Sender.connect(hub.port, `${tag}-${kind}-sender`, kind)
    const joinMs = Date.now() - started
    await settle(hub)
    const joinCpuS = hubCpu(hub) - cpuBefore
    rooms[kind] = { hub, sender, group, receivers, parts, peakMb: memoryMb(hub.pid, 'VmHWM') }
    figures[kind] = {
      hub: kind,
      idleRssMb: hub.idleRssMb,
      rssAfterJoinMb: memoryMb(hub.pid, 'VmRSS'),
      peakRssMb: Number.NaN,
      heapAfterGcMb: Number.NaN,
      heapHeldMb: Number.NaN,
      youngGenerationMb: Number.NaN,
      rssAfterGcMb: Number.NaN,
      joinMs,
      joinCpuS,
      result: null,
      trials: [],
    }
    process.stderr.write(
      `  ${kind}: ${receivers} receivers joined in ${joinMs} ms (hub CPU ` +
        `${fmt(joinCpuS, 2)} s), RSS ${fmt(figures[kind].rssAfterJoinMb, 1)} MB\n`,
    )
  }
  return { rooms, figures }
}

/** The kinds of `rooms` that run, each with its room. */
function opened(rooms: Partial<Record<HubKind, Room>>): Array<[HubKind, Room]> {
  return Object.entries(rooms) as Array<[HubKind, Room]>
}

async function closeRooms(
  rooms: Partial<Record<HubKind, Room>>,
  figures: Record<HubKind, HubFigures>,
): Promise<void> {
  for (const [kind, room] of opened(rooms)) {
    // VmHWM is updated lazily; an RSS read earlier can be a little higher.
    figures[kind].peakRssMb = Math.max(
      room.peakMb,
      memoryMb(room.hub.pid, 'VmHWM'),
      figures[kind].rssAfterJoinMb,
    )
    const gc = await hubCommand(room.hub, 'gc')
    figures[kind].heapAfterGcMb = gc.heapUsedMb
    figures[kind].heapHeldMb = gc.heapTotalMb
    figures[kind].youngGenerationMb = gc.newSpaceMb
    figures[kind].rssAfterGcMb = gc.rssMb
    room.sender.close()
    await Promise.all(room.parts.map(([proc]) => proc.request('disconnect', { group: room.group })))
  }
  await sleep(300)
  for (const [, room] of opened(rooms)) await stopHub(room.hub)
}

async function fixedScenario(
  pool: ReceiverProcess[],
  receivers: number,
  index: number,
): Promise<Scenario> {
  const plain: HubKind[] = ['ours', 'baseline', 'uws']
  const secure: HubKind[] = ['tls', 'uwsTls']
  // Who goes first alternates from one scenario to the next.
  const turn = (kinds: HubKind[]): HubKind[] => (index % 2 === 0 ? kinds : [...kinds].reverse())
  const name = `${receivers} receivers × ${FIXED_RATE} chats/s`
  process.stderr.write(`\n${name}, ${FIXED_DURATION_MS / 1000} s\n`)
  const figures = {} as Record<HubKind, HubFigures>
  // The plain hubs side by side, then the TLS ones in a phase of their own: their members
  // (up to 1000 TLS connections each, with heartbeats) would otherwise weigh on the receivers
  // and the machine while the plain ones are measured.
  for (const phase of [turn(plain), turn(secure)]) {
    const { rooms, figures: phaseFigures } = await openRooms(pool, receivers, `s${index}`, phase)
    for (const [, room] of opened(rooms)) {
      await runTrial(room, WARMUP.rate, WARMUP.durationMs, 'fixed')
    }
    for (const [kind, room] of opened(rooms)) {
      const result = await runTrial(room, FIXED_RATE, FIXED_DURATION_MS, 'fixed')
      phaseFigures[kind].result = result
      phaseFigures[kind].trials.push(result)
      process.stderr.write(`  ${kind}: ${describeTrial(result)}\n`)
    }
    await closeRooms(rooms, phaseFigures)
    Object.assign(figures, phaseFigures)
  }
  return { name, kind: 'fixed', receivers, hubs: figures }
}

interface SearchState {
  rate: number
  good: TrialResult | null
  bad: number | null
  bisects: number
  done: boolean
}

function nextRate(state: SearchState, result: TrialResult): void {
  if (result.sustained) {
    if (!state.good || result.rate > state.good.rate) state.good = result
  } else {
    state.bad = state.bad === null ? result.rate : Math.min(state.bad, result.rate)
  }
  if (state.bad === null) {
    state.rate *= 2
    if (state.rate > SEARCH.maxRate) state.done = true
    return
  }
  if (state.good === null) {
    state.rate = Math.floor(state.rate / 2)
    if (state.rate < SEARCH.minRate) state.done = true
    return
  }
  const gap = state.bad - state.good.rate
  if (state.bisects >= SEARCH.bisectSteps || gap <= Math.max(50, state.good.rate * 0.05)) {
    state.done = true
    return
  }
  state.bisects += 1
  state.rate = Math.round((state.good.rate + state.bad) / 2)
}

async function searchScenario(
  pool: ReceiverProcess[],
  index: number,
  repeat: number,
): Promise<Scenario> {
  const receivers = SEARCH_RECEIVERS
  const name = `${receivers} receivers, highest rate without loss (#${repeat})`
  process.stderr.write(`\n${name} (${SEARCH.durationMs / 1000} s trials)\n`)
  const all: HubKind[] = ['ours', 'uws', 'baseline', 'tls', 'uwsTls']
  const { rooms, figures } = await openRooms(
    pool,
    receivers,
    `s${index}`,
    index % 2 === 0 ? all : [...all].reverse(),
  )
  const kinds = opened(rooms)
  for (const [, room] of kinds) {
    await runTrial(room, SEARCH.startRate, WARMUP.durationMs, 'search')
  }
  const states = new Map<HubKind, SearchState>(
    kinds.map(([kind]) => [
      kind,
      { rate: SEARCH.startRate, good: null, bad: null, bisects: 0, done: false },
    ]),
  )
  // The searches advance in turns, so that whatever else the machine does in the meantime
  // falls on all of them.
  for (let step = 0; step < SEARCH.maxTrialsPerHub; step++) {
    const order = step % 2 === 0 ? kinds : [...kinds].reverse()
    let ran = false
    for (const [kind, room] of order) {
      const state = states.get(kind) as SearchState
      if (state.done) continue
      ran = true
      const result = await runTrial(room, state.rate, SEARCH.durationMs, 'search')
      figures[kind].trials.push(result)
      process.stderr.write(`  ${kind}: ${describeTrial(result)}\n`)
      nextRate(state, result)
    }
    if (!ran) break
  }
  for (const [kind, state] of states) figures[kind].result = state.good
  await closeRooms(rooms, figures)
  return { name, kind: 'search', receivers, hubs: figures }
}

// ------------------------------------------------------------------ hostile scenarios

/** Issue #12's target 6: a member floods a room whose witnesses chat at a calm pace. */
const FLOOD_MS = QUICK ? 3_000 : 5_000
/** The witnesses' pace: under the default rate limit, which the flood scenario keeps on. */
const WITNESS_RATE = 8
/** Issue #12's target 7: a storm of TLS connections while a room of 100 chats. */
const STORM = { count: 2_000, durationMs: 8_000, timeoutMs: 15_000 }
/** Members' p99 under a hostile load may be at most this many times the calm figure. */
const HOSTILE_P99_FACTOR = 3

interface FloodFigures {
  kind: HubKind
  calm: TrialResult
  under: TrialResult
  flood: FloodResult
}

interface StormFigures {
  calm: TrialResult
  under: TrialResult
  storm: StormResult
}

/** The hub's plain and TLS rooms, default rate limit, a flooder beside 100 chatting members. */
async function floodScenario(pool: ReceiverProcess[], index: number): Promise<FloodFigures[]> {
  const list: FloodFigures[] = []
  const flooder = pool[pool.length - 1] as ReceiverProcess
  for (const kind of ['ours', 'tls'] as const) {
    process.stderr.write(`\na member floods (${HUB_LABEL[kind]}, default rate limit)\n`)
    const { rooms, figures } = await openRooms(
      pool,
      SEARCH_RECEIVERS,
      `f${index}${kind}`,
      [kind],
      ['--default-rate'],
    )
    const room = rooms[kind] as Room
    await runTrial(room, WITNESS_RATE, WARMUP.durationMs, 'fixed')
    const calm = await runTrial(room, WITNESS_RATE, FLOOD_MS, 'fixed')
    process.stderr.write(`  calm: ${describeTrial(calm)}\n`)
    const flooding = flooder.request('flood', {
      port: room.hub.port,
      ...HUB_WIRE[kind],
      durationMs: FLOOD_MS + 500,
    })
    await sleep(250)
    const under = await runTrial(room, WITNESS_RATE, FLOOD_MS, 'fixed')
    const flood = await flooding
    process.stderr.write(
      `  under the flood: ${describeTrial(under)}\n  flooder: ${JSON.stringify(flood)}\n`,
    )
    await closeRooms(rooms, figures)
    list.push({ kind, calm, under, flood })
  }
  return list
}

/** The hub over TLS with 100 chatting members, while 2,000 TLS connections arrive in 8 s. */
async function stormScenario(pool: ReceiverProcess[], index: number): Promise<StormFigures> {
  process.stderr.write(
    `\na storm of ${STORM.count} TLS connections in ${STORM.durationMs / 1000} s (LAN Room hub, TLS)\n`,
  )
  const { rooms, figures } = await openRooms(pool, SEARCH_RECEIVERS, `t${index}`, ['tls'])
  const room = rooms.tls as Room
  await runTrial(room, FIXED_RATE, WARMUP.durationMs, 'fixed')
  const calm = await runTrial(room, FIXED_RATE, STORM.durationMs, 'fixed')
  process.stderr.write(`  calm: ${describeTrial(calm)}\n`)
  const stormers = pool.slice(2)
  const elsewhere = STORM_FLOOR ? await startHub('tls') : null
  if (elsewhere) process.stderr.write('  (--storm-floor: the storm goes to a second TLS hub)\n')
  const storms = stormers.map((proc, i) =>
    proc.request('storm', {
      port: elsewhere ? elsewhere.port : room.hub.port,
      ...HUB_WIRE.tls,
      count: Math.ceil(STORM.count / stormers.length),
      durationMs: STORM.durationMs,
      timeoutMs: STORM.timeoutMs,
      prefix: `storm${i}-`,
    }),
  )
  const under = await runTrial(room, FIXED_RATE, STORM.durationMs, 'fixed')
  const parts = await Promise.all(storms)
  const storm = emptyStorm()
  for (const part of parts) {
    storm.launched += part.launched
    storm.welcomed += part.welcomed
    for (const [k, v] of Object.entries(part.refused))
      storm.refused[k] = (storm.refused[k] ?? 0) + v
    for (const [k, v] of Object.entries(part.failed)) storm.failed[k] = (storm.failed[k] ?? 0) + v
    storm.spanMs = Math.max(storm.spanMs, part.spanMs)
    storm.handshakesPerSec += part.handshakesPerSec
    storm.maxMs = Math.max(storm.maxMs, part.maxMs)
  }
  process.stderr.write(
    `  under the storm: ${describeTrial(under)}\n  storm: ${JSON.stringify(storm)}\n`,
  )
  if (elsewhere) await stopHub(elsewhere)
  await closeRooms(rooms, figures)
  return { calm, under, storm }
}

function hostileTargets(floods: FloodFigures[], storm: StormFigures | null): Target[] {
  const list: Target[] = []
  const bound = (seconds: number): number =>
    Math.ceil((LIMITS.chatBurst + LIMITS.chatsPerSecond * seconds) * 1.1) + 1
  for (const { kind, calm, under, flood } of floods) {
    const p99 = ratio(under.p99Ms, calm.p99Ms)
    const closed = flood.closedAfterMs !== null && flood.closedAfterMs < flood.durationMs
    const throttled = flood.accepted <= bound(flood.durationMs / 1000)
    const lossless = under.lost === 0 && calm.lost === 0
    list.push({
      target:
        `#12.6 a flooding member (${HUB_LABEL[kind]}): the others' p99 ≤ ${HOSTILE_P99_FACTOR}× ` +
        'calm, the flooder throttled or closed, no loss',
      pass: p99 <= HOSTILE_P99_FACTOR && (closed || throttled) && lossless,
      measured:
        `${fmt(p99, 2)}× (${fmt(under.p99Ms, 2)} vs ${fmt(calm.p99Ms, 2)} ms; max ` +
        `${fmt(under.maxMs, 1)} ms; load ${fmt(under.load1, 1)} / ${fmt(calm.load1, 1)}); ` +
        `flooder sent ${fmt(flood.framesSent, 0)} chats (${fmt(flood.bytesSent / 2 ** 20, 1)} MB) ` +
        `in ${fmt(flood.durationMs / 1000, 1)} s, ${flood.accepted} accepted, ${flood.errors} ` +
        `errors, ${closed ? `closed (${flood.closeCode}) after ${fmt(flood.closedAfterMs ?? 0, 0)} ms` : 'not closed'}; ` +
        `witnesses lost ${under.lost}`,
    })
  }
  if (storm) {
    const { calm, under, storm: s } = storm
    const p99 = ratio(under.p99Ms, calm.p99Ms)
    const failed = Object.values(s.failed).reduce((a, b) => a + b, 0)
    const refusals = Object.entries(s.refused)
    const explicit = refusals.every(([kind]) => kind === 'HTTP 503 + Retry-After')
    list.push({
      target:
        `#12.7 a storm of ${STORM.count} TLS connections in ${STORM.durationMs / 1000} s: each ` +
        `welcomed or refused with 503 + Retry-After, none hangs; members' p99 ≤ ` +
        `${HOSTILE_P99_FACTOR}× calm`,
      pass: failed === 0 && explicit && p99 <= HOSTILE_P99_FACTOR && under.lost === 0,
      measured:
        `${s.launched} launched, ${s.welcomed} welcomed, refused ${JSON.stringify(s.refused)}, ` +
        `failed ${JSON.stringify(s.failed)}; ${fmt(s.handshakesPerSec, 0)} outcomes/s, slowest ` +
        `${fmt(s.maxMs, 0)} ms; members' p99 ${fmt(p99, 2)}× (${fmt(under.p99Ms, 2)} vs ` +
        `${fmt(calm.p99Ms, 2)} ms; load ${fmt(under.load1, 1)} / ${fmt(calm.load1, 1)}), lost ${under.lost}`,
    })
  }
  return list
}

// ------------------------------------------------------------------ report

function fmt(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '–'
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

function ratio(ours: number, baseline: number): number {
  return baseline > 0 && Number.isFinite(ours) && Number.isFinite(baseline)
    ? ours / baseline
    : Number.NaN
}

function describeTrial(r: TrialResult): string {
  return (
    `${fmt(r.rate, 0)}/s: ${fmt(r.delivered, 0)}/${fmt(r.expected, 0)} delivered, ` +
    `${fmt(r.deliveriesPerSec, 0)}/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms, ` +
    `lag ${fmt(r.lagMs, 0)} ms, CPU ${fmt(r.cpuS, 2)} s (${fmt(r.cpuBusy * 100, 0)} % busy), ` +
    `loop delay max ${fmt(r.loopDelayMaxMs, 0)} ms, load ${fmt(r.load1, 2)}` +
    (r.sustained ? ' — sustained' : ` — not sustained (${r.reason})`)
  )
}

/** The ratio rows of the table: [label, numerator hub, denominator hub]. */
const COMPARISONS: Array<[string, HubKind, HubKind]> = [
  ['ours ÷ uWS', 'ours', 'uws'],
  ['TLS ÷ uWS TLS', 'tls', 'uwsTls'],
  ['ours ÷ baseline', 'ours', 'baseline'],
  ['TLS ÷ plain', 'tls', 'ours'],
  ['TLS ÷ baseline', 'tls', 'baseline'],
]
const ROW_ORDER: HubKind[] = ['ours', 'tls', 'uws', 'uwsTls', 'baseline']

function x(a: number | undefined, c: number | undefined): string {
  return a === undefined || c === undefined ? '–' : `${fmt(ratio(a, c), 2)}×`
}

function table(scenarios: Scenario[]): string {
  const header =
    '| Scenario | Hub | Receivers | Rate (chats/s) | Delivered / expected | Deliveries/s | ' +
    'p50 (ms) | p99 (ms) | Hub CPU (s) | CPU µs / delivery | Peak RSS in run (MB) | ' +
    'Peak RSS in scenario (MB) | Load (1 min) |'
  const rule = '|' + ' --- |'.repeat(13)
  const rows = [header, rule]
  for (const scenario of scenarios) {
    for (const kind of ROW_ORDER) {
      const figures = scenario.hubs[kind]
      if (!figures) {
        if (isUws(kind) && uwsUnavailable !== null) {
          rows.push(
            `| ${scenario.name} | ${HUB_LABEL[kind]} | ${scenario.receivers} | ` +
              `skipped: ${uwsUnavailable} |${' – |'.repeat(9)}`,
          )
        }
        continue
      }
      const r = figures.result
      rows.push(
        `| ${scenario.name} | ${HUB_LABEL[kind]} | ${scenario.receivers} | ` +
          (r
            ? `${fmt(r.rate, 0)} | ${fmt(r.delivered, 0)} / ${fmt(r.expected, 0)} | ` +
              `${fmt(r.deliveriesPerSec, 0)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ` +
              `${fmt(r.cpuS, 2)} | ${fmt(r.cpuUsPerDelivery, 2)} | ${fmt(r.peakRssMb, 1)} | `
            : 'no rate sustained | – | – | – | – | – | – | – | ') +
          `${fmt(figures.peakRssMb, 1)} | ${r ? fmt(r.load1, 2) : '–'} |`,
      )
    }
    for (const [label, top, bottom] of COMPARISONS) {
      const a = scenario.hubs[top]
      const b = scenario.hubs[bottom]
      if (!a || !b) continue
      const o = a.result ?? undefined
      const c = b.result ?? undefined
      rows.push(
        `| ${scenario.name} | **${label}** | | ${x(o?.rate, c?.rate)} | | ` +
          `**${x(o?.deliveriesPerSec, c?.deliveriesPerSec)}** | ${x(o?.p50Ms, c?.p50Ms)} | ` +
          `**${x(o?.p99Ms, c?.p99Ms)}** | ${x(o?.cpuS, c?.cpuS)} | ` +
          `**${x(o?.cpuUsPerDelivery, c?.cpuUsPerDelivery)}** | ${x(o?.peakRssMb, c?.peakRssMb)} | ` +
          `${x(a.peakRssMb, b.peakRssMb)} | ${o && c ? `${fmt(o.load1, 2)} / ${fmt(c.load1, 2)}` : '–'} |`,
      )
    }
  }
  return rows.join('\n')
}

interface Target {
  target: string
  pass: boolean
  measured: string
}

function targets(scenarios: Scenario[]): Target[] {
  const list: Target[] = []
  const search = scenarios.find((s) => s.kind === 'search')
  const so = search?.hubs.ours.result
  const sb = search?.hubs.baseline.result
  const throughput = so && sb ? ratio(so.deliveriesPerSec, sb.deliveriesPerSec) : Number.NaN
  list.push({
    target: `${SEARCH_RECEIVERS} receivers, highest rate without loss: deliveries/s ≥ 5× baseline`,
    pass: throughput >= 5,
    measured: `${fmt(throughput, 2)}× (${fmt(so?.deliveriesPerSec ?? Number.NaN, 0)} vs ${fmt(sb?.deliveriesPerSec ?? Number.NaN, 0)} /s)`,
  })
  const cpu = so && sb ? ratio(so.cpuUsPerDelivery, sb.cpuUsPerDelivery) : Number.NaN
  list.push({
    target: `${SEARCH_RECEIVERS} receivers, highest rate without loss: hub CPU per delivery ≤ 1/5 of baseline`,
    pass: cpu <= 0.2,
    measured: `${fmt(cpu, 3)}× (${fmt(so?.cpuUsPerDelivery ?? Number.NaN, 2)} vs ${fmt(sb?.cpuUsPerDelivery ?? Number.NaN, 2)} µs)`,
  })
  const big = scenarios.find((s) => s.kind === 'fixed' && s.receivers === 1000)
  const bo = big?.hubs.ours.result
  const bb = big?.hubs.baseline.result
  const p99 = bo && bb ? ratio(bo.p99Ms, bb.p99Ms) : Number.NaN
  list.push({
    target: `1000 receivers × ${FIXED_RATE} chats/s: p99 latency ≤ 1/2 of baseline`,
    pass: p99 <= 0.5,
    measured: `${fmt(p99, 2)}× (${fmt(bo?.p99Ms ?? Number.NaN, 2)} vs ${fmt(bb?.p99Ms ?? Number.NaN, 2)} ms)`,
  })
  // Plain and TLS alike: every run of our hub, each named by scenario and transport.
  const ourRuns = scenarios.flatMap((s) =>
    (['ours', 'tls'] as const).flatMap((kind) => {
      const figures = s.hubs[kind]
      return figures ? [{ name: `${s.name} (${HUB_LABEL[kind]})`, r: figures.result }] : []
    }),
  )
  const runs = ourRuns.flatMap(({ name, r }) => (r ? [{ name, r }] : []))
  const lossy = runs.filter(({ r }) => r.lost > 0 || r.disconnects > 0 || r.duplicates > 0)
  const missing = ourRuns.filter(({ r }) => !r).map(({ name }) => name)
  list.push({
    target: 'No loss in any run (LAN Room hub, plain and TLS)',
    pass: lossy.length === 0 && missing.length === 0,
    measured:
      lossy.length === 0 && missing.length === 0
        ? `${runs.length} runs, 0 lost, 0 disconnected, 0 duplicated`
        : [
            ...lossy.map(
              ({ name, r }) =>
                `${name}: ${r.lost} lost, ${r.disconnects} disconnected, ${r.duplicates} duplicated`,
            ),
            ...missing.map((name) => `${name}: no run without loss`),
          ].join('; '),
  })
  const ours1000 = big?.hubs.ours
  const peak = ours1000?.peakRssMb ?? Number.NaN
  list.push({
    target: `Hub RSS < ${RSS_TARGET_MB} MB with 1000 members connected`,
    pass: peak < RSS_TARGET_MB,
    measured:
      `peak ${fmt(peak, 1)} MB, ${fmt(ours1000?.rssAfterJoinMb ?? Number.NaN, 1)} MB after ` +
      `all joined, ${fmt(ours1000?.idleRssMb ?? Number.NaN, 1)} MB idle before, ` +
      `${fmt(ours1000?.rssAfterGcMb ?? Number.NaN, 1)} MB after a full GC at the end ` +
      `(V8 heap ${fmt(ours1000?.heapAfterGcMb ?? Number.NaN, 1)} MB); baseline: ` +
      `peak ${fmt(big?.hubs.baseline.peakRssMb ?? Number.NaN, 1)} MB, ` +
      `heap after GC ${fmt(big?.hubs.baseline.heapAfterGcMb ?? Number.NaN, 1)} MB; ` +
      `our hub over TLS: peak ${fmt(big?.hubs.tls?.peakRssMb ?? Number.NaN, 1)} MB, ` +
      `${fmt(big?.hubs.tls?.rssAfterGcMb ?? Number.NaN, 1)} MB after a full GC`,
  })
  return list
}

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A ratio of two hubs' figures in each search repeat: the median and every repeat's value. */
function repeated(
  searches: Scenario[],
  top: HubKind,
  bottom: HubKind,
  pick: (r: TrialResult) => number,
): { median: number; text: string } {
  const each = searches.map((s) => {
    const a = s.hubs[top]?.result
    const b = s.hubs[bottom]?.result
    return { value: a && b ? ratio(pick(a), pick(b)) : Number.NaN, a, b }
  })
  const value = median(each.map((e) => e.value))
  const text = each
    .map(
      (e) =>
        `${fmt(e.value, 2)}× (${fmt(e.a ? pick(e.a) : Number.NaN, 2)} vs ` +
        `${fmt(e.b ? pick(e.b) : Number.NaN, 2)}, load ${fmt(e.a?.load1 ?? Number.NaN, 1)})`,
    )
    .join('; ')
  return { median: value, text: `median ${fmt(value, 2)}× of ${each.length} runs: ${text}` }
}

/** Issue #12's targets 2–5 (6 and 7 come from the hostile scenarios, see hostile.ts). */
function uwsTargets(scenarios: Scenario[]): Target[] {
  const list: Target[] = []
  const searches = scenarios.filter((s) => s.kind === 'search')
  const skipped = uwsUnavailable !== null ? ` (uWS skipped: ${uwsUnavailable})` : ''
  const dps = (r: TrialResult): number => r.deliveriesPerSec
  const cpu = (r: TrialResult): number => r.cpuUsPerDelivery
  const t2a = repeated(searches, 'ours', 'uws', dps)
  list.push({
    target: `#12.2 ${SEARCH_RECEIVERS} receivers, highest rate without loss, plain: deliveries/s ≥ 1.0× uWS`,
    pass: t2a.median >= 1,
    measured: t2a.text + skipped,
  })
  const t2b = repeated(searches, 'ours', 'uws', cpu)
  list.push({
    target: `#12.2 … plain: hub CPU per delivery ≤ 1.0× uWS's`,
    pass: t2b.median <= 1,
    measured: t2b.text + skipped,
  })
  const t3a = repeated(searches, 'tls', 'uwsTls', dps)
  list.push({
    target: `#12.3 the same over TLS: deliveries/s ≥ 1.0× uWS over TLS`,
    pass: t3a.median >= 1,
    measured: t3a.text + skipped,
  })
  const t3b = repeated(searches, 'tls', 'ours', dps)
  list.push({
    target: `#12.3 LAN Room TLS ÷ LAN Room plain deliveries/s ≥ 0.85`,
    pass: t3b.median >= 0.85,
    measured: t3b.text,
  })
  const big = scenarios.find((s) => s.kind === 'fixed' && s.receivers === 1000)
  const tls1000 = big?.hubs.tls
  const peak = tls1000?.peakRssMb ?? Number.NaN
  list.push({
    target: `#12.4 1000 members over TLS: hub RSS ≤ ${RSS_TARGET_MB} MB`,
    pass: peak <= RSS_TARGET_MB,
    measured:
      `peak ${fmt(peak, 1)} MB, ${fmt(tls1000?.rssAfterJoinMb ?? Number.NaN, 1)} MB after all ` +
      `joined, ${fmt(tls1000?.rssAfterGcMb ?? Number.NaN, 1)} MB after a full GC (V8 heap ` +
      `${fmt(tls1000?.heapAfterGcMb ?? Number.NaN, 1)} MB used of ` +
      `${fmt(tls1000?.heapHeldMb ?? Number.NaN, 1)} MB held, young generation ` +
      `${fmt(tls1000?.youngGenerationMb ?? Number.NaN, 1)} MB); uWS over TLS: peak ` +
      `${fmt(big?.hubs.uwsTls?.peakRssMb ?? Number.NaN, 1)} MB; load ` +
      `${fmt(tls1000?.result?.load1 ?? Number.NaN, 1)}`,
  })
  for (const [label, top, bottom] of [
    ['plain', 'ours', 'uws'],
    ['TLS', 'tls', 'uwsTls'],
  ] as Array<[string, HubKind, HubKind]>) {
    const a = big?.hubs[top]?.result
    const b = big?.hubs[bottom]?.result
    const value = a && b ? ratio(a.p99Ms, b.p99Ms) : Number.NaN
    list.push({
      target: `#12.5 1000 receivers × ${FIXED_RATE} chats/s, ${label}: p99 latency ≤ uWS's`,
      pass: value <= 1,
      measured:
        `${fmt(value, 2)}× (${fmt(a?.p99Ms ?? Number.NaN, 2)} vs ` +
        `${fmt(b?.p99Ms ?? Number.NaN, 2)} ms; load ${fmt(a?.load1 ?? Number.NaN, 1)} / ` +
        `${fmt(b?.load1 ?? Number.NaN, 1)})` +
        skipped,
    })
  }
  return list
}

function searchLog(scenario: Scenario): string {
  const lines: string[] = []
  for (const kind of ROW_ORDER) {
    const figures = scenario.hubs[kind]
    if (!figures) continue
    const trials = figures.trials
      .map(
        (t) =>
          `${fmt(t.rate, 0)} ${t.sustained ? '✓' : '✗'} (hub ${fmt(t.cpuBusy * 100, 0)} %, ` +
          `peak RSS ${fmt(t.peakRssMb, 0)} MB, ` +
          `receivers ${fmt(t.receiversBusy * 100, 0)} %, sender ${fmt(t.senderBusy * 100, 0)} %; ` +
          `hub event loop stalled up to ${fmt(t.loopDelayMaxMs, 0)} ms)`,
      )
      .join(', ')
    lines.push(`- ${HUB_LABEL[kind]}: ${trials}`)
  }
  return lines.join('\n')
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const started = Date.now()
  process.stderr.write(
    `LAN Room broadcast benchmark${QUICK ? ' (quick)' : ''}: ${cpus().length} CPUs, ` +
      `Node ${process.version}, CLK_TCK ${ticks}, open files ${fdLimits.soft}` +
      (raiseFds ? ` (children raised to ${FD_WANTED})` : '') +
      '\n',
  )
  if (fdLimits.soft < FD_WANTED && !raiseFds) {
    process.stderr.write(
      `warning: the open-file limit (${fdLimits.soft}) may be too low for 1000 receivers\n`,
    )
  }
  await bundleHubs()
  // The pair both TLS hubs serve, made before either starts (as an installation has its own).
  await loadOrCreateTlsCredentials(TLS_DIR)
  const floorMb = await loaderFloorMb()
  const pool = Array.from({ length: RECEIVER_PROCESSES }, () => ReceiverProcess.start())
  const scenarios: Scenario[] = []
  let floods: FloodFigures[] = []
  let storm: StormFigures | null = null
  try {
    await Promise.race([
      Promise.all(pool.map((proc) => proc.ready)),
      sleep(30_000).then(() => {
        throw new Error('receiver processes did not start')
      }),
    ])
    let index = 0
    const partial = ONLY_HOSTILE || ONLY_FIXED > 0 || ONLY_STORM || ONLY_SEARCH
    const fixed = ONLY_FIXED > 0 ? [ONLY_FIXED] : partial ? [] : FIXED_RECEIVERS
    for (const receivers of fixed) {
      scenarios.push(await fixedScenario(pool, receivers, index++))
    }
    const searches = partial && !ONLY_SEARCH ? 0 : SEARCH_REPEATS
    for (let repeat = 1; repeat <= searches; repeat++) {
      scenarios.push(await searchScenario(pool, index++, repeat))
    }
    if (!ONLY_BROADCAST && ONLY_FIXED === 0 && !ONLY_SEARCH) {
      if (!ONLY_STORM) floods = await floodScenario(pool, index++)
      storm = await stormScenario(pool, index++)
    }
  } finally {
    for (const proc of pool) proc.child.disconnect?.()
    await Promise.all(pool.map((proc) => stopChild(proc.child)))
  }

  const results = [
    ...targets(scenarios),
    ...uwsTargets(scenarios),
    ...hostileTargets(floods, storm),
  ]
  const searches = scenarios.filter((s) => s.kind === 'search')
  const out: string[] = [
    '',
    `## Broadcast benchmark — LAN Room hub vs uWebSockets.js and the tutorial baseline (same run)`,
    '',
    `${cpus().length} CPUs, Node ${process.version}; hubs, receivers and sender in separate ` +
      `processes on 127.0.0.1. Fixed-rate runs: ${FIXED_RATE} chats/s for ` +
      `${FIXED_DURATION_MS / 1000} s. Highest rate: every chat delivered to every receiver, ` +
      `no disconnect, last delivery ≤ ${LATENCY_BOUND_MS} ms after the last send and ` +
      `p99 ≤ ${LATENCY_BOUND_MS} ms, ${SEARCH.durationMs / 1000} s per trial. ` +
      'Deliveries/s: deliveries to the receivers ÷ time from the first send to the last ' +
      'delivery. Peak RSS in run: VmHWM from the start of that run; in scenario: over the ' +
      'joins, the warm-up and every run of the scenario (the highest-rate scenario includes ' +
      'the overloaded trials).',
    '',
    table(scenarios),
    '',
  ]
  for (const search of searches) {
    out.push(
      `Rates tried at ${search.name} (chats/s; ✓ sustained; CPU time of the hub, ` +
        'of the receiver processes and of the sender ÷ trial time, 100 % = one core of 2):',
      searchLog(search),
      '',
    )
  }
  out.push(
    `RSS includes Node itself (every hub runs bundled, without tsx), ${fmt(floorMb, 1)} MB on ` +
      'its own in this run. ' +
      `Hub CPU from ${precise ? '/proc/<pid>/task/*/schedstat (ns)' : `/proc/<pid>/stat (${ticks} ticks/s)`}.`,
    '',
  )
  out.push('### Targets', '')
  for (const t of results) {
    out.push(`- **${t.pass ? 'PASS' : 'FAIL'}** ${t.target}: ${t.measured}`)
  }
  const passed = results.filter((t) => t.pass).length
  out.push(
    '',
    `${passed} of ${results.length} targets pass. Total time ${fmt((Date.now() - started) / 1000, 0)} s.`,
    '',
  )
  process.stdout.write(out.join('\n'))

  mkdirSync(dirname(ARTIFACT), { recursive: true })
  writeFileSync(
    ARTIFACT,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version, clockTicks: ticks },
        config: {
          quick: QUICK,
          fixedRate: FIXED_RATE,
          fixedDurationMs: FIXED_DURATION_MS,
          warmup: WARMUP,
          search: SEARCH,
          latencyBoundMs: LATENCY_BOUND_MS,
        },
        loaderFloorRssMb: floorMb,
        cpuSource: precise ? 'schedstat' : 'stat',
        scenarios,
        hostile: { floods, storm },
        targets: results,
      },
      null,
      2,
    ) + '\n',
  )
  process.stdout.write(`Results written to ${ARTIFACT}\n`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : error}\n`)
    killChildren('SIGKILL')
    process.exit(1)
  },
)
