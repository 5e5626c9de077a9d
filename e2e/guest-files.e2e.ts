/// <reference lib="dom" />
/**
 * End-to-end, browser tier: files in the guest app (#16 with #15). A real hub with TLS serves the
 * built guest page (out/guest) to Chromium; a Node member on the app's own connection and files
 * code (RoomConnection, uploadFile, downloadFile) is the other side. The guest picks a file (its
 * file input), which the page hashes, uploads with tus-js-client's browser build and shares; the
 * Node member downloads it and verifies the bytes. The Node member shares a file; the guest
 * downloads it with progress, verified, and saves it with the browser's own download (no
 * "Open", no "Show in folder"). An image the guest sends shows inline from the thumbnail the
 * page made, and full size from the verified download. A download without the credential is
 * refused, and bytes changed on the hub's disk fail verification with a clear sentence. A file
 * whose name says it may be a program is saved only after the same warning the app gives.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../src/shared/protocol'
import { RoomConnection, wsSocketFactory } from '../src/main/connection'
import { downloadFile, uploadFile } from '../src/main/files'
import { testIdentity } from '../test/support/ws-client'
import { launchBrowser } from './harness/launch'
import { browserTierSkip } from './harness/tier'
import { startGuestHub } from '../test/support/guest-hub'
import { fileRow } from './harness/files'

const skipReason = browserTierSkip('guest files (end to end)')
/** Safety net for one step over loopback (typically well under a second; a few MiB hashed and
 * uploaded by the page on a busy machine, a few seconds). */
const STEP_MS = 60_000

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

describe.skipIf(skipReason !== null)('files in the guest app', () => {
  const cleanups: Array<() => unknown> = []
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  /** A room with files and the guest app, a guest (Bea) joined in Chromium, a Node member (Ada). */
  async function room() {
    const { hub, origin, fingerprint, dataDir, stop } = await startGuestHub('Workshop', {
      files: {},
    })
    cleanups.push(stop)

    const ada = new RoomConnection({
      candidates: [`wss://127.0.0.1:${hub.port}/ws`],
      name: 'Ada',
      identity: testIdentity('Ada'),
      socketFactory: wsSocketFactory,
    })
    cleanups.push(() => ada.close())
    await ada.connect()
    const heard: ChatEvent[] = []
    ada.on('chat', (chat) => heard.push(chat))

    if (!browser) throw new Error('no browser')
    const context = await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true })
    cleanups.push(() => context.close())
    const page = await context.newPage()
    // Every step without its own bound gets the same safety net (a loaded machine, a full run).
    page.setDefaultTimeout(STEP_MS)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${origin}/#fp=${fingerprint}`)
    await page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor({ timeout: STEP_MS })
    await page.getByLabel('Display name').fill('Bea')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Join' }).click()
    await page.getByRole('heading', { name: 'Workshop', level: 1 }).waitFor({ timeout: STEP_MS })

    /** Ada shares `bytes` as `name`, as the app does: upload, then the file chat. */
    async function share(name: string, bytes: Buffer, type = 'application/octet-stream') {
      const target = ada.fileTarget()
      if (!target) throw new Error('the room takes no files')
      const path = join(dataDir, `upload-${name}`)
      writeFileSync(path, bytes)
      const sha256 = sha256Of(bytes)
      const { id } = await uploadFile({ target, path, size: bytes.length, sha256, name })
      const file = { id, name, size: bytes.length, type, sha256 }
      await ada.sendFile({ file }).sent
      return { id, stored: walk(dataDir).filter((p) => /[/\\]files[/\\]/.test(p)) }
    }

    /** The next file chat Ada hears (the guest's). */
    async function heardFile(name: string): Promise<ChatEvent> {
      await expect
        .poll(() => heard.some((chat) => chat.file?.name === name), {
          timeout: STEP_MS,
          message: `Ada hears ${name}`,
        })
        .toBe(true)
      return heard.find((chat) => chat.file?.name === name) as ChatEvent
    }

    return { page, ada, dir: dataDir, share, heardFile, errors }
  }

  it('sends a file the guest picks; a Node member downloads the same bytes, verified', async () => {
    const { page, ada, dir, heardFile, errors } = await room()
    const bytes = randomBytes(6 * 1024 * 1024 + 3)
    await page.getByTestId('attach-input').setInputFiles({
      name: 'minutes.bin',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    })
    await page.getByRole('list', { name: 'Files to send' }).getByText('minutes.bin').waitFor()
    await page.getByLabel('Message', { exact: true }).press('Enter')

    const chat = await heardFile('minutes.bin')
    expect(chat.file).toMatchObject({ size: bytes.length, sha256: sha256Of(bytes) })
    const target = ada.fileTarget()
    if (!target || !chat.file) throw new Error('no file')
    const saved = await downloadFile({
      target,
      id: chat.file.id,
      sha256: chat.file.sha256,
      name: chat.file.name,
      size: chat.file.size,
      dir: join(dir, 'ada-downloads'),
    })
    expect(readFileSync(saved.path).equals(bytes)).toBe(true)
    // The guest's own row is its confirmed file chat now.
    await fileRow(page, 'minutes.bin').waitFor({ timeout: STEP_MS })
    expect(errors).toEqual([])
  }, 240_000)

  it('downloads a shared file with progress, verified, and saves it with the browser', async () => {
    const { page, share, errors } = await room()
    const bytes = randomBytes(24 * 1024 * 1024)
    await share('noise.bin', bytes)
    const row = fileRow(page, 'noise.bin')
    await row.waitFor({ timeout: STEP_MS })
    await page.evaluate(() => {
      const seen: Array<{ state: string; done: number }> = []
      const holder = globalThis as unknown as {
        seen: typeof seen
        lanroom: { onTransfers(l: (t: Array<{ state: string; done: number }>) => void): void }
      }
      holder.seen = seen
      holder.lanroom.onTransfers((list) => {
        for (const t of list) seen.push({ state: t.state, done: t.done })
      })
    })
    await row.getByRole('button', { name: 'Download noise.bin' }).click()
    await row.getByText('verified', { exact: true }).waitFor({ timeout: STEP_MS })
    const seen = await page.evaluate(
      () => (globalThis as unknown as { seen: Array<{ state: string; done: number }> }).seen,
    )
    expect(seen.some((t) => t.state === 'downloading' && t.done > 0 && t.done < bytes.length)).toBe(
      true,
    )
    // A page opens nothing and shows no folder: it saves.
    expect(await row.getByRole('button', { name: /^Open/ }).count()).toBe(0)
    expect(await row.getByRole('button', { name: 'Show in folder' }).count()).toBe(0)
    // A .bin may be a program: the guest is warned before saving it, as before opening one.
    await row.getByRole('button', { name: 'Save noise.bin' }).click()
    const warning = page.getByRole('dialog', { name: 'Save “noise.bin”?' })
    await warning.getByText(/This file is a program/).waitFor({ timeout: STEP_MS })
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: STEP_MS }),
      warning.getByRole('button', { name: 'Save anyway' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('noise.bin')
    const path = await download.path()
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(errors).toEqual([])
  }, 240_000)

  it('shows an image the guest sends inline from its thumbnail, and full size on click', async () => {
    const { page, heardFile, errors } = await room()
    // A real PNG, drawn by the browser (400x300: larger than a thumbnail's 320 a side).
    const png = Buffer.from(
      await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(400, 300)
        const context = canvas.getContext('2d')
        if (!context) throw new Error('no 2d')
        context.fillStyle = '#0c746a'
        context.fillRect(0, 0, 400, 300)
        context.fillStyle = '#ffcc00'
        context.fillRect(50, 50, 120, 90)
        const blob = await canvas.convertToBlob({ type: 'image/png' })
        return Array.from(new Uint8Array(await blob.arrayBuffer()))
      }),
    )
    await page.getByTestId('attach-input').setInputFiles({
      name: 'board.png',
      mimeType: 'image/png',
      buffer: png,
    })
    await page.getByRole('list', { name: 'Files to send' }).getByText('board.png').waitFor()
    await page.getByLabel('Message', { exact: true }).press('Enter')
    const chat = await heardFile('board.png')
    expect(chat.file).toMatchObject({ width: 400, height: 300, thumb: expect.any(String) })

    const row = fileRow(page, 'board.png')
    const thumb = row.locator('button.thumb img')
    await thumb.waitFor({ timeout: STEP_MS })
    expect(await thumb.getAttribute('src')).toMatch(/^data:image\/(webp|jpeg);base64,/)
    await row.locator('button.thumb').click()
    const full = page
      .getByRole('dialog', { name: 'board.png' })
      .getByRole('img', { name: 'board.png' })
    await full.waitFor({ timeout: STEP_MS })
    expect(await full.getAttribute('src')).toMatch(/^blob:/)
    const size = await full.evaluate((img) =>
      (img as HTMLImageElement).decode().then(() => ({
        width: (img as HTMLImageElement).naturalWidth,
        height: (img as HTMLImageElement).naturalHeight,
      })),
    )
    expect(size).toEqual({ width: 400, height: 300 })
    expect(errors).toEqual([])
  }, 240_000)

  it('resumes an upload after a dropped connection, and a cancel deletes the upload on the hub', async () => {
    const { page, heardFile, errors } = await room()
    // The first PATCH is dropped, as a flaky Wi-Fi would drop it: tus asks the hub for
    // its offset (HEAD) and goes on from there.
    const seen: string[] = []
    page.on('request', (request) => {
      if (/\/files\//.test(request.url())) seen.push(request.method())
    })
    let dropped = 0
    await page.route(
      '**/files/**',
      async (route) => {
        dropped++
        await route.abort('connectionreset')
      },
      { times: 1 },
    )
    const bytes = randomBytes(9 * 1024 * 1024)
    await page.getByTestId('attach-input').setInputFiles({
      name: 'survey.dat',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    })
    await page.getByRole('list', { name: 'Files to send' }).getByText('survey.dat').waitFor()
    await page.getByLabel('Message', { exact: true }).press('Enter')
    const chat = await heardFile('survey.dat')
    expect(chat.file).toMatchObject({ size: bytes.length, sha256: sha256Of(bytes) })
    expect(dropped).toBe(1)
    expect(seen).toContain('HEAD')

    // A second upload is held at its first PATCH, then cancelled: the page deletes it.
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const deleted: string[] = []
    let patching = false
    await page.route('**/files/**', async (route) => {
      const request = route.request()
      if (request.method() === 'DELETE') deleted.push(request.url())
      if (request.method() === 'PATCH') {
        patching = true
        await held
      }
      await route.continue().catch(() => {})
    })
    await page.getByTestId('attach-input').setInputFiles({
      name: 'draft.dat',
      mimeType: 'application/octet-stream',
      buffer: randomBytes(2 * 1024 * 1024),
    })
    await page.getByRole('list', { name: 'Files to send' }).getByText('draft.dat').waitFor()
    await page.getByLabel('Message', { exact: true }).press('Enter')
    // Cancelled mid-upload: the hub made the upload (its URL is known), its bytes are on the way.
    await expect
      .poll(() => patching, { timeout: STEP_MS, message: 'a PATCH of draft.dat' })
      .toBe(true)
    const cancel = page.getByRole('button', { name: 'Cancel sending draft.dat' })
    await cancel.click({ timeout: STEP_MS })
    await expect.poll(() => deleted.length, { timeout: STEP_MS }).toBe(1)
    release()
    expect(deleted[0]).toMatch(/\/files\/[^/]+$/)
    expect(errors).toEqual([])
  }, 240_000)

  it('is refused without the credential, and catches bytes changed on the hub', async () => {
    const { page, share } = await room()
    const { id, stored } = await share('true.txt', Buffer.from('the true contents'), 'text/plain')
    // The page's own origin, but no member credential: refused.
    const status = await page.evaluate(
      async (fileId) => (await fetch(`/files/${encodeURIComponent(fileId)}`)).status,
      id,
    )
    expect(status).toBe(401)

    const row = fileRow(page, 'true.txt')
    await row.waitFor({ timeout: STEP_MS })
    const copies = stored.filter((path) => statSync(path).size === 17)
    expect(copies.length).toBeGreaterThan(0)
    for (const copy of copies) writeFileSync(copy, 'the false content')
    await row.getByRole('button', { name: 'Download true.txt' }).click()
    await row.getByText(/Download failed: .*do not match their SHA-256/).waitFor({
      timeout: STEP_MS,
    })
    expect(await row.getByRole('button', { name: /^Save/ }).count()).toBe(0)
  }, 240_000)
})
