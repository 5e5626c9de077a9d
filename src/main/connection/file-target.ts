import type { FileTarget } from '../files/target'

/**
 * The file endpoints of the room a connection reached at `url` (`wss://host:port/ws`): the same
 * host and port over https (http for a plain `ws://` room), the certificate that connection
 * presented, and whatever credential the latest welcome gave.
 */
export function fileTargetFor(
  url: string,
  fingerprint: string | null,
  token: () => string | null,
): FileTarget | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const scheme = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : null
  if (scheme === null) return null
  return { origin: `${scheme}//${parsed.host}`, fingerprint, token }
}
