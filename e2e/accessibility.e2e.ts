/**
 * Browser tier, accessibility: axe-core checks every screen (first run, lobby empty and with a
 * room, a room with replies and reactions, narrow and wide, and the dialogs: settings, confirm,
 * search, certificate warning) in both themes, as the system sets them and as the settings
 * force them, through the real controllers and hub. No serious or critical violation may be
 * found; lesser ones are counted in the log. The full results go to artifacts/accessibility.json.
 * (Typically about 2-4 minutes on a busy two-core machine: axe's colour contrast rule is slow.)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../test/support/free-port'
import { tempDir, waitFor } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import {
  chooseName,
  closeDialog,
  composer,
  hostRoom,
  joinNearby,
  lobby,
  messageRow,
  openSettings,
  react,
  reply,
  say,
  setTheme,
  THEME_MODES,
  type ThemeMode,
} from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('accessibility (axe)')
/** Steps that wait on discovery or on the other instance (typically under a second or two). */
const SLOW_STEP_MS = 40_000
const BLOCKING = new Set(['serious', 'critical'])
/** Names no other e2e file hosts: the files run side by side in one network namespace. */
const ROOM = 'Accessibility lab'
const CERTIFICATE_ROOM = 'Accessibility certificate'
/** The rules whose outcome depends on the colours: the only ones re-run in the other themes. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

interface Finding {
  screen: string
  theme: string
  impact: string
  rule: string
  help: string
  nodes: Array<{ target: string; summary: string }>
}

const findings: Finding[] = []
/** Milliseconds each screen's audit took, all theme modes together, for the log. */
const durations: string[] = []

/**
 * Each theme is reached two ways: the system's scheme, and data-theme forcing it over the
 * other scheme. axe runs in one of them (every rule in light, the colour rules in dark); the
 * other must paint every element in exactly the same colours, so axe's verdict holds for both.
 */
const [SYSTEM_LIGHT, SYSTEM_DARK, FORCED_DARK, FORCED_LIGHT] = THEME_MODES as [
  ThemeMode,
  ThemeMode,
  ThemeMode,
  ThemeMode,
]
const THEMES = [
  { audited: SYSTEM_LIGHT, same: FORCED_LIGHT, rules: null },
  { audited: FORCED_DARK, same: SYSTEM_DARK, rules: COLOUR_RULES },
]

/** Every element's painted colours, in document order. */
function colours(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('*'), (element) => {
      const style = getComputedStyle(element)
      const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`
      return `${name} ${style.color} / ${style.backgroundColor} / ${style.borderTopColor} / ${style.boxShadow}`
    }),
  )
}

/** Comparisons of two themes taken again when the page itself changed meanwhile. */
const THEME_COMPARISONS = 5

/**
 * The lines of `colours` that `same` paints differently from `audited` (none when it paints
 * alike); the page is in `audited` when called (audit() has just run axe in it). The page may
 * still be changing by itself (a room's row filling in as the lobby learns more of it): a
 * difference counts only when `audited` paints the page as before once switched back;
 * otherwise what it paints then is compared again, at most THEME_COMPARISONS times.
 */
async function themeDifference(page: Page, audited: ThemeMode, same: ThemeMode): Promise<string[]> {
  let expected = await colours(page)
  for (let attempt = 1; ; attempt++) {
    await setTheme(page, same)
    const actual = await colours(page)
    const differing = actual.filter((line, index) => line !== expected[index])
    if (actual.length !== expected.length && differing.length === 0)
      differing.push('(elements added or removed)')
    if (differing.length === 0) return []
    await setTheme(page, audited)
    const again = await colours(page)
    const pageStood =
      again.length === expected.length && again.every((line, i) => line === expected[i])
    if (pageStood || attempt === THEME_COMPARISONS) return differing
    expected = again
  }
}

async function axe(
  page: Page,
  screen: string,
  mode: ThemeMode,
  rules: string[] | null,
): Promise<void> {
  const builder = new AxeBuilder({ page })
  if (rules) builder.withRules(rules)
  const results = await builder.analyze()
  for (const violation of results.violations) {
    findings.push({
      screen,
      theme: mode.name,
      impact: violation.impact ?? 'unknown',
      rule: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        summary: node.failureSummary ?? '',
      })),
    })
  }
}

/** Audits the page as it is now in both themes, and records what is found. */
async function audit(page: Page, screen: string): Promise<void> {
  const started = performance.now()
  for (const theme of THEMES) {
    await setTheme(page, theme.audited)
    await axe(page, screen, theme.audited, theme.rules)
    const differing = await themeDifference(page, theme.audited, theme.same)
    if (differing.length === 0) continue
    findings.push({
      screen,
      theme: theme.same.name,
      impact: 'serious',
      rule: 'theme-mismatch',
      help: `${theme.same.name} paints differently from ${theme.audited.name}`,
      nodes: differing.slice(0, 5).map((line) => ({ target: line, summary: '' })),
    })
  }
  await setTheme(page, SYSTEM_LIGHT)
  durations.push(`${screen} ${Math.round(performance.now() - started)} ms`)
}

/** The blocking findings of these screens, one readable paragraph each ('' when none). */
function report(screens: string[]): string {
  return findings
    .filter((finding) => screens.includes(finding.screen) && BLOCKING.has(finding.impact))
    .map(
      (finding) =>
        `[${finding.impact}] ${finding.rule} on "${finding.screen}" (${finding.theme}): ` +
        `${finding.help}\n` +
        finding.nodes
          .map((node) => `    ${node.target}\n      ${node.summary.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n\n')
}

describe.skipIf(skipReason !== null)('accessibility of every screen (axe)', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  afterAll(() => {
    const byImpact: Record<string, number> = {}
    for (const finding of findings) {
      byImpact[finding.impact] = (byImpact[finding.impact] ?? 0) + finding.nodes.length
    }
    console.log(`[e2e] axe: elements with violations by impact ${JSON.stringify(byImpact)}`)
    console.log(`[e2e] axe: audits took ${durations.join('; ')}`)
    const out = join(process.cwd(), 'artifacts')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'accessibility.json'), JSON.stringify(findings, null, 2))
  })

  async function instance(name: string, dataDir?: string): Promise<AppInstance> {
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
      hostPort: await freePort(),
    })
    cleanups.push(() => app.close())
    return app
  }

  it('first run, lobby, room, and the settings, search and confirm dialogs', async () => {
    const screens: string[] = []
    const check = async (page: Page, screen: string): Promise<void> => {
      screens.push(screen)
      await audit(page, screen)
    }
    const ada = await instance('Ada')
    const bob = await instance('Bob')
    await ada.page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    await check(ada.page, 'first run')
    await chooseName(ada.page, 'Ada')
    await chooseName(bob.page, 'Bob')
    // The lobby as it stays: its first search over, whatever it found (another test's room in
    // the same network namespace may be listed, so not always "Still looking…"). Audited while
    // it turns (a busy machine's slow theme switches), the two themes were compared on two pages.
    await waitFor(
      () => bob.app.controller.snapshot().directory.status !== 'searching',
      SLOW_STEP_MS,
      'the first search',
    )
    await bob.page
      .getByText(/^Looking for (rooms|more)…$/)
      .waitFor({ state: 'hidden', timeout: SLOW_STEP_MS })
    await check(bob.page, 'lobby, no rooms')

    const settings = await openSettings(bob.page)
    await check(bob.page, 'settings dialog')
    await closeDialog(bob.page, settings)

    await hostRoom(ada.page, ROOM)
    await bob.page.getByRole('button', { name: `Join ${ROOM}` }).waitFor({ timeout: SLOW_STEP_MS })
    await check(bob.page, 'lobby, a room nearby')
    await joinNearby(bob.page, ROOM, SLOW_STEP_MS)

    await say(ada.page, 'Is the projector in room 2 free after lunch?')
    await messageRow(bob.page, 'projector').waitFor({ timeout: SLOW_STEP_MS })
    await reply(bob.page, 'projector', 'I think so, the booking sheet is empty from 1 pm.')
    await react(ada.page, 'booking sheet', '👍')
    await say(ada.page, 'Here is the command:\n```\nnpm run build\n```')
    await say(bob.page, 'مرحبا بالجميع، أين نلتقي؟')
    await messageRow(bob.page, 'npm run build').waitFor({ timeout: SLOW_STEP_MS })
    await messageRow(bob.page, 'booking sheet')
      .getByRole('button', { name: /👍 1/ })
      .waitFor({ timeout: SLOW_STEP_MS })
    await check(bob.page, 'room, guest, with a reply and a reaction')
    await messageRow(ada.page, 'مرحبا').waitFor({ timeout: SLOW_STEP_MS })
    await check(ada.page, 'room, host')

    // A message's toolbar and the reaction palette, by keyboard.
    await messageRow(bob.page, 'projector').focus()
    await messageRow(bob.page, 'projector').getByRole('button', { name: 'Add a reaction' }).click()
    await bob.page.getByRole('toolbar', { name: 'Pick a reaction' }).waitFor()
    await check(bob.page, 'room, reaction palette open')
    await bob.page.keyboard.press('Escape')
    await composer(bob.page).focus()

    await composer(bob.page).press('Control+f')
    const box = bob.page.getByLabel('Search messages')
    await box.fill('projector')
    await box.press('Enter')
    await bob.page
      .getByRole('list', { name: 'Results for projector' })
      .waitFor({ timeout: SLOW_STEP_MS })
    await check(bob.page, 'room, search results')
    await box.press('Escape')

    await bob.page.setViewportSize({ width: 480, height: 760 })
    await check(bob.page, 'room, 480 px wide')
    const people = bob.page.getByRole('button', { name: /people in the room/ })
    await people.click()
    await check(bob.page, 'room, 480 px wide, people panel open')
    await bob.page.keyboard.press('Escape')

    await ada.page.getByRole('button', { name: 'Stop hosting' }).first().click()
    const confirm = ada.page.getByRole('dialog', { name: /Stop hosting/ })
    await confirm.waitFor()
    await check(ada.page, 'confirm dialog (stop hosting)')
    await closeDialog(ada.page, confirm)

    expect(report(screens), report(screens)).toBe('')
    expect([...ada.problems, ...bob.problems]).toEqual([])
  }, 1_200_000)

  it('the certificate warning', async () => {
    const hostDir = tempDir()
    cleanups.push(hostDir.remove)
    let ada = await instance('Ada', hostDir.path)
    const bob = await instance('Bob')
    await chooseName(ada.page, 'Ada')
    await chooseName(bob.page, 'Bob')
    await hostRoom(ada.page, CERTIFICATE_ROOM)
    // The first visit pins the room's certificate.
    await joinNearby(bob.page, CERTIFICATE_ROOM, SLOW_STEP_MS)
    await bob.page.getByRole('button', { name: 'Leave' }).click()
    await lobby(bob.page).waitFor()

    // The same room comes back with another certificate (a reinstall, say).
    await ada.close()
    rmSync(join(hostDir.path, 'tls'), { recursive: true, force: true })
    ada = await instance('Ada', hostDir.path)
    await lobby(ada.page).waitFor()
    await hostRoom(ada.page, CERTIFICATE_ROOM)
    await bob.page
      .getByRole('listitem')
      .filter({ hasText: CERTIFICATE_ROOM })
      .getByText('Certificate changed', { exact: true })
      .waitFor({ timeout: SLOW_STEP_MS })
    await bob.page.getByRole('button', { name: `Join ${CERTIFICATE_ROOM}` }).click()
    const warning = bob.page.getByRole('dialog', { name: /certificate has changed/ })
    await warning.waitFor()
    await audit(bob.page, 'certificate warning')
    expect(report(['certificate warning']), report(['certificate warning'])).toBe('')
    expect(bob.problems).toEqual([])
  }, 600_000)
})
