/**
 * End-to-end, browser tier: the settings dialog's spell checking switch, through the real
 * controller and settings file, kept across a restart of the app. (Whether Electron's session
 * follows it is the Electron tier's part: e2e/electron.e2e.ts.)
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { browserTierSkip, useBrowserTier } from './harness/tier'
import type { Preferences } from '../src/shared/bridge'

const skipReason = browserTierSkip('preferences')

describe.skipIf(skipReason !== null)('the settings dialog', () => {
  const tier = useBrowserTier()

  it('turns spell checking off, applies it, and keeps it after a restart', async () => {
    const data = tempDir()
    const applied: Preferences[] = []
    const open = (): Promise<AppInstance> =>
      launchApp(tier.browser, {
        url: tier.url,
        dataDir: data.path,
        suggestedName: 'Ada',
        hostPort: 0,
        applyPreferences: (preferences) => applied.push(preferences),
      })
    let app = await open()
    try {
      const { page } = app
      await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('button', { name: 'Settings' }).click()
      const dialog = page.getByRole('dialog', { name: 'Settings' })
      const box = dialog.getByRole('checkbox', { name: 'Check spelling as I type' })
      await expect.poll(() => box.isChecked()).toBe(true)
      await expect.poll(() => box.isEnabled()).toBe(true)
      expect(await dialog.innerText()).toContain('downloaded from Google’s servers')
      mkdirSync(join(process.cwd(), 'artifacts', 'screenshots'), { recursive: true })
      await page.screenshot({
        path: join(process.cwd(), 'artifacts/screenshots/settings-light.png'),
      })

      await box.uncheck()
      await expect.poll(() => applied.at(-1)).toMatchObject({ spellcheck: false })
      await expect.poll(() => box.isChecked()).toBe(false)
      await dialog.getByRole('button', { name: 'Done' }).click()
      await expect.poll(() => dialog.isVisible()).toBe(false)
      expect(app.problems).toEqual([])
      await app.close()

      // At start the stored preference is applied before any window shows.
      applied.length = 0
      app = await open()
      expect(applied[0]).toMatchObject({ spellcheck: false })
      await app.page.getByRole('button', { name: 'Settings' }).click()
      const again = app.page
        .getByRole('dialog', { name: 'Settings' })
        .getByRole('checkbox', { name: 'Check spelling as I type' })
      await expect.poll(() => again.isEnabled()).toBe(true)
      expect(await again.isChecked()).toBe(false)
    } finally {
      await app.close()
      data.remove()
    }
  }, 60_000)
})
