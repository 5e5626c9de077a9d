import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The built lanroom command (`npm run build`; `npm test` builds first). */
export const CLI = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

/**
 * The lanroom commands these tests start keep their data (rooms, certificates, pinned
 * certificates) in a directory of this test process, never in the user's own.
 */
export const CLI_DATA_DIR = mkdtempSync(join(tmpdir(), 'lanroom-cli-'))
export const CLI_ENV = { ...process.env, LANROOM_DATA_DIR: CLI_DATA_DIR, LANROOM_PASSPHRASE: '' }

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
 * adds to (or overrides) the test environment, e.g. `{ LANROOM_PASSPHRASE: '...' }`.
 */
export function runCli(
  args: string[],
  input = '',
  timeoutMs = 15_000,
  env: NodeJS.ProcessEnv = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: 'pipe',
      env: { ...CLI_ENV, ...env },
    })
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
export function runHostUntil(args: string[], until: RegExp, timeoutMs = 20_000): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'host', ...args], { stdio: 'pipe', env: CLI_ENV })
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
    passphrase: boolean
  }
  stderr: () => string
  exited: Promise<Finished>
}

/**
 * Starts `lanroom host --json ...` (TLS unless `args` has `--no-tls`) and resolves with its
 * JSON line; `env` adds to the test environment.
 */
export function startHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'host', '--json', '--bind', '127.0.0.1', ...args], {
      stdio: 'pipe',
      env: { ...CLI_ENV, ...env },
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
    }, 10_000).unref()
  })
}
