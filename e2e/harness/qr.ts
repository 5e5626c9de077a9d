/// <reference lib="dom" />
/**
 * Reading a QR code back from a screenshot, as a phone's camera would: the PNG is decoded to
 * pixels by the browser (Node has no PNG decoder of its own here) and read with jsqr. Shared by
 * the tests that prove the host's QR code is the guest link (guest-qr, guest-phone).
 */
import jsQR from 'jsqr'
import type { Browser } from 'playwright-core'

export interface Pixels {
  data: Uint8ClampedArray
  width: number
  height: number
}

/** The RGBA pixels of a PNG, decoded in a throwaway page of `browser`. */
export async function pngPixels(browser: Browser, png: Buffer): Promise<Pixels> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const decoded = await page.evaluate(async (base64) => {
      const image = new Image()
      image.src = `data:image/png;base64,${base64}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.naturalWidth
      canvas.height = image.naturalHeight
      const context2d = canvas.getContext('2d')
      if (!context2d) throw new Error('no 2d context')
      context2d.drawImage(image, 0, 0)
      const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height)
      let binary = ''
      for (let i = 0; i < data.length; i += 0x8000) {
        binary += String.fromCharCode(...data.subarray(i, i + 0x8000))
      }
      return { rgba: btoa(binary), width: canvas.width, height: canvas.height }
    }, png.toString('base64'))
    const bytes = Buffer.from(decoded.rgba, 'base64')
    return {
      data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length),
      width: decoded.width,
      height: decoded.height,
    }
  } finally {
    await context.close()
  }
}

/** The text of the QR code in this screenshot, or null when none can be read. */
export async function readQrCode(browser: Browser, png: Buffer): Promise<string | null> {
  const shot = await pngPixels(browser, png)
  return jsQR(shot.data, shot.width, shot.height)?.data ?? null
}
