import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  COMMAND_NAMES,
  commandChannel,
  type CommandName,
  type EventName,
  type EventPayload,
} from '../../src/shared/bridge'
import { dispatchCommand, type BridgeHandlers } from '../../src/main/bridge/dispatch'
import { prepareEvent } from '../../src/main/bridge/payload-fit'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RENDERER = join(ROOT, 'out/renderer')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
}

/** Serves the built renderer on 127.0.0.1 (as file:// its module scripts are blocked). */
export async function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'))
    if (path === '/favicon.ico') {
      res.writeHead(204).end()
      return
    }
    const file = join(RENDERER, path === '/' ? 'index.html' : path)
    if (!file.startsWith(RENDERER)) {
      res.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

let bundled: Promise<string> | null = null
/** page-bridge.ts as one script, built once per run. */
function pageBridgeScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(ROOT, 'e2e/harness/browser/page-bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).then((result) => result.outputFiles[0]?.text ?? '')
  return bundled
}

/** Something that pushes contract events: the controller's event batcher, in the harness. */
export type EventSource = (
  send: <K extends EventName>(name: K, payload: EventPayload<K>) => void,
) => () => void

export interface AppPage {
  page: Page
  context: BrowserContext
  /** Every CSP violation or page error seen, for assertions. */
  problems: string[]
  close: () => Promise<void>
}

/**
 * Opens the built renderer in a fresh browser context with `window.lanroom` wired to real
 * handlers through the contract: the same dispatch (sender check, argument validation, result
 * check) and the same event preparation as main's IPC; only Electron's transport is replaced.
 */
export async function openApp(
  browser: Browser,
  options: {
    url: string
    handlers: BridgeHandlers
    events: EventSource
    colorScheme?: 'light' | 'dark'
  },
): Promise<AppPage> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    viewport: { width: 1100, height: 720 },
  })
  const page = await context.newPage()
  // Fail with the step that stalled, well inside the test's own timeout: a safety net at five
  // times the slowest ordinary step (hosting a passphrase room, up to 4 s on a busy machine).
  page.setDefaultTimeout(20_000)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  const byChannel = new Map<string, CommandName>(
    COMMAND_NAMES.map((name) => [commandChannel(name), name]),
  )
  await page.exposeBinding(
    '__lanroomInvoke',
    async ({ frame }, channel: unknown, args: unknown) => {
      const name = typeof channel === 'string' ? byChannel.get(channel) : undefined
      if (!name)
        return {
          ok: false,
          error: { code: 'BRIDGE_ERR_UNKNOWN_COMMAND', message: 'unknown command' },
        }
      return dispatchCommand(
        name,
        options.handlers,
        { frameUrl: frame.url(), mainFrame: frame.parentFrame() === null },
        [args],
        {
          isTrustedSender: (frameUrl) => frameUrl.startsWith(options.url),
          log: () => {},
        },
      )
    },
  )
  await page.addInitScript({ content: await pageBridgeScript() })
  let open = true
  const unsubscribe = options.events((name, payload) => {
    if (!open) return
    const event = prepareEvent(name, payload)
    if (!event) return
    page
      .evaluate(
        ([channel, data]) => {
          ;(
            globalThis as unknown as { __lanroomDeliver(c: string, p: unknown): void }
          ).__lanroomDeliver(channel, data)
        },
        [event.channel, event.payload] as const,
      )
      .catch(() => {})
  })
  await page.goto(options.url)
  return {
    page,
    context,
    problems,
    close: async () => {
      open = false
      unsubscribe()
      await context.close()
    },
  }
}
