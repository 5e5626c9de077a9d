/**
 * The Electron tier's way to start the app, in one of two forms:
 *
 * - development: the Electron binary (node_modules/electron after `npm run electron:fetch`,
 *   LANROOM_ELECTRON, ELECTRON_OVERRIDE_DIST_PATH) running the built out/main/index.js, through
 *   Playwright's Electron support, which can also evaluate code in the main process;
 * - packaged: the executable electron-builder made (LANROOM_PACKAGED_APP), with its fuses
 *   flipped and its app.asar checked. Playwright's Electron support needs the Node inspector,
 *   which the packaged app's fuses turn off, so the app is started here and its window is
 *   reached over Chromium's DevTools protocol instead: the same page tests run, and the tests
 *   that must look inside the main process say they are development-only.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  _electron as electron,
  chromium,
  type Browser,
  type ElectronApplication,
  type Page,
} from 'playwright-core'
import { findElectron } from '../../scripts/electron-app'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const MAIN_ENTRY = join(ROOT, 'out/main/index.js')

export type ElectronTarget =
  | { kind: 'development'; binary: string }
  | { kind: 'packaged'; executable: string }
  | { kind: 'none'; reason: string }

/** What to run, found without require('electron') (which would try to download it). */
export function electronTarget(env: NodeJS.ProcessEnv = process.env): ElectronTarget {
  const packaged = env['LANROOM_PACKAGED_APP'] ? resolve(env['LANROOM_PACKAGED_APP']) : ''
  if (packaged) {
    return existsSync(packaged)
      ? { kind: 'packaged', executable: packaged }
      : { kind: 'none', reason: `LANROOM_PACKAGED_APP is ${packaged}, which does not exist` }
  }
  const found = findElectron(env, dirname(join(ROOT, 'node_modules/electron/package.json')))
  if (found.kind === 'found') {
    if (!existsSync(MAIN_ENTRY)) {
      return { kind: 'none', reason: `${MAIN_ENTRY} is missing: run \`npm run build\` first` }
    }
    return { kind: 'development', binary: found.path }
  }
  if (found.kind === 'wrong') return { kind: 'none', reason: found.message }
  return {
    kind: 'none',
    reason:
      'no Electron binary here (node_modules/electron/path.txt is missing; run ' +
      '`npm run electron:fetch`, or set LANROOM_ELECTRON or LANROOM_PACKAGED_APP)',
  }
}

/** Chromium's sandbox needs a set-uid helper or user namespaces, which test machines may lack. */
const PLATFORM_ARGS = process.platform === 'linux' ? ['--no-sandbox'] : []

/** The command line that starts the app with its data in `userData` (extra args after). */
export function commandLine(
  target: Exclude<ElectronTarget, { kind: 'none' }>,
  userData: string,
  extra: string[] = [],
): { command: string; args: string[] } {
  const common = [...PLATFORM_ARGS, `--user-data-dir=${userData}`, ...extra]
  return target.kind === 'packaged'
    ? { command: target.executable, args: common }
    : { command: target.binary, args: [MAIN_ENTRY, ...common] }
}

/** The environment the app runs in: never a dev server, never Node options from the tests. */
export function appEnv(extra: NodeJS.ProcessEnv = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries({ ...process.env, ...extra })) {
    if (value !== undefined) env[name] = value
  }
  env['ELECTRON_RENDERER_URL'] = ''
  // A test run never asks the release feed for updates (src/main/updates), packaged or not.
  env['LANROOM_UPDATES'] = extra['LANROOM_UPDATES'] ?? 'off'
  delete env['NODE_OPTIONS']
  if (extra['ELECTRON_RUN_AS_NODE'] === undefined) delete env['ELECTRON_RUN_AS_NODE']
  return env
}

export interface RunningApp {
  /** The app's window. */
  page: Page
  /** Main-process access (evaluate); null for the packaged app, whose inspector is off. */
  main: ElectronApplication | null
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  exited: Promise<number | null>
  /** Quits as a person does (the window closed, or app.quit()), and waits for the end. */
  quit(): Promise<void>
  /** Ends it at once (cleanup after a failure). */
  kill(): void
}

/** Waits for a line matching `pattern` in `stream`; rejects after `timeoutMs` or at its end. */
export function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${seen.slice(-2000)}`))
    }, timeoutMs)
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString()
      const match = pattern.exec(seen)
      if (match) {
        cleanup()
        resolve(match)
      }
    }
    const onExit = (code: number | null): void => {
      cleanup()
      reject(new Error(`exited (${code}) before a line matching ${pattern}:\n${seen.slice(-2000)}`))
    }
    const cleanup = (): void => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.stderr?.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

/** The page of the app's own window among the pages a CDP connection sees. */
async function appWindow(browser: Browser, timeoutMs: number): Promise<Page> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    for (const context of browser.contexts()) {
      const page = context.pages().find((candidate) => !candidate.url().startsWith('devtools:'))
      if (page) return page
    }
    if (Date.now() > deadline) throw new Error('the app opened no window')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function launchApp(
  target: Exclude<ElectronTarget, { kind: 'none' }>,
  userData: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningApp> {
  if (target.kind === 'development') {
    const { command, args } = commandLine(target, userData)
    const main = await electron.launch({ executablePath: command, args, env: appEnv(env) })
    const child = main.process()
    const exited = exitOf(child)
    const page = await main.firstWindow()
    page.setDefaultTimeout(15_000)
    return {
      page,
      main,
      exited,
      quit: async () => {
        await main.close()
        await exited
      },
      kill: () => child.kill('SIGKILL'),
    }
  }

  const { command, args } = commandLine(target, userData, ['--remote-debugging-port=0'])
  const child = spawn(command, args, { env: appEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = exitOf(child)
  try {
    const [, endpoint] = await waitForLine(child, /DevTools listening on (ws:\/\/\S+)/, 60_000)
    const browser = await chromium.connectOverCDP(endpoint ?? '')
    const page = await appWindow(browser, 30_000)
    page.setDefaultTimeout(15_000)
    return {
      page,
      main: null,
      exited,
      quit: async () => {
        // Closing the only window quits the app (window-all-closed), through before-quit.
        await page.close().catch(() => {})
        await exited
        await browser.close().catch(() => {})
      },
      kill: () => child.kill('SIGKILL'),
    }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}
