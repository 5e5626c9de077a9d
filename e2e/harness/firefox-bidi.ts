/**
 * A minimal WebDriver BiDi driver for Debian's firefox-esr: what the guest app's Firefox smoke
 * test needs, and nothing else. Playwright's Firefox needs Playwright's own patched build (not
 * downloadable here), and its BiDi channel ("moz-firefox") stops at a command that stock Firefox
 * does not have (docs/security.md, "Which browsers are tested"); plain BiDi over `ws` works.
 * Every command has a deadline; Firefox runs headless in a throwaway profile whose prefs turn
 * off every connection of its own, and is ended by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'

export const FIREFOX = process.env['LANROOM_FIREFOX'] ?? '/usr/bin/firefox-esr'

/** Why Firefox cannot be driven here, or null. */
export function firefoxUnavailable(): string | null {
  return existsSync(FIREFOX)
    ? null
    : `no Firefox at ${FIREFOX} (apt-get install firefox-esr, or set LANROOM_FIREFOX)`
}

/** A refused address on loopback: where every service URL Firefox has would otherwise go. */
const NOWHERE = 'http://127.0.0.1:9/'

/** Prefs for the throwaway profile: no updates, telemetry, studies, safe browsing, captive
 * portal or connectivity checks, prefetching, remote settings, or DNS over HTTPS. */
const PREFS: Record<string, string | number | boolean> = {
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.update': false,
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.shell.checkDefaultBrowser': false,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': NOWHERE,
  'telemetry.fog.test.localhost_port': -1,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': NOWHERE,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'services.settings.server': NOWHERE,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.OCSP.enabled': 0,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'geo.provider.network.url': '',
  // Headless and unfocused: focus and keyboard events as if the window had focus.
  'focusmanager.testmode': true,
}

/** A stable code and a readable sentence, as errors crossing a boundary carry. */
export class BidiError extends Error {
  constructor(
    readonly code:
      | 'bidi_launch'
      | 'bidi_timeout'
      | 'bidi_command'
      | 'bidi_exception'
      | 'bidi_wait_timeout'
      | 'bidi_closed',
    message: string,
  ) {
    super(message)
    this.name = 'BidiError'
  }
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export interface Viewport {
  width: number
  height: number
}
type Empty = Record<string, never>
interface RemoteValue {
  type: string
  value?: unknown
  sharedId?: string
}
type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } }
type KeyAction = { type: 'keyDown' | 'keyUp'; value: string }
type PointerAction =
  | { type: 'pointerMove'; x: 0; y: 0; origin: { type: 'element'; element: { sharedId: string } } }
  | { type: 'pointerDown' | 'pointerUp'; button: 0 }
type SourceActions =
  | { type: 'key'; id: string; actions: KeyAction[] }
  | { type: 'pointer'; id: string; parameters: { pointerType: 'mouse' }; actions: PointerAction[] }

/** The commands this driver sends: [params, result]. */
interface Commands {
  'session.new': [
    { capabilities: { alwaysMatch: { acceptInsecureCerts: boolean } } },
    { sessionId: string; capabilities: { browserName: string; browserVersion: string } },
  ]
  'session.subscribe': [{ events: string[] }, Empty]
  'browser.close': [Empty, Empty]
  'browsingContext.create': [{ type: 'tab' }, { context: string }]
  'browsingContext.navigate': [{ context: string; url: string; wait: 'complete' }, { url: string }]
  'browsingContext.setViewport': [{ context: string; viewport: Viewport }, Empty]
  'browsingContext.captureScreenshot': [{ context: string }, { data: string }]
  'script.callFunction': [
    {
      functionDeclaration: string
      awaitPromise: true
      target: { context: string }
      arguments: Array<{ type: 'string'; value: string }>
    },
    EvaluateResult,
  ]
  'input.performActions': [{ context: string; actions: SourceActions[] }, Empty]
}
type Method = keyof Commands

/** What Firefox sends: an answer to a command, or an event. */
interface Incoming {
  type?: unknown
  id?: unknown
  result?: unknown
  error?: unknown
  message?: unknown
  method?: unknown
  params?: { type?: unknown; text?: unknown }
}

export interface FirefoxOptions {
  /** Safety net for Firefox to start and say where BiDi listens (typically 1-3 s). */
  launchTimeoutMs?: number
  /** Safety net for one command (most take milliseconds; a navigation up to a second). */
  commandTimeoutMs?: number
}

/** The WebDriver key for Enter (the spec's private-use code point). */
export const ENTER = '\uE007'

export class Firefox {
  /** Uncaught errors in any page (BiDi `log.entryAdded` of type javascript). */
  readonly pageErrors: string[] = []
  version = ''
  private nextId = 1
  private readonly pending = new Map<number, (message: Incoming) => void>()
  private closing: Promise<void> | null = null

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
    private readonly socket: WebSocket,
    private readonly commandTimeoutMs: number,
  ) {
    socket.on('message', (data) => this.receive(String(data)))
    socket.on('close', () => {
      for (const answer of this.pending.values()) answer({ type: 'closed' })
      this.pending.clear()
    })
  }

  /** Starts Firefox headless in a fresh profile and opens a BiDi session that accepts the
   * hub's self-signed certificate (as a person clicks through the warning). */
  static async launch(options: FirefoxOptions = {}): Promise<Firefox> {
    const profile = mkdtempSync(join(tmpdir(), 'lanroom-firefox-'))
    const prefs = Object.entries(PREFS).map(
      ([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`,
    )
    writeFileSync(join(profile, 'user.js'), `${prefs.join('\n')}\n`)
    const child = spawn(
      FIREFOX,
      [
        '--headless',
        '--no-remote',
        '--remote-debugging-port=0',
        '--profile',
        profile,
        'about:blank',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
      },
    )
    try {
      const url = await listening(child, options.launchTimeoutMs ?? 60_000)
      const socket = new WebSocket(`${url}/session`, { maxPayload: 64 * 1024 * 1024 })
      const firefox = new Firefox(child, profile, socket, options.commandTimeoutMs ?? 30_000)
      await new Promise<void>((resolve, reject) => {
        socket.once('open', resolve)
        socket.once('error', (error) =>
          reject(
            new BidiError('bidi_launch', `cannot reach Firefox’s BiDi at ${url}: ${error.message}`),
          ),
        )
      })
      const session = await firefox.send('session.new', {
        capabilities: { alwaysMatch: { acceptInsecureCerts: true } },
      })
      firefox.version = session.capabilities.browserVersion
      await firefox.send('session.subscribe', { events: ['log.entryAdded'] })
      return firefox
    } catch (error) {
      child.kill('SIGTERM')
      await stop(child, 5_000)
      rmSync(profile, { recursive: true, force: true })
      throw error
    }
  }

  /** Sends one command and waits for its answer, at most `timeoutMs`. */
  send<M extends Method>(
    method: M,
    params: Commands[M][0],
    timeoutMs = this.commandTimeoutMs,
  ): Promise<Commands[M][1]> {
    if (this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(
        new BidiError('bidi_closed', `${method}: the connection to Firefox is closed`),
      )
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(
          new BidiError('bidi_timeout', `${method}: no answer from Firefox within ${timeoutMs} ms`),
        )
      }, timeoutMs)
      this.pending.set(id, (message) => {
        clearTimeout(timer)
        if (message.type === 'success') resolve(message.result as Commands[M][1])
        else if (message.type === 'closed')
          reject(new BidiError('bidi_closed', `${method}: Firefox closed the connection`))
        else
          reject(
            new BidiError(
              'bidi_command',
              `${method}: ${String(message.error)}: ${String(message.message)}`,
            ),
          )
      })
      this.socket.send(JSON.stringify({ id, method, params }))
    })
  }

  private receive(text: string): void {
    let message: Incoming
    try {
      message = JSON.parse(text) as Incoming
    } catch {
      return
    }
    if (typeof message !== 'object' || message === null) return
    if (message.type === 'event') {
      const entry = message.params
      if (message.method === 'log.entryAdded' && entry?.type === 'javascript') {
        this.pageErrors.push(String(entry.text))
      }
      return
    }
    if (typeof message.id !== 'number') return
    const answer = this.pending.get(message.id)
    this.pending.delete(message.id)
    answer?.(message)
  }

  /** A new tab at this viewport (CSS pixels); its browsing context id. */
  async newTab(viewport: Viewport): Promise<string> {
    const { context } = await this.send('browsingContext.create', { type: 'tab' })
    await this.send('browsingContext.setViewport', { context, viewport })
    return context
  }

  async navigate(context: string, url: string): Promise<void> {
    await this.send('browsingContext.navigate', { context, url, wait: 'complete' })
  }

  /** Runs `fn` in the page with JSON arguments; its JSON result (undefined becomes null). */
  async evaluate<A extends Json[], R>(
    context: string,
    fn: (...args: A) => R,
    ...args: A
  ): Promise<Awaited<R>> {
    return (await this.evaluateSource(context, fn.toString(), args)) as Awaited<R>
  }

  /** Polls `fn` in the page until it returns something truthy, at most `timeoutMs`. */
  async waitFor<A extends Json[]>(
    context: string,
    label: string,
    timeoutMs: number,
    fn: (...args: A) => unknown,
    ...args: A
  ): Promise<void> {
    const truthy = `(...args) => Boolean((${fn.toString()})(...args))`
    const deadline = Date.now() + timeoutMs
    let last = ''
    for (;;) {
      try {
        if ((await this.evaluateSource(context, truthy, args)) === true) return
        last = ''
      } catch (error) {
        // A page that is navigating has no realm for a moment: poll again.
        last = ` (last error: ${(error as Error).message})`
      }
      if (Date.now() > deadline) {
        throw new BidiError(
          'bidi_wait_timeout',
          `timed out after ${timeoutMs} ms waiting for ${label}${last}`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Clicks the centre of the element `fn` finds, as a mouse does (scrolled into view first). */
  async click<A extends Json[]>(
    context: string,
    fn: (...args: A) => Element | null,
    ...args: A
  ): Promise<void> {
    const find = `async (args) => { const element = (${fn.toString()})(...JSON.parse(args)); if (!element) throw new Error('no such element'); element.scrollIntoView({ block: 'center' }); return element }`
    const element = await this.call(context, find, args)
    if (element.sharedId === undefined) throw new BidiError('bidi_command', 'click: not an element')
    const origin = { type: 'element', element: { sharedId: element.sharedId } } as const
    await this.actions(context, {
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', x: 0, y: 0, origin },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    })
  }

  /** Types `text` key by key into whatever has focus (ENTER for the Enter key). */
  async type(context: string, text: string): Promise<void> {
    const keys = Array.from(text).flatMap((value): KeyAction[] => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ])
    await this.actions(context, { type: 'key', id: 'keyboard', actions: keys })
  }

  /** The tab's viewport as a PNG. */
  async screenshot(context: string): Promise<Buffer> {
    const { data } = await this.send('browsingContext.captureScreenshot', { context })
    return Buffer.from(data, 'base64')
  }

  /** Closes Firefox (politely, then by its pid) and removes its profile. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.send('browser.close', {}, 5_000).catch(() => {})
      this.socket.terminate()
      await stop(this.child, 10_000)
      rmSync(this.profile, { recursive: true, force: true })
    })()
    return this.closing
  }

  /** The process id (to prove it ended). */
  get pid(): number | undefined {
    return this.child.pid
  }

  get profileDir(): string {
    return this.profile
  }

  private async actions(context: string, source: SourceActions): Promise<void> {
    await this.send('input.performActions', { context, actions: [source] })
  }

  private async evaluateSource(context: string, source: string, args: Json[]): Promise<unknown> {
    const wrapped = `async (args) => { const value = await (${source})(...JSON.parse(args)); return JSON.stringify(value === undefined ? null : value) }`
    const result = await this.call(context, wrapped, args)
    return JSON.parse(String(result.value)) as unknown
  }

  private async call(
    context: string,
    functionDeclaration: string,
    args: Json[],
  ): Promise<RemoteValue> {
    const evaluated = await this.send('script.callFunction', {
      functionDeclaration,
      awaitPromise: true,
      target: { context },
      arguments: [{ type: 'string', value: JSON.stringify(args) }],
    })
    if (evaluated.type === 'exception') {
      throw new BidiError('bidi_exception', `the page threw: ${evaluated.exceptionDetails.text}`)
    }
    return evaluated.result
  }
}

/** Reads Firefox's stderr until it says where BiDi listens; keeps draining it afterwards. */
function listening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = ''
    let found = false
    const fail = (why: string) => {
      clearTimeout(timer)
      reject(
        new BidiError('bidi_launch', `Firefox (${FIREFOX}) ${why}; it said: ${seen.slice(-2_000)}`),
      )
    }
    const timer = setTimeout(
      () => fail(`did not start listening within ${timeoutMs} ms`),
      timeoutMs,
    )
    child.once('error', (error) => fail(`could not start: ${error.message}`))
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before listening`))
    child.stderr?.on('data', (chunk: Buffer) => {
      // Drained to the end (a full pipe would stop Firefox), but read only until found.
      if (found || seen.length > 16_000) return
      seen += chunk.toString()
      const url = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen)?.[1]
      if (url) {
        found = true
        clearTimeout(timer)
        resolve(url)
      }
    })
  })
}

/** Waits for the process to exit, and kills it by its pid if it has not within `graceMs`. */
async function stop(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}
