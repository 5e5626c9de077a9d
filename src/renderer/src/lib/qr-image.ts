import { renderSVG } from 'uqr'

/**
 * `text` as a QR code, in an image URL (`data:image/svg+xml,…`): shown with <img>, so no markup
 * is injected, and the page's CSP allows data: images. Medium error correction and a quiet zone
 * of two modules: read from a screen at an angle, and small enough (version 5 or so for a guest
 * link) that each module is several pixels wide.
 */
export function qrImageUrl(text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(text, { ecc: 'M', border: 2 }))}`
}
