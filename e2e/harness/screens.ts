/**
 * Reaching the app's screens the way a person does (by roles and labels, not CSS classes), and
 * setting its theme: shared by the accessibility tier (e2e/accessibility.e2e.ts) and the
 * screenshot script (scripts/screenshots.ts), so both keep working as the markup changes.
 */
import type { Locator, Page } from 'playwright-core'

/** How the theme is chosen: the system's scheme, and the settings' data-theme if any. */
export interface ThemeMode {
  name: string
  system: 'light' | 'dark'
  forced: 'light' | 'dark' | null
}

export const THEME_MODES: readonly ThemeMode[] = [
  { name: 'system light', system: 'light', forced: null },
  { name: 'system dark', system: 'dark', forced: null },
  { name: 'forced dark on a light system', system: 'light', forced: 'dark' },
  { name: 'forced light on a dark system', system: 'dark', forced: 'light' },
]

/**
 * The root's background (--color-bg) and the body's inherited text colour (--color-text) in each
 * theme, to prove the theme took effect. Both are checked: under load Chromium was once seen to
 * have restyled the root while <body> still inherited the other scheme's text colour.
 */
const PAINTED = {
  light: { background: 'rgb(255, 255, 255)', text: 'rgb(27, 30, 36)' },
  dark: { background: 'rgb(23, 24, 28)', text: 'rgb(236, 238, 241)' },
} as const

/**
 * Emulates the system's scheme and sets or clears data-theme on <html>, as the settings do;
 * resolves once the root shows the expected theme. Motion is reduced so that no colour is
 * caught half-way through a transition.
 */
export async function setTheme(page: Page, mode: ThemeMode): Promise<void> {
  await page.emulateMedia({ colorScheme: mode.system, reducedMotion: 'reduce' })
  await page.evaluate((forced) => {
    const root = document.documentElement
    if (forced) root.dataset['theme'] = forced
    else delete root.dataset['theme']
  }, mode.forced)
  const expected = PAINTED[mode.forced ?? mode.system]
  await page.waitForFunction(
    ({ background, text }) =>
      getComputedStyle(document.documentElement).backgroundColor === background &&
      getComputedStyle(document.body).color === text,
    expected,
  )
  // One rendered frame, so that every element's style is the new theme's, not only the two above.
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

/** From the first-run screen to the lobby, under this display name. */
export async function chooseName(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await lobby(page).waitFor()
}

export function lobby(page: Page): Locator {
  return page.getByRole('heading', { name: 'Rooms nearby' })
}

/** Hosts a room from the lobby and waits for it to open. */
export async function hostRoom(page: Page, name: string): Promise<void> {
  // The host form may be folded away behind a button (#14 opens it on demand).
  const field = page.getByLabel('Room name')
  if (!(await field.isVisible())) {
    await page
      .getByRole('button', { name: /Host a room/i })
      .first()
      .click()
  }
  await field.fill(name)
  await page.getByRole('button', { name: /Host room/ }).click()
  await roomHeading(page, name).waitFor()
}

/** Joins a room seen nearby and waits for it to open. */
export async function joinNearby(page: Page, name: string, timeout: number): Promise<void> {
  const join = page.getByRole('button', { name: `Join ${name}` })
  await join.waitFor({ timeout })
  await join.click()
  await roomHeading(page, name).waitFor()
}

export function roomHeading(page: Page, name: string): Locator {
  return page.getByRole('heading', { name, level: 1 })
}

export function composer(page: Page): Locator {
  return page.getByLabel('Message', { exact: true })
}

/** Sends a message from the composer (fill keeps line breaks, as pasting does). */
export async function say(page: Page, text: string): Promise<void> {
  await composer(page).fill(text)
  await composer(page).press('Enter')
}

/** The chat row whose own text (its div.text, not a quote of it in a reply) holds `text`. */
export function chatRow(page: Page, text: string | RegExp): Locator {
  return page
    .locator('article.chat')
    .filter({ has: page.locator('div.text', { hasText: text }) })
    .last()
}

/** The timeline's row (an article) holding this text in its own message, not in a quote. */
export function messageRow(page: Page, text: string): Locator {
  return page
    .getByRole('article')
    .filter({ hasText: text })
    .filter({
      hasNot: page.getByRole('button', { name: new RegExp(`^Reply to .*${escape(text)}`) }),
    })
    .last()
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Replies to the message holding `to` with `text`, from the message's toolbar. */
export async function reply(page: Page, to: string, text: string): Promise<void> {
  const row = messageRow(page, to)
  await row.hover()
  await row.getByRole('button', { name: 'Reply' }).click()
  await say(page, text)
}

/** Reacts to the message holding `to` with one of the palette's emoji. */
export async function react(page: Page, to: string, emoji: string): Promise<void> {
  const row = messageRow(page, to)
  await row.hover()
  await row.getByRole('button', { name: 'Add a reaction' }).click()
  await page.getByRole('button', { name: `React with ${emoji}` }).click()
}

/** Opens the settings dialog from wherever its button is (lobby or room). */
export async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.waitFor()
  return dialog
}

/** Closes the open dialog with Escape and waits for it to go. */
export async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
}

/**
 * Switches the app's language as the settings do (the `language` preference, through the
 * bridge; 'system' follows the browser's --lang), and waits until the page says it is in that
 * language, plus two frames, so that every text on screen has been redrawn.
 */
export async function switchLanguage(page: Page, language: string): Promise<void> {
  await page.evaluate(async (next) => {
    type Bridge = { setPreferences: (changes: object) => Promise<{ ok: boolean }> }
    const bridge = (window as unknown as { lanroom: Bridge }).lanroom
    const result = await bridge.setPreferences({ language: next })
    if (!result.ok) throw new Error(`language ${next} refused: ${JSON.stringify(result)}`)
  }, language)
  const expected = language === 'system' ? 'en' : language
  await page.waitForFunction((lang) => document.documentElement.lang === lang, expected)
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}
