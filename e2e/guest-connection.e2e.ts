/// <reference lib="dom" />
/**
 * End-to-end, browser tier: the connection module in a real browser (issue #16's platform
 * seam). A tiny page (the browser entry of src/main/connection and the guest's web identity,
 * bundled here with esbuild) joins a real hub over the browser's WebSocket with an identity
 * kept in IndexedDB, and chats both ways with a Node client on the same RoomConnection code
 * over `ws`. The page is served at the hub's own origin (page.route on the hub's address), so
 * the hub's Origin rule admits it as it will admit the guest app it serves.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { loadOrCreateWebIdentity } from '../src/guest/platform/web-identity'
import { RoomConnection, wsSocketFactory, type browserSocketFactory } from '../src/main/connection'
import { startTestHub, testIdentity, waitFor } from '../test/support/ws-client'
import { launchBrowser } from './harness/launch'
import { browserTierSkip } from './harness/tier'

const skipReason = browserTierSkip('guest connection (end to end)')
/** Safety net for a step over loopback (a join takes milliseconds, a passphrase login with
 * key stretching on both sides up to a second or two on a busy machine). */
const STEP_MS = 30_000
const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** What the page's bundle puts on `window`. */
interface GuestTest {
  loadOrCreateWebIdentity: typeof loadOrCreateWebIdentity
  RoomConnection: typeof RoomConnection
  browserSocketFactory: typeof browserSocketFactory
  connection?: RoomConnection
}
declare global {
  interface Window {
    guestTest: GuestTest
  }
}

const PAGE_ENTRY = `
import { loadOrCreateWebIdentity } from './src/guest/platform/web-identity'
import { RoomConnection, browserSocketFactory } from './src/main/connection/browser'
window.guestTest = { loadOrCreateWebIdentity, RoomConnection, browserSocketFactory }
`

/**
 * What the page's CSP allows: its own scripts, and connections to its own origin. OPAQUE's
 * WebAssembly (passphrase rooms) needs 'wasm-unsafe-eval', which allows compiling WebAssembly
 * and nothing else (no eval of JavaScript).
 */
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; base-uri 'none'"

async function pageBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: PAGE_ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'guest-test.ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles.map((file) => file.text).join('\n')
}

describe.skipIf(skipReason !== null)('the connection module in a browser', () => {
  let browser: Browser
  let script = ''
  const cleanups: Array<() => unknown> = []

  beforeAll(async () => {
    ;[browser, script] = await Promise.all([launchBrowser(), pageBundle()])
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  /** A plain-ws hub on loopback (the page is served over http at its address). */
  async function hub(passphrase?: string) {
    const started = await startTestHub({
      tls: false,
      ...(passphrase === undefined ? {} : { passphrase }),
    })
    cleanups.push(started.stop)
    return { url: started.url, origin: `http://127.0.0.1:${started.hub.port}` }
  }

  /** A page at the hub's own origin with the test bundle loaded. */
  async function guestPage(origin: string, csp = CSP): Promise<Page> {
    // A page fulfilled by page.route has no address of its own, so Chromium's Local Network
    // Access checks take it for a public page reaching loopback. The guest app, served by the
    // hub itself, connects back to the address it came from: the same address space.
    const context = await browser.newContext({ permissions: ['local-network-access'] })
    cleanups.push(() => context.close())
    await context.route(`${origin}/t.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': csp },
        body: '<!doctype html><meta charset="utf-8"><script type="module" src="/t.js"></script>',
      }),
    )
    await context.route(`${origin}/t.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script }),
    )
    const page = await context.newPage()
    page.on('console', (m) => console.log('[page]', m.text()))
    await open(page, origin)
    return page
  }

  async function open(page: Page, origin: string): Promise<void> {
    await page.goto(`${origin}/t.html`)
    await page.waitForFunction(() => window.guestTest !== undefined, null, { timeout: STEP_MS })
  }

  /** The page makes (or loads) its identity and joins; what it learned. */
  function joinFromPage(
    page: Page,
    url: string,
    options: { databaseName?: string; forceFallback?: boolean; passphrase?: string } = {},
  ) {
    return page.evaluate(
      async ({ url, options }) => {
        const t = window.guestTest
        const { passphrase, ...identityOptions } = options
        const identity = await t.loadOrCreateWebIdentity(identityOptions)
        const connection = new t.RoomConnection({
          candidates: [url],
          name: 'Pia',
          identity,
          socketFactory: t.browserSocketFactory({ fingerprint: null }),
          connectTimeoutMs: 20_000,
          ...(passphrase === undefined ? {} : { passphrase }),
        })
        t.connection = connection
        try {
          const welcome = await connection.connect()
          return { clientId: identity.clientId, you: welcome.you.clientId, closed: null }
        } catch {
          const state = connection.state
          return {
            clientId: identity.clientId,
            you: null,
            closed: state.status === 'closed' ? state.reason : state.status,
            message: state.status === 'closed' ? state.message : '',
          }
        }
      },
      { url, options },
    )
  }

  /** What IndexedDB keeps for the identity in `databaseName`: its kind, and whether its
   * private key could be read out. */
  function storedKind(page: Page, databaseName: string) {
    return page.evaluate(
      (name) =>
        new Promise<{ kind: string; extractable: boolean | null; seedBytes: number | null }>(
          (resolve, reject) => {
            const request = indexedDB.open(name)
            request.onerror = () => reject(new Error('cannot open'))
            request.onsuccess = () => {
              const get = request.result
                .transaction('identity', 'readonly')
                .objectStore('identity')
                .get('self')
              get.onsuccess = () => {
                const value = get.result as {
                  kind: string
                  privateKey?: CryptoKey
                  seed?: Uint8Array
                }
                resolve({
                  kind: value.kind,
                  extractable: value.privateKey ? value.privateKey.extractable : null,
                  seedBytes: value.seed ? value.seed.length : null,
                })
              }
            }
          },
        ),
      databaseName,
    )
  }

  /** A Node member, on the same RoomConnection over `ws`. */
  async function nodeMember(url: string, passphrase?: string): Promise<RoomConnection> {
    const connection = new RoomConnection({
      candidates: [url],
      name: 'Nora',
      identity: testIdentity('nora'),
      socketFactory: wsSocketFactory,
      connectTimeoutMs: STEP_MS,
      ...(passphrase === undefined ? {} : { passphrase }),
    })
    cleanups.push(() => connection.close())
    await connection.connect()
    return connection
  }

  const texts = (connection: RoomConnection): string[] =>
    connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat.text] : []))

  it(
    'joins with a WebCrypto key kept in IndexedDB, chats both ways, and is the same person after a reload',
    async () => {
      const { url, origin } = await hub()
      const page = await guestPage(origin)
      const nora = await nodeMember(url)

      const first = await joinFromPage(page, url)
      expect(first.closed).toBeNull()
      expect(first.you).toBe(first.clientId)
      expect(first.clientId).toMatch(/^[A-Za-z0-9_-]{22}$/)
      // Chromium has WebCrypto Ed25519: the key is a CryptoKey nobody can read out.
      expect(await storedKind(page, 'lanroom')).toEqual({
        kind: 'webcrypto',
        extractable: false,
        seedBytes: null,
      })

      await page.evaluate(() => window.guestTest.connection?.send('hello from the page', 'g1'))
      await waitFor(() => texts(nora).includes('hello from the page'), STEP_MS, 'the page’s chat')
      await nora.send('hello from Node', 'n1')
      await page.waitForFunction(
        () =>
          window.guestTest.connection?.timeline.entries.some(
            (e) => e.kind === 'chat' && e.chat.text === 'hello from Node',
          ) === true,
        null,
        { timeout: STEP_MS },
      )

      await page.reload()
      await page.waitForFunction(() => window.guestTest !== undefined, null, { timeout: STEP_MS })
      const again = await joinFromPage(page, url)
      expect(again).toEqual({ clientId: first.clientId, you: first.clientId, closed: null })
    },
    4 * STEP_MS,
  )

  it(
    'joins with @noble/ed25519 where WebCrypto lacks Ed25519, its seed kept in IndexedDB',
    async () => {
      const { url, origin } = await hub()
      const page = await guestPage(origin)
      const options = { databaseName: 'noble', forceFallback: true }
      const first = await joinFromPage(page, url, options)
      expect(first.closed).toBeNull()
      expect(first.you).toBe(first.clientId)
      expect(await storedKind(page, 'noble')).toEqual({
        kind: 'noble',
        extractable: null,
        seedBytes: 32,
      })
      await open(page, origin)
      expect((await joinFromPage(page, url, options)).clientId).toBe(first.clientId)
    },
    4 * STEP_MS,
  )

  it(
    'logs in to a passphrase room (OPAQUE under a CSP with wasm-unsafe-eval), wrong then right',
    async () => {
      const { url, origin } = await hub('correct horse')
      const page = await guestPage(origin)
      const nora = await nodeMember(url, 'correct horse')
      const wrong = await joinFromPage(page, url, { passphrase: 'battery staple' })
      expect(wrong).toMatchObject({ you: null, closed: 'passphrase' })
      const right = await joinFromPage(page, url, { passphrase: 'correct horse' })
      expect(right).toMatchObject({ you: right.clientId, closed: null })
      await page.evaluate(() => window.guestTest.connection?.send('in with the passphrase', 'p1'))
      await waitFor(() => texts(nora).includes('in with the passphrase'), STEP_MS, 'the chat')
    },
    4 * STEP_MS,
  )

  it(
    'says a passphrase room cannot be joined from a page whose CSP forbids WebAssembly',
    async () => {
      const { url, origin } = await hub('correct horse')
      const page = await guestPage(origin, CSP.replace(" 'wasm-unsafe-eval'", ''))
      const blocked = await joinFromPage(page, url, { passphrase: 'correct horse' })
      expect(blocked).toMatchObject({
        you: null,
        closed: 'incompatible',
        message:
          'This client cannot run the passphrase login: its WebAssembly could not be loaded.',
      })
    },
    4 * STEP_MS,
  )
})
