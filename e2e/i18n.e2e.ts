/**
 * Browser tier, languages (issue #18): every screen, walked as a person reaches it through the
 * real controllers and hub, is switched to the pseudo-locale (en-XA: every catalogue string
 * accented, 30 % longer, between ⟦ and ⟧) and scanned: any text a person sees or hears that is
 * not from the catalogue (and not marked as someone's own text, `data-verbatim`) fails the test,
 * and so does any box that cuts the longer text short. Then Arabic: the page is right to left,
 * and the room's layout mirrors. The walk itself is in English, so that it finds controls by the
 * same names as the other tiers.
 */
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { pseudoLocalize } from '../src/shared/i18n/pseudo'
import { en } from '../src/shared/i18n/locales/en'
import { freePort } from '../test/support/free-port'
import { startGuestHub } from '../test/support/guest-hub'
import { TestClient, cid, tempDir } from '../test/support/ws-client'
import { describeFindings, scanPage, type ScanFinding } from './harness/i18n-scan'
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
  switchLanguage,
} from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('languages (pseudo-locale scan)')
/** Steps that wait on discovery or on the other instance (typically under a second or two). */
const SLOW_STEP_MS = 40_000
/** Names no other e2e file hosts: the files run side by side in one network namespace. */
const ROOM = 'Languages lab'

describe.skipIf(skipReason !== null)('every screen in the pseudo-locale', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function instance(name: string): Promise<AppInstance> {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: name,
      hostPort: await freePort(),
    })
    cleanups.push(() => app.close())
    return app
  }

  it('the scan finds text that did not come from the catalogue, and boxes too small', async () => {
    const page = await tier.browser.newPage()
    cleanups.push(() => page.close())
    await page.setContent(`
      <p>⟦Ŵéļçöɱé······⟧</p>
      <p>Plain English</p>
      <button aria-label="Close">×</button>
      <p data-verbatim>Ada Lovelace</p>
      <p>⟦Šéñţ···⟧ <time datetime="2026-12-05T10:37">10:37 AM</time></p>
      <div aria-live="polite">Ada: said in the language of its moment</div>
      <p>⟦Ĵöîñ <strong>Design room</strong> ñöŵ···⟧</p>
      <div style="width: 40px; overflow: hidden; white-space: nowrap">⟦Â ļöñĝ ļåƀéļ ţĥåţ ðöéš ñöţ ƒîţ······⟧</div>
      <div data-verbatim style="width: 40px; overflow: hidden; white-space: nowrap">A long name of someone</div>
    `)
    const findings = await scanPage(page)
    const untranslated = findings.filter((f) => f.kind === 'untranslated').map((f) => f.text)
    expect(untranslated.sort()).toEqual(['Close', 'Design room', 'Plain English'].sort())
    expect(findings.filter((f) => f.kind === 'overflow')).toHaveLength(1)
  }, 60_000)

  it('first run, lobby, hosting, joining, the room and its dialogs: all from the catalogue', async () => {
    const results: Array<{ screen: string; findings: ScanFinding[] }> = []
    const scan = async (page: Page, screen: string): Promise<void> => {
      await switchLanguage(page, 'en-XA')
      results.push({ screen, findings: await scanPage(page) })
      await switchLanguage(page, 'system')
    }

    const ada = await instance('Ada')
    const bob = await instance('Bob')
    await ada.page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    await scan(ada.page, 'first run')
    await chooseName(ada.page, 'Ada')
    await chooseName(bob.page, 'Bob')
    await scan(bob.page, 'lobby, looking for rooms')

    const settings = await openSettings(bob.page)
    await scan(bob.page, 'settings dialog')
    await settings.getByRole('button', { name: 'Network doctor…' }).click()
    const doctor = bob.page.getByRole('dialog', { name: /doctor/i })
    await doctor.waitFor()
    await scan(bob.page, 'network doctor')
    await closeDialog(bob.page, doctor)

    // The lobby's own button (the empty list's shortcut is gone once other files' rooms show).
    await bob.page.getByRole('button', { name: 'Join by address', exact: true }).click()
    await bob.page.getByLabel('Room code or address', { exact: true }).waitFor()
    await scan(bob.page, 'lobby, join by address open')

    await hostRoom(ada.page, ROOM)
    await scan(ada.page, 'room, host, no messages yet')
    await bob.page.getByRole('button', { name: `Join ${ROOM}` }).waitFor({ timeout: SLOW_STEP_MS })
    await scan(bob.page, 'lobby, a room nearby')
    await joinNearby(bob.page, ROOM, SLOW_STEP_MS)

    await say(ada.page, 'Is the projector in room 2 free after lunch?')
    await messageRow(bob.page, 'projector').waitFor({ timeout: SLOW_STEP_MS })
    await reply(bob.page, 'projector', 'I think so, the booking sheet is empty from 1 pm.')
    await react(ada.page, 'booking sheet', '👍')
    await say(ada.page, 'Here is the command:\n```\nnpm run build\n```')
    await messageRow(bob.page, 'npm run build').waitFor({ timeout: SLOW_STEP_MS })
    await messageRow(bob.page, 'booking sheet')
      .getByRole('button', { name: /👍 1/ })
      .waitFor({ timeout: SLOW_STEP_MS })
    await scan(bob.page, 'room, guest, with a reply, a reaction and code')
    await scan(ada.page, 'room, host, with messages')

    await messageRow(bob.page, 'projector').focus()
    await messageRow(bob.page, 'projector').getByRole('button', { name: 'Add a reaction' }).click()
    await bob.page.getByRole('toolbar', { name: 'Pick a reaction' }).waitFor()
    await scan(bob.page, 'room, reaction palette open')
    await bob.page.keyboard.press('Escape')

    await composer(bob.page).focus()
    await composer(bob.page).press('Control+f')
    const box = bob.page.getByLabel('Search messages')
    await box.fill('projector')
    await box.press('Enter')
    await bob.page
      .getByRole('list', { name: 'Results for projector' })
      .waitFor({ timeout: SLOW_STEP_MS })
    await scan(bob.page, 'room, search results')
    await box.press('Escape')

    await bob.page.setViewportSize({ width: 480, height: 760 })
    await scan(bob.page, 'room, 480 px wide')
    await bob.page.getByRole('button', { name: /people in the room/ }).click()
    await scan(bob.page, 'room, 480 px wide, people panel open')
    await bob.page.keyboard.press('Escape')
    await bob.page.setViewportSize({ width: 1280, height: 720 })

    await ada.page.getByRole('button', { name: 'Stop hosting' }).first().click()
    const confirm = ada.page.getByRole('dialog', { name: /Stop hosting/ })
    await confirm.waitFor()
    await scan(ada.page, 'confirm dialog (stop hosting)')
    await closeDialog(ada.page, confirm)

    const report = results
      .map(({ screen, findings }) => describeFindings(screen, findings))
      .filter(Boolean)
      .join('\n')
    console.log(
      `[e2e] pseudo-locale scan: ${results.length} screens, ` +
        `${results.reduce((n, r) => n + r.findings.length, 0)} findings`,
    )
    expect(report, report).toBe('')
    expect([...ada.problems, ...bob.problems]).toEqual([])
  }, 1_200_000)

  it('Arabic: the page is right to left, and the room mirrors', async () => {
    const ada = await instance('Ada')
    await chooseName(ada.page, 'Ada')
    await hostRoom(ada.page, `${ROOM} RTL`)
    await switchLanguage(ada.page, 'ar')
    expect(await ada.page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    // The composer's text starts on the right: its box lies right of its send button.
    const field = await ada.page.locator('form.composer textarea').boundingBox()
    const send = await ada.page.locator('button.send').boundingBox()
    expect(field && send && send.x + send.width <= field.x + 1).toBe(true)
    await switchLanguage(ada.page, 'system')
    expect(await ada.page.evaluate(() => document.documentElement.dir)).toBe('ltr')
    await lobby(ada.page).count()
  }, 300_000)

  it('the guest page, in the language its browser asks for (en-XA): join step and room', async () => {
    const guestHub = await startGuestHub('Languages courtyard')
    cleanups.push(guestHub.stop)
    // navigator.languages is what the context's locale says (Chromium's --lang takes only the
    // languages it ships, and en-XA is not one of them).
    const context = await tier.browser.newContext({ locale: 'en-XA', ignoreHTTPSErrors: true })
    cleanups.push(() => context.close())
    const page = await context.newPage()
    const results: Array<{ screen: string; findings: ScanFinding[] }> = []
    // The page speaks en-XA from the start, so the walk uses the pseudo-localized names.
    const name = (text: string): string => pseudoLocalize(text)

    await page.goto(`${guestHub.origin}/#fp=${guestHub.fingerprint}`)
    await page.getByRole('heading', { name: name(en.welcome.heading) }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-XA')
    results.push({ screen: 'guest: first run', findings: await scanPage(page) })
    await page.getByLabel(name(en.nameForm.label)).fill('Bea')
    await page.getByRole('button', { name: name(en.welcome.continue) }).click()
    const step = page.getByRole('region', { name: name(en.guestJoin.title) })
    await step.getByText('Languages courtyard').waitFor({ timeout: SLOW_STEP_MS })
    results.push({ screen: 'guest: join step', findings: await scanPage(page) })
    await step.getByRole('button', { name: name(en.guestJoin.join) }).click()
    await page.getByRole('heading', { name: 'Languages courtyard', level: 1 }).waitFor()

    const cy = new TestClient(`wss://127.0.0.1:${guestHub.hub.port}/ws`)
    cleanups.push(() => cy.close())
    await cy.join('Cy', cid('cy'))
    cy.chat('hello-guest', 'Welcome, Bea!')
    await page.getByText('Welcome, Bea!').waitFor({ timeout: SLOW_STEP_MS })
    results.push({ screen: 'guest: room', findings: await scanPage(page) })

    const report = results
      .map(({ screen, findings }) => describeFindings(screen, findings))
      .filter(Boolean)
      .join('\n')
    expect(report, report).toBe('')
  }, 300_000)
})
