/**
 * Saving a verified download in a browser: the browser's own download of a blob: URL, under
 * the safe name the app would give the file (shared/file-name.ts). Where it lands is the
 * browser's choice (its Downloads folder, or its save dialog).
 */

/** How long the blob: URL lives after the click: the browser has read it by then. */
const REVOKE_AFTER_MS = 60_000

export function saveBlob(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  link.style.display = 'none'
  doc.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
}
