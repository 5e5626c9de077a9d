/**
 * `npm run screenshots`: the PNGs in docs/screenshots/, taken from the built renderer in
 * Chromium with every window driven by a real controller and a real hub (the browser e2e
 * tier's harness), inside the private network namespace so that the rooms find each other over
 * mDNS without any multicast leaving the machine. Nothing else is reached: loopback and the
 * namespace only.
 *
 * Screens are found by role and label (e2e/harness/screens.ts), so the script keeps working
 * as the markup changes; a screen the app does not show (yet) is skipped with a line saying
 * so, not faked. Exit code 0 when every required shot was written, 1 otherwise.
 */
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { serveRenderer } from '../e2e/harness/app-page'
import {
  browserUnavailable,
  launchApp,
  launchBrowser,
  type AppInstance,
} from '../e2e/harness/launch'
import {
  chooseName,
  closeDialog,
  hostRoom,
  joinNearby,
  lobby,
  messageRow,
  openSettings,
  react,
  reply,
  say,
  setTheme,
  switchLanguage,
  type ThemeMode,
} from '../e2e/harness/screens'
import { freePort } from '../test/support/free-port'
import { netnsUnavailableReason } from '../test/support/netns'
import { TestClient, cid, tempDir, waitFor } from '../test/support/ws-client'

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
const WIDE = { width: 1100, height: 720 }
const NARROW = { width: 480, height: 800 }
/** Waits on discovery and on the other windows: a safety net, typically a second or two. */
const SLOW_STEP_MS = 40_000
/** Above this a PNG is reported: the docs keep each one small. */
const LARGE_PNG_BYTES = 200 * 1024

const LIGHT: ThemeMode = { name: 'light', system: 'light', forced: null }
const DARK: ThemeMode = { name: 'dark', system: 'dark', forced: null }

const written: string[] = []
const skipped: string[] = []

/** A screenshot of the whole window in this theme, at the page's current size. */
async function shot(page: Page, file: string, mode: ThemeMode): Promise<void> {
  await setTheme(page, mode)
  // No hover toolbar or tooltip left over from the last step.
  await page.mouse.move(1, 1)
  // One image pixel per CSS pixel, whatever the screen's density (a phone's is 3).
  await page.screenshot({
    path: join(OUT, file),
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
  })
  const bytes = statSync(join(OUT, file)).size
  written.push(file)
  console.log(`wrote docs/screenshots/${file} (${Math.round(bytes / 1024)} KB)`)
  if (bytes > LARGE_PNG_BYTES) console.warn(`  ${file} is over ${LARGE_PNG_BYTES / 1024} KB`)
}

async function instance(
  browser: Browser,
  url: string,
  name: string,
  cleanups: Array<() => unknown>,
): Promise<AppInstance> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const app = await launchApp(browser, {
    url,
    dataDir: dir.path,
    suggestedName: name,
    hostPort: await freePort(),
  })
  cleanups.push(() => app.close())
  await app.page.setViewportSize(WIDE)
  return app
}

/** A third member, straight to the hub: more than two names and avatars in the room. */
async function member(ada: AppInstance, name: string): Promise<TestClient> {
  const hub = ada.hubs[0]
  if (!hub) throw new Error('the host runs no hub')
  const client = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
  await client.join(name, cid(name.toLowerCase()))
  return client
}

let sent = 0
function chat(client: TestClient, text: string): void {
  sent++
  client.chat(`shot-${sent}`, text)
}

async function run(browser: Browser, url: string, cleanups: Array<() => unknown>): Promise<void> {
  const ada = await instance(browser, url, 'Ada', cleanups)
  const bob = await instance(browser, url, 'Bob', cleanups)
  await bob.page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  await shot(bob.page, 'welcome-light.png', LIGHT)
  await chooseName(ada.page, 'Ada')
  await chooseName(bob.page, 'Bob')

  const settings = await openSettings(bob.page)
  // It opens with the focus on its last button: show it from the top, as it reads.
  await settings.evaluate((dialog) => dialog.scrollTo({ top: 0 }))
  await shot(bob.page, 'settings-light.png', LIGHT)
  await shot(bob.page, 'settings-dark.png', DARK)
  await closeDialog(bob.page, settings)

  await hostRoom(ada.page, 'Design review')
  await bob.page
    .getByRole('button', { name: 'Join Design review' })
    .waitFor({ timeout: SLOW_STEP_MS })
  await shot(bob.page, 'lobby-light.png', LIGHT)
  await shot(bob.page, 'lobby-dark.png', DARK)
  await joinNearby(bob.page, 'Design review', SLOW_STEP_MS)

  const chen = await member(ada, 'Chen')
  cleanups.push(() => chen.close())
  chat(chen, 'Morning! Is the projector in room 2 free after lunch?')
  await messageRow(bob.page, 'projector').waitFor({ timeout: SLOW_STEP_MS })
  await reply(bob.page, 'projector', 'I think so — the booking sheet is empty from 1 pm.')
  await messageRow(ada.page, 'booking sheet').waitFor({ timeout: SLOW_STEP_MS })
  await react(ada.page, 'booking sheet', '👍')
  await react(ada.page, 'projector', '🎉')
  await say(ada.page, 'Before the demo, build it fresh:\n```\nnpm ci\nnpm run build\n```')
  chat(chen, 'Thanks! Slides are on http://files.local/slides — **v3** is the latest.')
  await messageRow(bob.page, 'v3').waitFor({ timeout: SLOW_STEP_MS })
  await react(bob.page, 'npm run build', '🙏')
  await messageRow(bob.page, 'booking sheet')
    .getByRole('button', { name: /👍 1/ })
    .waitFor({ timeout: SLOW_STEP_MS })
  await shot(bob.page, 'room-light.png', LIGHT)
  await shot(bob.page, 'room-dark.png', DARK)

  await bob.page.setViewportSize(NARROW)
  await shot(bob.page, 'room-narrow-light.png', LIGHT)
  const people = bob.page.getByRole('button', { name: /people in the room/ })
  if (await people.isVisible()) {
    await people.click()
    await shot(bob.page, 'room-narrow-people-dark.png', DARK)
    await bob.page.keyboard.press('Escape')
  } else skipped.push('room-narrow-people-dark.png (no people button at 480 px)')
  await bob.page.setViewportSize(WIDE)

  // Right to left: Arabic and Hebrew, and a mixed line, from people with such names.
  const layla = await member(ada, 'ليلى')
  cleanups.push(() => layla.close())
  const noa = await member(ada, 'נועה')
  cleanups.push(() => noa.close())
  chat(layla, 'مرحبا بالجميع! هل الاجتماع في الساعة الثالثة؟')
  chat(noa, 'שלום! כן, בשעה 15:00 בחדר 2.')
  await messageRow(bob.page, 'בחדר').waitFor({ timeout: SLOW_STEP_MS })
  await say(ada.page, 'Great — see you at 3. شكرا، תודה!')
  chat(layla, 'سأحضر العرض التقديمي على USB 👍')
  await messageRow(bob.page, 'USB').waitFor({ timeout: SLOW_STEP_MS })
  await shot(bob.page, 'room-rtl-light.png', LIGHT)
  await shot(bob.page, 'room-rtl-dark.png', DARK)

  await unread(bob, chen)
}

/**
 * The "New messages" divider: the window is left (blurred) and scrolled up a little while
 * messages arrive, then comes back. Shot only when the app shows the divider.
 */
async function unread(bob: AppInstance, chen: TestClient): Promise<void> {
  const { page } = bob
  const before = chen.all('chat').length
  await page.evaluate(() => window.dispatchEvent(new Event('blur')))
  await page
    .getByRole('region', { name: /^Messages in / })
    .evaluate((element) => element.scrollBy({ top: -240 }))
  for (const text of [
    'Room 2 is booked for us from 1 to 3.',
    'I will bring the HDMI adapter.',
    'Coffee first?',
  ])
    chat(chen, text)
  await waitFor(() => chen.all('chat').length >= before + 3, SLOW_STEP_MS, 'chats sent')
  await messageRow(page, 'Coffee first?').waitFor({ state: 'attached', timeout: SLOW_STEP_MS })
  await page.evaluate(() => window.dispatchEvent(new Event('focus')))
  const divider = page.getByText('New messages', { exact: true })
  if ((await divider.count()) === 0) {
    skipped.push('room-unread-light.png (no "New messages" divider shown)')
    return
  }
  await divider.first().scrollIntoViewIfNeeded()
  await shot(page, 'room-unread-light.png', LIGHT)
}

/** A phone: an iPhone's CSS viewport and density, with touch. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 }
const GUEST_DIR = fileURLToPath(new URL('../out/guest/', import.meta.url))

/**
 * The guest app on a phone: Ada hosts from the app with the built guest app to serve, Sam opens
 * her room's guest link in a phone-sized browser and joins; a few messages from the three of
 * them (Chen talks to the hub directly).
 */
async function guestPhone(
  browser: Browser,
  url: string,
  cleanups: Array<() => unknown>,
): Promise<void> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const ada = await launchApp(browser, {
    url,
    dataDir: dir.path,
    suggestedName: 'Ada',
    hostPort: await freePort(),
    guestApp: { dir: GUEST_DIR },
  })
  cleanups.push(() => ada.close())
  await chooseName(ada.page, 'Ada')
  await hostRoom(ada.page, 'Workshop')
  const link = ada.app.controller.snapshot().room?.guestLink
  if (!link) throw new Error('the room gives no guest link (is out/guest built?)')

  const context = await browser.newContext({
    ...PHONE,
    isMobile: true,
    hasTouch: true,
    // The hub's certificate is self-signed: a person taps through the browser's warning.
    ignoreHTTPSErrors: true,
  })
  cleanups.push(() => context.close())
  const sam = await context.newPage()
  await sam.goto(link)
  await sam.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  await sam.getByLabel('Display name').fill('Sam')
  await sam.getByRole('button', { name: 'Continue' }).tap()
  await sam.getByText('The codes match').waitFor({ timeout: SLOW_STEP_MS })
  await sam.getByRole('button', { name: 'Join', exact: true }).tap()
  await sam.getByRole('heading', { name: 'Workshop', level: 1 }).waitFor({ timeout: SLOW_STEP_MS })

  const chen = await member(ada, 'Chen')
  cleanups.push(() => chen.close())
  await say(ada.page, 'Welcome! Scan the code on the screen to join from your phone.')
  chat(chen, 'Are the slides from this morning online somewhere?')
  await messageRow(sam, 'slides').waitFor({ timeout: SLOW_STEP_MS })
  await say(ada.page, 'Yes: http://files.local/workshop — **part 2** starts at 11.')
  await messageRow(sam, 'part 2').waitFor({ timeout: SLOW_STEP_MS })
  await sam.getByLabel('Message', { exact: true }).fill('In from my phone, no app needed 👍')
  await sam.getByRole('button', { name: 'Send', exact: true }).tap()
  await messageRow(ada.page, 'no app needed').waitFor({ timeout: SLOW_STEP_MS })
  chat(chen, 'Same here. See you at 11!')
  await messageRow(sam, 'See you at 11').waitFor({ timeout: SLOW_STEP_MS })
  await shot(sam, 'guest-phone-light.png', LIGHT)
  await shot(sam, 'guest-phone-dark.png', DARK)
}

/**
 * The app in Arabic (issue #18): the whole window mirrored, right to left, with the settings,
 * the lobby and a room whose people write Arabic. The language is the setting's, not the
 * browser's, as a person would choose it.
 */
async function arabic(
  browser: Browser,
  url: string,
  cleanups: Array<() => unknown>,
): Promise<void> {
  const ada = await instance(browser, url, 'Ada', cleanups)
  const bob = await instance(browser, url, 'Bob', cleanups)
  await chooseName(ada.page, 'سارة')
  await chooseName(bob.page, 'كريم')
  // The walk finds controls by their English names: each window is switched to Arabic for its
  // shot, and back.
  await hostRoom(ada.page, 'فريق التصميم')
  await bob.page
    .getByRole('button', { name: 'Join فريق التصميم' })
    .waitFor({ timeout: SLOW_STEP_MS })
  await switchLanguage(bob.page, 'ar')
  await shot(bob.page, 'lobby-ar-light.png', LIGHT)
  await switchLanguage(bob.page, 'system')
  await joinNearby(bob.page, 'فريق التصميم', SLOW_STEP_MS)

  const layla = await member(ada, 'ليلى')
  cleanups.push(() => layla.close())
  chat(layla, 'صباح الخير! هل قاعة الاجتماعات متاحة بعد الظهر؟')
  await messageRow(bob.page, 'قاعة').waitFor({ timeout: SLOW_STEP_MS })
  await say(ada.page, 'نعم، من الساعة الثانية حتى الرابعة.')
  await messageRow(bob.page, 'الرابعة').waitFor({ timeout: SLOW_STEP_MS })
  await reply(bob.page, 'الرابعة', 'ممتاز، سأحضر العرض التقديمي')
  await messageRow(ada.page, 'العرض').waitFor({ timeout: SLOW_STEP_MS })
  await react(ada.page, 'العرض', '👍')
  chat(layla, 'شكرا! الملفات على http://files.local/slides')
  await messageRow(bob.page, 'شكرا').waitFor({ timeout: SLOW_STEP_MS })
  await messageRow(bob.page, 'العرض')
    .getByRole('button', { name: /👍 1/ })
    .waitFor({ timeout: SLOW_STEP_MS })
  await switchLanguage(bob.page, 'ar')
  await shot(bob.page, 'room-ar-light.png', LIGHT)
  await shot(bob.page, 'room-ar-dark.png', DARK)
  await switchLanguage(bob.page, 'system')

  // The settings from the lobby, as in the app part (the room's own button sits in its header).
  await bob.page.getByRole('button', { name: 'Leave', exact: true }).click()
  await lobby(bob.page).waitFor()
  const settings = await openSettings(bob.page)
  // Found by its English name: scrolled to the top before the switch renames it.
  await settings.evaluate((dialog) => dialog.scrollTo({ top: 0 }))
  await switchLanguage(bob.page, 'ar')
  await shot(bob.page, 'settings-ar-light.png', LIGHT)
  await switchLanguage(bob.page, 'system')
  await closeDialog(bob.page, settings)
}

/** What `npm run screenshots -- NAME…` can make alone (all of them without a name). */
const PARTS: Record<string, typeof run> = { app: run, 'guest-phone': guestPhone, arabic }

async function main(): Promise<number> {
  const chosen = process.argv.slice(2)
  const unknown = chosen.filter((name) => !(name in PARTS))
  if (unknown.length > 0) {
    console.error(
      `screenshots: no part named ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`,
    )
    return 2
  }
  const unavailable = browserUnavailable() ?? netnsUnavailableReason()
  if (unavailable) {
    console.error(`screenshots: cannot run here: ${unavailable}`)
    return 1
  }
  mkdirSync(OUT, { recursive: true })
  const browser = await launchBrowser()
  const server = await serveRenderer()
  const cleanups: Array<() => unknown> = []
  try {
    for (const [name, part] of Object.entries(PARTS)) {
      if (chosen.length === 0 || chosen.includes(name)) await part(browser, server.url, cleanups)
    }
  } catch (error) {
    console.error(`screenshots: failed after ${written.length} shots:`, error)
    return 1
  } finally {
    while (cleanups.length > 0) await cleanups.pop()?.()
    await server.close()
    await browser.close()
  }
  for (const line of skipped) console.log(`skipped ${line}`)
  console.log(`screenshots: ${written.length} written to docs/screenshots/`)
  return 0
}

process.exitCode = await main()
