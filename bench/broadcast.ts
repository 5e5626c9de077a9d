/**
 * The broadcast benchmark (`npm run bench`): the LAN Room hub against a baseline hub written the
 * way the tutorials write one (bench/baseline-hub.ts), measured in the same run on loopback.
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
 * It prints a Markdown table and the targets with PASS/FAIL, writes artifacts/bench.json, and
 * exits 0 whatever the figures (it is a report; 1 only if the benchmark itself broke).
 * `--quick` runs shorter trials.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { SUBPROTOCOL, WS_PATH } from '../src/shared/protocol'
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
const BENCH_DIR = import.meta.dirname
const ROOT = dirname(BENCH_DIR)
const ARTIFACT = join(ROOT, 'artifacts', 'bench.json')

const FIXED_RATE = 20
const FIXED_DURATION_MS = QUICK ? 2_000 : 5_000
const FIXED_RECEIVERS = [10, 100, 1000]
const WARMUP = { rate: 50, durationMs: 1_000 }
const SEARCH_RECEIVERS = 100
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
 * run it; baseline: the tutorial hub. */
type HubKind = 'ours' | 'baseline' | 'tls'
const HUB_ENTRY: Record<HubKind, string> = {
  ours: join(BENCH_DIR, 'run-hub.ts'),
  baseline: join(BENCH_DIR, 'baseline-hub.ts'),
  tls: join(BENCH_DIR, 'run-hub.ts'),
}
const HUB_LABEL: Record<HubKind, string> = {
  ours: 'LAN Room hub (plain)',
  baseline: 'baseline',
  tls: 'LAN Room hub (TLS)',
}
/** How each hub is spoken to. */
const HUB_WIRE: Record<HubKind, { tls: boolean; challenge: boolean }> = {
  ours: { tls: false, challenge: true },
  baseline: { tls: false, challenge: false },
  tls: { tls: true, challenge: true },
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
  const argv = [...nodeFlags, '--import', 'tsx', entry, ...args]
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

async function startHub(kind: HubKind, args?: string[]): Promise<HubProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanroom-bench-'))
  dataDirs.add(dataDir)
  const child = startChild(
    HUB_ENTRY[kind],
    args ?? (kind === 'tls' ? [dataDir, '--tls'] : [dataDir]),
    false,
    ['--expose-gc'],
  )
  if (!child.stdout) throw new Error('hub has no stdout')
  const lines = new LineReader(createInterface({ input: child.stdout }))
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${kind} hub exited (${code})`))),
  )
  exited.catch(() => {})
  const first = await Promise.race([lines.next(30_000, `the ${kind} hub`), exited])
  const { port, pid } = JSON.parse(first) as { port: number; pid: number }
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
    const line = await hub.lines.next(15_000, `the ${hub.kind} hub`)
    const answer = (JSON.parse(line) as Partial<HubAnswers>)[command]
    if (answer) return answer as HubAnswers[K]
  }
  throw new Error(`the ${hub.kind} hub does not answer ${command}`)
}

/** RSS of Node with the tsx loader and nothing else: the floor under both hubs' figures. */
async function loaderFloorMb(): Promise<number> {
  const idle = await startHub('ours', ['--no-hub'])
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
  /** After the scenario, after a full GC: V8 heap in use and RSS. */
  heapAfterGcMb: number
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
  hubs: Record<'ours' | 'baseline', HubFigures> & { tls?: HubFigures }
}

async function openRooms(
  pool: ReceiverProcess[],
  receivers: number,
  tag: string,
  order: HubKind[],
): Promise<{ rooms: Record<HubKind, Room>; figures: Record<HubKind, HubFigures> }> {
  const rooms = {} as Record<HubKind, Room>
  const figures = {} as Record<HubKind, HubFigures>
  for (const kind of order) {
    const hub = await startHub(kind)
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

async function closeRooms(
  rooms: Record<HubKind, Room>,
  figures: Record<HubKind, HubFigures>,
): Promise<void> {
  for (const kind of Object.keys(rooms) as HubKind[]) {
    const room = rooms[kind]
    // VmHWM is updated lazily; an RSS read earlier can be a little higher.
    figures[kind].peakRssMb = Math.max(
      room.peakMb,
      memoryMb(room.hub.pid, 'VmHWM'),
      figures[kind].rssAfterJoinMb,
    )
    const gc = await hubCommand(room.hub, 'gc')
    figures[kind].heapAfterGcMb = gc.heapUsedMb
    figures[kind].rssAfterGcMb = gc.rssMb
    room.sender.close()
    await Promise.all(room.parts.map(([proc]) => proc.request('disconnect', { group: room.group })))
  }
  await sleep(300)
  for (const kind of Object.keys(rooms) as HubKind[]) await stopHub(rooms[kind].hub)
}

async function fixedScenario(
  pool: ReceiverProcess[],
  receivers: number,
  index: number,
): Promise<Scenario> {
  const pair: HubKind[] = index % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours']
  const name = `${receivers} receivers × ${FIXED_RATE} chats/s`
  process.stderr.write(`\n${name}, ${FIXED_DURATION_MS / 1000} s\n`)
  const figures = {} as Record<HubKind, HubFigures>
  // Plain and baseline side by side, then our hub over TLS in a phase of its own: its members
  // (up to 1000 TLS connections, with heartbeats) would otherwise weigh on the receivers and
  // the machine while the other two are measured.
  for (const phase of [pair, ['tls'] as HubKind[]]) {
    const opened = await openRooms(pool, receivers, `s${index}`, phase)
    for (const kind of phase) {
      await runTrial(opened.rooms[kind], WARMUP.rate, WARMUP.durationMs, 'fixed')
    }
    for (const kind of phase) {
      const result = await runTrial(opened.rooms[kind], FIXED_RATE, FIXED_DURATION_MS, 'fixed')
      opened.figures[kind].result = result
      opened.figures[kind].trials.push(result)
      process.stderr.write(`  ${kind}: ${describeTrial(result)}\n`)
    }
    await closeRooms(opened.rooms, opened.figures)
    Object.assign(figures, opened.figures)
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

async function searchScenario(pool: ReceiverProcess[], index: number): Promise<Scenario> {
  const receivers = SEARCH_RECEIVERS
  const name = `${receivers} receivers, highest rate without loss`
  process.stderr.write(`\n${name} (${SEARCH.durationMs / 1000} s trials)\n`)
  const kinds: HubKind[] =
    index % 2 === 0 ? ['ours', 'baseline', 'tls'] : ['tls', 'baseline', 'ours']
  const { rooms, figures } = await openRooms(pool, receivers, `s${index}`, kinds)
  for (const kind of kinds) {
    await runTrial(rooms[kind], SEARCH.startRate, WARMUP.durationMs, 'search')
  }
  const states: Record<HubKind, SearchState> = {
    ours: { rate: SEARCH.startRate, good: null, bad: null, bisects: 0, done: false },
    baseline: { rate: SEARCH.startRate, good: null, bad: null, bisects: 0, done: false },
    tls: { rate: SEARCH.startRate, good: null, bad: null, bisects: 0, done: false },
  }
  // The two searches advance in turns, so that whatever else the machine does in the
  // meantime falls on both.
  for (let step = 0; step < SEARCH.maxTrialsPerHub; step++) {
    const order = step % 2 === 0 ? kinds : [...kinds].reverse()
    let ran = false
    for (const kind of order) {
      const state = states[kind]
      if (state.done) continue
      ran = true
      const result = await runTrial(rooms[kind], state.rate, SEARCH.durationMs, 'search')
      figures[kind].trials.push(result)
      process.stderr.write(`  ${kind}: ${describeTrial(result)}\n`)
      nextRate(state, result)
    }
    if (!ran) break
  }
  for (const kind of kinds) figures[kind].result = states[kind].good
  await closeRooms(rooms, figures)
  return { name, kind: 'search', receivers, hubs: figures }
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
    `loop delay max ${fmt(r.loopDelayMaxMs, 0)} ms` +
    (r.sustained ? ' — sustained' : ` — not sustained (${r.reason})`)
  )
}

function table(scenarios: Scenario[]): string {
  const header =
    '| Scenario | Hub | Receivers | Rate (chats/s) | Delivered / expected | Deliveries/s | ' +
    'p50 (ms) | p99 (ms) | Hub CPU (s) | CPU µs / delivery | Peak RSS in run (MB) | ' +
    'Peak RSS in scenario (MB) |'
  const rule = '|' + ' --- |'.repeat(12)
  const rows = [header, rule]
  for (const scenario of scenarios) {
    const ours = scenario.hubs.ours
    const base = scenario.hubs.baseline
    const secure = scenario.hubs.tls
    for (const figures of secure ? [ours, secure, base] : [ours, base]) {
      const r = figures.result
      rows.push(
        `| ${scenario.name} | ${HUB_LABEL[figures.hub]} | ${scenario.receivers} | ` +
          (r
            ? `${fmt(r.rate, 0)} | ${fmt(r.delivered, 0)} / ${fmt(r.expected, 0)} | ` +
              `${fmt(r.deliveriesPerSec, 0)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ` +
              `${fmt(r.cpuS, 2)} | ${fmt(r.cpuUsPerDelivery, 2)} | ${fmt(r.peakRssMb, 1)} | `
            : 'no rate sustained | – | – | – | – | – | – | – | ') +
          `${fmt(figures.peakRssMb, 1)} |`,
      )
    }
    const o = ours.result
    const b = base.result
    const x = (a: number | undefined, c: number | undefined): string =>
      a === undefined || c === undefined ? '–' : `${fmt(ratio(a, c), 2)}×`
    rows.push(
      `| ${scenario.name} | **ours ÷ baseline** | | ${x(o?.rate, b?.rate)} | | ` +
        `**${x(o?.deliveriesPerSec, b?.deliveriesPerSec)}** | ${x(o?.p50Ms, b?.p50Ms)} | ` +
        `**${x(o?.p99Ms, b?.p99Ms)}** | ${x(o?.cpuS, b?.cpuS)} | ` +
        `**${x(o?.cpuUsPerDelivery, b?.cpuUsPerDelivery)}** | ${x(o?.peakRssMb, b?.peakRssMb)} | ` +
        `${x(ours.peakRssMb, base.peakRssMb)} |`,
    )
    const t = secure?.result
    if (secure) {
      rows.push(
        `| ${scenario.name} | **TLS ÷ plain** | | ${x(t?.rate, o?.rate)} | | ` +
          `**${x(t?.deliveriesPerSec, o?.deliveriesPerSec)}** | ${x(t?.p50Ms, o?.p50Ms)} | ` +
          `${x(t?.p99Ms, o?.p99Ms)} | ${x(t?.cpuS, o?.cpuS)} | ` +
          `**${x(t?.cpuUsPerDelivery, o?.cpuUsPerDelivery)}** | ${x(t?.peakRssMb, o?.peakRssMb)} | ` +
          `${x(secure.peakRssMb, ours.peakRssMb)} |`,
        `| ${scenario.name} | **TLS ÷ baseline** | | ${x(t?.rate, b?.rate)} | | ` +
          `**${x(t?.deliveriesPerSec, b?.deliveriesPerSec)}** | ${x(t?.p50Ms, b?.p50Ms)} | ` +
          `${x(t?.p99Ms, b?.p99Ms)} | ${x(t?.cpuS, b?.cpuS)} | ` +
          `**${x(t?.cpuUsPerDelivery, b?.cpuUsPerDelivery)}** | ${x(t?.peakRssMb, b?.peakRssMb)} | ` +
          `${x(secure.peakRssMb, base.peakRssMb)} |`,
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

function searchLog(scenario: Scenario): string {
  const lines: string[] = []
  for (const kind of ['ours', 'tls', 'baseline'] as const) {
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
  const floorMb = await loaderFloorMb()
  const pool = Array.from({ length: RECEIVER_PROCESSES }, () => ReceiverProcess.start())
  const scenarios: Scenario[] = []
  try {
    await Promise.race([
      Promise.all(pool.map((proc) => proc.ready)),
      sleep(30_000).then(() => {
        throw new Error('receiver processes did not start')
      }),
    ])
    let index = 0
    for (const receivers of FIXED_RECEIVERS) {
      scenarios.push(await fixedScenario(pool, receivers, index++))
    }
    scenarios.push(await searchScenario(pool, index++))
  } finally {
    for (const proc of pool) proc.child.disconnect?.()
    await Promise.all(pool.map((proc) => stopChild(proc.child)))
  }

  const results = targets(scenarios)
  const search = scenarios.find((s) => s.kind === 'search')
  const out: string[] = [
    '',
    `## Broadcast benchmark — LAN Room hub vs tutorial baseline (same run)`,
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
  if (search) {
    out.push(
      'Rates tried at the highest-rate scenario (chats/s; ✓ sustained; CPU time of the hub, ' +
        'of the receiver processes and of the sender ÷ trial time, 100 % = one core of 2):',
      searchLog(search),
      '',
    )
  }
  out.push(
    `RSS includes Node with the tsx loader, ${fmt(floorMb, 1)} MB on its own in this run. ` +
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
