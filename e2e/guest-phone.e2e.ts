/// <reference lib="dom" />
/**
 * End-to-end, browser tier: a guest's whole flow on a phone (#16), against the desktop app.
 * Ada hosts from the app (the real controller and renderer, e2e/harness/launch.ts) and her hub
 * serves the built guest app (out/guest). The link is read from her room's QR code, as a
 * phone's camera would (a screenshot decoded with jsqr), and opened in Chromium as a phone:
 * 390x844 at 3x, touch, taps. The guest joins, chats both ways with Ada through both UIs, sees
 * the members and the typing both ways, and goes through a crash of Ada's hub and its restart
 * (same port, data directory, room, epoch and certificate, as a restarted host process) with
 * every message, sent by either side while it was down, shown exactly once on both sides.
 * A passphrase room refuses a wrong passphrase clearly, then lets the right one in.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { Hub } from '../src/main/hub'
import { freePort } from '../test/support/free-port'
import { tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { readQrCode } from './harness/qr'
import { chatRow, chooseName, composer, roomHeading, say } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('guest on a phone (end to end)')
const GUEST_DIR = join(process.cwd(), 'out', 'guest')
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')
/** A phone: an iPhone 12–15's CSS viewport and pixel ratio, with touch. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 }
/**
 * Safety net for every step of both pages (their default timeout): a message or a join takes
 * well under a second on loopback; a reconnect after the hub comes back waits for the client's
 * backoff (5 s at most); a passphrase room stretches its key when it starts and at each login
 * (a second or two here, many more with the machine's cores busy).
 */
const STEP_MS = 60_000

describe.skipIf(skipReason !== null)('a guest’s whole flow on a phone', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  /** Ada, in the app, hosting `room` (with a passphrase if given) with the guest app to serve. */
  async function host(room: string, passphrase?: string): Promise<AppInstance> {
    expect(existsSync(join(GUEST_DIR, 'index.html')), 'run npm run build first').toBe(true)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const ada = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: 'Ada',
      hostPort: await freePort(),
      guestApp: { dir: GUEST_DIR },
    })
    cleanups.push(() => ada.close())
    const { page } = ada
    page.setDefaultTimeout(STEP_MS)
    await chooseName(page, 'Ada')
    const field = page.getByLabel('Room name')
    if (!(await field.isVisible())) await page.getByRole('button', { name: 'Host a room' }).click()
    await field.fill(room)
    if (passphrase !== undefined) {
      await page.getByLabel('Passphrase (optional)').fill(passphrase)
    }
    await page.getByRole('button', { name: /Host room/ }).click()
    await roomHeading(page, room).waitFor()
    return ada
  }

  /** The guest link, as a camera reads it from Ada's room: the QR code in a screenshot. */
  async function scanQrCode(ada: AppInstance): Promise<string> {
    await ada.page.getByTestId('guest-qr').waitFor()
    const link = await readQrCode(tier.browser, await ada.page.screenshot())
    expect(link).toBe(ada.app.controller.snapshot().room?.guestLink)
    return link as string
  }

  /** A phone's browser, opened on the link, past the first run to the join step. */
  async function phone(link: string, name: string): Promise<{ page: Page; errors: string[] }> {
    const context = await tier.browser.newContext({
      ...PHONE,
      isMobile: true,
      hasTouch: true,
      // The hub's certificate is self-signed: a person taps through the browser's warning.
      ignoreHTTPSErrors: true,
    })
    cleanups.push(() => context.close())
    context.setDefaultTimeout(STEP_MS)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(link)
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    await page.getByLabel('Display name').fill(name)
    await page.getByRole('button', { name: 'Continue' }).tap()
    await page
      .getByRole('region', { name: 'Join this room' })
      .getByText('The codes match')
      .waitFor()
    return { page, errors }
  }

  /** Sends from the phone: the text typed in, then the Send button tapped. */
  async function send(page: Page, text: string): Promise<void> {
    await composer(page).tap()
    await composer(page).fill(text)
    await page.getByRole('button', { name: 'Send', exact: true }).tap()
    await expect.poll(() => composer(page).inputValue(), { timeout: STEP_MS }).toBe('')
  }

  /** How many times the conversation shows a message with exactly this text. */
  function shown(page: Page, text: string): Promise<number> {
    return page
      .locator('article.chat div.text')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .count()
  }

  /** The member list's row for `name` (on a phone it is behind the people button). */
  function memberRow(page: Page, name: string): Locator {
    return page
      .getByRole('complementary', { name: 'People and invitations' })
      .getByRole('listitem')
      .filter({ hasText: name })
  }

  it('joins from the QR code, chats and types both ways, and loses or doubles nothing across a hub restart', async () => {
    const ada = await host('Courtyard')
    const link = await scanQrCode(ada)
    const { page: dee, errors } = await phone(link, 'Dee')

    mkdirSync(SHOTS, { recursive: true })
    await dee.screenshot({ path: join(SHOTS, 'guest-phone-join.png'), fullPage: true })
    await dee.getByRole('button', { name: 'Join', exact: true }).tap()
    await roomHeading(dee, 'Courtyard').waitFor()

    // Members: Ada sees Dee marked as a guest; Dee, on the phone, opens the people panel.
    await memberRow(ada.page, 'Dee').getByText('Guest', { exact: true }).waitFor()
    await dee.getByRole('button', { name: /people in the room/ }).tap()
    await memberRow(dee, 'Ada').waitFor()
    await dee.screenshot({ path: join(SHOTS, 'guest-phone-people.png') })
    await expect(memberRow(dee, 'Dee').getByText('Guest', { exact: true }).count()).resolves.toBe(1)
    await dee.getByRole('button', { name: 'Close', exact: true }).tap()

    // Chat both ways, through both UIs.
    await send(dee, 'hello from the phone')
    await chatRow(ada.page, 'hello from the phone').waitFor()
    await say(ada.page, 'hello from the desk')
    await chatRow(dee, 'hello from the desk').waitFor()

    // Typing, both ways.
    await composer(dee).tap()
    await dee.keyboard.type('typ')
    await ada.page.getByText('Dee is typing…').waitFor()
    await composer(ada.page).pressSequentially('typ')
    await dee.getByText('Ada is typing…').waitFor()
    await composer(dee).fill('')
    await composer(ada.page).fill('')

    // Ada's hub dies as a crashed process does; both sides keep writing while it is down.
    const hub = ada.hubs[0]
    const options = ada.hubOptions[0]
    if (!hub || !options) throw new Error('Ada hosts no hub')
    hub.abort()
    await dee.getByText('Can’t reach').waitFor()
    await ada.page.getByText('Can’t reach').waitFor()
    await send(dee, 'sent while the hub was down')
    await say(ada.page, 'written while the hub was down')
    await chatRow(dee, 'sent while the hub was down')
      .getByText('Sending')
      .waitFor({ state: 'attached' })

    // The host's process comes back: the same port, directory, room, epoch and certificate.
    const restarted = await Hub.start(options)
    cleanups.push(() => restarted.stop())
    expect([restarted.port, restarted.roomId, restarted.epoch, restarted.fingerprint]).toEqual([
      hub.port,
      hub.roomId,
      hub.epoch,
      hub.fingerprint,
    ])
    await chatRow(ada.page, 'sent while the hub was down').waitFor()
    await chatRow(dee, 'written while the hub was down').waitFor()
    await chatRow(dee, 'sent while the hub was down')
      .getByText('Sent', { exact: true })
      .waitFor({ state: 'attached' })

    // One more each way after the restart: whatever was to arrive before them has arrived.
    await send(dee, 'back from the phone')
    await say(ada.page, 'back at the desk')
    for (const page of [ada.page, dee]) {
      await chatRow(page, 'back from the phone').waitFor()
      await chatRow(page, 'back at the desk').waitFor()
    }
    const everything = [
      'hello from the phone',
      'hello from the desk',
      'sent while the hub was down',
      'written while the hub was down',
      'back from the phone',
      'back at the desk',
    ]
    for (const page of [ada.page, dee]) {
      const counts = await Promise.all(everything.map((text) => shown(page, text)))
      expect(counts, page === dee ? 'on the phone' : 'in the app').toEqual(everything.map(() => 1))
    }
    // Still together: the member lists are whole again on both sides.
    await memberRow(ada.page, 'Dee').waitFor()
    await dee.screenshot({ path: join(SHOTS, 'guest-phone-after-restart.png') })
    expect(errors).toEqual([])
    expect(ada.problems).toEqual([])
  }, 360_000)

  it('a passphrase room: the wrong passphrase is refused clearly, the right one joins', async () => {
    const ada = await host('Vault', 'blue lagoon')
    const link = await scanQrCode(ada)
    const { page: eve, errors } = await phone(link, 'Eve')
    const step = eve.getByRole('region', { name: 'Join this room' })
    const field = step.getByLabel('Passphrase')
    const joinButton = step.getByRole('button', { name: 'Join', exact: true })

    await field.tap()
    await field.fill('red lagoon')
    await joinButton.tap()
    await step.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor()
    await expect(roomHeading(eve, 'Vault').count()).resolves.toBe(0)
    mkdirSync(SHOTS, { recursive: true })
    await eve.screenshot({ path: join(SHOTS, 'guest-phone-wrong-passphrase.png') })

    await field.fill('blue lagoon')
    await joinButton.tap()
    await roomHeading(eve, 'Vault').waitFor()
    await send(eve, 'in, with the passphrase')
    await chatRow(ada.page, 'in, with the passphrase').waitFor()
    expect(errors).toEqual([])
    expect(ada.problems).toEqual([])
  }, 300_000)
})
