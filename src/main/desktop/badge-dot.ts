/**
 * The unread badge on Windows: the taskbar button's overlay icon (BrowserWindow.setOverlayIcon),
 * which Windows has instead of app.setBadgeCount. A filled dot drawn here as raw pixels, so that
 * no image file or canvas is needed; the count itself goes in the overlay's description (read
 * by screen readers) and the tray's tooltip.
 */

/** Red, as the platform's own badges are. */
const DOT = { r: 0xd9, g: 0x30, b: 0x25 }

/**
 * A `size`×`size` filled circle in BGRA (nativeImage.createFromBitmap's order), premultiplied
 * alpha, its edge smoothed over one pixel.
 */
export function badgeDotBitmap(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 2 || size > 256) throw new RangeError('size: 2 to 256')
  const pixels = new Uint8Array(size * size * 4)
  const centre = size / 2
  const radius = size / 2
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre)
      const alpha = Math.max(0, Math.min(1, radius - distance))
      const at = (y * size + x) * 4
      pixels[at] = Math.round(DOT.b * alpha)
      pixels[at + 1] = Math.round(DOT.g * alpha)
      pixels[at + 2] = Math.round(DOT.r * alpha)
      pixels[at + 3] = Math.round(255 * alpha)
    }
  }
  return pixels
}

/** The overlay's description: what a screen reader says for the badge. */
export function badgeDescription(unread: number): string {
  return unread === 1 ? '1 unread message' : `${unread} unread messages`
}
