/**
 * The cluster benchmark (issue #19; `npm run bench:cluster`, part of `npm run bench`): one room
 * on several LAN Room hubs through NATS JetStream (three nats-servers, the stream with three
 * replicas) against the same room on one hub without NATS, measured in the same run on
 * loopback, plain ws (TLS with CLUSTER_BENCH_TLS=1). The machine is shared: each trial records the
 * 1-minute load average, and only the ratios between setups run side by side mean much.
 *
 * Processes: every hub runs in a child process of its own (lib/cluster-hub.ts, bundled), the
 * nats-servers are started by test/support/nats-cluster.ts, the members live in three receiver
 * processes (bench/receivers.ts) and the senders run here. CPU (user + system, from
 * /proc/<pid>/stat before and after a trial) and RSS are read for every hub and nats-server.
 * Every chat carries its send time, so each receiver measures each delivery's latency, and
 * counts deliveries per member: a trial checks that nothing was lost or doubled.
 *
 * Scenarios:
 *  1. latency: a sender on hub A, 100 members on A and 100 on B (the JetStream hop between
 *     hubs), against 200 members on the single hub, at a low rate;
 *  2. throughput: 3 hubs × 300 members against one hub with 900, a sender at a fixed rate
 *     the single hub holds, then the rate doubled while both still deliver everything (a
 *     short ladder, not a search);
 *  3. sizing: 1, 2 and 3 hubs through NATS, and one hub without NATS, growing by 300
 *     members per hub a step, every member's share of chats 1 a second per 50 members (one
 *     sender per hub), until a step fails, the cap or the time budget is reached.
 * Every hub has the real limits: at most maxMembers (1024) members of its own, so the sizing
 * steps stop there per hub (the last step is smaller), and the room at most maxRoomMembers.
 * Every member checks its welcome as the app does (SCHEMAS.welcome), and one it refuses is a
 * member that could not join.
 * A trial holds when every member got every chat once, no connection was lost, every
 * sender's chats came back, and p99 latency is within the bound (CLUSTER_BENCH_P99_MS).
 *
 * Parameters (environment): CLUSTER_BENCH_MEMBERS (per hub, 300), CLUSTER_BENCH_RATE (chats/s
 * of the fixed-rate trial, 40), CLUSTER_BENCH_DURATION_MS (4000), CLUSTER_BENCH_LADDER
 * (doublings, 2), CLUSTER_BENCH_STEP (300), CLUSTER_BENCH_CAP (members per hub, 1024: at most
 * maxMembers, and the hubs together at most maxRoomMembers),
 * CLUSTER_BENCH_BUDGET_S (seconds per sizing setup, 40), CLUSTER_BENCH_P99_MS (500),
 * CLUSTER_BENCH_HUBS (sizing hub counts, "1,2,3"), CLUSTER_BENCH_TLS ("1": over TLS).
 *
 * It prints Markdown tables, writes artifacts/bench-cluster.json and exits 0 whatever the
 * figures (1 only if the benchmark itself broke).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../test/support/nats-cluster'
import type { ReceiverChild } from './lib/children'
import { HubChild, killAllChildren, spawnChild, spawnReceivers, stopChild } from './lib/children'
import {
  fmt,
  printLatency,
  printSizing,
  printThroughput,
  type SizingRow,
  type TrialResult,
} from './lib/cluster-report'
import { bundleEntries } from './lib/bundle'
import { benchTls } from './lib/cluster-tls'
import { Histogram } from './lib/histogram'
import { childPids } from './lib/nats-pids'
import { PacedSender, type SendResult } from './lib/paced-sender'
import { clockTicks, cpuSplit, memoryMb } from './lib/proc'
import { LIMITS } from '../src/shared/protocol'

// ------------------------------------------------------------------ configuration

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}
const MEMBERS = envNumber('CLUSTER_BENCH_MEMBERS', 300)
const FIXED_RATE = envNumber('CLUSTER_BENCH_RATE', 40)
const DURATION_MS = envNumber('CLUSTER_BENCH_DURATION_MS', 4_000)
const LADDER = Math.floor(envNumber('CLUSTER_BENCH_LADDER', 2))
const STEP = envNumber('CLUSTER_BENCH_STEP', 300)
const CAP = Math.min(envNumber('CLUSTER_BENCH_CAP', LIMITS.maxMembers), LIMITS.maxMembers)
const BUDGET_MS = envNumber('CLUSTER_BENCH_BUDGET_S', 40) * 1000
const P99_BOUND_MS = envNumber('CLUSTER_BENCH_P99_MS', 500)
const SIZING_HUBS = (process.env.CLUSTER_BENCH_HUBS ?? '1,2,3')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 1 && n <= 3)
const LATENCY = { members: 100, rate: 10, durationMs: 5_000 }
/** Members of the sizing run chat 1 a second per this many members. */
const MEMBERS_PER_CHAT_PER_S = 50
const DRAIN_MS = 3_000
const CONNECT_CONCURRENCY = 20
const REPLICAS = 3

const ROOT = dirname(import.meta.dirname)
const BUNDLE_DIR = join(ROOT, 'artifacts', 'bench-cluster')
/** CLUSTER_BENCH_TLS=1: hubs, members and senders over TLS (lib/cluster-tls.ts). */
const tls = benchTls()
const ARTIFACT = join(ROOT, 'artifacts', `bench-cluster${tls.suffix}.json`)
const ticks = clockTicks()
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const dataDirs = new Set<string>(tls.dir ? [tls.dir] : [])
let nats: NatsCluster | null = null

process.on('exit', () => {
  killAllChildren()
  // The nats-servers the harness started, should the bench end before it could stop them.
  for (const pid of childPids('nats-server')) process.kill(pid, 'SIGKILL')
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void (nats?.stop() ?? Promise.resolve()).finally(() => process.exit(130))
  })
}

// ------------------------------------------------------------------ processes

interface Hub {
  child: HubChild
  dataDir: string
}

async function startHub(entry: string, room: string, urls: string[] | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanroom-bench-cluster-'))
  dataDirs.add(dataDir)
  const args = [entry, dataDir, room]
  if (urls) args.push(urls.join(','), String(REPLICAS))
  args.push(...tls.hubArgs)
  const label = urls ? `hub of ${room}` : `single hub of ${room}`
  const child = await HubChild.start(spawnChild(process.execPath, args, ROOT, false), label, 60_000)
  return { child, dataDir } satisfies Hub
}

async function stopHubs(hubs: Hub[]): Promise<void> {
  await Promise.all(hubs.map((hub) => stopChild(hub.child.child)))
  for (const hub of hubs) {
    rmSync(hub.dataDir, { recursive: true, force: true })
    dataDirs.delete(hub.dataDir)
  }
}

/** Hub `i` of a cluster tries NATS server `i` first, so that the hubs spread over the servers. */
const rotated = (urls: string[], i: number): string[] => [
  ...urls.slice(i % urls.length),
  ...urls.slice(0, i % urls.length),
]

/** Opens `count` members of `group` on `port`, split over the receiver processes. */
async function connect(
  receivers: ReceiverChild[],
  group: string,
  port: number,
  count: number,
): Promise<number> {
  const results = await Promise.all(
    receivers.map((proc, i) =>
      proc.request('connect', {
        group,
        port,
        count: Math.floor(count / receivers.length) + (i < count % receivers.length ? 1 : 0),
        prefix: group,
        concurrency: Math.ceil(CONNECT_CONCURRENCY / receivers.length),
        tls: tls.on,
        challenge: true,
        checkWelcome: true,
      }),
    ),
  )
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  const errors = results.flatMap((r) => r.errors)
  if (failed > 0) process.stderr.write(`  ${group}: ${failed} failed to join: ${errors[0]}\n`)
  return count - failed
}

/** CPU seconds (user + system, /proc/<pid>/stat) of each pid. */
const cpuOf = (pids: number[]): number[] =>
  pids.map((pid) => {
    const { user, system } = cpuSplit(pid, ticks)
    return user + system
  })

/** Waits, bounded, until every process is idle (at most 2 clock ticks in 250 ms each). */
async function settle(pids: number[]): Promise<void> {
  const deadline = Date.now() + 20_000
  let before = cpuOf(pids)
  while (Date.now() < deadline) {
    await sleep(250)
    const now = cpuOf(pids)
    if (now.every((cpu, i) => cpu - (before[i] as number) <= 2 / ticks)) return
    before = now
  }
}

// ------------------------------------------------------------------ trials

let trialCounter = 0

/**
 * One trial: each sender sends at its rate for `durationMs`; every member of `members` (the
 * total over `groups`, one group per receiver process whose members are counted one by one)
 * must receive every chat of every sender once.
 */
async function runTrial(options: {
  receivers: ReceiverChild[]
  groups: string[]
  members: number
  senders: Array<{ sender: PacedSender; rate: number }>
  durationMs: number
  hubs: HubChild[]
  natsPids: number[]
}): Promise<TrialResult> {
  const { receivers, groups, members, senders, hubs, natsPids } = options
  const hubPids = hubs.map((hub) => hub.pid)
  // Starts each hub's event-loop delay measurement afresh (lib/hub-child.ts).
  await Promise.all(hubs.map((hub) => hub.command('stats')))
  const trial = ++trialCounter
  await Promise.all(
    receivers.map((proc, i) => proc.request('reset', { trial, group: groups[i] ?? '' })),
  )
  const hubBefore = cpuOf(hubPids)
  const natsBefore = cpuOf(natsPids)
  const wallBefore = performance.now()
  const sends: SendResult[] = await Promise.all(
    senders.map(({ sender, rate }, tag) => sender.run(trial, tag, rate, options.durationMs)),
  )
  const chats = sends.reduce((sum, s) => sum + s.sent, 0)
  const expected = chats * members
  const echoed = (): boolean => senders.every(({ sender }) => sender.echoes >= chats)
  const drainUntil = Date.now() + DRAIN_MS
  while (Date.now() < drainUntil) {
    const counts = await Promise.all(receivers.map((proc) => proc.request('count', {})))
    if (counts.reduce((sum, c) => sum + c.delivered, 0) >= expected && echoed()) break
    await sleep(25)
  }
  const wallS = (performance.now() - wallBefore) / 1000
  const busy = (after: number[], before: number[]): number[] =>
    after.map((cpu, i) => (cpu - (before[i] as number)) / wallS)
  const hubBusy = busy(cpuOf(hubPids), hubBefore)
  const natsBusy = busy(cpuOf(natsPids), natsBefore)
  const loops = await Promise.all(hubs.map((hub) => hub.command('stats')))
  const reports = await Promise.all(receivers.map((proc) => proc.request('report', {})))

  const histogram = new Histogram()
  let delivered = 0
  let disconnects = 0
  let lastUs = 0
  let maxPer = 0
  const perReceiver: TrialResult['perReceiver'] = []
  for (const report of reports) {
    delivered += report.delivered
    disconnects += report.disconnects
    lastUs = Math.max(lastUs, report.lastUs)
    maxPer = Math.max(maxPer, report.maxPerConnection)
    histogram.add(report.histogram, report.sumUs, report.maxUs)
    const own = new Histogram()
    own.add(report.histogram, report.sumUs, report.maxUs)
    perReceiver.push({
      delivered: report.delivered,
      p50Ms: own.percentile(0.5) / 1000,
      p99Ms: own.percentile(0.99) / 1000,
    })
  }
  // The member that got fewest chats of the counted groups (a group is one receiver's).
  const minPer = Math.min(
    ...reports.map((r, i) => (groups[i] ? r.minPerConnection : Number.POSITIVE_INFINITY)),
  )
  const firstUs = Math.min(...sends.map((s) => s.firstUs))
  const lastSendUs = Math.max(...sends.map((s) => s.lastUs))
  const result: TrialResult = {
    chats,
    members,
    expected,
    delivered,
    lost: Math.max(0, expected - delivered, Number.isFinite(minPer) ? chats - minPer : 0),
    duplicates: Math.max(0, delivered - expected, maxPer - chats),
    disconnects,
    missingEchoes: senders.reduce((sum, { sender }) => sum + Math.max(0, chats - sender.echoes), 0),
    deliveriesPerSec: lastUs > firstUs ? delivered / ((lastUs - firstUs) / 1e6) : 0,
    p50Ms: histogram.percentile(0.5) / 1000,
    p99Ms: histogram.percentile(0.99) / 1000,
    maxMs: histogram.maxUs / 1000,
    lagMs: lastUs > 0 ? (lastUs - lastSendUs) / 1000 : Number.NaN,
    perReceiver,
    hubBusy,
    natsBusy,
    hubRssMb: hubPids.map((pid) => memoryMb(pid, 'VmRSS')),
    hubLoopDelayP99Ms: loops.map((loop) => loop.loopDelayP99Ms),
    natsRssMb: natsPids.map((pid) => memoryMb(pid, 'VmRSS')),
    load1: loadavg()[0] as number,
    held: false,
    reason: '',
  }
  const reasons: string[] = []
  if (result.lost > 0) reasons.push(`${result.lost} lost`)
  if (result.duplicates > 0) reasons.push(`${result.duplicates} doubled`)
  if (disconnects > 0) reasons.push(`${disconnects} disconnected`)
  if (result.missingEchoes > 0) reasons.push(`${result.missingEchoes} echoes missing`)
  if (!(result.p99Ms <= P99_BOUND_MS)) reasons.push(`p99 ${fmt(result.p99Ms, 0)} ms`)
  result.held = reasons.length === 0
  result.reason = reasons.join(', ') || 'held'
  return result
}

// ------------------------------------------------------------------ scenarios

interface Setup {
  label: string
  hubs: Hub[]
  natsPids: number[]
}

async function startSetup(
  entry: string,
  label: string,
  room: string,
  hubCount: number,
  clustered: boolean,
): Promise<Setup> {
  const urls = clustered && nats ? nats.urls : null
  const hubs: Hub[] = []
  // One after the other: the first makes the room's stream, the others find it.
  for (let i = 0; i < hubCount; i++) {
    hubs.push(await startHub(entry, room, urls ? rotated(urls, i) : null))
  }
  return { label, hubs, natsPids: clustered ? childPids('nats-server') : [] }
}

const hubPids = (setup: Setup): number[] => setup.hubs.map((hub) => hub.child.pid)

/** Scenario 1: the latency a sender on hub A sees on hub A and on hub B. */
async function latencyScenario(
  receivers: ReceiverChild[],
  cluster: Setup,
  single: Setup,
): Promise<Array<{ setup: Setup; result: TrialResult }>> {
  const out: Array<{ setup: Setup; result: TrialResult }> = []
  for (const setup of [single, cluster]) {
    const [a, b] = [setup.hubs[0] as Hub, (setup.hubs[1] ?? setup.hubs[0]) as Hub]
    const groups = ['lat-a', 'lat-b']
    const procs = receivers.slice(0, 2)
    await Promise.all([
      connect([procs[0] as ReceiverChild], 'lat-a', a.child.port, LATENCY.members),
      connect([procs[1] as ReceiverChild], 'lat-b', b.child.port, LATENCY.members),
    ])
    const sender = await PacedSender.connect(a.child.port, 'lat-sender', tls.on)
    await settle([...hubPids(setup), ...setup.natsPids])
    const result = await runTrial({
      receivers: procs,
      groups,
      members: LATENCY.members * 2,
      senders: [{ sender, rate: LATENCY.rate }],
      durationMs: LATENCY.durationMs,
      hubs: setup.hubs.map((hub) => hub.child),
      natsPids: setup.natsPids,
    })
    sender.close()
    await Promise.all(procs.map((proc, i) => proc.request('disconnect', { group: groups[i]! })))
    out.push({ setup, result })
  }
  return out
}

/** Scenario 2: 900 members on one hub against 3 × 300 on three, at a fixed rate and up. */
async function throughputScenario(
  receivers: ReceiverChild[],
  cluster: Setup,
  single: Setup,
): Promise<Array<{ setup: Setup; rate: number; result: TrialResult }>> {
  const out: Array<{ setup: Setup; rate: number; result: TrialResult }> = []
  const perHub = (setup: Setup): number => Math.round((MEMBERS * 3) / setup.hubs.length)
  const placed = new Map<Setup, { sender: PacedSender; groups: string[]; members: number }>()
  for (const setup of [single, cluster]) {
    // Receiver process i holds the members of hub i (of the single hub, a third each).
    const groups = receivers.map((_, i) => `${setup.hubs.length}h-${i}`)
    const joined = await Promise.all(
      receivers.map((proc, i) => {
        const hub = setup.hubs[i % setup.hubs.length] as Hub
        const count = setup.hubs.length === 1 ? perHub(setup) / receivers.length : MEMBERS
        return connect([proc], groups[i]!, hub.child.port, Math.round(count))
      }),
    )
    const sender = await PacedSender.connect(
      setup.hubs[0]!.child.port,
      `sender-${setup.label}`,
      tls.on,
    )
    placed.set(setup, { sender, groups, members: joined.reduce((sum, n) => sum + n, 0) })
  }
  const trial = async (setup: Setup, rate: number): Promise<TrialResult> => {
    const { sender, groups, members } = placed.get(setup)!
    await settle([...hubPids(single), ...hubPids(cluster), ...cluster.natsPids])
    const result = await runTrial({
      receivers,
      groups,
      members,
      senders: [{ sender, rate }],
      durationMs: DURATION_MS,
      hubs: setup.hubs.map((hub) => hub.child),
      natsPids: setup.natsPids,
    })
    out.push({ setup, rate, result })
    process.stderr.write(`  ${setup.label} at ${rate}/s: ${result.reason}\n`)
    return result
  }
  // The fixed rate, single first; then each climbs its ladder while it holds.
  for (const setup of [single, cluster]) await trial(setup, FIXED_RATE)
  for (const setup of [single, cluster]) {
    let rate = FIXED_RATE
    for (let step = 0; step < LADDER; step++) {
      rate *= 2
      if (!(await trial(setup, rate)).held) break
    }
  }
  for (const setup of [single, cluster]) {
    const { sender, groups } = placed.get(setup)!
    sender.close()
    await Promise.all(receivers.map((proc, i) => proc.request('disconnect', { group: groups[i]! })))
  }
  return out
}

/** Scenario 3: the largest room a setup holds, growing by STEP members per hub. */
async function sizingScenario(
  entry: string,
  receivers: ReceiverChild[],
  hubCount: number,
  clustered: boolean,
): Promise<SizingRow[]> {
  const label =
    (clustered ? `${hubCount} hub${hubCount > 1 ? 's' : ''}, NATS R3` : '1 hub, no NATS') +
    tls.label
  const room = `sizing-${hubCount}-${clustered ? 'nats' : 'alone'}`
  const setup = await startSetup(entry, label, room, hubCount, clustered)
  // Each hub takes maxMembers of its own, the room maxRoomMembers in all; each hub's sender
  // is one of them.
  const roomShare = Math.floor(LIMITS.maxRoomMembers / hubCount)
  const cap = Math.min(CAP, LIMITS.maxMembers - 1, roomShare - 1)
  const rows: SizingRow[] = []
  const senders = await Promise.all(
    setup.hubs.map((hub, i) => PacedSender.connect(hub.child.port, `${room}-sender-${i}`, tls.on)),
  )
  const groups: string[] = []
  const startedAt = Date.now()
  let perHub = 0
  let members = 0
  try {
    while (perHub < cap && Date.now() - startedAt < BUDGET_MS) {
      const added = Math.min(STEP, cap - perHub)
      perHub += added
      const step = rows.length
      const joined = await Promise.all(
        setup.hubs.map((hub, h) =>
          connect(receivers, `${room}-s${step}-h${h}`, hub.child.port, added),
        ),
      )
      members += joined.reduce((sum, n) => sum + n, 0)
      groups.splice(0, groups.length, ...setup.hubs.map((_, h) => `${room}-s${step}-h${h}`))
      const joinFailures = added * hubCount - joined.reduce((sum, n) => sum + n, 0)
      await settle([...hubPids(setup), ...setup.natsPids])
      const rate = Math.max(1, perHub / MEMBERS_PER_CHAT_PER_S)
      const result = await runTrial({
        receivers,
        // Only the newest step's members are counted one by one (per receiver, one group);
        // the totals cover everyone.
        groups: receivers.map((_, i) => groups[i % groups.length] ?? ''),
        members,
        senders: senders.map((sender) => ({ sender, rate })),
        durationMs: DURATION_MS,
        hubs: setup.hubs.map((hub) => hub.child),
        natsPids: setup.natsPids,
      })
      const held = result.held && joinFailures === 0
      const reason =
        joinFailures > 0 ? `${joinFailures} could not join; ${result.reason}` : result.reason
      rows.push({
        label,
        hubs: hubCount,
        members,
        chatsPerSec: rate * hubCount,
        result,
        held,
        reason,
      })
      process.stderr.write(`  ${label}, ${members} members: ${reason}\n`)
      if (!held) break
    }
  } finally {
    for (const sender of senders) sender.close()
    await Promise.all(
      receivers.flatMap((proc) =>
        rows.flatMap((_, step) =>
          setup.hubs.map((_, h) => proc.request('disconnect', { group: `${room}-s${step}-h${h}` })),
        ),
      ),
    )
    await stopHubs(setup.hubs)
  }
  if (rows.length > 0 && rows.at(-1)!.held && perHub >= cap) rows.at(-1)!.reason += ' (cap)'
  else if (rows.length > 0 && rows.at(-1)!.held) rows.at(-1)!.reason += ' (time budget)'
  return rows
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  if (!natsServerInstalled) {
    process.stdout.write('cluster bench: no nats-server at /usr/sbin/nats-server; skipped.\n')
    return
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  process.stdout.write(
    `# Cluster bench (issue #19)\n\nMachine: ${machine}; load at start ${fmt(loadavg()[0]!, 2)}.\n`,
  )
  process.stdout.write(`Both sides ${tls.describe}, hubs and nats-servers on loopback.\n`)
  const runStart = performance.now()
  await bundleEntries([join(ROOT, 'bench', 'lib', 'cluster-hub.ts')], BUNDLE_DIR)
  const entry = join(BUNDLE_DIR, 'cluster-hub.mjs')
  nats = await startNatsCluster({ servers: 3 })
  const receivers = spawnReceivers(3, ROOT)
  try {
    await Promise.race([
      Promise.all(receivers.map((proc) => proc.ready)),
      sleep(60_000).then(() => Promise.reject(new Error('the receiver processes did not start'))),
    ])
    const single = await startSetup(entry, `1 hub, no NATS${tls.label}`, 'main', 1, false)
    const cluster = await startSetup(entry, `3 hubs, NATS R3${tls.label}`, 'main', 3, true)
    process.stdout.write(
      `NATS: 3 nats-servers (pids ${cluster.natsPids.join(', ')}), stream R${REPLICAS}.\n`,
    )
    const latency = await latencyScenario(receivers, cluster, single)
    printLatency(latency, LATENCY)
    const throughput = await throughputScenario(receivers, cluster, single)
    printThroughput(throughput, {
      members: MEMBERS,
      durationMs: DURATION_MS,
      p99BoundMs: P99_BOUND_MS,
    })
    await stopHubs([...single.hubs, ...cluster.hubs])

    const sizing: SizingRow[] = []
    sizing.push(...(await sizingScenario(entry, receivers, 1, false)))
    for (const hubCount of SIZING_HUBS) {
      sizing.push(...(await sizingScenario(entry, receivers, hubCount, true)))
    }
    printSizing(sizing, {
      step: STEP,
      cap: CAP,
      budgetS: BUDGET_MS / 1000,
      p99BoundMs: P99_BOUND_MS,
      membersPerChat: MEMBERS_PER_CHAT_PER_S,
    })
    mkdirSync(dirname(ARTIFACT), { recursive: true })
    const strip = (rows: Array<{ setup: Setup }>) =>
      rows.map(({ setup, ...rest }) => ({ setup: setup.label, ...rest }))
    writeFileSync(
      ARTIFACT,
      `${JSON.stringify({ machine, latency: strip(latency), throughput: strip(throughput), sizing }, null, 2)}\n`,
    )
    const runS = (performance.now() - runStart) / 1000
    process.stdout.write(
      `\nRun time ${fmt(runS, 0)} s; load at the end ${fmt(loadavg()[0]!, 2)}.\n`,
    )
    process.stdout.write(`Wrote ${ARTIFACT}.\n`)
  } finally {
    for (const proc of receivers) proc.child.disconnect()
    await nats.stop()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `cluster bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    )
    process.exit(1)
  },
)
