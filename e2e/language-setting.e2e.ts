/**
 * End-to-end, browser tier: the Language setting (Settings › Appearance). Choosing a language
 * switches every text, <html lang> and dir at once, without a restart; System follows the
 * browser's languages (en-US here); the choice is kept, and a reloaded window speaks it from its
 * first screen on. Texts of other parts of the app are found through the catalogue by their
 * English, so the test holds whether or not those parts are translated yet.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { CATALOGUES } from '../src/shared/i18n/catalogues'
import type { Language } from '../src/shared/i18n/languages'
import { tempDir } from '../test/support/ws-client'
import { launchApp } from './harness/launch'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('the language setting')

/** `english` as `language` shows it: the catalogue entry whose English is that text. */
function inLanguage(language: Language, english: string): string {
  for (const [group, entries] of Object.entries(CATALOGUES.en)) {
    for (const [key, text] of Object.entries(entries)) {
      if (text === english) return CATALOGUES[language][group]?.[key] ?? english
    }
  }
  return english
}

const root = (page: Page): Promise<{ lang: string; dir: string }> =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))

/** The Language radio for `value` (its label is the language's own name, or System (…)): in
 * the group that lists Deutsch (Theme and Time format have a System of their own). */
const choice = (dialog: Locator, value: string): Locator =>
  dialog
    .locator('fieldset', { has: dialog.page().locator('input[type="radio"][value="de"]') })
    // The innermost: Appearance's own fieldset holds it too.
    .last()
    .locator(`input[type="radio"][value="${value}"]`)

describe.skipIf(skipReason !== null)('the language setting', () => {
  const tier = useBrowserTier()

  it('switches to German and Arabic at once, back to the system’s, and keeps it', async () => {
    const data = tempDir()
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: data.path,
      suggestedName: 'Ada',
      hostPort: 0,
    })
    try {
      const { page } = app
      await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      expect(await root(page)).toEqual({ lang: 'en', dir: 'ltr' })
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
      await page.getByRole('button', { name: 'Settings', exact: true }).first().click()
      // By role alone: the dialog's name changes with the language.
      const dialog = page.getByRole('dialog')
      await dialog.waitFor()
      const language = dialog.getByRole('group', { name: 'Language' })
      await expect.poll(() => choice(dialog, 'system').isEnabled()).toBe(true)
      expect(await choice(dialog, 'system').isChecked()).toBe(true)
      expect(await language.innerText()).toContain('System (English)')
      // Each language by its own name; the pseudo-locale is not offered.
      for (const name of ['Deutsch', 'Français', 'Español', '简体中文', '日本語', 'العربية']) {
        await dialog.getByRole('radio', { name, exact: true }).waitFor()
      }
      expect(await choice(dialog, 'en-XA').count()).toBe(0)

      await dialog.getByRole('radio', { name: 'Deutsch', exact: true }).check()
      await expect.poll(() => root(page)).toEqual({ lang: 'de', dir: 'ltr' })
      await dialog.getByRole('group', { name: 'Sprache' }).waitFor()
      await dialog.getByRole('group', { name: 'Darstellung' }).waitFor()
      await dialog.getByRole('radio', { name: 'Dunkel' }).waitFor()
      await page.getByRole('heading', { name: inLanguage('de', 'Rooms nearby') }).waitFor()

      await dialog.getByRole('radio', { name: 'العربية', exact: true }).check()
      await expect.poll(() => root(page)).toEqual({ lang: 'ar', dir: 'rtl' })
      await dialog.getByRole('group', { name: 'اللغة' }).waitFor()
      expect(await choice(dialog, 'system').isChecked()).toBe(false)

      await choice(dialog, 'system').check()
      await expect.poll(() => root(page)).toEqual({ lang: 'en', dir: 'ltr' })
      await dialog.getByRole('group', { name: 'Appearance' }).waitFor()
      await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()

      // Kept: a reloaded window speaks German from its first screen on.
      await dialog.getByRole('radio', { name: 'Deutsch', exact: true }).check()
      await expect.poll(() => root(page)).toEqual({ lang: 'de', dir: 'ltr' })
      // What <html lang> said when the first visible heading appeared: no screen shows in English first.
      await page.addInitScript(() => {
        const seen = window as unknown as { firstHeadingLang?: string }
        new MutationObserver(() => {
          const shown = [...document.querySelectorAll('h1, h2')].some((h) => h.checkVisibility())
          if (seen.firstHeadingLang === undefined && shown) {
            seen.firstHeadingLang = document.documentElement.lang
          }
        }).observe(document, { subtree: true, childList: true })
      })
      await page.reload()
      const heading = page.getByRole('heading', { name: inLanguage('de', 'Rooms nearby') })
      await heading.waitFor()
      expect(await root(page)).toEqual({ lang: 'de', dir: 'ltr' })
      expect(
        await page.evaluate(() => (window as { firstHeadingLang?: string }).firstHeadingLang),
      ).toBe('de')
      await page
        .getByRole('button', { name: inLanguage('de', 'Settings'), exact: true })
        .first()
        .click()
      await expect.poll(() => choice(page.getByRole('dialog'), 'de').isChecked()).toBe(true)
      await page.getByRole('dialog').getByRole('group', { name: 'Sprache' }).waitFor()
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
      data.remove()
    }
  }, 90_000)
})
