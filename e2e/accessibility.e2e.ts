/**
 * Browser tier, accessibility: axe-core checks every screen (first run, lobby empty and with a
 * room, a room with replies and reactions, narrow and wide, and the dialogs: settings, confirm,
 * search, certificate warning) in both themes, as the system sets them and as the settings
 * force them, through the real controllers and hub. No serious or critical violation may be
 * found; lesser ones are counted in the log. The full results go to artifacts/accessibility.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../test/support/free-port'
import { tempDir } from '../test/support/ws-client'
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
} from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('accessibility (axe)')
/** Steps that wait on discovery or on the other instance (typically under a second or two). */
const SLOW_STEP_MS = 40_000
const BLOCKING = new Set(['serious', 'critical'])
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

/**
 * Runs axe over the whole page, every rule in the first theme mode and the colour rules in the
 * others, and records what it finds.
 */
async function audit(page: Page, screen: string): Promise<void> {
  for (const [index, mode] of THEME_MODES.entries()) {
    await setTheme(page, mode)
    const builder = new AxeBuilder({ page })
    if (index > 0) builder.withRules(COLOUR_RULES)
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
  await setTheme(page, THEME_MODES[0] as (typeof THEME_MODES)[number])
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
    await check(bob.page, 'lobby, no rooms')

    const settings = await openSettings(bob.page)
    await check(bob.page, 'settings dialog')
    await closeDialog(bob.page, settings)

    await hostRoom(ada.page, 'Lab')
    await bob.page.getByRole('button', { name: 'Join Lab' }).waitFor({ timeout: SLOW_STEP_MS })
    await check(bob.page, 'lobby, a room nearby')
    await joinNearby(bob.page, 'Lab', SLOW_STEP_MS)

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
  }, 600_000)

  it('the certificate warning', async () => {
    const hostDir = tempDir()
    cleanups.push(hostDir.remove)
    let ada = await instance('Ada', hostDir.path)
    const bob = await instance('Bob')
    await chooseName(ada.page, 'Ada')
    await chooseName(bob.page, 'Bob')
    await hostRoom(ada.page, 'Lab')
    // The first visit pins the room's certificate.
    await joinNearby(bob.page, 'Lab', SLOW_STEP_MS)
    await bob.page.getByRole('button', { name: 'Leave' }).click()
    await lobby(bob.page).waitFor()

    // The same room comes back with another certificate (a reinstall, say).
    await ada.close()
    rmSync(join(hostDir.path, 'tls'), { recursive: true, force: true })
    ada = await instance('Ada', hostDir.path)
    await lobby(ada.page).waitFor()
    await hostRoom(ada.page, 'Lab')
    await bob.page.getByText('Certificate changed').waitFor({ timeout: SLOW_STEP_MS })
    await bob.page.getByRole('button', { name: 'Join Lab' }).click()
    const warning = bob.page.getByRole('dialog', { name: /certificate has changed/ })
    await warning.waitFor()
    await audit(bob.page, 'certificate warning')
    expect(report(['certificate warning']), report(['certificate warning'])).toBe('')
    expect(bob.problems).toEqual([])
  }, 300_000)
})
