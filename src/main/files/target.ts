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
