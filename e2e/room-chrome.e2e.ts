/// <reference lib="dom" />
/**
 * End-to-end, browser tier: the room's chrome and states of issue #14 through the real
 * controllers and the real hub, two app instances on one network (Ada hosts, Bob joins): the
 * unread divider with its sender, Mark as read and Jump to first unread; the throttled live
 * region; typing on the timeline into the composer; the header and banner while reconnecting
 * and after the room ended, with the people list stale; leaving with unsent messages; and the
 * header and people panel at 480 px.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../test/support/free-port'
import { TestClient, cid, tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { chooseName, lobby, say } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('room chrome (end to end)')
/** Steps that wait on the network between two instances, or on a reconnect (typically well
 * under a few seconds): a safety net. */
const SLOW_STEP_MS = 40_000
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')

/** The message with this text (texts in these tests never prefix one another). */
function message(page: Page, text: string): Locator {
  return page.locator('article').filter({ hasText: text }).last()
}

/** The window loses or gets back the focus (as when the person switches apps). */
function windowFocus(page: Page, focused: boolean): Promise<void> {
  return page.evaluate(
    (event) => {
      window.dispatchEvent(new Event(event))
    },
    focused ? 'focus' : 'blur',
  )
}

/** Whether `inner` is inside the timeline's visible area. */
async function inView(page: Page, inner: Locator): Promise<boolean> {
  const scroller = await page.getByRole('region', { name: 'Messages in Lounge' }).boundingBox()
  const box = await inner.boundingBox()
  if (!scroller || !box) return false
  return box.y >= scroller.y - 1 && box.y + box.height <= scroller.y + scroller.height + 1
}

describe.skipIf(skipReason !== null)('the room’s chrome, through the controllers and hub', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  /** An app instance; `named`: its data directory already holds a profile (no welcome). */
  async function instance(
    name: string,
    dataDir?: string,
    port?: number,
    named = false,
  ): Promise<AppInstance> {
    let dir = dataDir
    if (!dir) {
      const made = tempDir()
      cleanups.push(made.remove)
      dir = made.path
    }
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir,
      suggestedName: name,
      hostPort: port ?? (await freePort()),
      hub: { rateLimit: 0 },
    })
    cleanups.push(() => app.close())
    if (named) await lobby(app.page).waitFor()
    else await chooseName(app.page, name)
    return app
  }

  async function host(ada: AppInstance): Promise<void> {
    await ada.page.getByRole('button', { name: 'Host a room' }).click()
    await ada.page.getByLabel('Room name').fill('Lounge')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    await ada.page.getByRole('heading', { name: 'Lounge', level: 1 }).waitFor()
  }

  /** Ada hosts "Lounge" (from `hostDir` on `port` when given); Bob joins it once he sees it. */
  async function room(
    hostDir?: string,
    port?: number,
  ): Promise<{ ada: AppInstance; bob: AppInstance }> {
    const ada = await instance('Ada', hostDir, port)
    const bob = await instance('Bob')
    await host(ada)
    const join = bob.page.getByRole('button', { name: 'Join Lounge' })
    await join.waitFor({ timeout: SLOW_STEP_MS })
    await join.click()
    await bob.page.getByRole('heading', { name: 'Lounge', level: 1 }).waitFor()
    return { ada, bob }
  }

  /** A third member straight on Ada's hub, to fill the room fast. */
  async function visitor(ada: AppInstance, name: string): Promise<TestClient> {
    const hub = ada.hubs[0]
    if (!hub) throw new Error('Ada hosts no hub')
    const client = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
    cleanups.push(() => client.close())
    await client.join(name, cid(name.toLowerCase()))
    return client
  }

  it('marks where unread messages start, with their sender, until read; announces them; typing reaches the composer', async () => {
    const { ada, bob } = await room()
    const { page } = bob
    // Everything said to screen readers, with when.
    await page.evaluate(() => {
      const said: Array<{ text: string; at: number }> = []
      ;(window as unknown as { announced: typeof said }).announced = said
      const region = document.querySelector('.timeline [aria-live="polite"]')
      if (!region) throw new Error('no live region')
      new MutationObserver(() => {
        const text = region.textContent?.trim() ?? ''
        if (text) said.push({ text, at: performance.now() })
      }).observe(region, { childList: true, characterData: true, subtree: true })
    })
    const announced = (): Promise<Array<{ text: string; at: number }>> =>
      page.evaluate(() => (window as unknown as { announced: [] }).announced)

    await say(ada.page, 'before the break')
    await message(page, 'before the break').waitFor({ timeout: SLOW_STEP_MS })

    // Bob looks away; five messages from Ada arrive, grouped under her first one.
    await windowFocus(page, false)
    for (const n of [1, 2, 3, 4, 5]) await say(ada.page, `while away ${n}`)
    await message(page, 'while away 5').waitFor({ timeout: SLOW_STEP_MS })
    await expect.poll(() => page.title()).toBe('(5) Lounge — LAN Room')

    // He comes back: the count in the title goes, the divider stays, before the first unread.
    await windowFocus(page, true)
    await expect.poll(() => page.title()).toBe('Lounge — LAN Room')
    const divider = page.getByText('New messages', { exact: true })
    await divider.waitFor()
    // The first message after the divider (document order, whatever the text direction) is
    // the first unread, and it shows its sender although it continues Ada's group.
    const first = divider.locator('xpath=following::article[1]')
    expect(await first.innerText()).toContain('while away 1')
    await first.locator('header', { hasText: 'Ada' }).waitFor()
    expect(await first.locator('.avatar').count()).toBe(1)
    // The next one is grouped as before: no name line of its own.
    expect(await message(page, 'while away 2').locator('header').count()).toBe(0)
    const bar = page.getByRole('group', { name: 'Unread messages' })
    await bar.getByText('5 new messages').waitFor()

    // A burst from a third member: the divider stays put, the count grows, and the divider
    // goes out of view as the timeline follows the end: "Jump to first unread" brings it back.
    const cleo = await visitor(ada, 'Cleo')
    const BURST = 40
    for (let n = 1; n <= BURST; n++) {
      cleo.sendJson({ type: 'chat', id: `burst-${n}`, text: `burst ${String(n).padStart(2, '0')}` })
    }
    await message(page, `burst ${BURST}`).waitFor({ timeout: SLOW_STEP_MS })
    await bar.getByText(`${5 + BURST} new messages`).waitFor()
    const jump = bar.getByRole('button', { name: 'Jump to first unread' })
    await jump.waitFor()
    await jump.click()
    await expect.poll(() => inView(page, message(page, 'while away 1'))).toBe(true)
    await expect.poll(() => jump.count()).toBe(0)

    // Announced politely and summed up (what came within one interval in one sentence or two:
    // "45 new messages from Ada and Cleo. Cleo joined."), never two announcements within 2 s.
    await expect
      .poll(async () => (await announced()).map((a) => a.text).join(' | '))
      .toMatch(/\d+ new messages from (Ada and )?Cleo\./)
    const said = await announced()
    expect(said.map((a) => a.text).join(' | ')).toContain('Cleo joined.')
    for (let i = 1; i < said.length; i++) {
      expect(said[i]!.at - said[i - 1]!.at).toBeGreaterThanOrEqual(2_000)
    }

    // Mark as read: the divider and the bar go.
    await bar.getByRole('button', { name: 'Mark as read' }).click()
    await expect.poll(() => divider.count()).toBe(0)
    expect(await bar.count()).toBe(0)

    // Scrolled up (still at the first unread), a message arrives: back at the end, it has
    // the divider, and its sender although it continues Cleo's group.
    cleo.sendJson({ type: 'chat', id: 'late-1', text: 'while scrolled up' })
    await page.getByRole('button', { name: /^1 new message/ }).click()
    await divider.waitFor()
    const late = divider.locator('xpath=following::article[1]')
    expect(await late.innerText()).toContain('while scrolled up')
    await late.locator('header', { hasText: 'Cleo' }).waitFor()
    await bar.getByRole('button', { name: 'Mark as read' }).click()
    await expect.poll(() => divider.count()).toBe(0)

    // Away again, then back: a new divider, which sending a message clears, as in Slack.
    await windowFocus(page, false)
    await say(ada.page, 'one more thing')
    await message(page, 'one more thing').waitFor({ timeout: SLOW_STEP_MS })
    await windowFocus(page, true)
    await divider.waitFor()
    expect(await divider.locator('xpath=following::article[1]').innerText()).toContain(
      'one more thing',
    )

    // Typing on a message, or on the list, writes in the composer.
    const composer = page.getByLabel('Message', { exact: true })
    await message(page, 'one more thing').focus()
    await page.keyboard.type('Sure')
    await expect.poll(() => composer.inputValue()).toBe('Sure')
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.getByRole('region', { name: 'Messages in Lounge' }).focus()
    await page.keyboard.type('!')
    await expect.poll(() => composer.inputValue()).toBe('Sure!')
    // Esc in the composer drops a reply.
    const answered = message(page, 'one more thing')
    // (From outside it: the pointer may rest on it since the Jump to latest click.)
    await page.mouse.move(0, 0)
    await answered.hover()
    await answered.getByRole('button', { name: 'Reply' }).click()
    await page.getByText('Replying to Ada').waitFor()
    await composer.press('Escape')
    await expect.poll(() => page.getByText('Replying to Ada').count()).toBe(0)
    await composer.press('Enter')
    await message(ada.page, 'Sure!').waitFor({ timeout: SLOW_STEP_MS })
    await expect.poll(() => divider.count()).toBe(0)
    expect([...ada.problems, ...bob.problems]).toEqual([])
  }, 240_000)

  it('keeps the lock and code while reconnecting and after the room ended, speaks plainly, and asks before leaving unsent messages', async () => {
    const hostDir = tempDir()
    cleanups.push(hostDir.remove)
    const port = await freePort()
    const { ada, bob } = await room(hostDir.path, port)
    const { page } = bob
    const header = page.locator('header').first()
    const code = ada.app.controller.snapshot().room?.security.verificationCode
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
    await header.getByText(code as string).waitFor()
    const people = page.getByRole('complementary', { name: 'People and invitations' })
    await people.getByRole('heading', { name: /In the room/ }).waitFor()

    // The host's process dies.
    ada.hubs[0]?.abort()
    await ada.close()
    await header.getByText('Reconnecting…').waitFor({ timeout: SLOW_STEP_MS })
    await header.getByText(code as string).waitFor()
    expect(await header.getByText('not encrypted').count()).toBe(0)
    await page.getByText('Can’t reach Ada’s computer.').waitFor()
    await page.getByText(/Trying again/).waitFor()
    // The raw reason only behind Details.
    const details = page.getByRole('button', { name: 'Details' })
    expect(await details.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByText(/ECONNREFUSED|wss:\/\//).count()).toBe(0)
    await details.click()
    await page
      .getByText(/ECONNREFUSED|cannot connect|closed|1006/i)
      .first()
      .waitFor()
    // Who was here, shown as such.
    await people.getByRole('heading', { name: 'Last seen while connected' }).waitFor()
    expect(await header.getByText(/\d+ people/).count()).toBe(0)

    // Two messages written during the outage: leaving asks first, and says how many.
    await say(page, 'lost in the void 1')
    await say(page, 'lost in the void 2')
    await page.getByRole('button', { name: 'Leave', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Leave “Lounge”?' })
    await dialog.getByText('2 messages you wrote have not been sent yet').waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    await page.getByRole('heading', { name: 'Lounge', level: 1 }).waitFor()

    // The host comes back: connected again, the messages go out, the list is live again.
    const again = await instance('Ada', hostDir.path, port, true)
    await host(again)
    await message(again.page, 'lost in the void 2').waitFor({ timeout: SLOW_STEP_MS })
    await expect
      .poll(() => header.getByText('Reconnecting…').count(), { timeout: SLOW_STEP_MS })
      .toBe(0)
    await people.getByRole('heading', { name: /In the room/ }).waitFor()

    // The host ends the room: the header says so and keeps the lock and code.
    await again.page.getByRole('button', { name: 'Stop hosting' }).first().click()
    await again.page.getByRole('dialog').getByRole('button', { name: 'Stop hosting' }).click()
    await header.getByText('Room ended').waitFor({ timeout: SLOW_STEP_MS })
    await header.getByText(code as string).waitFor()
    expect(await header.getByText('not encrypted').count()).toBe(0)
    await page.getByText('The host closed the room.').waitFor()
    await people.getByRole('heading', { name: 'Last seen while connected' }).waitFor()
    // Nothing unsent: back to the lobby without a question.
    await page.getByRole('button', { name: 'Back to lobby' }).click()
    await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    expect([...bob.problems, ...again.problems]).toEqual([])
  }, 240_000)

  it('fits the header at 480 px, and the people panel closes by its button, its backdrop or Esc', async () => {
    const { bob } = await room()
    const { page } = bob
    await page.setViewportSize({ width: 480, height: 720 })
    const header = page.locator('header').first()
    // Nothing in the header is cut or overflows: the security hint reads whole.
    await header.getByText('· First visit', { exact: true }).waitFor()
    const cut = await header.evaluate((el) => {
      const out: string[] = []
      if (el.scrollWidth > el.clientWidth + 1) out.push('header overflows')
      for (const child of el.querySelectorAll<HTMLElement>('*')) {
        // Text for screen readers only is a 1 px box by design.
        if (child.closest('.visually-hidden')) continue
        if (
          child.scrollWidth > child.clientWidth + 1 &&
          getComputedStyle(child).overflow === 'hidden'
        )
          out.push(`${child.className}: ${child.textContent}`)
        const box = child.getBoundingClientRect()
        if (box.width > 0 && box.right > window.innerWidth + 1)
          out.push(`off screen: ${child.textContent}`)
      }
      return out
    })
    expect(cut).toEqual([])
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'room-narrow-light.png') })

    const toggle = page.getByRole('button', { name: /people in the room/ })
    const panel = page.getByRole('complementary', { name: 'People and invitations' })
    const backdrop = page.getByTestId('panel-backdrop')

    await toggle.click()
    await panel.waitFor()
    await backdrop.waitFor()
    await page.screenshot({ path: join(SHOTS, 'room-narrow-people-light.png') })
    // A click beside the panel closes it.
    await backdrop.click({ position: { x: 20, y: 200 } })
    await expect.poll(() => panel.count()).toBe(0)
    expect(await backdrop.count()).toBe(0)

    await toggle.click()
    await panel.waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)

    await toggle.click()
    const close = panel.getByRole('button', { name: 'Close' })
    await expect.poll(() => close.evaluate((el) => el === document.activeElement)).toBe(true)
    await close.click()
    await expect.poll(() => panel.count()).toBe(0)
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(bob.problems).toEqual([])
  }, 180_000)
})
