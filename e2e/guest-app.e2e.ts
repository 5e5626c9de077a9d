/// <reference lib="dom" />
/**
 * End-to-end, browser tier: the guest app (#16) as a phone meets it. A real hub with TLS; the
 * built guest page (out/guest) served by the hub itself, on its own origin, in Chromium at
 * 390x844 with touch. The page shows
 * the join step for that hub only, with the link's verification code beside the one the hub
 * serves, the certificate warning explained, touch-sized controls, and its manifest; it joins
 * the real hub and chats both ways with a Node client.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { verificationCode } from '../src/shared/security/verification-code'
import { TestClient, cid } from '../test/support/ws-client'
import { chatRow, say } from './harness/screens'
import { launchBrowser } from './harness/launch'
import { browserTierSkip } from './harness/tier'
import { startGuestHub, type GuestHub } from '../test/support/guest-hub'

const skipReason = browserTierSkip('guest app (end to end)')
const GUEST_DIR = join(process.cwd(), 'out', 'guest')
const PHONE = { width: 390, height: 844 }
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')
/** Apple's and WCAG's smallest comfortable touch target. */
const TOUCH_PX = 44

describe.skipIf(skipReason !== null)('the guest app on a phone', () => {
  const cleanups: Array<() => unknown> = []
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function courtyard(): Promise<GuestHub> {
    const started = await startGuestHub('Courtyard')
    cleanups.push(started.stop)
    return started
  }

  async function phone(): Promise<Page> {
    if (!browser) throw new Error('no browser')
    const context = await browser.newContext({
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
      // The hub's certificate is self-signed: a person clicks through the browser's warning.
      ignoreHTTPSErrors: true,
    })
    cleanups.push(() => context.close())
    return context.newPage()
  }

  it('shows the join step for its own hub only, with the link’s code beside the hub’s, sized for fingers', async () => {
    expect(existsSync(join(GUEST_DIR, 'index.html')), 'run npm run build first').toBe(true)
    const { origin, fingerprint } = await courtyard()
    const page = await phone()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(`${origin}/#fp=${fingerprint}`)
    await chooseNameOnGuest(page, 'Bea')

    const step = page.getByRole('region', { name: 'Join this room' })
    await expect.poll(() => step.getByText('Courtyard').isVisible()).toBe(true)
    await expect(step.getByText('Hosted by Ada').isVisible()).resolves.toBe(true)
    const code = verificationCode(fingerprint)
    // Both codes: the link's (the host's QR code) and the one the hub serves (/info).
    await expect(step.getByText(code).count()).resolves.toBe(2)
    await expect(step.getByText('The codes match').isVisible()).resolves.toBe(true)
    await expect(
      page.getByRole('region', { name: 'About the browser’s warning' }).isVisible(),
    ).resolves.toBe(true)

    // No hosting, no rooms nearby, no typed address: a page reaches the hub that served it.
    for (const absent of ['Rooms nearby', 'Host a room', 'Join by address']) {
      await expect(page.getByText(absent).count()).resolves.toBe(0)
    }

    // Fingers: the buttons are at least 44 px each way, and the page does not scroll sideways.
    for (const button of await page.getByRole('button').all()) {
      const box = await button.boundingBox()
      if (!box) continue
      expect(Math.round(box.height), await button.innerText()).toBeGreaterThanOrEqual(TOUCH_PX)
      expect(Math.round(box.width), await button.innerText()).toBeGreaterThanOrEqual(TOUCH_PX)
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)

    // The app is as tall as what is visible (viewport.ts), for the on-screen keyboard.
    const height = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--guest-viewport-height'),
    )
    expect(height).toBe(`${PHONE.height}px`)
    expect(errors).toEqual([])
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'guest-join-phone.png'), fullPage: true })
  })

  it('joins the real hub from the phone and chats both ways with a Node client', async () => {
    const { hub, origin, fingerprint } = await courtyard()
    const page = await phone()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${origin}/#fp=${fingerprint}`)
    await chooseNameOnGuest(page, 'Dee')
    await page.getByRole('button', { name: 'Join' }).click()
    await page.getByRole('heading', { name: 'Courtyard', level: 1 }).waitFor()

    const ada = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
    cleanups.push(() => ada.close())
    const welcome = await ada.join('Ada', cid('ada'))
    expect(welcome.members.map((member) => member.name)).toContain('Dee')

    await say(page, 'hello from the phone')
    await expect(ada.next('chat')).resolves.toMatchObject({
      name: 'Dee',
      text: 'hello from the phone',
    })
    ada.chat('m-1', 'hello from the desk')
    await chatRow(page, 'hello from the desk').waitFor()

    // The composer and the conversation fit the phone, nothing wider than it.
    const composerBox = await page.getByRole('textbox').last().boundingBox()
    expect(composerBox && composerBox.y + composerBox.height).toBeLessThanOrEqual(PHONE.height)
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'guest-room-phone.png') })
    expect(errors).toEqual([])
  })

  it('says so when the link names another certificate than the hub serves, and offers no join', async () => {
    const { origin } = await courtyard()
    const page = await phone()
    await page.goto(`${origin}/#fp=${'0'.repeat(64)}`)
    await chooseNameOnGuest(page, 'Cai')
    const step = page.getByRole('region', { name: 'Join this room' })
    await step.getByText('The codes differ').waitFor()
    await expect(step.getByRole('button', { name: 'Join' }).isDisabled()).resolves.toBe(true)
  })

  it('serves a manifest that makes “Add to Home Screen” work, with its icons', async () => {
    const { origin } = await courtyard()
    const page = await phone()
    await page.goto(`${origin}/`)
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')
      if (!link) return null
      const body = (await (await fetch(link.href)).json()) as {
        name: string
        display: string
        theme_color: string
        icons: Array<{ src: string; sizes: string }>
      }
      const icons = await Promise.all(
        body.icons.map(async (icon) => ({
          sizes: icon.sizes,
          type: (await fetch(icon.src)).headers.get('content-type'),
        })),
      )
      return { ...body, icons }
    })
    expect(manifest).toMatchObject({
      name: 'LAN Room',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      icons: [
        { sizes: '192x192', type: 'image/png' },
        { sizes: '512x512', type: 'image/png' },
      ],
    })
  })
})

/** The guest's first run: its name (the lobby is then the join step, not "Rooms nearby"). */
async function chooseNameOnGuest(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Join this room' }).waitFor()
}
