/**
 * End-to-end, browser tier: the Network doctor panel, through the real controller and bridge.
 * A server answers GET /info as a room but refuses the WebSocket upgrade: joining it by address
 * fails, "Find out why" opens the doctor for that address, and the panel names the failing step
 * (websocket) with its fix. Also reachable from Settings.
 */
import { createServer } from 'node:http'
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startTestHub, tempDir } from '../test/support/ws-client'
import { launchApp } from './harness/launch'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('doctor')

/** A server that answers /info like a plain room, and refuses every WebSocket upgrade. */
async function httpOnlyRoom(): Promise<{ port: number; close: () => Promise<void> }> {
  const hub = await startTestHub({ tls: false, roomName: 'Half a room' })
  const info = await (await fetch(`http://127.0.0.1:${hub.hub.port}/info`)).text()
  await hub.stop()
  const http = createServer((request, response) => {
    if (request.url === '/info') response.setHeader('content-type', 'application/json').end(info)
    else response.writeHead(404).end()
  })
  http.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    port: (http.address() as AddressInfo).port,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  }
}

describe.skipIf(skipReason !== null)('the Network doctor panel', () => {
  const tier = useBrowserTier()

  it('shows the failing step of an address that cannot be joined, and its fix', async () => {
    const data = tempDir()
    const room = await httpOnlyRoom()
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: data.path,
      suggestedName: 'Ada',
      hostPort: 0,
    })
    try {
      const { page } = app
      await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('button', { name: 'Join by address', exact: true }).click()
      await page.getByLabel('Room code or address', { exact: true }).fill(`127.0.0.1:${room.port}`)
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('Half a room').waitFor()
      await page.getByRole('button', { name: 'Join', exact: true }).click()
      await page.getByRole('button', { name: 'Find out why' }).click()

      const dialog = page.getByRole('dialog', { name: 'Network doctor' })
      expect(await dialog.getByLabel('Room, code or address (optional)').inputValue()).toBe(
        `127.0.0.1:${room.port}`,
      )
      const roomCheck = dialog.locator('[data-check="room"]')
      await expect
        .poll(() => roomCheck.getAttribute('aria-busy'), { timeout: 30_000 })
        .toBe('false')
      const steps = roomCheck.getByRole('list', { name: 'Steps' })
      expect(await steps.getByRole('listitem').last().innerText()).toMatch(
        /^websocket\s+Failed:\s+the WebSocket upgrade failed: the hub refused the connection \(HTTP 403\)/,
      )
      expect(await roomCheck.innerText()).toContain(
        'What to do: The room answers web requests but refuses the chat connection',
      )
      await expect
        .poll(() => dialog.getByRole('status').innerText(), { timeout: 30_000 })
        .toMatch(/checks? failed: see what to do below/)
      mkdirSync(join(process.cwd(), 'artifacts', 'screenshots'), { recursive: true })
      await page.screenshot({ path: join(process.cwd(), 'artifacts/screenshots/doctor-light.png') })
      await dialog.getByRole('button', { name: 'Done' }).click()
      await expect.poll(() => dialog.isVisible()).toBe(false)

      // From Settings, with no room: the room check is skipped and says why.
      await page.getByRole('button', { name: 'Settings' }).click()
      await page.getByRole('button', { name: 'Network doctor…' }).click()
      const again = page.getByRole('dialog', { name: 'Network doctor' })
      const skipped = again.locator('[data-check="room"]')
      await expect
        .poll(() => skipped.innerText(), { timeout: 30_000 })
        .toContain('no room, code or address given')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
      await room.close()
      data.remove()
    }
  })
})
