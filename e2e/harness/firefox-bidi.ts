/**
 * A minimal WebDriver BiDi driver for Debian's firefox-esr: what the guest app's Firefox smoke
 * test needs, and nothing else. Playwright's Firefox needs Playwright's own patched build (not
 * downloadable here), and its BiDi channel ("moz-firefox") stops at a command that stock Firefox
 * does not have (docs/security.md, "Which browsers are tested"); plain BiDi over `ws` works.
 * Every command has a deadline; Firefox runs headless in a throwaway profile whose prefs turn
 * off every connection of its own, and is ended by its pid.
 */
import WebSocket from 'ws'
import {
  BidiError,
  type Commands,
  type Incoming,
  type Json,
  type KeyAction,
  type Method,
  type RemoteValue,
  type SourceActions,
  type Viewport,
} from './firefox-bidi-protocol'
import { startFirefox, type FirefoxProcess } from './firefox-process'

export { FIREFOX, firefoxUnavailable } from './firefox-process'
export { BidiError, type Json, type Viewport } from './firefox-bidi-protocol'

export interface FirefoxOptions {
  /** Safety net for Firefox to start and say where BiDi listens (typically 2-5 s; up to 20 s
   * on this two-core machine when others load it). */
  launchTimeoutMs?: number
  /** Safety net for one command (most take milliseconds; a navigation up to a second). */
  commandTimeoutMs?: number
}

/** The WebDriver key for Enter (the spec's private-use code point). */
export const ENTER = '\uE007'

export class Firefox {
  /** What Firefox reports as script errors in any page (BiDi `log.entryAdded` of type
   * javascript): uncaught exceptions, and also CSP violations. */
  readonly pageErrors: string[] = []
  version = ''
  private nextId = 1
  private readonly pending = new Map<number, (message: Incoming) => void>()
  private closing: Promise<void> | null = null

  private constructor(
    private readonly firefoxProcess: FirefoxProcess,
    private readonly socket: WebSocket,
    private readonly commandTimeoutMs: number,
  ) {
    socket.on('message', (data) => this.receive(String(data)))
    // An error is followed by 'close', which fails what is pending.
    socket.on('error', () => {})
    socket.on('close', () => {
      for (const answer of this.pending.values()) answer({ type: 'closed' })
      this.pending.clear()
    })
  }

  /** Starts Firefox headless in a fresh profile and opens a BiDi session that accepts the
   * hub's self-signed certificate (as a person clicks through the warning). */
  static async launch(options: FirefoxOptions = {}): Promise<Firefox> {
    const started = await startFirefox(options.launchTimeoutMs ?? 90_000)
    try {
      const commandTimeoutMs = options.commandTimeoutMs ?? 30_000
      const socket = new WebSocket(`${started.url}/session`, {
        maxPayload: 64 * 1024 * 1024,
        handshakeTimeout: commandTimeoutMs,
      })
      const firefox = new Firefox(started, socket, commandTimeoutMs)
      await new Promise<void>((resolve, reject) => {
        socket.once('open', resolve)
        socket.once('error', (error) =>
          reject(new BidiError('bidi_launch', `cannot reach ${started.url}: ${error.message}`)),
        )
      })
      const session = await firefox.send('session.new', {
        capabilities: { alwaysMatch: { acceptInsecureCerts: true } },
      })
      firefox.version = session.capabilities.browserVersion
      await firefox.send('session.subscribe', { events: ['log.entryAdded'] })
      return firefox
    } catch (error) {
      await started.end(0)
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
      await this.firefoxProcess.end(10_000)
    })()
    return this.closing
  }

  /** Firefox's process id and profile (to prove they are gone after close). */
  get pid(): number | undefined {
    return this.firefoxProcess.pid
  }

  get profileDir(): string {
    return this.firefoxProcess.profileDir
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
