/**
 * Issue #12's target 4 as a user meets it: the built `lanroom host` (out/main/cli.js, as
 * installed), over TLS with its defaults (guest page, mDNS advertising, files), holding 1000
 * members: its RSS must stay at or under 150 MB. bench/broadcast.ts measures the hub module in
 * a process of the benchmark's own; this measures the command, which loads more (the command
 * line, discovery, the guest app) before it hosts anything.
 *
 *   node scripts/in-netns.mjs tsx bench/host-memory.ts [--members N]
 *
 * Run inside the private network namespace (npm run bench does): the room is advertised over
 * mDNS as by default, and that must not reach a real network. The hub is started twice in one
 * data directory: the first start makes the room's certificate (and loads the certificate
 * maker, which a room that has one never loads), the second is measured, as every later start
 * of a room is. Members come from receiver processes (bench/receivers.ts) over loopback.
 * Prints a table and PASS/FAIL; the figures go to artifacts/bench-host-memory.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ChildProcess } from 'node:child_process'
import { killAllChildren, spawnChild, spawnReceivers, stopChild } from './lib/children'
import { memoryMb } from './lib/proc'

const ROOT = dirname(import.meta.dirname)
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const ARTIFACT = join(ROOT, 'artifacts', 'bench-host-memory.json')
const RSS_TARGET_MB = 150
const RECEIVER_PROCESSES = 2
const CONNECT_CONCURRENCY = 25
/** A hub of 1000 members needs more descriptors than the usual soft limit of 1024. */
const FD_WANTED = 8_192

function argNumber(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag)
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN
  return Number.isInteger(value) && value > 0 && value <= 2_000 ? value : fallback
}
const MEMBERS = argNumber('--members', 1000)

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

process.on('exit', killAllChildren)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren()
    process.exit(130)
  })
}

interface Host {
  child: ChildProcess
  pid: number
  port: number
}

/** Starts `lanroom host --json` and reads its one JSON line (the port it listens on). */
async function startHost(dataDir: string): Promise<Host> {
  const argv = [
    CLI,
    'host',
    '--name',
    'bench',
    '--bind',
    '127.0.0.1',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--json',
  ]
  const child = spawnChild(
    '/bin/sh',
    [
      '-c',
      // Its log (a line per member) goes to a file, shown if it fails to start.
      `ulimit -n ${FD_WANTED} 2>/dev/null; exec "$0" "$@" 2>>"${join(dataDir, 'host.log')}"`,
      process.execPath,
      ...argv,
    ],
    ROOT,
    false,
  )
  if (!child.stdout || child.pid === undefined) throw new Error('lanroom host did not start')
  const pid = child.pid
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('lanroom host printed nothing in 60 s')),
      60_000,
    )
    child.once('exit', (code) => {
      const log = existsSync(join(dataDir, 'host.log'))
        ? readFileSync(join(dataDir, 'host.log'), 'utf8').slice(-2_000)
        : ''
      reject(new Error(`lanroom host exited (${code})\n${log}`))
    })
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (first) => {
      clearTimeout(timer)
      resolve(first)
    })
  })
  const { port } = JSON.parse(line) as { port: number }
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no port in: ${line}`)
  return { child, pid, port }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`)
  const dataDir = mkdtempSync(join(tmpdir(), 'lanroom-bench-host-'))
  try {
    process.stdout.write(`lanroom host, ${MEMBERS} members over TLS (load ${load()})\n`)
    // First start: the room and its certificate are made; then it stops.
    const first = await startHost(dataDir)
    await sleep(1_500)
    const firstIdle = memoryMb(first.pid, 'VmRSS')
    await stopChild(first.child)

    const host = await startHost(dataDir)
    await sleep(2_000)
    const idle = memoryMb(host.pid, 'VmRSS')
    const receivers = spawnReceivers(RECEIVER_PROCESSES, ROOT)
    await Promise.all(receivers.map((receiver) => receiver.ready))
    const started = Date.now()
    const joins = await Promise.all(
      receivers.map((receiver, i) =>
        receiver.request('connect', {
          group: 'host',
          port: host.port,
          count: Math.ceil(MEMBERS / RECEIVER_PROCESSES),
          prefix: `m${i}-`,
          concurrency: CONNECT_CONCURRENCY,
          tls: true,
          challenge: true,
        }),
      ),
    )
    const joinedMs = Date.now() - started
    const open = joins.reduce((sum, join) => sum + join.open, 0)
    const failed = joins.reduce((sum, join) => sum + join.failed, 0)
    await sleep(3_000)
    const joined = memoryMb(host.pid, 'VmRSS')
    const peak = memoryMb(host.pid, 'VmHWM')
    const perMemberKb = open > 0 ? ((joined - idle) * 1024) / open : Number.NaN
    const report = {
      date: new Date().toISOString(),
      members: MEMBERS,
      open,
      failed,
      errors: joins.flatMap((join) => join.errors).slice(0, 5),
      joinedMs,
      load: loadavg()[0],
      rssMb: { firstStartIdle: firstIdle, idle, joined, peak },
      perMemberKb,
      targetMb: RSS_TARGET_MB,
      pass: open === MEMBERS && failed === 0 && peak <= RSS_TARGET_MB,
    }
    const mb = (value: number): string => `${value.toFixed(1)} MB`
    process.stdout.write(
      [
        `  members open / failed       ${open} / ${failed} (joined in ${joinedMs} ms)`,
        `  RSS, first start (idle)     ${mb(firstIdle)} (makes the certificate)`,
        `  RSS, idle                   ${mb(idle)}`,
        `  RSS, all joined             ${mb(joined)} (${perMemberKb.toFixed(1)} KB a member)`,
        `  RSS, peak                   ${mb(peak)}`,
        `${report.pass ? 'PASS' : 'FAIL'} #12.4 lanroom host, ${MEMBERS} members over TLS: ` +
          `RSS ≤ ${RSS_TARGET_MB} MB: peak ${mb(peak)}, all joined ${mb(joined)}, ` +
          `idle ${mb(idle)}; ${open} open, ${failed} failed; load ${load()}`,
        '',
      ].join('\n'),
    )
    mkdirSync(dirname(ARTIFACT), { recursive: true })
    writeFileSync(ARTIFACT, `${JSON.stringify(report, null, 2)}\n`)
    await Promise.all(receivers.map((receiver) => stopChild(receiver.child)))
    await stopChild(host.child)
    if (!report.pass) process.exitCode = 1
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function load(): string {
  return loadavg()[0]?.toFixed(2) ?? '?'
}

await main()
