import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The built lanroom command (`npm run build`; `npm test` builds first). */
export const CLI = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

let dataDir: string | null = null

/**
 * The environment of the lanroom commands these tests start: they keep their data (rooms,
 * certificates, pinned certificates) in a directory of this test process, made when the first
 * command starts and removed when the process exits, never in the user's own.
 */
function cliEnv(): NodeJS.ProcessEnv {
  if (dataDir === null) {
    const made = mkdtempSync(join(tmpdir(), 'lanroom-cli-'))
    process.once('exit', () => rmSync(made, { recursive: true, force: true }))
    dataDir = made
  }
  return { ...inheritedEnv(), LANROOM_DATA_DIR: dataDir }
}

/** This process's environment without LANROOM_PASSPHRASE: a passphrase of the person running the
 * tests must not reach the commands, and set but empty it is a usage error (exit 2). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const { LANROOM_PASSPHRASE: _passphrase, ...rest } = process.env
  void _passphrase
  return rest
}

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`)
}

export interface Finished {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Runs `lanroom ARGS` to the end, feeding `input` to stdin; killed after `timeoutMs`. `env`
 * adds to (or overrides) the test environment, e.g. `{ LANROOM_PASSPHRASE: '...' }`; `started`
 * is handed the process (to signal it midway).
 */
export function runCli(
  args: string[],
  input = '',
  timeoutMs = START_TIMEOUT_MS,
  env: NodeJS.ProcessEnv = {},
  started?: (child: ChildProcess) => void,
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: 'pipe',
      env: { ...cliEnv(), ...env },
    })
    started?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
    child.stdin.end(input)
  })
}

/**
 * Runs `lanroom host ARGS` until its stdout matches `until` (or `timeoutMs` passes), then
 * stops it with SIGTERM: for the human-readable output, which has no end of its own.
 */
export function runHostUntil(
  args: string[],
  until: RegExp,
  timeoutMs = START_TIMEOUT_MS,
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'host', ...args], { stdio: 'pipe', env: cliEnv() })
    let stdout = ''
    let stderr = ''
    const stop = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    }
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (until.test(stdout)) stop()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
    child.stdin.end()
  })
}

/** How long a `lanroom` process may take to start and say it listens before a test gives up: a
 * safety net; typically under a second, two or three on a busy two-core machine. */
export const START_TIMEOUT_MS = 30_000

/**
 * Ends a process a test started, if it is still running: `signal` first (SIGTERM: a graceful
 * stop, with mDNS goodbyes), SIGKILL if it is still there after `graceMs`. Resolves once it has
 * exited.
 */
export async function endProcess(
  process: { child: ChildProcess; exited: Promise<unknown> },
  signal: NodeJS.Signals = 'SIGKILL',
  graceMs = 5_000,
): Promise<void> {
  const { child, exited } = process
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** A `lanroom join` that keeps its stdin open until the test ends it, and what it printed. */
export interface JoinProcess {
  child: ChildProcessWithoutNullStreams
  out: () => string
  err: () => string
  exited: Promise<number | null>
}

export function startJoin(args: string[]): JoinProcess {
  const child = spawn(process.execPath, [CLI, 'join', ...args], { stdio: 'pipe', env: cliEnv() })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, out: () => out, err: () => err, exited }
}

export interface HostProcess {
  child: ChildProcessWithoutNullStreams
  info: {
    url: string
    urls: string[]
    roomId: string
    port: number
    tls: boolean
    fingerprint: string | null
    verificationCode: string | null
    /** The room code of `url`'s address (null: a plain room); `codes`: one per `urls` entry. */
    code: string | null
    codes: Array<string | null>
    passphrase: boolean
    /** `https://HOST:PORT/#fp=…`, or null (guests off, not encrypted, no guest app built). */
    guestLink: string | null
  }
  stderr: () => string
  exited: Promise<Finished>
}

/**
 * Starts `lanroom host --json ...` (TLS unless `args` has `--no-tls`) and resolves with its
 * JSON line; `env` adds to the test environment.
 */
export function startHost(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  /** The largest file the process may write, in KiB (`ulimit -f`): a disk that fills. */
  fileLimitKiB?: number,
): Promise<HostProcess> {
  return new Promise((resolve, reject) => {
    const argv = [CLI, 'host', '--json', '--bind', '127.0.0.1', ...args]
    const [command, commandArgs] =
      fileLimitKiB === undefined
        ? [process.execPath, argv]
        : [
            '/bin/sh',
            ['-c', `ulimit -f ${fileLimitKiB * 2} && exec "$0" "$@"`, process.execPath, ...argv],
          ]
    const child = spawn(command, commandArgs, {
      stdio: 'pipe',
      env: { ...cliEnv(), ...env },
    })
    let stdout = ''
    let stderr = ''
    let announced = false
    const exited = new Promise<Finished>((done) => {
      child.on('close', (code, signal) => {
        done({ code, signal, stdout, stderr })
        if (!announced) reject(new Error(`host exited (${code ?? signal}): ${stderr}`))
      })
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const newline = stdout.indexOf('\n')
      if (!announced && newline >= 0) {
        announced = true
        resolve({
          child,
          info: JSON.parse(stdout.slice(0, newline)) as HostProcess['info'],
          stderr: () => stderr,
          exited,
        })
      }
    })
    setTimeout(() => {
      if (!announced) {
        child.kill('SIGKILL')
        reject(new Error(`host did not announce itself: ${stderr}`))
      }
    }, START_TIMEOUT_MS).unref()
  })
}
