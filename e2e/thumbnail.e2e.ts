/// <reference lib="dom" />
/**
 * Browser tier: the thumbnail maker (src/renderer/src/lib/thumbnail.ts) with Chromium's real
 * decoder and canvas, which Node has not: a photo-sized image of noise (the worst case for a
 * compressor) comes out within LIMITS.maxThumbBytes and LIMITS.maxThumbSide, and what is not an
 * image comes out as nothing.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../src/shared/protocol/limits'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('thumbnails')
const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface Made {
  bytes: number
  type: string
  width: number
  height: number
  /** The thumbnail's own size, decoded again. */
  side: { width: number; height: number }
}

/** The maker as one script exposing `makeThumbnail` on the page. */
async function makerScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { makeThumbnail } from './src/renderer/src/lib/thumbnail'\nglobalThis.makeThumbnail = makeThumbnail`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  })
  return result.outputFiles[0]?.text ?? ''
}

describe.skipIf(skipReason !== null)('the thumbnail maker, in Chromium', () => {
  const tier = useBrowserTier()
  let page: Page | undefined

  afterEach(async () => {
    await page?.close()
    page = undefined
  })

  async function open(): Promise<Page> {
    page = await tier.browser.newPage()
    // The app's own page, under its Content Security Policy; the maker is evaluated through the
    // debugging protocol (an inline script would rightly be refused).
    await page.goto(tier.url)
    await page.evaluate(await makerScript())
    return page
  }

  /** Makes an image of `width` × `height` in the page (noise or a flat colour), as `type`. */
  function thumbnailOf(
    target: Page,
    image: { width: number; height: number; type: string; noise: boolean },
  ): Promise<Made | null> {
    return target.evaluate(async ({ width, height, type, noise }) => {
      const canvas = new OffscreenCanvas(width, height)
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
      if (noise) {
        const pixels = context.createImageData(width, height)
        for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (Math.random() * 256) | 0
        context.putImageData(pixels, 0, 0)
      } else {
        context.fillStyle = '#0e7c72'
        context.fillRect(0, 0, width, height)
      }
      const blob = await canvas.convertToBlob({ type })
      const file = new File([blob], 'photo', { type })
      const make = (globalThis as unknown as { makeThumbnail: (f: Blob) => Promise<unknown> })
        .makeThumbnail
      const made = (await make(file)) as {
        bytes: Uint8Array
        width: number
        height: number
      } | null
      if (!made) return null
      const copy = new Uint8Array(made.bytes)
      const decoded = await createImageBitmap(new Blob([copy]))
      const magic = Array.from(copy.slice(0, 12))
      return {
        bytes: copy.byteLength,
        type: magic[0] === 0xff ? 'image/jpeg' : magic[8] === 0x57 ? 'image/webp' : 'other',
        width: made.width,
        height: made.height,
        side: { width: decoded.width, height: decoded.height },
      }
    }, image)
  }

  it('fits a 12-megapixel photo of noise in the byte and side bounds', async () => {
    const target = await open()
    const made = await thumbnailOf(target, {
      width: 4000,
      height: 3000,
      type: 'image/png',
      noise: true,
    })
    expect(made).not.toBeNull()
    expect(made?.bytes).toBeLessThanOrEqual(LIMITS.maxThumbBytes)
    expect(Math.max(made?.side.width ?? 999, made?.side.height ?? 999)).toBeLessThanOrEqual(
      LIMITS.maxThumbSide,
    )
    // The original's size, for the receiver's box; the thumbnail keeps its shape.
    expect([made?.width, made?.height]).toEqual([4000, 3000])
    const ratio = (made?.side.width ?? 0) / (made?.side.height ?? 1)
    expect(ratio).toBeGreaterThan(1.25)
    expect(ratio).toBeLessThan(1.42)
    expect(['image/webp', 'image/jpeg']).toContain(made?.type)
  }, 120_000)

  it('keeps a small image at its own size, and a tall one within the side bound', async () => {
    const target = await open()
    const small = await thumbnailOf(target, {
      width: 120,
      height: 80,
      type: 'image/jpeg',
      noise: false,
    })
    expect(small?.side).toEqual({ width: 120, height: 80 })
    const tall = await thumbnailOf(target, {
      width: 300,
      height: 5000,
      type: 'image/webp',
      noise: true,
    })
    expect(tall?.side.height).toBeLessThanOrEqual(LIMITS.maxThumbSide)
    expect(tall?.bytes).toBeLessThanOrEqual(LIMITS.maxThumbBytes)
  }, 120_000)

  it('makes nothing of a file that is not an image, or does not decode', async () => {
    const target = await open()
    const results = await target.evaluate(async () => {
      const make = (globalThis as unknown as { makeThumbnail: (f: Blob) => Promise<unknown> })
        .makeThumbnail
      const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'a.svg', {
        type: 'image/svg+xml',
      })
      const broken = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'b.png', {
        type: 'image/png',
      })
      const text = new File(['hello'], 'c.txt', { type: 'text/plain' })
      return [await make(svg), await make(broken), await make(text)]
    })
    expect(results).toEqual([null, null, null])
  }, 120_000)
})
