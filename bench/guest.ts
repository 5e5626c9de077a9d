/**
 * The guest page benchmark (`npm run bench`, #16): what a phone pays to join a room from its
 * browser. A real hub with TLS on loopback serves the built guest app (out/guest); Debian's
 * Chromium opens the guest link in a phone-sized page.
 *
 *  - Bytes over the wire (Chrome's encoded lengths) on a first visit and on a repeat visit in
 *    the same browser profile: hashed assets are cached as immutable, so a repeat visit should
 *    fetch little more than index.html's revalidation.
 *  - Time from opening the link to seeing the room's latest message, on loopback: the page
 *    loads, the guest (whose name is known from an earlier visit) presses Join, the hub
 *    welcomes it and sends the history. ROUNDS rounds, the median printed.
 *  - The bundle: the guest build's scripts and styles beside the desktop renderer's (the target:
 *    at most 1.5 times).
 * Writes artifacts/bench-guest.json. Every loop is bounded by ROUNDS.
 */
import { readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { browserUnavailable, launchBrowser } from '../e2e/harness/launch'
import { assertBuilt } from '../test/support/cli'
import { TestClient, cid } from '../test/support/ws-client'
import { startGuestHub } from '../test/support/guest-hub'

const ROOT = dirname(import.meta.dirname)
const GUEST_DIR = join(ROOT, 'out', 'guest')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const ROUNDS = 5
const ARTIFACT = join(ROOT, 'artifacts', 'bench-guest.json')
const PHONE = { width: 390, height: 844 }

/** Bytes of the scripts and styles under `dir` (what a browser parses to show the app). */
function codeBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (/\.(js|css)$/.test(entry)) total += statSync(join(dir, entry)).size
  }
  return total
}

/** Counts the bytes Chrome received for `page` from now on (encoded: as on the wire). */
async function wireBytes(page: Page): Promise<() => number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  let total = 0
  cdp.on('Network.loadingFinished', (event) => {
    total += event.encodedDataLength
  })
  return () => total
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function main(): Promise<void> {
  assertBuilt()
  const unavailable = browserUnavailable()
  if (unavailable) {
    console.log(`Guest page benchmark skipped: ${unavailable}`)
    return
  }
  console.log(`Guest page benchmark (load ${loadavg()[0]!.toFixed(2)})`)
  const { hub, origin, fingerprint, stop } = await startGuestHub('Bench guests')
  const link = `${origin}/#fp=${fingerprint}`
  const ada = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
  const browser = await launchBrowser()
  try {
    await ada.join('Ada', cid('ada'))
    const context = await browser.newContext({
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
      ignoreHTTPSErrors: true,
    })
    const page = await context.newPage()
    let bytes = await wireBytes(page)
    await page.goto(link)
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    const firstVisit = bytes()
    await page.getByLabel('Display name').fill('Bea')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Join this room' }).waitFor()

    const firstMessage: number[] = []
    let repeatVisit = NaN
    for (let round = 0; round < ROUNDS; round += 1) {
      const text = `latest before visit ${round + 1}`
      ada.chat(`m-${round}`, text)
      await ada.next('chat')
      const fresh = await context.newPage()
      bytes = await wireBytes(fresh)
      const started = performance.now()
      await fresh.goto(link)
      await fresh.getByRole('button', { name: 'Join' }).click()
      await fresh.locator('div.text', { hasText: text }).first().waitFor()
      firstMessage.push(performance.now() - started)
      if (round === 0) repeatVisit = bytes()
      // Leave the room (the page goes), so that the next round joins afresh.
      await fresh.close()
    }
    await context.close()

    const guestCode = codeBytes(GUEST_DIR)
    const rendererCode = codeBytes(RENDERER_DIR)
    const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`
    const rows = [
      ['first visit: bytes over the wire', kb(firstVisit), ''],
      ['repeat visit: bytes over the wire (to the joined room)', kb(repeatVisit), ''],
      [
        `link opened → latest message shown (median of ${ROUNDS})`,
        `${median(firstMessage).toFixed(0)} ms`,
        `${Math.min(...firstMessage).toFixed(0)}–${Math.max(...firstMessage).toFixed(0)} ms`,
      ],
      [
        'guest scripts and styles ÷ desktop renderer’s',
        `${kb(guestCode)} ÷ ${kb(rendererCode)}`,
        `${(guestCode / rendererCode).toFixed(2)} (target ≤ 1.5)`,
      ],
    ]
    for (const row of rows) console.log(`| ${row.join(' | ')} |`)
    console.log(`(load ${loadavg()[0]!.toFixed(2)} at the end)`)
    mkdirSync(dirname(ARTIFACT), { recursive: true })
    writeFileSync(
      ARTIFACT,
      JSON.stringify(
        {
          firstVisitBytes: firstVisit,
          repeatVisitBytes: repeatVisit,
          firstMessageMs: firstMessage,
          guestCodeBytes: guestCode,
          rendererCodeBytes: rendererCode,
          load: loadavg(),
        },
        null,
        2,
      ),
    )
  } finally {
    await browser.close()
    ada.close()
    await stop()
  }
}

await main()
