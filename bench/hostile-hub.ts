/**
 * How long a hostile hub keeps main busy (`npm run bench:hostile-hub`, part of
 * `npm run bench`). For each attack of the hostile-hub suite (test/hostile/hub-attacks.ts), the
 * app under attack — the real controller, bridge handlers and event batcher, built as main
 * builds them, with the window replaced by a recorder behind emit's checks — runs in this
 * process; the fake hub runs in a child process of its own, so that what the attacker spends
 * building and sending frames is not counted against the app.
 *
 * Measured in this process, from the join until everything the hub sent has reached the window
 * (a chat sent after the attack has arrived, or the room has ended as the attack meant):
 * - busy: the main thread's active time (performance.eventLoopUtilization);
 * - longest stall: the longest the event loop went without running a 10 ms timer (StallMeter):
 *   how long the window could not have been answered at worst;
 * - taken in: wall time;
 * - answer after: how long a bridge command (getSnapshot) takes once the attack is over;
 * - heap after GC: growth over the attack, the room still open.
 * "A quiet room" (a normal welcome, one chat) is the baseline, measured in the same run after a
 * warm-up run; the busy ratio is against it. An attack not taken in within 120 s is reported as such.
 *
 * Prints a Markdown table and writes artifacts/bench-hostile-hub.json. Exits 0 whatever the
 * figures; 1 only if the benchmark itself broke. `--only TEXT` runs the attacks whose name
 * contains TEXT.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  attackingHub,
  HUB_ATTACKS,
  takeIn,
  type AttackingHub,
  type HubAttack,
} from '../test/hostile/hub-attacks'
import { StallMeter, heapAfterGc, launchHostileApp } from '../test/hostile/hostile-app'

const HERE = dirname(fileURLToPath(import.meta.url))
const SELF = fileURLToPath(import.meta.url)
const MB = 1024 * 1024
const GIVE_UP_MS = 120_000

const QUIET: HubAttack = {
  name: 'a quiet room (baseline)',
  outcome: 'connected',
  run: async () => {},
}

// ------------------------------------------------------------------ the hub's process

/**
 * The child: a fake hub running one attack. Prints `{"port":N}`, then answers lines on stdin:
 * `settled` (prints `settled` once the attack has sent everything) and `chat SEQ TEXT`.
 */
async function serve(name: string): Promise<void> {
  const attack = [QUIET, ...HUB_ATTACKS].find((a) => a.name === name)
  if (!attack) throw new Error(`no attack named ${name}`)
  const hub = await attackingHub(attack)
  process.stdout.write(`${JSON.stringify({ port: hub.port })}\n`)
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const [command, seq, ...text] = line.split(' ')
    if (command === 'settled') {
      void hub.settled().then(() => process.stdout.write('settled\n'))
    } else if (command === 'chat') {
      void hub.chat(Number(seq), text.join(' ')).then(() => process.stdout.write('sent\n'))
    }
  })
  lines.on('close', () => void hub.stop().then(() => process.exit(0)))
}

/** The fake hub in a child process, seen through the interface taking an attack in needs. */
class ChildHub implements AttackingHub {
  private readonly waiting = new Map<string, Array<() => void>>()

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    readonly url: string,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const queue = this.waiting.get(line)
      queue?.shift()?.()
    })
  }

  static async start(attack: HubAttack): Promise<ChildHub> {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--serve', attack.name], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout })
      lines.once('line', (line) => {
        lines.close()
        resolve((JSON.parse(line) as { port: number }).port)
      })
      child.once('exit', (code) => reject(new Error(`the hub process exited (${code})`)))
    })
    return new ChildHub(child, `ws://127.0.0.1:${port}/ws`)
  }

  settled(): Promise<void> {
    return this.request('settled', 'settled')
  }

  chat(seq: number, text: string): Promise<void> {
    return this.request(`chat ${seq} ${text}`, 'sent')
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin.end()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  private request(line: string, answer: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(answer) ?? []
      queue.push(resolve)
      this.waiting.set(answer, queue)
      this.child.stdin.write(`${line}\n`)
    })
  }
}

// ------------------------------------------------------------------ measuring

interface Row {
  attack: string
  outcome: string
  busyMs: number
  longestStallMs: number
  takenInMs: number
  answerAfterMs: number | null
  heapGrowthMB: number | null
}

async function measure(attack: HubAttack): Promise<Row> {
  const app = await launchHostileApp()
  const hub = await ChildHub.start(attack)
  const before = heapAfterGc()
  const utilization = performance.eventLoopUtilization()
  const started = performance.now()
  const stalls = new StallMeter()
  let outcome: string
  let done = false
  try {
    const joined = await Promise.race([
      takeIn(app, hub, attack),
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => (done ? undefined : reject(new Error('gave up'))), GIVE_UP_MS).unref(),
      ),
    ])
    outcome = joined ? (app.recorder.latest?.room?.connection.status ?? 'joined') : 'refused'
  } catch (error) {
    outcome = `not taken in within ${GIVE_UP_MS / 1000} s (${(error as Error).message})`
  }
  done = true
  const takenInMs = performance.now() - started
  const longestStallMs = stalls.stop()
  const busyMs = performance.eventLoopUtilization(utilization).active
  let answerAfterMs: number | null = null
  let heapGrowthMB: number | null = null
  if (!outcome.startsWith('not taken in')) {
    const asked = performance.now()
    await app.command('getSnapshot')
    answerAfterMs = performance.now() - asked
    heapGrowthMB = (heapAfterGc() - before) / MB
  }
  await hub.stop()
  await app.close()
  return {
    attack: attack.name,
    outcome,
    busyMs,
    longestStallMs,
    takenInMs,
    answerAfterMs,
    heapGrowthMB,
  }
}

function table(rows: Row[]): string {
  const baseline = rows[0]?.busyMs ?? 1
  const lines = [
    '| attack | outcome | main busy (ms) | × quiet room | longest stall (ms) | taken in (ms) | answer after (ms) | heap after GC (MB) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const row of rows) {
    lines.push(
      `| ${row.attack} | ${row.outcome} | ${row.busyMs.toFixed(0)} | ${(row.busyMs / baseline).toFixed(1)} | ` +
        `${row.longestStallMs.toFixed(0)} | ${row.takenInMs.toFixed(0)} | ` +
        `${row.answerAfterMs === null ? '–' : row.answerAfterMs.toFixed(1)} | ` +
        `${row.heapGrowthMB === null ? '–' : `+${row.heapGrowthMB.toFixed(1)}`} |`,
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--only')
  const filter = only >= 0 ? (process.argv[only + 1] ?? '') : ''
  const attacks = HUB_ATTACKS.filter((attack) => attack.name.includes(filter))
  console.log(`hostile hub: ${attacks.length} attacks against the app in this process\n`)
  // The first run pays for loading and compiling the app's code: not counted.
  await measure(QUIET)
  const rows: Row[] = [await measure(QUIET)]
  for (const attack of attacks) {
    const row = await measure(attack)
    console.log(
      `  ${attack.name}: main busy ${row.busyMs.toFixed(0)} ms, longest stall ${row.longestStallMs.toFixed(0)} ms`,
    )
    rows.push(row)
  }
  console.log(`\n${table(rows)}\n`)
  const out = join(HERE, '..', 'artifacts', 'bench-hostile-hub.json')
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`)
  console.log(`written to ${out}`)
}

const serveAt = process.argv.indexOf('--serve')
if (serveAt >= 0) {
  void serve(process.argv[serveAt + 1] ?? '')
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
