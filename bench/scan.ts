/**
 * How long Look harder takes on a /22 with one hub in it (`npm run bench:scan`, part of
 * `npm run bench`). Runs inside the private namespace scripts/in-netns.sh makes, and builds
 * nested namespaces there (test/support/topology.ts):
 * - one hub: the scanner at 10.40.0.5/22 and a host at 10.40.2.77/22 running `lanroom host` on
 *   the default port, on one link; every other address of the /22 is nobody (no ARP answer),
 *   so each of those requests lasts the whole SCAN_TIMEOUT_MS: the scan's real cost;
 * - baseline, measured in the same run: the same /22 where every address refuses at once (a
 *   namespace that takes every address as its own and listens on none): what the scan itself
 *   costs when the network answers instantly.
 * The scan runs in a child process inside the scanner's namespace (the real `scan`), which
 * prints its figures. Prints a Markdown table and writes artifacts/bench-scan.json; exits 0
 * whatever the figures, 1 if the benchmark itself broke.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_PORT } from '../src/shared/protocol'
import { listInterfaces, chooseInterfaces } from '../src/main/discovery/interfaces'
import { SCAN_CONCURRENCY, SCAN_TIMEOUT_MS, scan, scanAddresses } from '../src/main/discovery/scan'
import { NetnsHost, link } from '../test/support/topology'
import { CLI } from '../test/support/cli'
import { tempDir } from '../test/support/temp-dir'

const SELF = fileURLToPath(import.meta.url)
const ROOT = join(dirname(SELF), '..')

interface Figures {
  ms: number
  probed: number
  found: number
}

/** The child, in the scanner's namespace: one scan of interface s0's subnet. */
async function child(): Promise<void> {
  const all = listInterfaces()
  const addresses = scanAddresses({
    interfaces: chooseInterfaces(all, { mode: 'names', names: ['s0'] }),
    ownAddresses: all.flatMap((i) => i.ipv4.map((a) => a.address)),
  })
  const started = performance.now()
  const result = await scan({ addresses, ports: [DEFAULT_PORT] })
  const figures: Figures = {
    ms: performance.now() - started,
    probed: result.probed,
    found: result.found,
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}

function runChild(host: NetnsHost): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const proc = host.spawn(process.execPath, [...process.execArgv, SELF, '--child'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    proc.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
    proc.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim()) as Figures) : reject(new Error(`child ${code}`)),
    )
  })
}

async function withHub(): Promise<Figures> {
  const scanner = await NetnsHost.create('scanner')
  const lan = await NetnsHost.create('lan')
  const data = tempDir()
  try {
    link(scanner, '10.40.0.5/22', lan, '10.40.2.77/22', ['s0', 'l0'])
    const hub = lan.spawn(
      process.execPath,
      [CLI, 'host', '--name', 'Bench', '--port', String(DEFAULT_PORT), '--no-advertise', '--json'],
      { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LANROOM_DATA_DIR: data.path } },
    )
    await new Promise<void>((resolve, reject) => {
      hub.stdout?.once('data', () => resolve())
      hub.once('close', () => reject(new Error('the hub did not start')))
    })
    try {
      return await runChild(scanner)
    } finally {
      hub.kill('SIGKILL')
    }
  } finally {
    scanner.destroy()
    lan.destroy()
    data.remove()
  }
}

async function refusing(): Promise<Figures> {
  const scanner = await NetnsHost.create('scanner')
  const sink = await NetnsHost.create('sink')
  try {
    link(scanner, '10.41.255.1/32', sink, '10.41.255.254/32', ['s0', 't0'])
    scanner.sh(
      'ip addr flush dev s0 && ip addr add 10.41.0.5/22 dev s0 noprefixroute && ' +
        'ip route add 10.41.255.254/32 dev s0 && ip route add default via 10.41.255.254 dev s0',
    )
    sink.sh(
      'ip route add local 0.0.0.0/0 dev lo table local && ip route add 10.41.0.5/32 dev t0 table local',
    )
    return await runChild(scanner)
  } finally {
    scanner.destroy()
    sink.destroy()
  }
}

async function main(): Promise<void> {
  if (process.env['LANROOM_NETNS'] !== '1') {
    console.log(
      `scan: skipped (${process.env['LANROOM_NETNS_UNAVAILABLE'] ?? 'not in a namespace'})`,
    )
    return
  }
  console.log(
    `scan: Look harder over a /22 (1,021 addresses besides its own, ${SCAN_CONCURRENCY} at a time)\n`,
  )
  const baseline = await refusing()
  const real = await withHub()
  const bound = Math.ceil(real.probed / SCAN_CONCURRENCY) * SCAN_TIMEOUT_MS
  const rows = [
    { case: 'every address refuses at once (baseline)', ...baseline },
    { case: 'one hub, every other address silent', ...real },
  ]
  console.log('| case | asked | found | time (ms) | × baseline |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const row of rows)
    console.log(
      `| ${row.case} | ${row.probed} | ${row.found} | ${row.ms.toFixed(0)} | ${(row.ms / baseline.ms).toFixed(1)} |`,
    )
  console.log(
    `\nscan of a /22 with one hub: ${real.ms.toFixed(0)} ms (found ${real.found}); design bound ` +
      `${bound} ms (ceil(${real.probed}/${SCAN_CONCURRENCY}) × ${SCAN_TIMEOUT_MS} ms), ratio ${(real.ms / bound).toFixed(2)}; ` +
      `baseline ${baseline.ms.toFixed(0)} ms, ratio ${(real.ms / baseline.ms).toFixed(1)}`,
  )
  const out = join(ROOT, 'artifacts', 'bench-scan.json')
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify({ rows, boundMs: bound }, null, 2))
  console.log(`written to ${out}`)
}

const run = process.argv.includes('--child') ? child() : main()
run.catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
