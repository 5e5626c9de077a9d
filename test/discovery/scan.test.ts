/**
 * Looking harder, across real (nested) network namespaces: what mDNS cannot cross, the scan
 * and watched subnets find; and the scan's bounds, measured where its packets land.
 */
import type { ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_PORT } from '../../src/shared/protocol'
import { DOCTOR_STEPS } from '../../src/shared/bridge/doctor'
import { encodeRoomCode } from '../../src/shared/protocol/room-code'
import { SCAN_CONCURRENCY, SCAN_TIMEOUT_MS } from '../../src/main/discovery/scan'
import { CLI, assertBuilt, inheritedEnv } from '../support/cli'
import { netnsUnavailableReason } from '../support/netns'
import { tempDir } from '../support/temp-dir'
import { NetnsHost, link, routerTopology } from '../support/topology'

const reason = netnsUnavailableReason()
if (reason) console.warn(`[scan] namespace scan tests did not run: ${reason}`)

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

function dataDir(): string {
  const dir = tempDir()
  cleanups.push(dir.remove)
  return dir.path
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/**
 * Runs `lanroom ARGS` in a namespace to the end (killed after `timeoutMs`); `input`, when given,
 * is its whole stdin.
 */
function lanroom(
  host: NetnsHost,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
  input?: string,
): Promise<Run> {
  const started = Date.now()
  const child = host.spawn(process.execPath, [CLI, ...args], {
    stdio: 'pipe',
    env: { ...inheritedEnv(), LANROOM_DATA_DIR: dataDir(), ...env },
  })
  if (input !== undefined) child.stdin?.end(input)
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })
}

/** Starts a process in a namespace and resolves with it once its stdout has printed a line. */
function startUntilLine(
  host: NetnsHost,
  args: string[],
): Promise<{ child: ChildProcess; line: string }> {
  const child = host.spawn(process.execPath, args, {
    stdio: 'pipe',
    env: { ...inheritedEnv(), LANROOM_DATA_DIR: dataDir() },
  })
  cleanups.push(() => child.kill('SIGKILL'))
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const end = out.indexOf('\n')
      if (end >= 0) resolve({ child, line: out.slice(0, end) })
    })
    child.on('close', (code) => reject(new Error(`exited ${code}: ${err}`)))
  })
}

/** The router topology, built (and destroyed after the test) once the CLI is known to be built. */
async function routerNet(): ReturnType<typeof routerTopology> {
  assertBuilt()
  const net = await routerTopology()
  cleanups.push(net.destroy)
  return net
}

/** `lanroom host --name NAME --port PORT ...EXTRA --json` in a namespace, and its first line. */
async function hostRoom<T extends { roomId: string }>(
  on: NetnsHost,
  name: string,
  port: number,
  extra: string[] = [],
): Promise<{ line: string; hosted: T }> {
  const { line } = await startUntilLine(on, [
    CLI,
    'host',
    '--name',
    name,
    '--port',
    String(port),
    ...extra,
    '--json',
  ])
  return { line, hosted: JSON.parse(line) as T }
}

/** Writes a line to a helper process and resolves with the JSON line it answers. */
function ask<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve(JSON.parse(out.trim()) as T)
    })
    child.stdin?.write('report\n')
  })
}

/**
 * `lanroom rooms --json ARGS` until it lists `roomId` (at most four runs): on a machine whose
 * cores are busy, one run's few seconds may end before the room is heard and checked.
 */
async function listsRoom(host: NetnsHost, args: string[], roomId: string): Promise<string[]> {
  let ids: string[] = []
  for (let attempt = 0; attempt < 4 && !ids.includes(roomId); attempt += 1) {
    const run = await lanroom(host, ['rooms', '--json', '--timeout', '5', ...args])
    ids = jsonLines(run.stdout).map((room) => String(room['id']))
  }
  return ids
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe.skipIf(reason !== null)('scan across namespaces', () => {
  it('mDNS does not cross a router; a watched subnet and --scan find the room behind it', async () => {
    const net = await routerNet()
    const { hosted } = await hostRoom(net.hostA, 'Behind the router', DEFAULT_PORT)

    // On the room's own link (the router's side of it), mDNS finds it: it is advertised.
    expect(await listsRoom(net.router, [], hosted.roomId)).toContain(hosted.roomId)

    // Behind the router, it does not.
    const across = await lanroom(net.hostB, ['rooms', '--json', '--timeout', '3'])
    expect(across.code).toBe(0)
    expect(jsonLines(across.stdout)).toEqual([])

    // The scan of hostB's own subnet does not reach it either; the watched subnet does.
    const scanned = await lanroom(net.hostB, [
      'rooms',
      '--json',
      '--timeout',
      '1',
      '--scan',
      '--watch',
      '10.20.1.0/24',
    ])
    expect(scanned.code).toBe(0)
    const rooms = jsonLines(scanned.stdout)
    expect(rooms).toHaveLength(1)
    expect(rooms[0]).toMatchObject({
      id: hosted.roomId,
      name: 'Behind the router',
      scanned: true,
      addresses: [net.addressA],
      tls: true,
      certificateMismatch: false,
    })
    expect(rooms[0]?.['presentedFingerprint']).toBe(rooms[0]?.['fingerprint'])
    // Its room code, for the address and certificate found: the one lanroom join takes.
    const roomCode = encodeRoomCode({
      address: net.addressA,
      port: DEFAULT_PORT,
      fingerprint: String(rooms[0]?.['presentedFingerprint']),
    })
    expect(rooms[0]?.['roomCode']).toBe(roomCode)

    // Text output marks it, and a host alone can be watched too.
    const text = await lanroom(net.hostB, ['rooms', '--timeout', '1', '--watch', net.addressA])
    expect(text.stdout).toContain('Behind the router')
    expect(text.stdout).toContain('found by scan')
    expect(text.stdout).toContain(`    room code ${roomCode}\n`)
    expect(text.stderr).toContain('Scanning 1 address on port 47800…')
  })

  it('a room code joins across the router, and the doctor reaches the room by it', async () => {
    const net = await routerNet()
    const { line, hosted } = await hostRoom<{ roomId: string; urls: string[]; codes: string[] }>(
      net.hostA,
      'Across',
      0,
    )
    // The code of its routed address (the one hostB can reach), not of loopback.
    const index = hosted.urls.findIndex((url) => new URL(url).hostname === net.addressA)
    const code = hosted.codes[index]
    expect(code, line).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]+)+$/)

    // A member on the room's side, who says something and stays.
    const { child: witness } = await startUntilLine(net.hostA, [
      CLI,
      'join',
      code as string,
      '--name',
      'near',
    ])
    let seen = ''
    witness.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()))
    witness.stdin?.write('hello from subnet one\n')
    for (let i = 0; i < 600 && !seen.includes('hello from subnet one'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50))

    // mDNS finds nothing behind the router (the first test shows it); the code joins there.
    const far = await lanroom(
      net.hostB,
      ['join', code as string, '--name', 'far', '--timeout', '10'],
      {},
      120_000,
      'hello from subnet two\n',
    )
    expect(far.code, far.stderr).toBe(0)
    expect(far.stderr).toContain(`Room "Across" at ${net.addressA}:`)
    expect(far.stderr).toContain('the certificate the room code names')
    expect(far.stdout).toContain('* Joined "Across"')
    expect(far.stdout).toContain('hello from subnet one')
    for (let i = 0; i < 600 && !seen.includes('hello from subnet two'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toContain('hello from subnet two')

    // The doctor, from the far side, reaches the room by its code step by step.
    const doctor = await lanroom(net.hostB, ['doctor', code as string, '--json', '--timeout', '5'])
    const report = JSON.parse(doctor.stdout.trim().split('\n').at(-1) ?? '{}') as {
      checks: Array<{ id: string; status: string; steps: Array<{ step: string; status: string }> }>
    }
    const room = report.checks.find((check) => check.id === 'room')
    expect(room?.status, doctor.stdout).toBe('ok')
    expect(room?.steps.map((s) => `${s.step}:${s.status}`)).toEqual(
      DOCTOR_STEPS.map((step) => `${step}:ok`),
    )
  })

  it('announces and looks on the chosen interfaces only (--interface)', async () => {
    const net = await routerNet()
    // The router is on both subnets; its room is announced on lan2 only.
    const { hosted } = await hostRoom(net.router, 'Lan two only', 0, ['--interface', 'lan2'])
    const [onLan2, onLan1] = await Promise.all([
      listsRoom(net.hostB, [], hosted.roomId),
      lanroom(net.hostA, ['rooms', '--json', '--timeout', '5']),
    ])
    expect(onLan2).toEqual([hosted.roomId])
    expect(jsonLines(onLan1.stdout)).toEqual([])

    // hostA's room, looked for from the router on each side.
    const { hosted: hostedA } = await hostRoom(net.hostA, 'On lan one', 0)
    const [viaLan1, viaLan2] = await Promise.all([
      listsRoom(net.router, ['--interface', 'lan1'], hostedA.roomId),
      lanroom(net.router, ['rooms', '--json', '--timeout', '5', '--interface', 'lan2']),
    ])
    expect(viaLan1).toContain(hostedA.roomId)
    expect(jsonLines(viaLan2.stdout).map((r) => r['id'])).not.toContain(hostedA.roomId)
    const missing = await lanroom(net.router, [
      'rooms',
      '--timeout',
      '1',
      '--interface',
      'wlan9',
      '--interface',
      'lo',
    ])
    expect(missing.code).toBe(0)
    expect(missing.stderr).toMatch(/^lanroom: not up with an IPv4 address: wlan9 \(interfaces: /m)
    // lo is up, as 127.0.0.1: it is left out for being loopback, and the line says so.
    expect(missing.stderr).toMatch(/^lanroom: a loopback interface is not searched: lo \(/m)
  })

  it('asks only its own private subnets (a /22 at most), never more than the set number at once, and ends in time', async () => {
    assertBuilt()
    const scanner = await NetnsHost.create('scanner')
    const sink = await NetnsHost.create('sink')
    cleanups.push(
      () => scanner.destroy(),
      () => sink.destroy(),
    )
    // The scanner's addresses: a private /16 (cut to a /22 by the scan), a public /24 and a
    // CGNAT /24, all chosen explicitly. Nothing of them is on-link: every packet goes to the
    // sink, which takes every address as its own (a local route for 0.0.0.0/0) and counts
    // each connection by the address it was made to, holding it open without an answer.
    link(scanner, '10.30.255.1/32', sink, '10.30.255.254/32', ['s0', 't0'])
    link(scanner, '192.0.2.1/32', sink, '192.0.2.2/32', ['p0', 'tp'])
    link(scanner, '192.0.2.3/32', sink, '192.0.2.4/32', ['c0', 'tc'])
    scanner.sh(
      [
        'ip addr flush dev s0 && ip addr add 10.30.0.5/16 dev s0 noprefixroute',
        'ip addr flush dev p0 && ip addr add 198.51.100.5/24 dev p0 noprefixroute',
        'ip addr flush dev c0 && ip addr add 100.64.1.5/24 dev c0 noprefixroute',
        'ip route add 10.30.255.254/32 dev s0',
        'ip route add default via 10.30.255.254 dev s0',
      ].join(' && '),
    )
    sink.sh(
      'ip route add local 0.0.0.0/0 dev lo table local && ip route add 10.30.0.5/32 dev t0 table local',
    )
    const { child: counter } = await startUntilLine(sink, ['-e', SINK, String(DEFAULT_PORT)])
    const gauge = join(dataDir(), 'gauge.cjs')
    writeFileSync(gauge, GAUGE)

    const run = await lanroom(
      scanner,
      [
        'rooms',
        '--json',
        '--timeout',
        '1',
        '--scan',
        '--interface',
        's0',
        '--interface',
        'p0',
        '--interface',
        'c0',
      ],
      { NODE_OPTIONS: `--require ${gauge}` },
    )
    expect(run.code).toBe(0)
    expect(jsonLines(run.stdout)).toEqual([])
    const { dests } = await ask<{ dests: Record<string, number> }>(counter)
    const peak = (
      JSON.parse(/GAUGE (\{.*\})/.exec(run.stderr)?.[1] ?? '{"peak":-1}') as { peak: number }
    ).peak

    const expected = new Set<string>()
    for (let third = 0; third < 4; third += 1)
      for (let fourth = 0; fourth < 256; fourth += 1) expected.add(`10.30.${third}.${fourth}`)
    expected.delete('10.30.0.0') // the /16's network address
    expected.delete('10.30.0.5') // its own
    expect(Object.keys(dests).sort()).toEqual([...expected].sort())
    expect(Object.values(dests).every((n) => n === 1)).toBe(true)
    expect(peak).toBeLessThanOrEqual(SCAN_CONCURRENCY)
    // Each connection is held for the whole timeout: the scan keeps its slots full.
    expect(peak).toBeGreaterThan(SCAN_CONCURRENCY / 2)
    // Every connection is held unanswered, so each takes the whole timeout: about
    // ceil(1022 / 64) rounds of it. The bound is a safety net, five times that.
    const rounds = Math.ceil(expected.size / SCAN_CONCURRENCY)
    expect(run.ms).toBeLessThan(5 * (rounds * SCAN_TIMEOUT_MS + 3_000))
  })
})

/**
 * The sink: listens on every address (the namespace's local route makes them all its own),
 * holds each connection unanswered (reading what comes, so that its end is seen), and on a
 * line of input prints the connections it took per destination.
 */
const SINK = `
const net = require('node:net')
const dests = {}
const server = net.createServer((socket) => {
  dests[socket.localAddress] = (dests[socket.localAddress] || 0) + 1
  socket.resume()
  socket.on('error', () => {})
})
server.listen(Number(process.argv[1]), '0.0.0.0', () => console.log('listening'))
process.stdin.on('data', () => console.log(JSON.stringify({ dests })))
`

/**
 * The gauge, preloaded into the scanning lanroom (NODE_OPTIONS=--require): counts its TCP
 * sockets from connect to close, and prints the most open at once when it exits. Counted in
 * the process itself, because the far end cannot tell exactly: a connection the scanner gave
 * up may have its FIN reach the sink after the next SYN (through different CPUs' queues).
 */
const GAUGE = `
const net = require('node:net')
let open = 0
let peak = 0
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  if (!this.gaugeCounted) {
    this.gaugeCounted = true
    open += 1
    peak = Math.max(peak, open)
    this.once('close', () => (open -= 1))
  }
  return connect.apply(this, args)
}
process.on('exit', () => require('node:fs').writeSync(2, '\\nGAUGE ' + JSON.stringify({ peak }) + '\\n'))
`
