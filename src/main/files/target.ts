/** Where a room's files are, and the credential and certificate that reach them. */
export interface FileTarget {
  /** `https://host:port` (or `http://` for a hub run with --no-tls), from the connection. */
  origin: string
  /** The current file credential (a new one comes with every welcome); null while there is
   * none (disconnected, or the room has no files). */
  token(): string | null
  /** The certificate the room's connection presented (pinned): every request must be answered
   * with exactly it. Null over plain http. */
  fingerprint: string | null
}

/** Whether `url` is on the room's own origin: nothing else gets the credential or the bytes.
 * Platform-free (the guest page checks its uploads with it too). */
export function sameOrigin(url: string, target: Pick<FileTarget, 'origin'>): boolean {
  try {
    return new URL(url).origin === new URL(target.origin).origin
  } catch {
    return false
  }
}
