/**
 * End-to-end, tier 2: the app in real Electron — the glue no other test reaches
 * (src/main/index.ts, the bridge's IPC registration, the sandboxed preload, the app:// scheme,
 * the fuses of the packaged app).
 *
 * It runs wherever there is an Electron to run (e2e/harness/electron-app.ts): after
 * `npm run electron:fetch`, with LANROOM_ELECTRON, or against the packaged app with
 * LANROOM_PACKAGED_APP (the release workflow). Where there is none it says so and is skipped
 * (this workplace cannot download Electron) — unless LANROOM_REQUIRE_ELECTRON=1, as CI sets it,
 * which turns that skip into a failure: a green run there proves that the app starts.
 */
import { spawn } from 'node:child_process'
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { COMMAND_NAMES, EVENT_NAMES, type Snapshot } from '../src/shared/bridge'
import { RENDERER_ENTRY_URL } from '../src/main/renderer-scheme'
import { TestClient, cid, tempDir } from '../test/support/ws-client'
import {
  appEnv,
  commandLine,
  electronTarget,
  launchApp,
  waitForLine,
  type ElectronTarget,
  type RunningApp,
} from './harness/electron-app'

/** The little of the page's DOM these tests touch (this tsconfig has no DOM types). */
interface PageElement {
  textContent: string | null
  src: string
  setAttribute(name: string, value: string): void
}
interface PageWindow {
  [name: string]: unknown
  lanroom: Record<string, (args?: unknown) => unknown>
  location: { href: string }
  open(url: string, target?: string): unknown
  document: {
    createElement(tag: string): PageElement
    head: { append(element: PageElement): void }
    body: { append(element: PageElement): void }
    addEventListener(type: string, listener: (event: { effectiveDirective: string }) => void): void
  }
}
const target = electronTarget()
const REQUIRED = process.env['LANROOM_REQUIRE_ELECTRON'] === '1'
type Runnable = Exclude<ElectronTarget, { kind: 'none' }>

if (target.kind === 'none') {
  const message = `[e2e] Electron tier skipped: ${target.reason}. The browser tier ran the same flows.`
  if (REQUIRED) {
    describe('the app in Electron', () => {
      it('has an Electron to run (LANROOM_REQUIRE_ELECTRON=1)', () => {
        throw new Error(`LANROOM_REQUIRE_ELECTRON=1, but ${target.reason}`)
      })
    })
  } else {
    console.warn(message)
  }
}

const runnable = target.kind === 'none' ? null : (target as Runnable)
const development = runnable?.kind === 'development'
if (runnable?.kind === 'packaged') {
  console.warn(
    `[e2e] Electron tier on the packaged app ${runnable.executable}: the tests that look inside ` +
      'the main process (notifications, second instance) run only against the development build, ' +
      'since the packaged app has no inspector (fuse).',
  )
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Starts the app with a fresh data directory; it is ended and removed after the test. */
async function start(userData?: string): Promise<{ app: RunningApp; userData: string }> {
  let dir = userData
  if (dir === undefined) {
    const made = tempDir('lanroom-electron-')
    cleanups.push(made.remove)
    dir = made.path
  }
  const app = await launchApp(runnable as Runnable, dir)
  cleanups.push(() => app.kill())
  return { app, userData: dir }
}

async function chooseName(app: RunningApp, name: string): Promise<void> {
  const { page } = app
  await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
}

/** Hosts a room from the lobby; returns the port it listens on. */
async function host(app: RunningApp, room: string): Promise<number> {
  const { page } = app
  await page.getByRole('button', { name: 'Host a room' }).click()
  await page.getByLabel('Room name').fill(room)
  await page.getByRole('button', { name: /Host room/ }).click()
  await page.getByRole('heading', { name: room, level: 1 }).waitFor()
  const snapshot = (await page.evaluate(() =>
    (globalThis as unknown as PageWindow).lanroom['getSnapshot']?.(),
  )) as { ok: true; value: Snapshot }
  const address = snapshot.value.room?.joinAddresses[0] ?? ''
  const port = Number(/:(\d+)$/.exec(address)?.[1])
  expect(port, `join address ${address}`).toBeGreaterThan(0)
  return port
}

/** A member joining the app's hosted room over the real protocol, from this test process. */
async function guest(port: number): Promise<TestClient> {
  const client = new TestClient(`wss://127.0.0.1:${port}/ws`)
  cleanups.push(() => client.close())
  await client.join('Guest', cid('electron-guest'))
  return client
}

describe.skipIf(runnable === null)(`the app in Electron (${runnable?.kind})`, () => {
  it('asks for a name, hosts a room, and stops hosting', async () => {
    const { app, userData } = await start()
    const { page } = app
    await chooseName(app, 'Electron tester')
    // The app keeps its data where it was told to (the tests rely on it being separate).
    expect(existsSync(join(userData, 'settings.json'))).toBe(true)
    await host(app, 'Tier two')
    expect(await page.title()).toContain('Tier two')
    await page.getByRole('button', { name: 'Stop hosting' }).first().click()
    await page.getByRole('dialog').getByRole('button', { name: 'Stop hosting' }).click()
    await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    await app.quit()
  }, 90_000)

  it('gives the page exactly the contract: no require, no process, no ipcRenderer', async () => {
    const { app } = await start()
    const seen = await app.page.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown>
      const api = page['lanroom'] as Record<string, unknown>
      return {
        keys: Object.keys(api).sort(),
        allFunctions: Object.values(api).every((value) => typeof value === 'function'),
        frozen: Object.isFrozen(api),
        globals: [
          'require',
          'process',
          'module',
          'Buffer',
          'global',
          'ipcRenderer',
          'electron',
        ].filter((name) => typeof page[name] !== 'undefined'),
        suspicious: Object.getOwnPropertyNames(globalThis).filter((name) =>
          /ipc|electron|require|lanroom/i.test(name),
        ),
      }
    })
    expect(seen.keys).toEqual([...COMMAND_NAMES, ...EVENT_NAMES].sort())
    expect(seen.allFunctions).toBe(true)
    expect(seen.frozen).toBe(true)
    expect(seen.globals).toEqual([])
    expect(seen.suspicious).toEqual(['lanroom'])

    // And it works, over Electron's IPC: main checks the sender and the arguments.
    const answers = await app.page.evaluate(async () => {
      const api = (globalThis as unknown as PageWindow).lanroom
      const call = (name: string, args?: unknown): Promise<unknown> =>
        Promise.resolve(api[name]?.(args))
      return {
        snapshot: await call('getSnapshot'),
        bad: await call('setProfile', { name: 'x', extra: true }),
        unsubscribe: typeof (api['onSnapshot'] as (listener: () => void) => unknown)(() => {}),
      }
    })
    expect(answers.snapshot).toMatchObject({ ok: true, value: { situation: 'idle' } })
    expect(answers.bad).toMatchObject({ ok: false, error: { code: 'BRIDGE_ERR_INVALID_ARGS' } })
    expect(answers.unsubscribe).toBe('function')
    await app.quit()
  }, 90_000)

  it('holds its Content Security Policy: an injected inline script does not run', async () => {
    const { app } = await start()
    await app.page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    const result = await app.page.evaluate(async () => {
      const { document } = globalThis as unknown as PageWindow
      const violations: string[] = []
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(event.effectiveDirective),
      )
      const script = document.createElement('script')
      script.textContent = 'window.__lanroomInjected = true'
      document.head.append(script)
      const handler = document.createElement('img')
      handler.setAttribute('onerror', 'window.__lanroomInjected = true')
      handler.src = 'data:,'
      document.body.append(handler)
      let evaluated = true
      try {
        // Indirect eval: what an injected string would need.
        ;(0, eval)('1')
      } catch {
        evaluated = false
      }
      await new Promise((resolve) => setTimeout(resolve, 300))
      const response = await fetch('/index.html')
      return {
        injected: (globalThis as unknown as PageWindow)['__lanroomInjected'] === true,
        evaluated,
        violations,
        header: response.headers.get('content-security-policy'),
      }
    })
    expect(result.injected).toBe(false)
    expect(result.evaluated).toBe(false)
    expect(result.violations).toContain('script-src-elem')
    // The same policy arrives as a header on the app's scheme.
    expect(result.header).toContain("script-src 'self'")
    expect(result.header).toContain("default-src 'none'")
    await app.quit()
  }, 90_000)

  it('refuses navigation and window.open', async () => {
    const { app } = await start()
    const { page } = app
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    for (const url of [
      'https://example.org/',
      'file:///etc/passwd',
      'app://lanroom/assets/',
      'javascript:alert(1)',
    ]) {
      await page
        .evaluate((to) => {
          ;(globalThis as unknown as PageWindow).location.href = to
        }, url)
        .catch(() => {})
      await page.waitForTimeout(300)
      expect(page.url(), `after navigating to ${url}`).toBe(RENDERER_ENTRY_URL)
    }
    // Not an http(s) URL, so nothing is handed to the system browser either.
    const opened = await page.evaluate(() => {
      const page = globalThis as unknown as PageWindow
      return [
        page.open('app://lanroom/index.html') === null,
        page.open('file:///etc/passwd', '_blank') === null,
        page.open('about:blank') === null,
      ]
    })
    expect(opened).toEqual([true, true, true])
    await page.waitForTimeout(300)
    expect(
      page
        .context()
        .pages()
        .filter((other) => !other.isClosed()),
    ).toHaveLength(1)
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    await app.quit()
  }, 90_000)

  it('serves the renderer from app://lanroom/ and refuses traversal', async () => {
    const { app } = await start()
    const { page } = app
    expect(page.url()).toBe(RENDERER_ENTRY_URL)
    const statuses = await page.evaluate(
      async (urls) => {
        const out: Record<string, number> = {}
        for (const url of urls) {
          try {
            out[url] = (await fetch(url)).status
          } catch {
            out[url] = -1 // refused before any answer (CSP connect-src, CORS)
          }
        }
        return out
      },
      [
        'app://lanroom/index.html',
        'app://lanroom/..%2fmain%2findex.js',
        'app://lanroom/assets/..%2f..%2fmain%2findex.js',
        'app://lanroom/%2e%2e/main/index.js',
        'app://lanroom/../../package.json',
        'app://lanroom/..%5c..%5cpackage.json',
        'app://lanroom/index.html%00.js',
        'app://other/index.html',
      ],
    )
    expect(statuses['app://lanroom/index.html']).toBe(200)
    expect(statuses['app://lanroom/..%2fmain%2findex.js']).toBe(403)
    for (const [url, status] of Object.entries(statuses)) {
      if (url !== 'app://lanroom/index.html') expect([403, 404, -1], url).toContain(status)
    }
    await app.quit()
  }, 90_000)

  it.skipIf(!development)(
    'raises a notification for a message while the window is unfocused',
    async () => {
      const { app } = await start()
      const main = app.main as NonNullable<RunningApp['main']>
      await chooseName(app, 'Noticer')
      const port = await host(app, 'Notified')
      // Count notifications in main instead of showing them (CI desktops have no notification
      // server), and take the focus away from the window.
      await main.evaluate(({ BrowserWindow, Notification }) => {
        const shown: Array<{ title: string; body: string }> = []
        ;(globalThis as unknown as { __lanroomShown: typeof shown }).__lanroomShown = shown
        const replace = (owner: object, name: string, value: unknown): void => {
          try {
            Object.defineProperty(owner, name, { value, configurable: true, writable: true })
          } catch {
            ;(owner as Record<string, unknown>)[name] = value
          }
        }
        replace(Notification, 'isSupported', () => true)
        replace(Notification.prototype, 'show', function (this: { title: string; body: string }) {
          shown.push({ title: this.title, body: this.body })
        })
        const window = BrowserWindow.getAllWindows()[0]
        window?.blur()
        if (window?.isFocused()) window.minimize()
        if (window?.isFocused()) window.hide()
      })
      expect(
        await main.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isFocused()),
        'the window could not be unfocused',
      ).toBe(false)

      const member = await guest(port)
      member.chat('m-1', 'Anyone there?')
      await expect
        .poll(
          () =>
            main.evaluate(
              () =>
                (
                  globalThis as unknown as {
                    __lanroomShown: Array<{ title: string; body: string }>
                  }
                ).__lanroomShown,
            ),
          { timeout: 20_000 },
        )
        // The title names the sender (the notifier may add the room or a count).
        .toContainEqual({
          title: expect.stringContaining('Guest') as unknown,
          body: expect.stringContaining('Anyone there?') as unknown,
        })
      await app.quit()
    },
    90_000,
  )

  it.skipIf(!development)(
    'hands a second instance over to the first',
    async () => {
      const { app, userData } = await start()
      const main = app.main as NonNullable<RunningApp['main']>
      await app.page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      await main.evaluate(({ app: electronApp, BrowserWindow }) => {
        const state = globalThis as unknown as { __lanroomSecond: number }
        state.__lanroomSecond = 0
        electronApp.on('second-instance', () => state.__lanroomSecond++)
        BrowserWindow.getAllWindows()[0]?.minimize()
      })
      const { command, args } = commandLine(runnable as Runnable, userData)
      const second = spawn(command, args, { env: appEnv(), stdio: 'ignore' })
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve))
      expect(code).toBe(0)
      await expect
        .poll(() =>
          main.evaluate(
            () => (globalThis as unknown as { __lanroomSecond: number }).__lanroomSecond,
          ),
        )
        .toBe(1)
      const window = await main.evaluate(({ BrowserWindow }) => {
        const only = BrowserWindow.getAllWindows()
        return {
          count: only.length,
          visible: only[0]?.isVisible(),
          minimized: only[0]?.isMinimized(),
        }
      })
      expect(window).toEqual({ count: 1, visible: true, minimized: false })
      await app.quit()
    },
    90_000,
  )

  it.skipIf(!development)(
    'keeps running in the tray when the window closes while hosting; Quit then ends the room',
    async () => {
      const { app, userData } = await start()
      const main = app.main as NonNullable<RunningApp['main']>
      await chooseName(app, 'Tray host')
      const port = await host(app, 'Tray room')
      const member = await guest(port)
      await main.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
      await expect
        .poll(() =>
          main.evaluate(({ BrowserWindow }) =>
            BrowserWindow.getAllWindows().map((window) => window.isVisible()),
          ),
        )
        .toEqual([false])
      // Told once (desktop/close-policy.ts), and remembered.
      const settings = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as {
        trayExplained: boolean
      }
      expect(settings.trayExplained).toBe(true)
      // The room goes on without the window.
      member.chat('m-tray', 'Still there?')
      expect((await member.next('chat', 20_000)).text).toBe('Still there?')
      await app.quit()
      expect((await member.next('closing', 20_000)).type).toBe('closing')
    },
    90_000,
  )

  it.skipIf(!development)(
    'opens the join step for a lanroom:// link handed over by a second instance',
    async () => {
      const { app, userData } = await start()
      await chooseName(app, 'Link follower')
      // Nothing answers at port 1: the join step shows the address and says so; nothing joins.
      const link = 'lanroom://join/127.0.0.1:1'
      const { command, args } = commandLine(runnable as Runnable, userData, [link])
      const second = spawn(command, args, { env: appEnv(), stdio: 'ignore' })
      expect(await new Promise<number | null>((resolve) => second.once('exit', resolve))).toBe(0)
      const field = app.page.getByLabel('Room code or address', { exact: true })
      await expect.poll(() => field.inputValue(), { timeout: 20_000 }).toBe('127.0.0.1:1')
      await app.page.getByRole('alert').first().waitFor()
      const snapshot = (await app.page.evaluate(() =>
        (globalThis as unknown as PageWindow).lanroom['getSnapshot']?.(),
      )) as { ok: true; value: Snapshot }
      expect(snapshot.value.situation).toBe('idle')
      await app.quit()
    },
    90_000,
  )

  it('tells the members that the room ends when it quits while hosting', async () => {
    const { app } = await start()
    await chooseName(app, 'Quitter')
    const port = await host(app, 'Ending')
    const member = await guest(port)
    await app.quit()
    const closing = await member.next('closing', 20_000)
    expect(closing.type).toBe('closing')
    expect(await member.closed).toBeGreaterThan(0)
  }, 90_000)

  // The app imported electron-updater to start at all (src/main/index.ts); a development build,
  // and any test run (the harness sets LANROOM_UPDATES=off, also for the packaged app), never
  // asks the release feed.
  it('wires the updater, and never checks for updates in a development build or a test run', async () => {
    const { app } = await start()
    await chooseName(app, 'Updater')
    const answers = await app.page.evaluate(async () => {
      const api = (globalThis as unknown as PageWindow).lanroom
      return {
        state: await Promise.resolve(api['getUpdate']?.()),
        check: await Promise.resolve(api['checkForUpdates']?.()),
        restart: await Promise.resolve(api['restartToUpdate']?.({ endRoom: true })),
      }
    })
    const version = (
      JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
    ).version
    expect(answers.state).toMatchObject({
      ok: true,
      value: { status: 'idle', availability: 'development', currentVersion: version },
    })
    expect(answers.check).toMatchObject({ ok: false, error: { code: 'UPDATE_ERR_UNAVAILABLE' } })
    expect(answers.restart).toMatchObject({ ok: false, error: { code: 'UPDATE_ERR_NOT_READY' } })
    await app.page.getByRole('button', { name: 'Settings', exact: true }).first().click()
    await app.page
      .getByRole('group', { name: 'Updates' })
      .getByText(`LAN Room ${version}`)
      .waitFor()
    await app.quit()
  }, 90_000)
})

describe.skipIf(runnable?.kind !== 'packaged')('the packaged app (fuses, asar integrity)', () => {
  const executable = runnable?.kind === 'packaged' ? runnable.executable : ''

  /** Starts the executable with `args`; resolves with what it printed when `until` shows. */
  async function startsAsApp(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
    const data = tempDir('lanroom-packaged-')
    cleanups.push(data.remove)
    const { command, args: full } = commandLine(runnable as Runnable, data.path, args)
    const child = spawn(command, full, { env: appEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    cleanups.push(() => child.kill('SIGKILL'))
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitForLine(child, /DevTools listening on/, 60_000)
    // Give a Node inspector, had it been allowed, the time to say so.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    return output
  }

  it('ignores --inspect and ELECTRON_RUN_AS_NODE', async () => {
    const inspected = await startsAsApp(['--inspect=0', '--remote-debugging-port=0'], {})
    expect(inspected).not.toMatch(/Debugger listening/)
    const asNode = await startsAsApp(
      ['-e', 'console.log("ran as node")', '--remote-debugging-port=0'],
      { ELECTRON_RUN_AS_NODE: '1' },
    )
    expect(asNode).not.toContain('ran as node')
  }, 120_000)

  it.skipIf(process.platform === 'linux')(
    'does not start with an app.asar changed after packaging (macOS, Windows)',
    async () => {
      // The copy: the .app bundle on macOS, the folder beside the .exe on Windows.
      const bundle =
        process.platform === 'darwin' ? dirname(dirname(dirname(executable))) : dirname(executable)
      const work = mkdtempSync(join(tmpdir(), 'lanroom-tampered-'))
      cleanups.push(() => rmSync(work, { recursive: true, force: true }))
      const copy = join(work, bundle.split(/[\\/]/).pop() ?? 'app')
      cpSync(bundle, copy, { recursive: true, verbatimSymlinks: true })
      const asar =
        process.platform === 'darwin'
          ? join(copy, 'Contents/Resources/app.asar')
          : join(copy, 'resources/app.asar')
      // One hex digit of one file's hash in the archive's header: still a valid archive, but
      // no longer the header whose hash electron-builder embedded in the app.
      const fd = openSync(asar, 'r+')
      const head = Buffer.alloc(64 * 1024)
      readSync(fd, head, 0, head.length, 0)
      const at = head.indexOf('"hash":"') + '"hash":"'.length
      expect(at).toBeGreaterThan(16)
      const digit = String.fromCharCode(head[at] ?? 0)
      writeSync(fd, digit === '0' ? '1' : '0', at, 'latin1')
      closeSync(fd)

      const tampered = join(copy, executable.slice(bundle.length))
      const data = tempDir('lanroom-tampered-data-')
      cleanups.push(data.remove)
      const child = spawn(tampered, [`--user-data-dir=${data.path}`], {
        env: appEnv(),
        stdio: 'ignore',
      })
      cleanups.push(() => child.kill('SIGKILL'))
      const ended = await Promise.race([
        new Promise<string>((resolve) =>
          child.once('exit', (code, signal) => resolve(`exit ${code} ${signal}`)),
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 30_000)),
      ])
      expect(ended).not.toBe('still running')
      expect(ended).not.toBe('exit 0 null')
    },
    120_000,
  )
})
