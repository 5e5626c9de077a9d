/**
 * End-to-end, browser tier: the settings panel (from the lobby and from inside a room) and the
 * lobby's first steps, through real controllers, a real hub and real mDNS inside the test's
 * network namespace. The notifier is the real one (createApp's), its popups recorded.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatNotification } from '../src/main/notifier'
import { freePort } from '../test/support/free-port'
import { TestClient, cid, tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { openSettings as openSettingsDialog } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('settings and lobby')
/** Steps that wait for discovery to see a room: a safety net (a second or two typically). */
const SLOW_STEP_MS = 40_000
const ARTIFACTS = join(process.cwd(), 'artifacts', 'screenshots')

describe.skipIf(skipReason !== null)('settings and the lobby', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function instance(
    name: string,
    options: { dataDir?: string; shown?: ChatNotification[] } = {},
  ): Promise<AppInstance> {
    let dataDir = options.dataDir
    if (dataDir === undefined) {
      const dir = tempDir()
      cleanups.push(dir.remove)
      dataDir = dir.path
    }
    const shown = options.shown
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir,
      suggestedName: name,
      hostPort: await freePort(),
      directory: { quietAfterMs: 300 },
      ...(shown
        ? {
            notifications: {
              platform: 'linux',
              // The window is never looking in this test: every message may notify.
              wanted: () => true,
              show: (notification) => shown.push(notification),
            },
          }
        : {}),
    })
    cleanups.push(() => app.close())
    return app
  }

  async function enter(page: Page): Promise<void> {
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
  }

  async function openSettings(page: Page) {
    const dialog = await openSettingsDialog(page)
    // Enabled once main has said what is stored.
    await expect
      .poll(() => dialog.getByRole('checkbox', { name: 'Send read receipts' }).isEnabled())
      .toBe(true)
    return dialog
  }

  it('focuses the name on first run; host and join open on demand; says Still looking… while it looks', async () => {
    const { page } = await instance('Ada')
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    const name = page.getByLabel('Display name')
    await expect.poll(() => name.evaluate((input) => input === document.activeElement)).toBe(true)
    await page.getByRole('button', { name: 'Continue' }).click()

    // Nothing found after the quiet spell: still looking, never a final "No rooms found".
    await page.getByText('Still looking…').waitFor()
    expect(await page.getByText('No rooms found').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Look harder' }).count()).toBe(1)

    for (const [title, field] of [
      ['Host a room', 'Room name'],
      ['Join by address', 'Room code or address'],
    ] as const) {
      const toggle = page.getByRole('button', { name: title, exact: true })
      expect(await toggle.getAttribute('aria-expanded')).toBe('false')
      expect(await page.getByLabel(field, { exact: true }).count()).toBe(0)
      await toggle.click()
      expect(await toggle.getAttribute('aria-expanded')).toBe('true')
      await page.getByLabel(field, { exact: true }).waitFor()
      await toggle.click()
      await expect.poll(() => page.getByLabel(field, { exact: true }).count()).toBe(0)
    }
    // The empty list's way to the address form opens it, caret in the field.
    await page.getByRole('button', { name: 'Enter a room code or address' }).click()
    const address = page.getByLabel('Room code or address', { exact: true })
    await expect
      .poll(() => address.evaluate((input) => input === document.activeElement))
      .toBe(true)
  })

  it('keeps theme, time format and notification settings across a restart', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    let app = await instance('Ada', { dataDir: dir.path })
    await enter(app.page)
    let dialog = await openSettings(app.page)
    const page = app.page
    const background = (): Promise<string> =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    const theme = (): Promise<string | null> =>
      page.evaluate(() => document.documentElement.getAttribute('data-theme'))
    expect(await theme()).toBeNull()
    expect(await background()).toBe('rgb(255, 255, 255)')

    await dialog.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check()
    await expect.poll(theme).toBe('dark')
    expect(await background()).toBe('rgb(23, 24, 28)')
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'settings-dark.png') })
    await dialog.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check()
    await expect.poll(theme).toBe('light')
    expect(await background()).toBe('rgb(255, 255, 255)')
    await dialog.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check()
    await expect.poll(theme).toBe('dark')

    await dialog.getByRole('radio', { name: /^12-hour/ }).check()
    await dialog.getByRole('radio', { name: 'Only mentions of me' }).check()
    await dialog.getByRole('checkbox', { name: 'Show message text in notifications' }).uncheck()
    await dialog.getByRole('checkbox', { name: 'Play a sound with notifications' }).uncheck()
    await expect.poll(() => app.app.settings.current.sounds).toBe(false)
    expect(app.app.settings.current).toMatchObject({
      theme: 'dark',
      timeFormat: '12h',
      notifications: 'mentions',
      notificationText: false,
    })
    expect(app.problems).toEqual([])
    await app.close()

    app = await instance('Ada', { dataDir: dir.path })
    // Applied at start, before the panel is opened.
    await app.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    await expect
      .poll(() => app.page.evaluate(() => document.documentElement.getAttribute('data-theme')))
      .toBe('dark')
    dialog = await openSettings(app.page)
    expect(
      await dialog
        .getByRole('group', { name: 'Theme' })
        .getByRole('radio', { name: 'Dark' })
        .isChecked(),
    ).toBe(true)
    expect(await dialog.getByRole('radio', { name: /^12-hour/ }).isChecked()).toBe(true)
    expect(await dialog.getByRole('radio', { name: 'Only mentions of me' }).isChecked()).toBe(true)
    expect(
      await dialog
        .getByRole('checkbox', { name: 'Show message text in notifications' })
        .isChecked(),
    ).toBe(false)
    expect(
      await dialog.getByRole('checkbox', { name: 'Play a sound with notifications' }).isChecked(),
    ).toBe(false)
    // Back to the system's choice: no attribute at all.
    await dialog
      .getByRole('group', { name: 'Theme' })
      .getByRole('radio', { name: 'System' })
      .check()
    await expect
      .poll(() => app.page.evaluate(() => document.documentElement.getAttribute('data-theme')))
      .toBeNull()
    expect(app.problems).toEqual([])
  })

  it('lists a room with Join first and its verification code; renames, times, mutes and notifies from inside a room', async () => {
    const shown: ChatNotification[] = []
    const ada = await instance('Ada', { shown })
    const bob = await instance('Bob')
    await enter(ada.page)
    await enter(bob.page)
    mkdirSync(ARTIFACTS, { recursive: true })
    // Bob's lobby never says "0 people" while the room comes up.
    await bob.page.evaluate(() => {
      const seen = window as unknown as { sawZero: boolean }
      seen.sawZero = false
      new MutationObserver(() => {
        if (/(^|\D)0 people/.test(document.body.innerText)) seen.sawZero = true
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })

    await ada.page.getByRole('button', { name: 'Host a room', exact: true }).click()
    await ada.page.getByLabel('Room name').fill('Parlor')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    await ada.page.getByRole('heading', { name: 'Parlor', level: 1 }).waitFor()

    const joinButton = bob.page.getByRole('button', { name: 'Join Parlor' })
    await joinButton.waitFor({ timeout: SLOW_STEP_MS })
    expect(await joinButton.getAttribute('class')).toContain('primary')
    const row = bob.page.getByRole('listitem').filter({ has: joinButton })
    await expect.poll(() => row.innerText()).toMatch(/Verification code\s+[0-9A-Z]+(-[0-9A-Z]+)+/)
    await expect.poll(() => row.innerText(), { timeout: SLOW_STEP_MS }).toContain('1 person')
    expect(await bob.page.evaluate(() => (window as unknown as { sawZero: boolean }).sawZero)).toBe(
      false,
    )
    await bob.page.screenshot({ path: join(ARTIFACTS, 'lobby-join-first.png') })
    await joinButton.click()
    await bob.page.getByRole('heading', { name: 'Parlor', level: 1 }).waitFor()

    // Ada's window fetches the bundled sound when the first notification chimes (sounds on).
    const chime = ada.page.waitForRequest(/chime-[\w-]+\.wav$/).catch(() => null)

    // 12-hour and 24-hour times in the rows, from the room's settings.
    const composer = bob.page.getByLabel('Message', { exact: true })
    await composer.fill('what time is it')
    await composer.press('Enter')
    const time = bob.page.locator('main time').last()
    await time.waitFor()
    let dialog = await openSettings(bob.page)
    await dialog.getByRole('radio', { name: /^12-hour/ }).check()
    await expect.poll(() => time.innerText()).toMatch(/^\d{1,2}:\d\d [AP]M$/)
    await dialog.getByRole('radio', { name: /^24-hour/ }).check()
    await expect.poll(() => time.innerText()).toMatch(/^\d\d:\d\d$/)

    // Renamed in the room's settings: Ada sees the new name.
    await dialog.getByLabel('Display name').fill('Bobby')
    await dialog.getByRole('button', { name: 'Save name' }).click()
    await dialog.getByText('The room sees your new name.').waitFor()
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect
      .poll(() => ada.page.getByText('Bobby', { exact: true }).count(), { timeout: SLOW_STEP_MS })
      .toBeGreaterThan(0)
    expect(bob.app.settings.current.name).toBe('Bobby')

    // A third member speaks straight to the hub, mentioning Ada or not.
    const hub = ada.hubs[0]
    if (!hub) throw new Error('Ada hosts no hub')
    const cy = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
    cleanups.push(() => cy.close())
    await cy.join('Cy', cid('cy'))
    const adaId = ada.app.controller.profile.clientId
    let n = 0
    const say = async (text: string, mention = false): Promise<void> => {
      n += 1
      cy.sendJson({ type: 'chat', id: `cy-${n}`, text, ...(mention ? { mentions: [adaId] } : {}) })
      await ada.page.getByText(text, { exact: true }).waitFor()
    }

    // Bob's message notified Ada (her window is never looking here), with its sound.
    await expect.poll(() => shown.map((s) => s.body)).toEqual(['what time is it'])
    expect(await chime).not.toBeNull()
    shown.length = 0

    // Muted: only mentions notify.
    dialog = await openSettings(ada.page)
    await dialog.getByRole('checkbox', { name: 'Mute Parlor' }).check()
    await ada.page.screenshot({ path: join(ARTIFACTS, 'settings-in-room.png') })
    await expect.poll(() => ada.app.settings.current.mutedRooms).toHaveLength(1)
    await say('plain while muted')
    await say('mention while muted', true)
    await expect.poll(() => shown.map((s) => s.body)).toEqual(['mention while muted'])
    expect(shown[0]).toMatchObject({ title: 'Cy mentioned you in Parlor', mention: true })

    // Unmuted, mentions only: the same.
    await dialog.getByRole('checkbox', { name: 'Mute Parlor' }).uncheck()
    await dialog.getByRole('radio', { name: 'Only mentions of me' }).check()
    await expect.poll(() => ada.app.settings.current.notifications).toBe('mentions')
    await say('plain, mentions only')
    await say('mention, mentions only', true)
    await expect.poll(() => shown.length).toBe(2)
    expect(shown[1]?.body).toBe('mention, mentions only')

    // All, without the text: who wrote, not what.
    await dialog.getByRole('radio', { name: 'All messages' }).check()
    await dialog.getByRole('checkbox', { name: 'Show message text in notifications' }).uncheck()
    await expect.poll(() => ada.app.settings.current.notificationText).toBe(false)
    await say('a secret plan')
    await expect.poll(() => shown.length).toBe(3)
    expect(shown[2]).toEqual({ title: 'Cy in Parlor', body: 'New message from Cy' })

    // None: nothing at all, mentions included.
    await dialog.getByRole('radio', { name: 'None', exact: true }).check()
    await expect.poll(() => ada.app.settings.current.notifications).toBe('none')
    await say('mention, none', true)
    await say('plain, none')
    expect(shown).toHaveLength(3)
    expect(ada.problems).toEqual([])
    expect(bob.problems).toEqual([])
  })
})
