/**
 * End-to-end, tier 1: the built renderer in Debian's Chromium, each window driven by the real
 * controller through the bridge contract (only Electron's IPC is replaced), two app instances
 * finding each other over real mDNS inside the private network namespace.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { IN_NETNS, netnsUnavailableReason } from '../test/support/netns'
import { TestClient, cid, tempDir } from '../test/support/ws-client'
import { serveRenderer } from './harness/app-page'
import { browserUnavailable, launchApp, launchBrowser, type AppInstance } from './harness/launch'

const ARTIFACTS = join(process.cwd(), 'artifacts', 'screenshots')
const skipReason = browserUnavailable() ?? netnsUnavailableReason()
if (skipReason) console.warn(`[e2e] browser tier did not run: ${skipReason}`)

let browser: Browser
let server: { url: string; close: () => Promise<void> }
const cleanups: Array<() => unknown> = []
const timings: string[] = []
/** Steps that wait for a reconnection or for discovery to probe a room again: a safety net (a few
 * seconds typically). Every other step has the harness's default (e2e/harness/app-page.ts). */
const SLOW_STEP_MS = 40_000

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '0.0.0.0', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

async function instance(name: string, dataDir?: string, hostPort?: number): Promise<AppInstance> {
  const dir =
    dataDir ??
    (() => {
      const made = tempDir()
      cleanups.push(made.remove)
      return made.path
    })()
  const app = await launchApp(browser, {
    url: server.url,
    dataDir: dir,
    suggestedName: name,
    hostPort: hostPort ?? (await freePort()),
  })
  cleanups.push(() => app.close())
  return app
}

async function chooseName(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  const field = page.getByLabel('Display name')
  expect(await field.inputValue()).not.toBe('')
  await field.fill(name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
}

async function say(page: Page, text: string): Promise<void> {
  const composer = page.getByLabel('Message', { exact: true })
  await composer.fill(text)
  await composer.press('Enter')
}

function timeline(page: Page): Promise<string> {
  return page.locator('main').innerText()
}

async function shot(page: Page, file: string, colorScheme: 'light' | 'dark'): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.emulateMedia({ colorScheme })
  await page.waitForTimeout(100)
  await page.screenshot({ path: join(ARTIFACTS, file) })
}

describe.skipIf(skipReason !== null)('the app in a browser, two instances on one network', () => {
  beforeAll(async () => {
    browser = await launchBrowser()
    server = await serveRenderer()
  })
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })
  afterAll(async () => {
    if (timings.length > 0) console.log(`[e2e] ${timings.join('; ')}`)
    await server?.close()
    await browser?.close()
  })

  it('hosts, finds, joins, chats, survives a hub crash, and ends the room', async () => {
    const hostDir = tempDir()
    cleanups.push(hostDir.remove)
    const port = await freePort()
    const ada = await instance('ada', hostDir.path, port)
    const brian = await instance('brian')
    await chooseName(ada.page, 'Ada')
    await chooseName(brian.page, 'Brian')
    await shot(brian.page, 'lobby-empty-light.png', 'light')

    await ada.page.getByRole('button', { name: 'Host a room' }).click()
    await ada.page.getByLabel('Room name').fill('Lab')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    const hostedAt = performance.now()
    await ada.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    expect(await ada.page.title()).toContain('Lab')

    const join = brian.page.getByRole('button', { name: 'Join Lab' })
    // The time is reported, not asserted: typically about 300 ms, the target 2 s.
    await join.waitFor()
    const seenAfter = Math.round(performance.now() - hostedAt)
    timings.push(`room seen nearby ${seenAfter} ms after hosting (target 2000 ms)`)
    await shot(brian.page, 'lobby-light.png', 'light')
    await shot(brian.page, 'lobby-dark.png', 'dark')
    await brian.page.emulateMedia({ colorScheme: 'light' })
    await join.click()
    await brian.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()

    // Chat both ways; members and typing update.
    await say(brian.page, 'Hello from Brian')
    await expect.poll(() => timeline(ada.page)).toContain('Hello from Brian')
    await say(ada.page, 'Welcome, Brian')
    await expect.poll(() => timeline(brian.page)).toContain('Welcome, Brian')
    await expect.poll(() => ada.page.getByText('Brian joined').count()).toBeGreaterThan(0)
    await brian.page.getByLabel('Message', { exact: true }).fill('typing something')
    await expect.poll(() => ada.page.getByText(/Brian is typing/).count()).toBe(1)
    await brian.page.getByLabel('Message', { exact: true }).fill('')

    // The host's process dies: the guest shows that it is reconnecting, keeps what it writes,
    // and when the host starts the room again everything arrives exactly once.
    const hub = ada.hubs[0]
    expect(hub).toBeDefined()
    hub?.abort()
    // The rest of the crashed app goes with it (its window, its connection, its advertisement).
    await ada.close()
    await brian.page
      .getByText(/Reconnecting/)
      .first()
      .waitFor()
    await say(brian.page, 'Written while the host was away')
    const again = await instance('ada', hostDir.path, port)
    await again.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    await again.page.getByRole('button', { name: 'Host a room' }).click()
    await again.page.getByLabel('Room name').fill('Lab')
    await again.page.getByRole('button', { name: /Host room/ }).click()
    await again.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    await expect
      .poll(() => timeline(again.page), { timeout: SLOW_STEP_MS })
      .toContain('Written while the host was away')
    await expect
      .poll(() => brian.page.getByText(/Reconnecting/).count(), { timeout: SLOW_STEP_MS })
      .toBe(0)
    const hostView = await timeline(again.page)
    expect(hostView).toContain('Hello from Brian')
    expect(hostView.split('Written while the host was away').length - 1).toBe(1)
    const guestView = await timeline(brian.page)
    expect(guestView.split('Hello from Brian').length - 1).toBe(1)
    expect(guestView.split('Written while the host was away').length - 1).toBe(1)

    // A busy room, for the screenshots.
    const lines = [
      'Is the projector in room 2 free after lunch?',
      'I think so — the booking sheet is empty from 1 pm.',
      'Great, I will bring the adapter.',
      'Slides are on the shared drive: http://files.local/slides',
    ]
    for (const [index, line] of lines.entries()) {
      await say(index % 2 === 0 ? brian.page : again.page, line)
    }
    await expect.poll(() => timeline(brian.page)).toContain('files.local/slides')
    await shot(brian.page, 'room-light.png', 'light')
    await shot(brian.page, 'room-dark.png', 'dark')
    await shot(again.page, 'room-host-light.png', 'light')

    // The host stops: the guest sees the room end.
    await again.page.getByRole('button', { name: 'Stop hosting' }).first().click()
    await again.page.getByRole('dialog').getByRole('button', { name: 'Stop hosting' }).click()
    await again.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    await brian.page
      .getByText(/host closed the room/i)
      .first()
      .waitFor()
    await brian.page.getByRole('button', { name: 'Back to lobby' }).click()
    await brian.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    expect([...ada.problems, ...brian.problems, ...again.problems]).toEqual([])
  }, 120_000)

  it('joins by address, and says why when an address does not answer', async () => {
    const cleo = await instance('cleo')
    const dan = await instance('dan')
    await chooseName(cleo.page, 'Cleo')
    await chooseName(dan.page, 'Dan')
    await cleo.page.getByRole('button', { name: 'Host a room' }).click()
    await cleo.page.getByLabel('Room name').fill('Studio')
    await cleo.page.getByRole('button', { name: /Host room/ }).click()
    await cleo.page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor()
    const address = cleo.app.controller.snapshot().room?.joinAddresses[0] as string
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+:\d+$/)
    await expect.poll(() => cleo.page.getByText(address).count()).toBeGreaterThan(0)

    await dan.page.getByRole('button', { name: 'Join by address', exact: true }).click()
    const field = dan.page.getByLabel('Room code or address', { exact: true })
    await field.fill('127.0.0.1:1')
    await field.press('Enter')
    await dan.page
      .getByRole('alert')
      .filter({ hasText: /ECONNREFUSED|cannot|could not/i })
      .first()
      .waitFor()
      .catch(async (error: unknown) => {
        console.log('[e2e] page at the failure:', await dan.page.locator('body').innerText())
        throw error
      })
    await field.fill(address)
    await field.press('Enter')
    // Before joining, the room and its verification code are shown, to compare with the host.
    const code = cleo.app.controller.snapshot().room?.security.verificationCode as string
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
    await expect.poll(() => cleo.page.locator('header').innerText()).toContain(code)
    const found = dan.page.getByRole('status').filter({ hasText: 'Studio' })
    await found.waitFor()
    expect(await found.innerText()).toContain(code)
    await shot(dan.page, 'join-by-address-code-light.png', 'light')
    await dan.page.getByRole('button', { name: 'Join', exact: true }).click()
    await dan.page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor()
    await expect.poll(() => dan.page.locator('header').innerText()).toContain(code)
    expect(await dan.page.locator('header').innerText()).toContain('First visit')
    await say(dan.page, 'Found you by address')
    await expect.poll(() => timeline(cleo.page)).toContain('Found you by address')
    expect([...cleo.problems, ...dan.problems]).toEqual([])
  }, 60_000)

  it('shows the host its room code; typed by a guest, it shows the room verified and joins on Join', async () => {
    const gil = await instance('gil')
    const hal = await instance('hal')
    await chooseName(gil.page, 'Gil')
    await chooseName(hal.page, 'Hal')
    await gil.page.getByRole('button', { name: 'Host a room' }).click()
    await gil.page.getByLabel('Room name').fill('Code room')
    await gil.page.getByRole('button', { name: /Host room/ }).click()
    await gil.page.getByRole('heading', { name: 'Code room', level: 1 }).waitFor()
    const room = gil.app.controller.snapshot().room
    const roomCode = room?.roomCodes[0]?.code as string
    expect(roomCode).toMatch(/^[0-7][0-9A-Z]{3}(-[0-9A-Z]{3,5})+$/)
    // The host sees it under Invite people, with a button to copy it.
    const shown = gil.page.getByLabel(`Room code ${roomCode.split('').join(' ')}`)
    await expect.poll(() => shown.innerText()).toBe(roomCode)
    await gil.page.getByRole('button', { name: 'Copy the room code' }).waitFor()
    await shot(gil.page, 'room-code-host-light.png', 'light')

    // Typed as people type it: lower case, no dashes. The room and its code show first.
    await hal.page.getByRole('button', { name: 'Join by address', exact: true }).click()
    const field = hal.page.getByLabel('Room code or address', { exact: true })
    await field.fill(roomCode.toLowerCase().replace(/-/g, ''))
    await field.press('Enter')
    const found = hal.page.getByRole('status').filter({ hasText: 'Code room' })
    await found.waitFor()
    const code = room?.security.verificationCode as string
    expect(await found.innerText()).toContain(code)
    expect(await found.innerText()).toContain(
      `Verified: this room’s certificate is the one room code ${roomCode} names`,
    )
    // Nothing is joined before the click.
    expect(hal.app.controller.snapshot().situation).toBe('idle')
    await shot(hal.page, 'join-by-room-code-light.png', 'light')
    await hal.page.getByRole('button', { name: 'Join', exact: true }).click()
    await hal.page.getByRole('heading', { name: 'Code room', level: 1 }).waitFor()
    await expect.poll(() => hal.page.locator('header').innerText()).toContain('Verified')
    expect(hal.app.controller.snapshot().room?.security.trust).toBe('verified')
    await say(hal.page, 'Found you by code')
    await expect.poll(() => timeline(gil.page)).toContain('Found you by code')

    // A typo is said to be one, and nothing is looked up.
    await hal.page.getByRole('button', { name: 'Leave' }).click()
    await hal.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    const last = roomCode.at(-1) === 'Z' ? 'Y' : 'Z'
    // Back in the lobby the card is closed again, as on every visit.
    await hal.page.getByRole('button', { name: 'Join by address', exact: true }).click()
    await field.fill(roomCode.slice(0, -1) + last)
    await field.press('Enter')
    await hal.page.getByRole('alert').filter({ hasText: 'typo' }).first().waitFor()
    expect([...gil.problems, ...hal.problems]).toEqual([])
  }, 60_000)

  it('hosts a room with a passphrase: a wrong one is refused as such, the right one gets in', async () => {
    const eve = await instance('eve')
    const finn = await instance('finn')
    await chooseName(eve.page, 'Eve')
    await chooseName(finn.page, 'Finn')
    await eve.page.getByRole('button', { name: 'Host a room' }).click()
    await eve.page.getByLabel('Room name').fill('Vault')
    await eve.page.getByLabel('Passphrase (optional)').fill('blue lagoon')
    await eve.page.getByRole('button', { name: /Host room/ }).click()
    await eve.page.getByRole('heading', { name: 'Vault', level: 1 }).waitFor()
    const code = eve.app.controller.snapshot().room?.security.verificationCode as string

    // Found nearby, with a lock; joining asks for the passphrase.
    const join = finn.page.getByRole('button', { name: 'Join Vault' })
    await join.waitFor({ timeout: SLOW_STEP_MS })
    await join.click()
    const dialog = finn.page.getByRole('dialog')
    await dialog.getByLabel('Passphrase').fill('red lagoon')
    await dialog.getByRole('button', { name: 'Join', exact: true }).click()
    await dialog.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor()
    await shot(finn.page, 'wrong-passphrase-light.png', 'light')
    expect(finn.app.controller.snapshot().situation).toBe('idle')
    await dialog.getByLabel('Passphrase').fill('blue lagoon')
    await dialog.getByRole('button', { name: 'Join', exact: true }).click()
    await finn.page.getByRole('heading', { name: 'Vault', level: 1 }).waitFor()
    // Both windows show the same verification code.
    await expect.poll(() => finn.page.locator('header').innerText()).toContain(code)
    await expect.poll(() => eve.page.locator('header').innerText()).toContain(code)
    await say(finn.page, 'In, with the passphrase')
    await expect.poll(() => timeline(eve.page)).toContain('In, with the passphrase')
    await shot(eve.page, 'room-passphrase-dark.png', 'dark')
    expect([...eve.problems, ...finn.problems]).toEqual([])
  }, 90_000)

  it('pins on first use, then warns with both codes and joins once the new one is trusted', async () => {
    const hostDir = tempDir()
    cleanups.push(hostDir.remove)
    const ada = await instance('ada', hostDir.path)
    const brian = await instance('brian')
    await chooseName(ada.page, 'Ada')
    await chooseName(brian.page, 'Brian')
    await ada.page.getByRole('button', { name: 'Host a room' }).click()
    await ada.page.getByLabel('Room name').fill('Lab')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    await ada.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    const room = ada.app.controller.snapshot().room
    const oldCode = room?.security.verificationCode as string

    // First visit: the code is shown, not yet verified; next time it is.
    const joinLab = brian.page.getByRole('button', { name: 'Join Lab' })
    await joinLab.waitFor({ timeout: SLOW_STEP_MS })
    await joinLab.click()
    await brian.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    const header = brian.page.locator('header')
    await expect.poll(() => header.innerText()).toContain(oldCode)
    expect(await header.innerText()).toContain('First visit')
    await brian.page.getByRole('button', { name: 'Leave' }).click()
    await joinLab.waitFor()
    await expect
      .poll(
        // By id: other e2e files host rooms in the same namespace at the same time.
        () =>
          brian.app.controller.snapshot().directory.rooms.find((listed) => listed.id === room?.id)
            ?.trust,
        {
          timeout: SLOW_STEP_MS,
        },
      )
      .toBe('verified')
    await joinLab.click()
    await expect.poll(() => header.innerText()).toContain('Verified')
    await brian.page.getByRole('button', { name: 'Leave' }).click()
    await joinLab.waitFor()

    // Ada's certificate is replaced (a reinstall, say): the same room, another certificate.
    await ada.close()
    rmSync(join(hostDir.path, 'tls'), { recursive: true, force: true })
    const again = await instance('ada', hostDir.path)
    await again.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    await again.page.getByRole('button', { name: 'Host a room' }).click()
    await again.page.getByLabel('Room name').fill('Lab')
    await again.page.getByRole('button', { name: /Host room/ }).click()
    await again.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    const newRoom = again.app.controller.snapshot().room
    expect(newRoom?.id).toBe(room?.id)
    const newCode = newRoom?.security.verificationCode as string
    expect(newCode).not.toBe(oldCode)

    // Rooms nearby says so, and joining stops at a warning with both codes.
    await brian.page.getByText('Certificate changed').waitFor({ timeout: SLOW_STEP_MS })
    await joinLab.click()
    const warning = brian.page.getByRole('dialog', { name: /certificate has changed/ })
    await warning.waitFor()
    const text = await warning.innerText()
    expect(text).toContain(oldCode)
    expect(text).toContain(newCode)
    await shot(brian.page, 'certificate-changed-light.png', 'light')
    await warning.getByRole('button', { name: 'Don’t join' }).click()
    await warning.waitFor({ state: 'hidden' })
    expect(brian.app.controller.snapshot().situation).toBe('idle')
    expect(again.app.controller.snapshot().room?.members).toHaveLength(1)

    await joinLab.click()
    await warning.waitFor()
    await warning.getByRole('button', { name: 'Trust the new certificate' }).click()
    await brian.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    await expect.poll(() => header.innerText()).toContain(newCode)
    expect(await header.innerText()).toContain('Verified')
    await say(brian.page, 'Back, with the new certificate')
    await expect.poll(() => timeline(again.page)).toContain('Back, with the new certificate')
    expect([...ada.problems, ...brian.problems, ...again.problems]).toEqual([])
  }, 120_000)

  it('renders only the members in view of a crowded room (101 people), and reaches the last by keyboard', async () => {
    const host = await instance('host')
    await chooseName(host.page, 'Host')
    await host.page.getByRole('button', { name: 'Host a room' }).click()
    await host.page.getByLabel('Room name').fill('Crowd')
    await host.page.getByRole('button', { name: /Host room/ }).click()
    await host.page.getByRole('heading', { name: 'Crowd', level: 1 }).waitFor()
    const hub = host.hubs[0] as (typeof host.hubs)[number]
    const crowd = Array.from(
      { length: 100 },
      () => new TestClient(`wss://127.0.0.1:${hub.port}/ws`),
    )
    cleanups.push(() => Promise.all(crowd.map((client) => client.close())))
    await Promise.all(
      crowd.map((client, i) =>
        client.join(`Member ${String(i).padStart(3, '0')}`, cid(`crowd${i}`)),
      ),
    )
    const list = host.page.getByRole('list', { name: /In the room/ })
    await expect.poll(() => list.getAttribute('aria-labelledby')).not.toBeNull()
    await expect.poll(() => host.page.getByText('101', { exact: true }).count()).toBeGreaterThan(0)
    const rows = list.getByRole('listitem')
    expect(await rows.count()).toBeLessThan(60)
    expect(await rows.first().getAttribute('aria-setsize')).toBe('101')
    // The list scrolls by itself and takes focus: the keyboard reaches its end.
    await host.page.getByRole('region', { name: /In the room/ }).focus()
    await host.page.keyboard.press('End')
    await list.getByText('Member 099').waitFor()
    expect(await rows.last().getAttribute('aria-posinset')).toBe('101')
    expect(await rows.count()).toBeLessThan(60)
    expect(host.problems).toEqual([])
  }, 60_000)
})

if (skipReason !== null) {
  describe('the app in a browser', () => {
    it('is not run here, and says why', () => {
      expect(skipReason).not.toBeNull()
    })
  })
}

// README's screenshot comes from this tier; keep a copy path the docs can point at.
export function publishScreenshot(from: string, to: string): void {
  copyFileSync(join(ARTIFACTS, from), to)
}
void IN_NETNS
