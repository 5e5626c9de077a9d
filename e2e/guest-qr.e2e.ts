/// <reference lib="dom" />
/**
 * End-to-end, browser tier: the host's invitation for browser guests (#16). Ada hosts
 * "Quadrangle" with a guest app to serve; the QR code in her room, read back from a screenshot
 * of the room with a QR decoder (jsqr), is exactly the guest link her room gives, which opens
 * her hub and carries its fingerprint. A guest who joins from the hub's own origin carries the
 * Guest badge in her member list, and the setting "Let people join from a browser" takes the
 * invitation away and turns the running hub's guests off.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fingerprintOfFragment } from '../src/shared/protocol'
import { guestBuild } from '../src/main/hub/testing/guest-build'
import { freePort } from '../test/support/free-port'
import { TestClient, cid, tempDir } from '../test/support/ws-client'
import { launchApp } from './harness/launch'
import { readQrCode } from './harness/qr'
import { chooseName, closeDialog, hostRoom, openSettings } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('guest QR code (end to end)')
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')

describe.skipIf(skipReason !== null)('the guest link and its QR code', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  it('shows a QR code that reads as the guest link, marks guests, and goes with the setting', async () => {
    const build = guestBuild()
    cleanups.push(build.remove)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const ada = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: 'Ada',
      hostPort: await freePort(),
      guestApp: { dir: build.dir },
    })
    cleanups.push(() => ada.close())
    const { page } = ada
    await chooseName(page, 'Ada')
    await hostRoom(page, 'Quadrangle')
    const qr = page.getByTestId('guest-qr')
    await qr.waitFor()
    const hub = ada.hubs[0]!
    const link = ada.app.controller.snapshot().room?.guestLink
    expect(link).toMatch(new RegExp(`^https://[\\d.]+:${hub.port}/#fp=[0-9a-f]{64}$`))
    expect(fingerprintOfFragment(new URL(link!).hash)).toBe(hub.fingerprint)
    await expect.poll(() => page.getByTestId('guest-link').textContent()).toBe(link)

    const png = await page.screenshot()
    mkdirSync(SHOTS, { recursive: true })
    writeFileSync(join(SHOTS, 'guest-qr-host-room.png'), png)
    await expect(readQrCode(tier.browser, png)).resolves.toBe(link)

    // A guest, from the hub's own page: her list marks it.
    const guest = new TestClient(`wss://127.0.0.1:${hub.port}/ws`, {
      headers: { Origin: `https://127.0.0.1:${hub.port}` },
    })
    cleanups.push(() => guest.ws.terminate())
    await guest.join('Gus', cid('Gus'))
    const row = page.getByRole('listitem').filter({ hasText: 'Gus' })
    await row.getByText('Guest', { exact: true }).waitFor()

    // Off: no invitation, and the running hub refuses browsers from now on.
    const settings = await openSettings(page)
    await settings.getByLabel('Let people join from a browser').uncheck()
    await expect.poll(() => hub.guests).toBe(false)
    await closeDialog(page, settings)
    await qr.waitFor({ state: 'detached' })
    expect(ada.app.controller.snapshot().room?.guestLink).toBeNull()
    const refused = new TestClient(`wss://127.0.0.1:${hub.port}/ws`, {
      headers: { Origin: `https://127.0.0.1:${hub.port}` },
    })
    cleanups.push(() => refused.ws.terminate())
    await expect(refused.opened).rejects.toThrow('HTTP 403')
    expect(ada.problems).toEqual([])
  })
})
