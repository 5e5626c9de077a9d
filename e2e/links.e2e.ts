/**
 * End-to-end, tier 1: `lanroom://join/…` links handed to a running app. The harness calls the
 * same main-side entry `second-instance` and `open-url` call in the app (app.links.open, which
 * sends onOpenLink through the real bridge preparation), and says the page has loaded where
 * index.ts does on `did-finish-load` (app.links.windowReady). The window must land on the
 * code-first join step, showing the room and its verification code, and join nothing before
 * the person's click.
 */
import { createServer } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { netnsUnavailableReason } from '../test/support/netns'
import { tempDir } from '../test/support/ws-client'
import { serveRenderer } from './harness/app-page'
import { browserUnavailable, launchApp, launchBrowser, type AppInstance } from './harness/launch'

const skipReason = browserUnavailable() ?? netnsUnavailableReason()
if (skipReason) console.warn(`[e2e] browser tier did not run: ${skipReason}`)

let browser: Browser
let server: { url: string; close: () => Promise<void> }
const cleanups: Array<() => unknown> = []

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '0.0.0.0', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

async function instance(name: string): Promise<AppInstance> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const app = await launchApp(browser, {
    url: server.url,
    dataDir: dir.path,
    suggestedName: name,
    hostPort: await freePort(),
  })
  cleanups.push(() => app.close())
  return app
}

async function chooseName(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
}

async function host(app: AppInstance, room: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Host a room' }).click()
  await app.page.getByLabel('Room name').fill(room)
  await app.page.getByRole('button', { name: /Host room/ }).click()
  await app.page.getByRole('heading', { name: room, level: 1 }).waitFor()
}

describe.skipIf(skipReason !== null)('lanroom:// links in a running app', () => {
  beforeAll(async () => {
    browser = await launchBrowser()
    server = await serveRenderer()
  })
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })
  afterAll(async () => {
    await server?.close()
    await browser?.close()
  })

  it('a room-code link, even one that started the app, leads to the code-first join step; nothing joins before the click', async () => {
    const ida = await instance('ida')
    await chooseName(ida.page, 'Ida')
    await host(ida, 'Link room')
    const room = ida.app.controller.snapshot().room
    const roomCode = room?.roomCodes[0]?.code as string
    const code = room?.security.verificationCode as string
    expect(roomCode).toMatch(/^[0-7]/)

    // The link arrives before the window listens (it started the app): it waits for the page,
    // then for the lobby (the person first chooses a name).
    const jon = await instance('jon')
    expect(jon.app.links.open(`lanroom://join/${roomCode.toLowerCase()}`)).toMatchObject({
      ok: true,
      target: roomCode,
    })
    jon.app.links.windowReady()
    await chooseName(jon.page, 'Jon')
    const found = jon.page.getByRole('status').filter({ hasText: 'Link room' })
    await found.waitFor()
    expect(await found.innerText()).toContain(code)
    expect(await found.innerText()).toContain(
      `Verified: this room’s certificate is the one room code ${roomCode} names`,
    )
    expect(await jon.page.getByLabel('Room code or address', { exact: true }).count()).toBe(0)

    // Nothing is joined until the click: the host still has the room to itself.
    expect(jon.app.controller.snapshot().situation).toBe('idle')
    expect(ida.app.controller.snapshot().room?.members).toHaveLength(1)
    await jon.page.getByRole('button', { name: 'Join', exact: true }).click()
    await jon.page.getByRole('heading', { name: 'Link room', level: 1 }).waitFor()
    expect(jon.app.controller.snapshot().room?.security.trust).toBe('verified')
    await expect.poll(() => ida.app.controller.snapshot().room?.members.length).toBe(2)
    expect([...ida.problems, ...jon.problems]).toEqual([])
  }, 90_000)

  it('an address link waits while you are in a room; a refused link opens nothing', async () => {
    const kim = await instance('kim')
    const lev = await instance('lev')
    kim.app.links.windowReady()
    lev.app.links.windowReady()
    await chooseName(kim.page, 'Kim')
    await chooseName(lev.page, 'Lev')
    await host(kim, 'Address room')
    const address = `127.0.0.1:${kim.app.controller.hostedPort()}`
    const code = kim.app.controller.snapshot().room?.security.verificationCode as string

    // Refused by the grammar: said in a notice, and no join step opens.
    const refused = lev.app.links.open(`lanroom://join/${address}?passphrase=guess`)
    expect(refused).toMatchObject({ ok: false, code: 'LINK_ERR_QUERY' })
    await lev.page.getByRole('alert').filter({ hasText: 'This link cannot be opened' }).waitFor()
    expect(await lev.page.getByRole('status').filter({ hasText: 'Address room' }).count()).toBe(0)

    // While hosting, a link does not take the host out of the room: it waits, and says so.
    await lev.page.getByRole('button', { name: 'Host a room' }).click()
    await lev.page.getByLabel('Room name').fill('Other room')
    await lev.page.getByRole('button', { name: /Host room/ }).click()
    await lev.page.getByRole('heading', { name: 'Other room', level: 1 }).waitFor()
    lev.app.links.open(`lanroom://join/${address}`)
    await lev.page
      .getByRole('status')
      .filter({ hasText: `A link to join ${address} arrived. Leave Other room` })
      .waitFor()
    expect(lev.app.controller.snapshot().room?.name).toBe('Other room')

    // Back in the lobby, the join step shows the room at that address and its code.
    await lev.page.getByRole('button', { name: 'Stop hosting' }).first().click()
    await lev.page.getByRole('dialog').getByRole('button', { name: 'Stop hosting' }).click()
    const found = lev.page.getByRole('status').filter({ hasText: 'Address room' })
    await found.waitFor()
    expect(await found.innerText()).toContain(code)
    expect(lev.app.controller.snapshot().situation).toBe('idle')
    expect(kim.app.controller.snapshot().room?.members).toHaveLength(1)
    await lev.page.getByRole('button', { name: 'Join', exact: true }).click()
    await lev.page.getByRole('heading', { name: 'Address room', level: 1 }).waitFor()
    expect([...kim.problems, ...lev.problems]).toEqual([])
  }, 90_000)
})
