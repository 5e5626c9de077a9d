/**
 * End-to-end, browser tier: the app's own updates as a person meets them, through the real
 * controller and the real update policy (src/main/updates), with electron-updater replaced by
 * a fake port whose answers the test gives: the download's progress, the ready notice with its
 * release notes (hostile HTML made text), Restart to update asking first while hosting, and
 * Settings › Updates.
 */
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../src/main/app'
import type { DownloadProgress, FeedInfo, UpdaterPort } from '../src/main/updates/port'
import { freePort } from '../test/support/free-port'
import { tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { chooseName, hostRoom, lobby, openSettings, roomHeading } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('updates')

const HOSTILE_NOTES =
  '<h2>LAN Room 9.0.0</h2><ul><li>Faster joins</li></ul><script>window.pwned = 1</script>' +
  '<img src=x onerror="window.pwned = 2">'

/** electron-updater as the test scripts it. */
class ScriptedPort implements UpdaterPort {
  offer: FeedInfo = { version: '9.0.0', releaseNotes: HOSTILE_NOTES }
  installs = 0
  #progress: ((progress: DownloadProgress) => void) | null = null
  #finish: (() => void) | null = null

  check(): Promise<FeedInfo> {
    return Promise.resolve(this.offer)
  }
  download(onProgress: (progress: DownloadProgress) => void): Promise<void> {
    this.#progress = onProgress
    return new Promise((resolve) => (this.#finish = resolve))
  }
  quitAndInstall(): void {
    this.installs++
  }
  progress(percent: number): void {
    this.#progress?.({ percent, transferred: percent * 1000, total: 100_000 })
  }
  finish(): void {
    this.#finish?.()
  }
}

describe.skipIf(skipReason !== null)('updates', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function instance(port: ScriptedPort, shutdowns: string[] = []): Promise<AppInstance> {
    const dir = tempDir()
    cleanups.push(dir.remove)
    let app: AppInstance | null = null
    app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: 'Ada',
      hostPort: await freePort(),
      updates: {
        port,
        install: { availability: 'automatic', reason: 'test' },
        currentVersion: '0.1.0',
        // The real shutdown (the hosted room ends), recorded.
        shutdown: async () => {
          shutdowns.push(app?.app.controller.snapshot().situation ?? 'none')
          await app?.app.controller.shutdown()
        },
      },
    })
    const running = app
    cleanups.push(() => running.close())
    await chooseName(app.page, 'Ada')
    return app
  }

  /** The update found and downloaded, as the notice shows it. */
  async function ready(page: Page, app: App, port: ScriptedPort): Promise<void> {
    await app.updater?.check()
    port.finish()
    await notice(page).getByText('LAN Room 9.0.0 is ready').waitFor()
  }

  function notice(page: Page) {
    return page.getByRole('region', { name: /LAN Room 9\.0\.0/ })
  }

  it('shows the download’s progress, then the ready notice with the release notes as text', async () => {
    const port = new ScriptedPort()
    const { page, app } = await instance(port)
    await lobby(page).waitFor()
    await app.updater?.check()
    const downloading = page.getByRole('region', { name: 'Downloading LAN Room 9.0.0…' })
    await downloading.waitFor()
    port.progress(40)
    await expect
      .poll(() =>
        downloading
          .getByRole('progressbar', { name: 'Update download' })
          .evaluate((bar) => (bar as HTMLProgressElement).value),
      )
      .toBe(40)

    port.finish()
    const ready = notice(page)
    await ready.getByText('LAN Room 9.0.0 is ready').waitFor()
    const toggle = ready.getByRole('button', { name: 'Release notes' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    const notes = ready.getByRole('region', { name: 'Release notes' })
    await notes.waitFor()
    expect(await notes.innerText()).toContain('• Faster joins')
    // Text only: no element came from the notes, and nothing in them ran.
    expect(await notes.evaluate((element) => element.children.length)).toBe(0)
    expect(await notes.innerText()).not.toMatch(/script|onerror|</)
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()

    // Later hides it; nothing was installed.
    await ready.getByRole('button', { name: 'Later' }).click()
    await ready.waitFor({ state: 'hidden' })
    expect(port.installs).toBe(0)
  })

  it('restarts at once when not hosting', async () => {
    const port = new ScriptedPort()
    const shutdowns: string[] = []
    const { page, app } = await instance(port, shutdowns)
    await ready(page, app, port)
    await notice(page).getByRole('button', { name: 'Restart to update' }).click()
    await expect.poll(() => port.installs).toBe(1)
    expect(shutdowns).toEqual(['idle'])
  })

  it('while hosting, asks first and says the room ends for everyone; Cancel changes nothing', async () => {
    const port = new ScriptedPort()
    const shutdowns: string[] = []
    const { page, app } = await instance(port, shutdowns)
    await hostRoom(page, 'Team')
    await ready(page, app, port)
    await notice(page).getByRole('button', { name: 'Restart to update' }).click()
    const dialog = page.getByRole('dialog', { name: 'Restart to update?' })
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(
      /You are hosting “Team”\. Restarting ends the room for everyone in it/,
    )
    // The safe choice has the focus.
    await expect
      .poll(() =>
        dialog
          .getByRole('button', { name: 'Cancel' })
          .evaluate((b) => b === document.activeElement),
      )
      .toBe(true)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(port.installs).toBe(0)
    expect(shutdowns).toEqual([])
    await roomHeading(page, 'Team').waitFor()

    // The command itself refuses without the confirmation, whatever the window does.
    await expect(Promise.resolve(app.handlers.restartToUpdate({}))).rejects.toMatchObject({
      code: 'UPDATE_ERR_HOSTING',
    })
    expect(port.installs).toBe(0)

    // Confirmed: the room is ended properly, then the update installs.
    await notice(page).getByRole('button', { name: 'Restart to update' }).click()
    await dialog.getByRole('button', { name: 'End the room and restart' }).click()
    await expect.poll(() => port.installs).toBe(1)
    expect(shutdowns).toEqual(['hosting'])
    expect(app.controller.snapshot().situation).toBe('idle')
  })

  it('Settings › Updates: the version, automatic checks on and off, Check now and the last check', async () => {
    const port = new ScriptedPort()
    port.offer = { version: '0.1.0', releaseNotes: null }
    const { page, app } = await instance(port)
    const dialog = await openSettings(page)
    const section = dialog.getByRole('group', { name: 'Updates' })
    await section.getByText('LAN Room 0.1.0').waitFor()
    const auto = section.getByRole('checkbox', { name: 'Check for updates automatically' })
    await expect.poll(() => auto.isEnabled()).toBe(true)
    expect(await auto.isChecked()).toBe(true)
    await auto.uncheck()
    await expect.poll(() => app.settings.current.checkForUpdates).toBe(false)
    await expect.poll(() => app.updater?.state.availability).toBe('off')

    // Check now works with automatic checks off.
    await section.getByRole('button', { name: 'Check now' }).click()
    await section.getByText('LAN Room is up to date.').waitFor()
    await section.getByText(/^Last checked /).waitFor()

    await auto.check()
    await expect.poll(() => app.updater?.state.availability).toBe('automatic')
  })

  it('says that the package manager updates a deb or rpm install, and offers no Check now', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: 'Ada',
      hostPort: await freePort(),
      updates: {
        port: null,
        install: { availability: 'package-manager', reason: 'deb' },
        currentVersion: '0.1.0',
      },
    })
    cleanups.push(() => app.close())
    await chooseName(app.page, 'Ada')
    const section = (await openSettings(app.page)).getByRole('group', { name: 'Updates' })
    await section.getByText('Updates come from your system’s package manager.').waitFor()
    expect(await section.getByRole('button', { name: 'Check now' }).count()).toBe(0)
    expect(await section.getByRole('checkbox').count()).toBe(0)
  })
})
