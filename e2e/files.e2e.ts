/// <reference lib="dom" />
/**
 * End-to-end, browser tier: files in a room (#15) through the real controllers and the real hub,
 * two app instances (Ada hosts, Bob joins). A dropped file and a pasted image (with a caption)
 * appear in both windows, the image inline from its thumbnail; a download is fetched only when
 * asked, reports its progress and saves exactly the sender's bytes; "Show in folder" reaches the
 * platform seam; a file whose bytes were changed on the hub's disk is caught (failed, nothing
 * saved, nothing opened); with the hub killed (abort), a download asked for is cancelled (or
 * offered again, as the controller reports it), and after the hub restarts on the same port and
 * directory it finishes with the new credential. A Range resume in the middle of a transfer is
 * the files library's test (src/main/files), not this one's.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Hub } from '../src/main/hub'
import { freePort } from '../test/support/free-port'
import { tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { browserTierSkip, useBrowserTier } from './harness/tier'
import { dropFiles, fileRow } from './harness/files'

const skipReason = browserTierSkip('files (end to end)')
/** Steps that wait on the network between two instances (typically well under a second). */
const SLOW_STEP_MS = 40_000
/** The file downloaded in the transfer test: large enough for several progress reports. */
const BIG_BYTES = 8 * 1024 * 1024

/** Files in every directory below `dir`. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

describe.skipIf(skipReason !== null)('files, through the controllers and hub', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  interface Instance extends AppInstance {
    dataDir: string
    downloads: string
    shown: string[]
    opened: string[]
  }

  async function instance(name: string): Promise<Instance> {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const downloads = join(dir.path, 'Downloads')
    const shown: string[] = []
    const opened: string[] = []
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
        showItemInFolder: (path) => shown.push(path),
        openPath: (path) => {
          opened.push(path)
          return Promise.resolve('')
        },
        pickFiles: () => Promise.resolve([]),
        pickFolder: () => Promise.resolve(null),
      },
    })
    cleanups.push(() => app.close())
    await app.page.getByRole('heading', { name: 'Welcome to LAN Room' }).waitFor()
    await app.page.getByLabel('Display name').fill(name)
    await app.page.getByRole('button', { name: 'Continue' }).click()
    await app.page.getByRole('heading', { name: 'Rooms nearby' }).waitFor()
    return { ...app, dataDir: dir.path, downloads, shown, opened }
  }

  async function room(): Promise<{ ada: Instance; bob: Instance }> {
    const ada = await instance('Ada')
    const bob = await instance('Bob')
    await ada.page.getByRole('button', { name: 'Host a room' }).click()
    await ada.page.getByLabel('Room name').fill('Filebox')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    await ada.page.getByRole('heading', { name: 'Filebox', level: 1 }).waitFor()
    const join = bob.page.getByRole('button', { name: 'Join Filebox' })
    await join.waitFor({ timeout: SLOW_STEP_MS })
    await join.click()
    await bob.page.getByRole('heading', { name: 'Filebox', level: 1 }).waitFor()
    return { ada, bob }
  }

  it('a dropped file and a pasted image appear in both windows', async () => {
    const { ada, bob } = await room()
    const transfer = await ada.page.evaluateHandle(async () => {
      const data = new DataTransfer()
      data.items.add(new File(['%PDF-1.4 the numbers'], 'report.pdf', { type: 'application/pdf' }))
      return data
    })
    await dropFiles(ada.page, transfer)
    await ada.page.getByRole('list', { name: 'Files to send' }).getByText('report.pdf').waitFor()
    await ada.page.getByLabel('Message', { exact: true }).press('Enter')

    const clipboard = await bob.page.evaluateHandle(async () => {
      const canvas = new OffscreenCanvas(800, 600)
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
      context.fillStyle = '#0e7c72'
      context.fillRect(0, 0, 800, 600)
      const data = new DataTransfer()
      const png = await canvas.convertToBlob({ type: 'image/png' })
      data.items.add(new File([png], 'image.png', { type: 'image/png' }))
      return data
    })
    const composer = bob.page.getByLabel('Message', { exact: true })
    await composer.evaluate(
      (field, data) =>
        field.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        ),
      clipboard,
    )
    await bob.page
      .getByRole('list', { name: 'Files to send' })
      .getByText(/^Pasted image/)
      .waitFor()
    await composer.fill('the whiteboard')
    await composer.press('Enter')

    for (const { page } of [ada, bob]) {
      await fileRow(page, 'report.pdf').waitFor({ timeout: SLOW_STEP_MS })
      const pasted = fileRow(page, /^Pasted image/)
      await pasted.waitFor({ timeout: SLOW_STEP_MS })
      await pasted.getByText('the whiteboard').waitFor()
      // Inline from the thumbnail the sender made, checked by each receiving main.
      expect(await pasted.locator('button.thumb img').getAttribute('src')).toMatch(
        /^data:image\/(webp|jpeg);base64,/,
      )
    }
    expect([...ada.problems, ...bob.problems]).toEqual([])
  }, 240_000)

  it('downloads with progress, shows in folder, and catches a corrupted file', async () => {
    const { ada, bob } = await room()
    // Ada shares 8 MiB of noise; its SHA-256 is what Bob's copy must have.
    const sha256 = await ada.page.evaluate(async (size) => {
      const bytes = new Uint8Array(size)
      for (let at = 0; at < size; at += 65_536)
        crypto.getRandomValues(bytes.subarray(at, at + 65_536))
      const data = new DataTransfer()
      data.items.add(new File([bytes], 'noise.bin', { type: 'application/octet-stream' }))
      ;(globalThis as unknown as { dropped: DataTransfer }).dropped = data
      const digest = await crypto.subtle.digest('SHA-256', bytes)
      return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
    }, BIG_BYTES)
    await dropFiles(
      ada.page,
      await ada.page.evaluateHandle(
        () => (globalThis as unknown as { dropped: DataTransfer }).dropped,
      ),
    )
    await ada.page.getByRole('list', { name: 'Files to send' }).getByText('noise.bin').waitFor()
    await ada.page.getByLabel('Message', { exact: true }).press('Enter')
    const row = fileRow(bob.page, 'noise.bin')
    await row.waitFor({ timeout: SLOW_STEP_MS })

    // Bob's window records every transfer state it is told.
    await bob.page.evaluate(() => {
      const seen: Array<{ state: string; done: number }> = []
      ;(globalThis as unknown as { seen: typeof seen }).seen = seen
      ;(
        globalThis as unknown as {
          lanroom: { onTransfers(l: (t: Array<{ state: string; done: number }>) => void): void }
        }
      ).lanroom.onTransfers((list) => {
        for (const transfer of list) seen.push({ state: transfer.state, done: transfer.done })
      })
    })

    // Nothing is fetched until Bob asks; then progress, verification, and the file on disk.
    expect(readdirSync(bob.downloads)).toEqual([])
    await row.getByRole('button', { name: 'Download noise.bin' }).click()
    await row.getByText('verified', { exact: true }).waitFor({ timeout: SLOW_STEP_MS })
    const seen = await bob.page.evaluate(
      () => (globalThis as unknown as { seen: Array<{ state: string; done: number }> }).seen,
    )
    expect(seen.some((report) => report.state === 'downloading')).toBe(true)
    expect(seen.at(-1)?.state).toBe('done')
    const saved = join(bob.downloads, 'noise.bin')
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(sha256)
    expect(bob.opened).toEqual([])
    await row.getByRole('button', { name: 'Show in folder' }).click()
    await expect.poll(() => bob.shown).toEqual([saved])

    // Ada shares a second file; its bytes are changed on the hub's disk before Bob fetches it.
    await ada.page.evaluate(() => {
      const data = new DataTransfer()
      data.items.add(new File(['the true contents'], 'true.txt', { type: 'text/plain' }))
      ;(globalThis as unknown as { dropped: DataTransfer }).dropped = data
    })
    await dropFiles(
      ada.page,
      await ada.page.evaluateHandle(
        () => (globalThis as unknown as { dropped: DataTransfer }).dropped,
      ),
    )
    await ada.page.getByRole('list', { name: 'Files to send' }).getByText('true.txt').waitFor()
    await ada.page.getByLabel('Message', { exact: true }).press('Enter')
    const forged = fileRow(bob.page, 'true.txt')
    await forged.waitFor({ timeout: SLOW_STEP_MS })
    const stored = walk(ada.dataDir).filter(
      (path) => /[/\\]files[/\\]store[/\\]/.test(path) && statSync(path).size === 17,
    )
    expect(stored).toHaveLength(1)
    writeFileSync(stored[0] as string, 'the false contents'.slice(0, 17))
    await forged.getByRole('button', { name: 'Download true.txt' }).click()
    await forged.getByText(/Download failed/).waitFor({ timeout: SLOW_STEP_MS })
    expect(await forged.getByRole('button', { name: /^Open/ }).count()).toBe(0)
    expect(readdirSync(bob.downloads).filter((name) => name.startsWith('true'))).toEqual([])
    expect(bob.opened).toEqual([])
  }, 300_000)

  it('cancels a download, and finishes it after the hub is killed and restarted', async () => {
    const { ada, bob } = await room()
    await ada.page.evaluate(() => {
      const data = new DataTransfer()
      data.items.add(new File(['kept across a restart'], 'kept.txt', { type: 'text/plain' }))
      ;(globalThis as unknown as { dropped: DataTransfer }).dropped = data
    })
    await dropFiles(
      ada.page,
      await ada.page.evaluateHandle(
        () => (globalThis as unknown as { dropped: DataTransfer }).dropped,
      ),
    )
    await ada.page.getByRole('list', { name: 'Files to send' }).getByText('kept.txt').waitFor()
    await ada.page.getByLabel('Message', { exact: true }).press('Enter')
    const row = fileRow(bob.page, 'kept.txt')
    await row.waitFor({ timeout: SLOW_STEP_MS })

    // The hub dies as a crashed process would: Bob's download cannot finish; he cancels it.
    const hub = ada.hubs[0]
    const options = ada.hubOptions[0]
    if (!hub || !options) throw new Error('Ada hosts no hub')
    hub.abort()
    await row.getByRole('button', { name: 'Download kept.txt' }).click()
    const cancel = row.getByRole('button', { name: 'Cancel download of kept.txt' })
    const retry = row.getByRole('button', { name: 'Retry download of kept.txt' })
    await cancel.or(retry).waitFor({ timeout: SLOW_STEP_MS })
    if (await cancel.count()) {
      await cancel.click()
      await row.getByRole('button', { name: 'Download kept.txt' }).waitFor()
    }

    // Restarted on the same port and directory, the room has the file still; asked again, the
    // download finishes with the new credential.
    cleanups.push(async () => (await restarted).stop())
    const restarted = Hub.start(options)
    await restarted
    await bob.page
      .getByRole('heading', { name: 'Filebox', level: 1 })
      .waitFor({ timeout: SLOW_STEP_MS })
    const again = row.getByRole('button', { name: /^(Download|Retry download of) kept\.txt$/ })
    await again.click({ timeout: SLOW_STEP_MS })
    await row.getByText('verified', { exact: true }).waitFor({ timeout: SLOW_STEP_MS })
    expect(readFileSync(join(bob.downloads, 'kept.txt'), 'utf8')).toBe('kept across a restart')
  }, 300_000)
})
