/// <reference lib="dom" />
/**
 * Browser tier, the window alone: files in a room (#15) as the renderer shows and sends them,
 * against a stand-in for the controller (e2e/harness/fake-files-room.ts). Dropping files (the
 * overlay, a thumbnail for the image, a file too large refused in the tray), pasting an image,
 * the caption, sending; file rows with download progress, cancel, retry, Show in folder, Open
 * (a program only after a warning), the full-size view of an image, an expired file; and the
 * page's CSP lets the thumbnails (data:) and the full-size view (blob:) through, nothing else.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { JSHandle, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../src/shared/protocol/limits'
import { fixtureHandlers } from '../test/support/bridge-fixtures'
import { openApp, type AppPage } from './harness/app-page'
import { BOB } from './harness/fake-room'
import { FakeFilesRoom, PIXEL_PNG } from './harness/fake-files-room'
import { browserTierSkip, useBrowserTier } from './harness/tier'
import { fileRow } from './harness/files'

const skipReason = browserTierSkip('files (window)')
const MAX_FILE_BYTES = 64 * 1024
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')

/** A DataTransfer in the page holding a small PDF, a 640×480 PNG and `extra` bytes of noise. */
function makeTransfer(page: Page, extraBytes = 0): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle(async (extra) => {
    const transfer = new DataTransfer()
    transfer.items.add(
      new File(['%PDF-1.4 the numbers'], 'report.pdf', { type: 'application/pdf' }),
    )
    const canvas = new OffscreenCanvas(640, 480)
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
    context.fillStyle = '#0e7c72'
    context.fillRect(0, 0, 640, 480)
    const png = await canvas.convertToBlob({ type: 'image/png' })
    transfer.items.add(new File([png], 'photo.png', { type: 'image/png' }))
    if (extra > 0) {
      transfer.items.add(new File([new Uint8Array(extra)], 'disk.iso', { type: '' }))
    }
    return transfer
  }, extraBytes)
}

describe.skipIf(skipReason !== null)('files in the window', () => {
  const tier = useBrowserTier()
  let app: AppPage | undefined

  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  async function open(room: FakeFilesRoom): Promise<Page> {
    app = await openApp(tier.browser, {
      url: tier.url,
      handlers: room.handlers(),
      events: room.events,
    })
    await app.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    return app.page
  }

  const calls = (room: FakeFilesRoom, name: string): unknown[] =>
    room.calls.filter((call) => call.name === name).map((call) => call.args)

  it('drops and pastes files into the tray and sends them with a caption', async () => {
    const room = new FakeFilesRoom({ history: 3, maxFileBytes: MAX_FILE_BYTES })
    const page = await open(room)
    const conversation = page.locator('main.conversation')

    // A drag with files shows the overlay; the drop stages them (the large one is refused).
    const transfer = await makeTransfer(page, MAX_FILE_BYTES + 1)
    await conversation.dispatchEvent('dragenter', { dataTransfer: transfer })
    await conversation.dispatchEvent('dragover', { dataTransfer: transfer })
    await page.getByText('Drop to share with Lab').waitFor()
    await conversation.dispatchEvent('drop', { dataTransfer: transfer })
    await expect.poll(() => page.getByText('Drop to share with Lab').count()).toBe(0)
    const tray = page.getByRole('list', { name: 'Files to send' })
    await tray.getByText('photo.png').waitFor()
    await tray.getByText('report.pdf').waitFor()
    await page.getByRole('alert').filter({ hasText: '“disk.iso” is 64.0 KB' }).waitFor()
    expect(await page.getByRole('alert').textContent()).toContain(
      'this room takes files up to 64.0 KB',
    )

    // The image got a thumbnail made in the page, within the bounds, with its own size.
    const staged = [...room.staged.values()]
    expect(staged.map((file) => file.name).sort()).toEqual(['photo.png', 'report.pdf'])
    const photo = staged.find((file) => file.name === 'photo.png')
    expect(photo?.bytes).toBe(true)
    expect(photo?.thumb?.byteLength).toBeGreaterThan(0)
    expect(photo?.thumb?.byteLength).toBeLessThanOrEqual(LIMITS.maxThumbBytes)
    expect([photo?.width, photo?.height]).toEqual([640, 480])
    expect(staged.find((file) => file.name === 'report.pdf')?.thumb).toBeNull()
    // Its preview shows (a blob: URL the page made).
    expect(await tray.locator('img').getAttribute('src')).toMatch(/^blob:/)

    // A pasted image joins them, named by the time; one is taken out again.
    const composer = page.getByLabel('Message', { exact: true })
    const clipboard = await page.evaluateHandle(async () => {
      const canvas = new OffscreenCanvas(32, 32)
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
      context.fillRect(0, 0, 32, 32)
      const data = new DataTransfer()
      const png = await canvas.convertToBlob({ type: 'image/png' })
      data.items.add(new File([png], 'image.png', { type: 'image/png' }))
      return data
    })
    await composer.evaluate(
      (field, data) =>
        field.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        ),
      clipboard,
    )
    const pasted = tray.getByText(/^Pasted image \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.png$/)
    await pasted.waitFor()
    await tray.getByRole('button', { name: 'Remove report.pdf' }).click()
    await expect.poll(() => tray.getByText('report.pdf').count()).toBe(0)
    expect(calls(room, 'unstageFile')).toHaveLength(1)

    // The text becomes the caption; Enter sends both files at once.
    await composer.fill('the view from the lab')
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'files-tray.png') })
    await composer.press('Enter')
    await expect.poll(() => tray.count()).toBe(0)
    const [sent] = calls(room, 'sendFiles') as Array<{ stageIds: string[]; caption?: string }>
    expect(sent?.stageIds).toHaveLength(2)
    expect(sent?.caption).toBe('the view from the lab')
    expect(await composer.inputValue()).toBe('')

    // Both are rows of the timeline at once, pending, each with its upload's progress: the
    // image inline from its thumbnail (a data: URL), in a box of its declared shape; the
    // caption under the first, none under the second (only its name).
    const photoRow = fileRow(page, 'photo.png')
    await photoRow.getByText('Preparing…').waitFor()
    expect(await photoRow.getAttribute('class')).toContain('pending')
    const key = await photoRow.getAttribute('data-key')
    const upload = room.transfers.find((t) => t.name === 'photo.png')
    if (!upload) throw new Error('no upload of photo.png')
    room.update(upload.id, { state: 'uploading', done: Math.floor(upload.size / 2) })
    const bar = photoRow.getByRole('progressbar', { name: 'Sending photo.png' })
    await bar.waitFor()
    expect(Number(await bar.getAttribute('value'))).toBeCloseTo(0.5, 1)
    await photoRow.getByRole('button', { name: 'Cancel sending photo.png' }).waitFor()
    await page.screenshot({ path: join(SHOTS, 'files-uploading.png') })
    // Done: the same row (the same key) is the sent file chat, without progress or cancel.
    room.finishUpload(upload.id)
    await photoRow.getByText('Sent', { exact: true }).waitFor()
    expect(await photoRow.getAttribute('data-key')).toBe(key)
    expect(await photoRow.getAttribute('class')).not.toContain('pending')
    expect(await photoRow.getByRole('progressbar').count()).toBe(0)
    expect(await photoRow.getByRole('button', { name: /^Cancel/ }).count()).toBe(0)
    await expect.poll(() => page.locator(`article.chat[data-key="${key}"]`).count()).toBe(1)
    const image = photoRow.locator('button.thumb img')
    expect(await image.getAttribute('src')).toMatch(/^data:image\/webp;base64,/)
    expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual([
      '320',
      '240',
    ])
    await photoRow.getByText('the view from the lab').waitFor()
    const pastedRow = fileRow(page, 'Pasted image')
    await pastedRow.waitFor()
    expect(await pastedRow.locator('div.text').textContent()).not.toContain('Pasted image')
    await page.screenshot({ path: join(SHOTS, 'files-rows.png') })
    // Cancelling an upload takes its row away.
    const pastedUpload = room.transfers.find((t) => t.name.startsWith('Pasted image'))
    await pastedRow.getByRole('button', { name: /^Cancel sending Pasted image/ }).click()
    expect(calls(room, 'cancelTransfer')).toEqual([{ transferId: pastedUpload?.id }])
    await expect.poll(() => pastedRow.count()).toBe(0)
    expect(app?.problems).toEqual([])
  }, 180_000)

  it('downloads with progress, cancels, retries, shows in folder and views full size', async () => {
    const room = new FakeFilesRoom({ history: 3, maxFileBytes: MAX_FILE_BYTES })
    const page = await open(room)
    const chat = room.receiveFile(BOB, { name: 'notes.pdf', size: 4 * 1024 * 1024 })
    const row = fileRow(page, 'notes.pdf')
    await row.waitFor()
    await row.getByText('4.0 MB').waitFor()

    // Nothing is fetched until asked: then a progress bar, which can be cancelled.
    expect(calls(room, 'downloadFile')).toEqual([])
    await row.getByRole('button', { name: 'Download notes.pdf' }).click()
    expect(calls(room, 'downloadFile')).toEqual([{ seq: chat.seq }])
    const id = room.transfers.at(-1)?.id ?? ''
    room.update(id, { done: 1024 * 1024 })
    const bar = row.getByRole('progressbar', { name: 'Downloading notes.pdf' })
    await bar.waitFor()
    await row.getByText('1.0 MB of 4.0 MB').waitFor()
    expect(Number(await bar.getAttribute('value'))).toBeCloseTo(0.25)
    await row.getByRole('button', { name: 'Cancel download of notes.pdf' }).click()
    expect(calls(room, 'cancelTransfer')).toEqual([{ transferId: id }])
    await row.getByRole('button', { name: 'Download notes.pdf' }).waitFor()

    // A failed (corrupt) download says so and offers to try again; nothing to open.
    await row.getByRole('button', { name: 'Download notes.pdf' }).click()
    const second = room.transfers.at(-1)?.id ?? ''
    room.update(second, {
      state: 'failed',
      error: 'The file did not match its SHA-256: nothing was saved.',
    })
    await row.getByText(/Download failed: The file did not match its SHA-256/).waitFor()
    expect(await row.getByRole('button', { name: /^Open/ }).count()).toBe(0)
    await row.getByRole('button', { name: 'Retry download of notes.pdf' }).click()
    expect(calls(room, 'resumeTransfer')).toEqual([{ transferId: second }])

    // Done: Open and Show in folder, each only on request.
    room.update(second, { state: 'done', done: 4 * 1024 * 1024, path: '/dl/notes.pdf' })
    await row.getByText('verified', { exact: true }).waitFor()
    expect(calls(room, 'openFile')).toEqual([])
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'files-downloaded.png') })
    await row.getByRole('button', { name: 'Show in folder' }).click()
    expect(calls(room, 'showInFolder')).toEqual([{ transferId: second }])
    await row.getByRole('button', { name: 'Open notes.pdf' }).click()
    expect(calls(room, 'openFile')).toEqual([{ transferId: second }])

    // An image: inline from its thumbnail; a click downloads it, then shows it full size from
    // a blob: URL; Escape closes the view.
    const thumb = `data:image/png;base64,${PIXEL_PNG.toString('base64')}`
    const picture = room.receiveFile(BOB, {
      name: 'whiteboard.png',
      type: 'image/png',
      width: 1600,
      height: 1200,
      thumb: { dataUrl: thumb },
    })
    const pictureRow = fileRow(page, 'whiteboard.png')
    await pictureRow.locator('button.thumb').click()
    expect(calls(room, 'downloadFile')).toContainEqual({ seq: picture.seq })
    room.update(room.transfers.at(-1)?.id ?? '', { state: 'done', done: 1024 })
    const view = page.getByRole('dialog', { name: 'whiteboard.png' })
    await view.waitFor()
    const full = view.getByRole('img', { name: 'whiteboard.png' })
    await full.waitFor()
    expect(await full.getAttribute('src')).toMatch(/^blob:/)
    expect(await full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => view.count()).toBe(0)
    expect(app?.problems).toEqual([])
  }, 180_000)

  it('warns before opening a program, and shows an expired file as such', async () => {
    const room = new FakeFilesRoom({ history: 3, maxFileBytes: MAX_FILE_BYTES })
    const page = await open(room)
    room.receiveFile(BOB, { name: 'old.zip', expired: true })
    const expired = fileRow(page, 'old.zip')
    await expired.getByText('Expired').waitFor()
    await expired.getByText('no longer in the room').waitFor()
    expect(await expired.getByRole('button', { name: /Download/ }).count()).toBe(0)

    room.receiveFile(BOB, { name: 'setup.exe' })
    const row = fileRow(page, 'setup.exe')
    await row.getByText('program (.exe)').waitFor()
    await row.getByRole('button', { name: 'Download setup.exe' }).click()
    room.update(room.transfers.at(-1)?.id ?? '', { state: 'done', done: 1024 })
    await row.getByRole('button', { name: 'Open setup.exe' }).click()
    const warning = page.getByRole('dialog', { name: 'Open “setup.exe”?' })
    await warning.getByText(/runs it on this computer/).waitFor()
    await warning.getByText(/trust Bob/).waitFor()
    await warning.getByRole('button', { name: 'Cancel' }).click()
    expect(calls(room, 'openFile')).toEqual([])
    await row.getByRole('button', { name: 'Open setup.exe' }).click()
    await warning.getByRole('button', { name: 'Open anyway' }).click()
    await expect
      .poll(() => calls(room, 'openFile'))
      .toEqual([{ transferId: room.transfers.at(-1)?.id, confirmExecutable: true }])
    expect(app?.problems).toEqual([])
  }, 180_000)

  it('shows and changes the download folder in the settings', async () => {
    let asked = 0
    app = await openApp(tier.browser, {
      url: tier.url,
      handlers: fixtureHandlers({
        chooseDownloadDir: () => {
          asked++
          return { changed: true, downloadDir: '/home/ada/Room files' }
        },
      }),
      events: () => () => {},
    })
    const { page } = app
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByText('Your Downloads folder').waitFor()
    await dialog.getByRole('button', { name: 'Change…' }).click()
    await dialog.getByText('/home/ada/Room files').waitFor()
    expect(asked).toBe(1)
    expect(app.problems).toEqual([])
  }, 120_000)
})
