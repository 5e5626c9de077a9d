/**
 * The floor under issue #12's targets 2, 3 and 5: what Node itself spends to write to a socket,
 * with no WebSocket and no hub. A bare `net` server and a bare `tls` server (the hub's own TLS
 * settings, hubSecureContext) hold 1000 connections from a client process; every 20 ms each
 * connection is written one 200-byte frame (what a chat to 1000 members costs the hub at 20
 * chats/s), or eight corked (what one write carries when chats come faster than the hub's
 * turns). CPU per write is the server's user + system time over the writes ÷ the writes; the
 * medians of three runs of each, plain and TLS in turns, are printed with the machine's load.
 *
 *   npx tsx bench/write-floor.ts [--sockets N] [--rounds R]
 *
 * The hub cannot write for less than this through Node's public API: whatever it spends above
 * it is its own, and what TLS adds here is what TLS adds to the hub (docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer as createNetServer, connect as netConnect, type Socket } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls'
import { killAllChildren, spawnChild, stopChild } from './lib/children'

const ROOT = dirname(import.meta.dirname)
const SELF = join(ROOT, 'bench', 'write-floor.ts')
const FRAME_BYTES = 200
const ROUND_GAP_MS = 20
const REPEATS = 3
/** Frames per write in the batched case: one write carrying several chats. */
const BATCH = 8

type Mode = 'plain' | 'tls'

function argNumber(flag: string, fallback: number, max: number): number {
  const at = process.argv.indexOf(flag)
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN
  return Number.isInteger(value) && value > 0 && value <= max ? value : fallback
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

// ------------------------------------------------------------------ the server (a child)

/** `--serve MODE DIR`: listens (TLS with the pair in DIR), prints its port, then on each line `ROUNDS BATCH` writes and
 * prints `{"writes", "userUs", "systemUs"}`. */
async function serve(mode: Mode, dir: string): Promise<void> {
  const sockets: Socket[] = []
  const onSocket = (socket: Socket): void => {
    sockets.push(socket)
    socket.on('data', () => {})
    socket.on('error', () => {})
  }
  const { hubSecureContext } = await import('../src/main/security/tls-server-options')
  const { loadOrCreateTlsCredentials } = await import('../src/main/security/tls')
  const server =
    mode === 'tls'
      ? createTlsServer(hubSecureContext(await loadOrCreateTlsCredentials(dir)), onSocket)
      : createNetServer(onSocket)
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.stdout.write(
      `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
    )
  })
  const frame = Buffer.alloc(FRAME_BYTES, 0x78)
  for await (const line of createInterface({ input: process.stdin })) {
    const [rounds = 0, batch = 1] = line.split(' ').map(Number)
    const start = process.cpuUsage()
    for (let round = 0; round < rounds; round++) {
      for (const socket of sockets) {
        if (batch === 1) {
          socket.write(frame)
          continue
        }
        socket.cork()
        for (let i = 0; i < batch; i++) socket.write(frame)
        socket.uncork()
      }
      await sleep(ROUND_GAP_MS)
    }
    const used = process.cpuUsage(start)
    const writes = sockets.length * rounds
    process.stdout.write(
      `${JSON.stringify({ writes, userUs: used.user / writes, systemUs: used.system / writes })}\n`,
    )
  }
}

// ------------------------------------------------------------------ the clients (a child)

/** `--clients MODE PORT N`: opens N connections, prints `open` once all are, reads everything. */
function clients(mode: Mode, port: number, count: number): void {
  let open = 0
  const opened = (): void => {
    open += 1
    if (open === count) process.stdout.write('open\n')
  }
  for (let i = 0; i < count; i++) {
    const socket =
      mode === 'tls'
        ? tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false }, opened)
        : netConnect(port, '127.0.0.1', opened)
    socket.on('data', () => {})
    socket.on('error', () => {})
  }
}

// ------------------------------------------------------------------ the parent

interface Figure {
  writes: number
  userUs: number
  systemUs: number
}

function lines(child: ReturnType<typeof spawnChild>): () => Promise<string> {
  const queue: string[] = []
  const waiters: Array<(line: string) => void> = []
  if (!child.stdout) throw new Error('child has no stdout')
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift()
    if (waiter) waiter(line)
    else queue.push(line)
  })
  return () =>
    new Promise((resolve, reject) => {
      const queued = queue.shift()
      if (queued !== undefined) return resolve(queued)
      const timer = setTimeout(() => reject(new Error('no answer within 120 s')), 120_000)
      waiters.push((line) => {
        clearTimeout(timer)
        resolve(line)
      })
    })
}

/** One run: a server of `mode`, `sockets` clients, then the single and the batched writes. */
async function run(mode: Mode, dir: string, sockets: number, rounds: number): Promise<Figure[]> {
  const tsx = ['--import', 'tsx', SELF]
  const server = spawnChild(process.execPath, [...tsx, '--serve', mode, dir], ROOT, false)
  const fromServer = lines(server)
  const { port } = JSON.parse(await fromServer()) as { port: number }
  const client = spawnChild(
    '/bin/sh',
    [
      '-c',
      'ulimit -n 8192 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...tsx,
      '--clients',
      mode,
      String(port),
      String(sockets),
    ],
    ROOT,
    false,
  )
  const fromClient = lines(client)
  if ((await fromClient()) !== 'open') throw new Error('the clients did not open')
  await sleep(500)
  const figures: Figure[] = []
  for (const batch of [1, BATCH]) {
    server.stdin?.write(`${rounds} ${batch}\n`)
    figures.push(JSON.parse(await fromServer()) as Figure)
  }
  await stopChild(client)
  await stopChild(server)
  return figures
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function main(): Promise<void> {
  const sockets = argNumber('--sockets', 1000, 4000)
  // At most 60 s of writes per case: each answer is waited for 120 s.
  const rounds = argNumber('--rounds', 100, 3_000)
  const dir = mkdtempSync(join(tmpdir(), 'lanroom-write-floor-'))
  process.on('exit', () => {
    killAllChildren()
    rmSync(dir, { recursive: true, force: true })
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130))
  // The pair both TLS servers serve, made once (the hub's own kind of certificate).
  const { loadOrCreateTlsCredentials } = await import('../src/main/security/tls')
  await loadOrCreateTlsCredentials(dir)
  const loadBefore = loadavg()[0] ?? 0
  const runs: Record<Mode, Figure[][]> = { plain: [], tls: [] }
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const order: Mode[] = repeat % 2 === 0 ? ['plain', 'tls'] : ['tls', 'plain']
    for (const mode of order) runs[mode].push(await run(mode, dir, sockets, rounds))
  }
  const cpu = (mode: Mode, index: number): number =>
    median(
      runs[mode].map((figures) => (figures[index]?.userUs ?? 0) + (figures[index]?.systemUs ?? 0)),
    )
  const user = (mode: Mode, index: number): number =>
    median(runs[mode].map((figures) => figures[index]?.userUs ?? 0))
  const f = (value: number): string => value.toFixed(2)
  const out = [
    `## Node's own write floor — bare net and tls servers, no WebSocket, no hub`,
    `${sockets} sockets, ${FRAME_BYTES}-byte frames, ${rounds} rounds ${ROUND_GAP_MS} ms apart; ` +
      `medians of ${REPEATS} runs each, plain and TLS in turns; load ${f(loadBefore)} → ${f(loadavg()[0] ?? 0)}`,
    '| Write | Plain: CPU µs / write (user) | TLS: CPU µs / write (user) | TLS − plain | Plain: µs / frame | TLS: µs / frame | TLS ÷ plain |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const [index, batch] of [1, BATCH].entries()) {
    const plain = cpu('plain', index)
    const tls = cpu('tls', index)
    out.push(
      `| ${batch === 1 ? 'one frame' : `${batch} frames, corked`} | ${f(plain)} (${f(user('plain', index))}) | ` +
        `${f(tls)} (${f(user('tls', index))}) | ${f(tls - plain)} | ${f(plain / batch)} | ${f(tls / batch)} | ` +
        `${f(tls / plain)}× |`,
    )
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

const role = process.argv[2]
if (role === '--serve') {
  await serve(process.argv[3] === 'tls' ? 'tls' : 'plain', process.argv[4] ?? '.')
} else if (role === '--clients') {
  clients(
    process.argv[3] === 'tls' ? 'tls' : 'plain',
    Number(process.argv[4]),
    Number(process.argv[5]),
  )
} else {
  await main()
}
