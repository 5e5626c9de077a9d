/**
 * End-to-end, browser tier: Look harder in the lobby, through the real controller and
 * directory. The app sees one interface on 10.77.0.0/24; its /info requests to 10.77.0.9 go to
 * a real hub on loopback, every other address is held unanswered (to see the progress and the
 * cancel) or refused at once (to see the scan end and the room listed).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  fetchInfo,
  requestInfo,
  type InfoRequest,
  type InfoResult,
} from '../src/main/discovery/probe'
import { ipv4Info } from '../test/support/interface-info'
import { startTestHub, tempDir } from '../test/support/ws-client'
import { launchApp } from './harness/launch'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('look harder')

const HUB_ADDRESS = '10.77.0.9'
const ETH0 = ipv4Info('10.77.0.2', 24)

describe.skipIf(skipReason !== null)('Look harder in the lobby', () => {
  const tier = useBrowserTier()

  it('is offered when nothing is found, shows progress, cancels, and lists what it finds', async () => {
    const data = tempDir()
    const hub = await startTestHub({ roomName: 'Lab behind isolation' })
    let hold = true
    const held: Array<() => void> = []
    const toHub = (host: string): string => (host === HUB_ADDRESS ? '127.0.0.1' : host)
    const request = (host: string, port: number, options: InfoRequest): Promise<InfoResult> => {
      if (!hold) {
        if (host === HUB_ADDRESS && port === hub.hub.port)
          return requestInfo('127.0.0.1', port, options)
        return Promise.resolve({ ok: false, reason: 'ECONNREFUSED' })
      }
      return new Promise((resolve) => {
        const done = (): void => resolve({ ok: false, reason: 'cancelled' })
        held.push(done)
        options.signal?.addEventListener('abort', done)
      })
    }
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: data.path,
      suggestedName: 'Ada',
      hostPort: 0,
      directory: {
        quietAfterMs: 300,
        interfaces: () => ({ eth0: [ETH0] }),
        fetchInfo: (address, port, timeoutMs, tls) =>
          fetchInfo(toHub(address), port, timeoutMs, tls),
      },
      lookHarder: { request },
    })
    try {
      const { page } = app
      await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('Still looking…').waitFor()
      const lookHarder = page.getByRole('button', { name: 'Look harder' })
      expect(await lookHarder.getAttribute('aria-describedby')).toBeTruthy()

      await app.app.handlers.setPreferences({ scanPorts: [hub.hub.port] })
      await lookHarder.click()
      const progress = page.getByRole('progressbar')
      await progress.waitFor()
      await expect.poll(() => progress.getAttribute('max')).toBe(String(253 * 2))
      expect(
        await page.getByRole('status').filter({ hasText: 'Looking harder' }).innerText(),
      ).toMatch(/asked \d+ of 506 addresses/)
      mkdirSync(join(process.cwd(), 'artifacts', 'screenshots'), { recursive: true })
      await page.screenshot({ path: join(process.cwd(), 'artifacts/screenshots/look-harder.png') })
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.getByText('Stopped looking harder.').waitFor()
      expect(await progress.count()).toBe(0)

      hold = false
      await page.getByRole('button', { name: 'Look harder' }).click()
      const room = page.getByRole('listitem').filter({ hasText: 'Lab behind isolation' })
      await room.waitFor({ timeout: 30_000 })
      expect(await room.innerText()).toContain('Found by scan')
      await room.getByRole('button', { name: 'Join Lab behind isolation' }).waitFor()
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
      await hub.stop()
      data.remove()
    }
  })
})
