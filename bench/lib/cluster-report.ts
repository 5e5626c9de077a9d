/** The cluster benchmark's figures (bench/cluster.ts) and the Markdown tables it prints. */

export interface TrialResult {
  chats: number
  members: number
  expected: number
  delivered: number
  lost: number
  duplicates: number
  disconnects: number
  missingEchoes: number
  deliveriesPerSec: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Last delivery after the last send, ms. */
  lagMs: number
  /** Per receiver process (one per hub in the latency scenario): p50 and p99 in ms. */
  perReceiver: Array<{ delivered: number; p50Ms: number; p99Ms: number }>
  /** CPU time (user + system) ÷ wall time of the trial, per process (1 = one core busy). */
  hubBusy: number[]
  natsBusy: number[]
  hubRssMb: number[]
  /** How late each hub's event loop ran a 20 ms timer, p99 (ms): a hub short of CPU. */
  hubLoopDelayP99Ms: number[]
  natsRssMb: number[]
  /** The machine's 1-minute load average at the end of the trial (others' work included). */
  load1: number
  held: boolean
  reason: string
}

export interface SizingRow {
  label: string
  hubs: number
  members: number
  chatsPerSec: number
  result: TrialResult
  held: boolean
  reason: string
}

interface Labelled {
  setup: { label: string }
  result: TrialResult
}

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–'
}

const signed = (value: number, digits = 2): string =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}` : '–'
const sum = (values: number[]): number => values.reduce((total, v) => total + v, 0)
const mean = (values: number[]): number => (values.length ? sum(values) / values.length : NaN)
const list = (values: number[], digits = 2): string =>
  values.length ? values.map((v) => fmt(v, digits)).join(' / ') : '—'
const ratio = (a: number, b: number): string =>
  b > 0 && Number.isFinite(a) ? `${fmt(a / b, 2)}×` : '–'
const out = (text: string): boolean => process.stdout.write(text)

function table(head: string[], rows: string[][]): void {
  out(`| ${head.join(' | ')} |\n|${head.map(() => ' --- ').join('|')}|\n`)
  for (const row of rows) out(`| ${row.join(' | ')} |\n`)
}

export function printLatency(
  rows: Labelled[],
  shape: { members: number; rate: number; durationMs: number },
): void {
  out(
    `\n## 1. Latency added by JetStream\n\nA sender on hub A at ${shape.rate} chats/s for ` +
      `${shape.durationMs / 1000} s; ${shape.members} members on hub A and ${shape.members} on ` +
      `hub B (on the single hub, all ${shape.members * 2} on it). Send → receive, ms.\n\n`,
  )
  table(
    ['setup', 'p50 on A', 'p99 on A', 'p50 on B', 'p99 on B', 'max', 'lost', 'doubled', 'load'],
    rows.map(({ setup, result }) => [
      setup.label,
      fmt(result.perReceiver[0]?.p50Ms ?? NaN, 2),
      fmt(result.perReceiver[0]?.p99Ms ?? NaN, 2),
      fmt(result.perReceiver[1]?.p50Ms ?? NaN, 2),
      fmt(result.perReceiver[1]?.p99Ms ?? NaN, 2),
      fmt(result.maxMs, 1),
      String(result.lost),
      String(result.duplicates),
      fmt(result.load1, 2),
    ]),
  )
  const [single, cluster] = rows
  if (single && cluster) {
    const added = (i: number, key: 'p50Ms' | 'p99Ms'): string =>
      signed(
        (cluster.result.perReceiver[i]?.[key] ?? NaN) -
          (single.result.perReceiver[i]?.[key] ?? NaN),
        2,
      )
    out(
      `\nAdded by the cluster (cluster − single): on A p50 ${added(0, 'p50Ms')} ms, p99 ` +
        `${added(0, 'p99Ms')} ms; on B p50 ${added(1, 'p50Ms')} ms, p99 ${added(1, 'p99Ms')} ms.\n`,
    )
  }
}

export function printThroughput(
  rows: Array<Labelled & { rate: number }>,
  shape: { members: number; durationMs: number; p99BoundMs: number },
): void {
  out(
    `\n## 2. One room: 3 hubs × ${shape.members} members (NATS, 3 servers, R3) against 1 hub × ` +
      `${shape.members * 3} (no NATS)\n\nOne sender (on hub A), ${shape.durationMs / 1000} s ` +
      `a trial. CPU = (user + system) ÷ wall time, per process (1.00 = one core). "Held": every ` +
      `member got every chat once, no disconnect, p99 ≤ ${shape.p99BoundMs} ms.\n\n`,
  )
  table(
    [
      'setup',
      'chats/s',
      'deliveries/s',
      'p50 ms',
      'p99 ms',
      'lost',
      'doubled',
      'CPU per hub',
      'CPU per NATS server',
      'hub loop delay p99 ms',
      'RSS per hub MiB',
      'RSS per NATS MiB',
      'load',
      'result',
    ],
    rows.map(({ setup, rate, result }) => [
      setup.label,
      String(rate),
      fmt(result.deliveriesPerSec, 0),
      fmt(result.p50Ms, 2),
      fmt(result.p99Ms, 2),
      String(result.lost),
      String(result.duplicates),
      list(result.hubBusy),
      list(result.natsBusy),
      list(result.hubLoopDelayP99Ms, 0),
      list(result.hubRssMb, 0),
      list(result.natsRssMb, 0),
      fmt(result.load1, 2),
      result.reason,
    ]),
  )
  const [single, cluster] = rows
  if (single && cluster && single.rate === cluster.rate) {
    const s = single.result
    const c = cluster.result
    out(`\nCluster ÷ single at ${single.rate} chats/s:\n\n`)
    table(
      ['figure', 'single', 'cluster', 'cluster ÷ single'],
      [
        [
          'deliveries/s',
          fmt(s.deliveriesPerSec, 0),
          fmt(c.deliveriesPerSec, 0),
          ratio(c.deliveriesPerSec, s.deliveriesPerSec),
        ],
        ['p50 latency, ms', fmt(s.p50Ms, 2), fmt(c.p50Ms, 2), ratio(c.p50Ms, s.p50Ms)],
        ['p99 latency, ms', fmt(s.p99Ms, 2), fmt(c.p99Ms, 2), ratio(c.p99Ms, s.p99Ms)],
        [
          'CPU of the hubs (sum)',
          fmt(sum(s.hubBusy), 2),
          fmt(sum(c.hubBusy), 2),
          ratio(sum(c.hubBusy), sum(s.hubBusy)),
        ],
        [
          'CPU of hubs + NATS (sum)',
          fmt(sum(s.hubBusy), 2),
          fmt(sum(c.hubBusy) + sum(c.natsBusy), 2),
          ratio(sum(c.hubBusy) + sum(c.natsBusy), sum(s.hubBusy)),
        ],
        [
          'CPU of the busiest hub',
          fmt(Math.max(...s.hubBusy), 2),
          fmt(Math.max(...c.hubBusy), 2),
          ratio(Math.max(...c.hubBusy), Math.max(...s.hubBusy)),
        ],
        [
          'RSS of the hubs (sum), MiB',
          fmt(sum(s.hubRssMb), 0),
          fmt(sum(c.hubRssMb), 0),
          ratio(sum(c.hubRssMb), sum(s.hubRssMb)),
        ],
        [
          'RSS of hubs + NATS (sum), MiB',
          fmt(sum(s.hubRssMb), 0),
          fmt(sum(c.hubRssMb) + sum(c.natsRssMb), 0),
          ratio(sum(c.hubRssMb) + sum(c.natsRssMb), sum(s.hubRssMb)),
        ],
      ],
    )
  }
  const best = new Map<string, number>()
  for (const { setup, rate, result } of rows) {
    if (result.held) best.set(setup.label, Math.max(best.get(setup.label) ?? 0, rate))
  }
  out('\nHighest rate held (of the rates tried, doubling): ')
  out(`${[...best].map(([label, rate]) => `${label} ${rate} chats/s`).join('; ') || 'none'}.\n`)
}

export function printSizing(
  rows: SizingRow[],
  shape: { step: number; cap: number; budgetS: number; p99BoundMs: number; membersPerChat: number },
): void {
  out(
    `\n## 3. Sizing: the largest room held\n\nMembers join ${shape.step} per hub a step (cap ` +
      `${shape.cap} per hub, ${shape.budgetS} s per setup); the room chats 1 chat/s per ` +
      `${shape.membersPerChat} members, one sender per hub. A step holds when every member gets ` +
      `every chat once, nobody is refused or disconnected and p99 ≤ ${shape.p99BoundMs} ms.\n\n`,
  )
  table(
    [
      'setup',
      'members',
      'chats/s',
      'deliveries/s',
      'p50 ms',
      'p99 ms',
      'CPU per hub (mean)',
      'CPU per NATS server (mean)',
      'RSS per hub MiB (max)',
      'load',
      'result',
    ],
    rows.map((row) => [
      row.label,
      String(row.members),
      fmt(row.chatsPerSec, 1),
      fmt(row.result.deliveriesPerSec, 0),
      fmt(row.result.p50Ms, 1),
      fmt(row.result.p99Ms, 1),
      fmt(mean(row.result.hubBusy), 2),
      fmt(mean(row.result.natsBusy), 2),
      fmt(Math.max(...row.result.hubRssMb), 0),
      fmt(row.result.load1, 2),
      row.reason,
    ]),
  )
  const largest = new Map<string, number>()
  for (const row of rows) {
    if (!largest.has(row.label)) largest.set(row.label, 0)
    if (row.held) largest.set(row.label, Math.max(largest.get(row.label) ?? 0, row.members))
  }
  out('\nLargest room held:\n\n')
  table(
    ['setup', 'members held'],
    [...largest].map(([label, members]) => {
      const first = rows.find((row) => row.label === label)
      return [
        label,
        members > 0 ? String(members) : `none (the first step, ${first?.members}, failed)`,
      ]
    }),
  )
}
