/**
 * `npm start`, `npm run dev` and `npm run electron:fetch`:
 *
 *   tsx scripts/electron-app.ts preview|dev [electron-vite options...]
 *   tsx scripts/electron-app.ts fetch
 *
 * electron-vite starts the Electron binary named in node_modules/electron/path.txt, a file
 * Electron 45 writes only once its binary has been fetched, which no longer happens at
 * `npm install`: without it, electron-vite dies with "Electron uninstall". So this finds the
 * binary first, fetching it with Electron's own installer (node_modules/electron/install.js,
 * the `install-electron` bin) when it is missing, and then runs electron-vite with
 * ELECTRON_EXEC_PATH set to it.
 *
 * Where the binary cannot be fetched (offline, a proxy or firewall in the way, a mirror that
 * does not answer), it stops within FETCH_STALL_MS with what failed, how to retry, how to use
 * an Electron that is already there, and that the `lanroom` command needs none; exit code 1.
 * A download that keeps moving is never cut short, however slow: only one that stalls is.
 *
 * Which Electron, first match wins:
 * - LANROOM_ELECTRON: the path of an Electron executable;
 * - ELECTRON_OVERRIDE_DIST_PATH: Electron's own variable, a folder holding its executable;
 * - ELECTRON_EXEC_PATH: electron-vite's own variable, the executable;
 * - the binary installed in node_modules/electron (fetched here when missing).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, lstatSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { invokedDirectly } from './invoked-directly'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const requireHere = createRequire(import.meta.url)
const FETCH_HOOK = fileURLToPath(new URL('./electron-fetch-hook.cjs', import.meta.url))

/**
 * A fetch with no new byte for this long is given up. Long enough for a connection attempt to
 * fail by itself (Node's fetch gives up connecting after 10 s) and short enough that a person
 * waiting on a blocked network hears why within 30 s. LANROOM_ELECTRON_FETCH_STALL_MS
 * overrides it (tests use a short one).
 */
export const FETCH_STALL_MS = 20_000
/** How often the download's progress is looked at, and said (every PROGRESS_SAY_MS). */
const POLL_MS = 250
const PROGRESS_SAY_MS = 5_000
/** Electron's downloader (@electron/get 5) declares this Node version as its minimum. */
export const FETCHER_NODE = '22.12.0'

export type Mode = 'preview' | 'dev' | 'fetch'

/** The executable inside an Electron distribution folder, as Electron's install.js names it. */
export function executableInDist(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

export type Found =
  | { kind: 'found'; path: string; source: string }
  | { kind: 'missing' }
  | { kind: 'wrong'; message: string }

/** Where Electron's executable is, by the rules above, without fetching anything. */
export function findElectron(
  env: NodeJS.ProcessEnv,
  packageDir: string,
  platform: NodeJS.Platform = process.platform,
): Found {
  const fromVariable = (name: string, path: string): Found =>
    existsSync(path)
      ? { kind: 'found', path, source: name }
      : { kind: 'wrong', message: `${name} is set, but there is no Electron at ${path}.` }
  if (env['LANROOM_ELECTRON']) return fromVariable('LANROOM_ELECTRON', env['LANROOM_ELECTRON'])
  if (env['ELECTRON_OVERRIDE_DIST_PATH']) {
    const path = join(env['ELECTRON_OVERRIDE_DIST_PATH'], executableInDist(platform))
    return fromVariable('ELECTRON_OVERRIDE_DIST_PATH', path)
  }
  if (env['ELECTRON_EXEC_PATH'])
    return fromVariable('ELECTRON_EXEC_PATH', env['ELECTRON_EXEC_PATH'])
  try {
    const name = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim()
    const path = join(packageDir, 'dist', name)
    if (name !== '' && existsSync(path)) return { kind: 'found', path, source: 'node_modules' }
  } catch {
    // No path.txt: never fetched.
  }
  return { kind: 'missing' }
}

export interface FetchResult {
  ok: boolean
  /** What failed, in a sentence; empty when ok. */
  reason: string
}

/** Total size of the files under `dir` (0 when it does not exist); symbolic links not followed. */
function bytesUnder(dir: string): number {
  let total = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const entry of entries) {
    const path = join(dir, entry)
    try {
      const stat = lstatSync(path)
      total += stat.isDirectory() ? bytesUnder(path) : stat.size
    } catch {
      // Moved or removed while we looked (the downloader renames its files): skip it.
    }
  }
  return total
}

/** A URL without the user name and password it may carry (a private mirror's). */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.href
  } catch {
    return url
  }
}

function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '))
  return (lines[0] ?? '').slice(0, 300)
}

interface FetchMessage {
  kind: 'request' | 'response' | 'failed'
  url: string
  status?: number
  reason?: string
}

function isFetchMessage(value: unknown): value is FetchMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { url?: unknown }).url === 'string'
  )
}

/**
 * Runs Electron's installer (install.js in `packageDir`) and watches it: the bytes it writes to
 * its own temporary folder (the download) and to the package's dist/ (the unpacking). When
 * none arrive for `stallMs` it is stopped. Progress is said on stderr every few seconds.
 */
export function fetchElectron(
  packageDir: string,
  env: NodeJS.ProcessEnv,
  stallMs: number,
  say: (line: string) => void,
): Promise<FetchResult> {
  const temp = mkdtempSync(join(tmpdir(), 'lanroom-electron-fetch-'))
  const dist = join(packageDir, 'dist')
  const child = spawn(process.execPath, ['--require', FETCH_HOOK, join(packageDir, 'install.js')], {
    cwd: packageDir,
    // The installer downloads into os.tmpdir(): a folder of our own, to watch it grow.
    env: { ...env, TMPDIR: temp, TEMP: temp, TMP: temp },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    windowsHide: true,
  })
  let stderr = ''
  let failedFetch: FetchMessage | null = null
  let lastUrl: string | null = null
  /** When the installer last showed a sign of life: a request, a response, a byte written. */
  let lastProgress = Date.now()
  /** Whether it has asked for anything yet: until then it is starting (loading its modules). */
  let asked = false
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString()
  })
  child.on('message', (message: unknown) => {
    if (!isFetchMessage(message)) return
    lastUrl = message.url
    asked = true
    lastProgress = Date.now()
    if (message.kind === 'failed') failedFetch = message
  })

  return new Promise((resolve) => {
    const started = Date.now()
    let lastBytes = -1
    let lastSaid = started
    let stalled = false
    const timer = setInterval(() => {
      const now = Date.now()
      const bytes = bytesUnder(temp) + bytesUnder(dist)
      if (bytes !== lastBytes) {
        lastBytes = bytes
        lastProgress = now
      }
      if (now - lastSaid >= PROGRESS_SAY_MS && bytes > 0) {
        lastSaid = now
        say(`  … ${(bytes / 1e6).toFixed(0)} MB so far`)
      }
      // Starting Node and the downloader is not the network's fault: a busy machine may take
      // seconds. Until the first request, the longer default bound applies.
      const bound = asked ? stallMs : Math.max(stallMs, FETCH_STALL_MS)
      if (now - lastProgress >= bound && !stalled) {
        stalled = true
        child.kill()
      }
    }, POLL_MS)

    const finish = (result: FetchResult): void => {
      clearInterval(timer)
      rmSync(temp, { recursive: true, force: true })
      resolve(result)
    }
    child.on('error', (error) =>
      finish({ ok: false, reason: `could not start Electron's installer: ${error.message}` }),
    )
    child.on('exit', (code) => {
      const failed = failedFetch as FetchMessage | null
      const seconds = Math.round(stallMs / 1000)
      if (stalled) {
        const where = lastUrl !== null ? ` from ${redact(lastUrl)}` : ''
        finish({
          ok: false,
          reason:
            `the download${where} made no progress for ${seconds} s ` +
            '(a proxy or firewall may be holding the connection).',
        })
      } else if (code === 0) {
        finish({ ok: true, reason: '' })
      } else if (failed !== null) {
        finish({ ok: false, reason: `could not fetch ${redact(failed.url)}: ${failed.reason}.` })
      } else {
        const line = firstErrorLine(stderr)
        finish({
          ok: false,
          reason: `Electron's installer failed (exit code ${code ?? 'none'})${line ? `: ${line}` : '.'}`,
        })
      }
    })
  })
}

function versionAtLeast(actual: string, wanted: string): boolean {
  const a = actual.split('.').map(Number)
  const b = wanted.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    if (x !== y) return x > y
  }
  return true
}

/** What a person reads when there is no Electron to start: what failed and what to do. */
export function failureMessage(options: {
  command: string
  electronVersion: string
  reason: string
  nodeVersion: string
}): string {
  const { command, electronVersion, reason, nodeVersion } = options
  const lines = [
    `${command}: Electron ${electronVersion} is not installed here, and fetching it failed:`,
    `  ${reason}`,
  ]
  if (!versionAtLeast(nodeVersion, FETCHER_NODE)) {
    lines.push(
      `  Electron's downloader is made for Node ${FETCHER_NODE} or later; this is Node ${nodeVersion}.`,
    )
  }
  lines.push(
    'To retry:',
    `  ${command} again (or only fetch it: npx install-electron). Behind a proxy, set HTTPS_PROXY`,
    '  and ELECTRON_GET_USE_PROXY=1; to use a mirror, ELECTRON_MIRROR.',
    'To use an Electron you already have:',
    `  LANROOM_ELECTRON=/path/to/electron ${command}`,
    `  ELECTRON_OVERRIDE_DIST_PATH=/folder/holding/electron ${command}`,
    'Without Electron, the lanroom command hosts and joins rooms in a terminal:',
    '  npx lanroom host    npx lanroom join <address or room name>',
  )
  return lines.join('\n')
}

function stallMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env['LANROOM_ELECTRON_FETCH_STALL_MS'])
  return Number.isInteger(value) && value > 0 ? value : FETCH_STALL_MS
}

/** The Electron executable, fetched if need be; null after saying why there is none. */
export async function ensureElectron(options: {
  command: string
  env: NodeJS.ProcessEnv
  packageDir: string
  say: (line: string) => void
}): Promise<string | null> {
  const { command, env, packageDir, say } = options
  const version = (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }
  ).version
  const found = findElectron(env, packageDir)
  if (found.kind === 'found') return found.path
  if (found.kind === 'wrong') {
    say(`${command}: ${found.message}`)
    return null
  }
  say(`${command}: fetching Electron ${version} (once; about 100 MB)…`)
  const result = await fetchElectron(packageDir, env, stallMs(env), say)
  const after = findElectron(env, packageDir)
  if (result.ok && after.kind === 'found') return after.path
  const reason = result.ok
    ? `Electron's installer finished, but there is no binary in ${join(packageDir, 'dist')}.`
    : result.reason
  say(
    failureMessage({
      command,
      electronVersion: version,
      reason,
      nodeVersion: process.versions.node,
    }),
  )
  return null
}

/** Runs electron-vite (`preview` builds first, `dev` serves with hot reload) with `electron`. */
function runElectronVite(
  mode: 'preview' | 'dev',
  extra: string[],
  electron: string,
): Promise<number> {
  const bin = join(
    dirname(requireHere.resolve('electron-vite/package.json')),
    'bin/electron-vite.js',
  )
  const child = spawn(process.execPath, [bin, mode, ...extra], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_EXEC_PATH: electron },
    stdio: 'inherit',
  })
  // A terminal's Ctrl+C reaches the whole process group; a SIGTERM sent to this process alone
  // is passed on, so that the app is never left running without it.
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null) child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`could not start electron-vite: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)))
  })
}

const COMMANDS: Record<Mode, string> = {
  preview: 'npm start',
  dev: 'npm run dev',
  fetch: 'npm run electron:fetch',
}

async function main(argv: string[]): Promise<number> {
  const [mode, ...extra] = argv
  if (mode !== 'preview' && mode !== 'dev' && mode !== 'fetch') {
    console.error('usage: tsx scripts/electron-app.ts preview|dev|fetch [electron-vite options]')
    return 2
  }
  // Tests point this at a copy of the package, so that what they fetch never lands in the
  // project's own node_modules, and so that a machine that has Electron still runs them.
  const packageDir =
    process.env['LANROOM_ELECTRON_PACKAGE'] ?? dirname(requireHere.resolve('electron/package.json'))
  const electron = await ensureElectron({
    command: COMMANDS[mode],
    env: process.env,
    packageDir,
    say: (line) => console.error(line),
  })
  if (electron === null) return 1
  if (mode === 'fetch') {
    console.log(electron)
    return 0
  }
  return runElectronVite(mode, extra, electron)
}

if (invokedDirectly(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2))
}
