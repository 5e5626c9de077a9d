/**
 * End-to-end, browser tier: Settings › Network (NetworkPreferences.svelte) through the real
 * controller, Look harder and settings file. The app sees three interfaces the harness gives it
 * (two private ones and a VPN); what is chosen, watched and the ports set are kept across a
 * restart of the app. Watched addresses are asked through an injected fetcher that refuses at
 * once: no packet leaves for them.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Preferences } from '../src/shared/bridge'
import { ipv4Info } from '../test/support/interface-info'
import { tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('network settings')

const MACHINE = {
  eth0: [ipv4Info('10.77.0.2', 24)],
  wlan0: [ipv4Info('192.168.5.7', 24)],
  tun0: [ipv4Info('10.8.0.5', 24)],
}

/** Opens Settings and returns its Network section. */
async function networkSection(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const network = dialog.getByRole('group', { name: 'Network' })
  await network.waitFor()
  return network
}

describe.skipIf(skipReason !== null)('Settings › Network', () => {
  const tier = useBrowserTier()

  it('lists the interfaces, chooses one, watches an address (refusing a public one) and sets ports, kept after a restart', async () => {
    const data = tempDir()
    const applied: Preferences[] = []
    const open = (): Promise<AppInstance> =>
      launchApp(tier.browser, {
        url: tier.url,
        dataDir: data.path,
        suggestedName: 'Ada',
        hostPort: 0,
        applyPreferences: (preferences) => applied.push(preferences),
        directory: { interfaces: () => MACHINE },
        lookHarder: { request: () => Promise.resolve({ ok: false, reason: 'ECONNREFUSED' }) },
      })
    let app = await open()
    try {
      const { page } = app
      await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      await page.getByRole('button', { name: 'Continue' }).click()
      const network = await networkSection(page)
      const automatic = network.getByRole('checkbox', {
        name: 'Choose network interfaces automatically',
      })
      await expect.poll(() => automatic.isEnabled()).toBe(true)
      expect(await automatic.isChecked()).toBe(true)

      // Choosing: the list shows each interface the harness gives (by name), with what it is.
      await automatic.uncheck()
      const list = network.getByRole('list', { name: 'Network interfaces' })
      await list.waitFor()
      await expect
        .poll(() => list.getByRole('listitem').allInnerTexts())
        .toEqual([
          expect.stringMatching(/^eth0\s+10\.77\.0\.2\/24$/),
          expect.stringMatching(/^tun0\s+10\.8\.0\.5\/24 · VPN$/),
          expect.stringMatching(/^wlan0\s+192\.168\.5\.7\/24$/),
        ])
      const box = (name: string) => list.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) })
      // What the automatic choice took is what is chosen when the choice becomes the person's.
      await expect.poll(() => box('eth0').isChecked()).toBe(true)
      expect(await box('wlan0').isChecked()).toBe(true)
      expect(await box('tun0').isChecked()).toBe(false)
      await box('wlan0').uncheck()
      await expect.poll(() => applied.at(-1)?.interfaces).toEqual(['eth0'])
      await expect.poll(() => box('wlan0').isChecked()).toBe(false)

      // A watched address, and a public one refused with its reason.
      const address = network.getByRole('textbox', { name: 'Address or subnet to watch' })
      const watch = network.getByRole('button', { name: 'Watch', exact: true })
      await address.fill('10.77.0.9')
      await watch.click()
      await network.getByRole('button', { name: 'Stop watching 10.77.0.9/32' }).waitFor()
      await expect.poll(() => address.inputValue()).toBe('')
      await expect.poll(() => applied.at(-1)?.watched).toEqual(['10.77.0.9/32'])
      await address.fill('8.8.8.8')
      await watch.click()
      const alert = network.getByRole('alert')
      await expect
        .poll(() => alert.innerText())
        .toMatch(/^8\.8\.8\.8\/32 is not a private address .*only your own network is scanned\.$/)
      expect(await address.inputValue()).toBe('8.8.8.8')
      expect(applied.at(-1)?.watched).toEqual(['10.77.0.9/32'])

      // Ports, saved when the field is left.
      const ports = network.getByRole('textbox', { name: 'Other ports to look on' })
      await ports.fill('47801, 47802')
      await ports.blur()
      await expect.poll(() => applied.at(-1)?.scanPorts).toEqual([47801, 47802])
      mkdirSync(join(process.cwd(), 'artifacts', 'screenshots'), { recursive: true })
      await page.screenshot({
        path: join(process.cwd(), 'artifacts/screenshots/settings-network.png'),
      })
      expect(app.problems).toEqual([])
      await app.close()

      // After a restart, the section shows what was stored.
      applied.length = 0
      app = await open()
      expect(applied[0]).toMatchObject({
        interfaces: ['eth0'],
        watched: ['10.77.0.9/32'],
        scanPorts: [47801, 47802],
      })
      const again = await networkSection(app.page)
      const listAgain = again.getByRole('list', { name: 'Network interfaces' })
      await listAgain.waitFor()
      const boxAgain = (name: string) =>
        listAgain.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) })
      await expect.poll(() => boxAgain('eth0').isChecked()).toBe(true)
      expect(await boxAgain('wlan0').isChecked()).toBe(false)
      expect(
        await again
          .getByRole('checkbox', { name: 'Choose network interfaces automatically' })
          .isChecked(),
      ).toBe(false)
      await again.getByRole('button', { name: 'Stop watching 10.77.0.9/32' }).waitFor()
      expect(
        await again.getByRole('textbox', { name: 'Other ports to look on' }).inputValue(),
      ).toBe('47801, 47802')
    } finally {
      await app.close()
      data.remove()
    }
  }, 90_000)
})
