/**
 * End-to-end, tier 2: the built app in a real Electron window, through Playwright's Electron
 * support. It runs wherever an Electron binary is present: after `npx install-electron` (or a
 * first `npm start`) on a normal machine, or with LANROOM_ELECTRON pointing at one. Where none
 * is, it says so and is skipped: this workplace cannot download Electron.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test/support/ws-client'

const ROOT = join(import.meta.dirname ?? process.cwd(), '..')

/** The Electron executable, found without require('electron') (which would download it). */
function electronBinary(): string | null {
  const fromEnv = process.env['LANROOM_ELECTRON']
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  const pathFile = join(ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
if (!binary) {
  console.warn(
    '[e2e] Electron tier skipped: no Electron binary here (node_modules/electron/path.txt is ' +
      'missing; run `npx install-electron` or set LANROOM_ELECTRON). The browser tier ran the same flows.',
  )
}

describe.skipIf(binary === null)('the app in Electron', () => {
  it('asks for a name, hosts a room, and stops hosting', async () => {
    const userData = tempDir()
    const app = await electron.launch({
      executablePath: binary as string,
      args: [join(ROOT, 'out/main/index.js'), `--user-data-dir=${userData.path}`],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    })
    try {
      const page = await app.firstWindow()
      await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
      await page.getByLabel('Display name').fill('Electron tester')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('Room name').fill('Tier two')
      await page.getByRole('button', { name: /Host room/ }).click()
      await page.getByRole('heading', { name: 'Tier two', level: 1 }).waitFor()
      expect(await page.title()).toContain('Tier two')
      // The page must not reach Node or Electron.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      )
      await page.getByRole('button', { name: 'Stop hosting' }).first().click()
      await page.getByRole('dialog').getByRole('button', { name: 'Stop hosting' }).click()
      await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    } finally {
      await app.close()
      userData.remove()
    }
  }, 60_000)
})
