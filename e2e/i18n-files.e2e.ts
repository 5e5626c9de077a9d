/// <reference lib="dom" />
/**
 * Browser tier, languages (issue #18), the second walk of the pseudo-locale scan
 * (harness/i18n-scan.ts; the first is e2e/i18n.e2e.ts): files staged, offered, downloaded and
 * viewed, a message that could not be sent yet, the reconnect banner with its details and the
 * leave question. Real controllers and hub, as a person meets
 * them; each screen is switched to en-XA to be scanned, then back.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../test/support/free-port'
import { tempDir } from '../test/support/ws-client'
import { describeFindings, scanPage, type ScanFinding } from './harness/i18n-scan'
import { launchApp, type AppInstance } from './harness/launch'
import { chooseName, hostRoom, joinNearby, say, switchLanguage } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'
import { dropFiles, fileRow } from './harness/files'

const skipReason = browserTierSkip('languages (pseudo-locale scan of files and reconnects)')
/** Steps that wait on the network between two instances (typically well under a second). */
const SLOW_STEP_MS = 40_000
/** A name no other e2e file hosts: the files run side by side in one network namespace. */
const ROOM = 'Languages files'

describe.skipIf(skipReason !== null)('files and reconnects in the pseudo-locale', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function instance(name: string): Promise<AppInstance> {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const downloads = join(dir.path, 'Downloads')
    mkdirSync(downloads, { recursive: true })
    mkdirSync(join(dir.path, 'tmp'), { recursive: true })
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: name,
      hostPort: await freePort(),
      files: {
        downloadsDir: () => downloads,
        tempDir: () => join(dir.path, 'tmp'),
        showItemInFolder: () => undefined,
        openPath: () => Promise.resolve(''),
        pickFiles: () => Promise.resolve([]),
        pickFolder: () => Promise.resolve(null),
      },
    })
    cleanups.push(() => app.close())
    return app
  }

  it('files, the reconnect banner and the leave question: all from the catalogue', async () => {
    const results: Array<{ screen: string; findings: ScanFinding[] }> = []
    const scan = async (page: Page, screen: string): Promise<void> => {
      await switchLanguage(page, 'en-XA')
      results.push({ screen, findings: await scanPage(page) })
      await switchLanguage(page, 'system')
    }

    const ada = await instance('Ada')
    const bob = await instance('Bob')
    await chooseName(ada.page, 'Ada')
    await chooseName(bob.page, 'Bob')
    await hostRoom(ada.page, ROOM)
    await joinNearby(bob.page, ROOM, SLOW_STEP_MS)

    // Ada stages a document and a picture with a caption.
    const transfer = await ada.page.evaluateHandle(async () => {
      const canvas = new OffscreenCanvas(800, 600)
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
      context.fillStyle = '#0e7c72'
      context.fillRect(0, 0, 800, 600)
      const data = new DataTransfer()
      data.items.add(new File(['%PDF-1.4 the numbers'], 'report.pdf', { type: 'application/pdf' }))
      const png = await canvas.convertToBlob({ type: 'image/png' })
      data.items.add(new File([png], 'whiteboard.png', { type: 'image/png' }))
      return data
    })
    await dropFiles(ada.page, transfer)
    const tray = ada.page.getByRole('list', { name: 'Files to send' })
    await tray.getByText('whiteboard.png').waitFor()
    await ada.page.getByLabel('Message', { exact: true }).fill('the minutes and the board')
    await scan(ada.page, 'composer, two files staged with a caption')
    await ada.page.getByLabel('Message', { exact: true }).press('Enter')

    const document = fileRow(bob.page, 'report.pdf')
    const picture = fileRow(bob.page, 'whiteboard.png')
    await document.waitFor({ timeout: SLOW_STEP_MS })
    await picture.locator('button.thumb img').waitFor({ timeout: SLOW_STEP_MS })
    await scan(bob.page, 'room, a document and a picture offered')

    await document.getByRole('button', { name: 'Download report.pdf' }).click()
    await document.getByText('verified', { exact: true }).waitFor({ timeout: SLOW_STEP_MS })
    await scan(bob.page, 'room, a document downloaded and verified')

    await picture.locator('button.thumb').click()
    const view = bob.page.getByRole('dialog', { name: 'whiteboard.png' })
    await view.getByRole('img', { name: 'whiteboard.png' }).waitFor({ timeout: SLOW_STEP_MS })
    await scan(bob.page, 'picture shown full size')
    await bob.page.keyboard.press('Escape')
    await expect.poll(() => view.count()).toBe(0)

    // The host's process dies: Bob's window says so, and keeps what he writes meanwhile.
    ada.hubs[0]?.abort()
    await ada.close()
    const header = bob.page.locator('header').first()
    await header.getByText('Reconnecting…').waitFor({ timeout: SLOW_STEP_MS })
    await say(bob.page, 'written while the host is away')
    await bob.page.getByRole('button', { name: 'Details' }).click()
    await scan(bob.page, 'room, reconnecting, details open, a message waiting')

    await bob.page.getByRole('button', { name: 'Leave', exact: true }).click()
    const leave = bob.page.getByRole('dialog', { name: /^Leave/ })
    await leave.waitFor()
    await scan(bob.page, 'leave question with an unsent message')
    await leave.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => leave.count()).toBe(0)

    const report = results
      .map(({ screen, findings }) => describeFindings(screen, findings))
      .filter(Boolean)
      .join('\n')
    console.log(
      `[e2e] pseudo-locale scan (files, reconnects): ${results.length} screens, ` +
        `${results.reduce((n, r) => n + r.findings.length, 0)} findings`,
    )
    expect(report, report).toBe('')
    expect(bob.problems).toEqual([])
  }, 600_000)
})
