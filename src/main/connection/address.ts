import { SUBPROTOCOL, WS_PATH } from '../../shared/protocol'

export { SUBPROTOCOL }

/**
 * Turns what a person types into a hub URL: `ws://host:port/ws` as is, or `host:port`,
 * `[v6addr]:port`, `host` or `v6addr` (default port). Returns null when it is neither.
 */
export function parseRoomAddress(input: string, defaultPort: number): URL | null {
  const text = input.trim()
  if (text.length === 0 || text.length > 300) return null
  if (/^wss?:\/\//i.test(text)) {
    try {
      const url = new URL(text)
      if (url.pathname === '/' || url.pathname === '') url.pathname = WS_PATH
      return url
    } catch {
      return null
    }
  }
  // An IPv6 address alone (`::1`, `fe80::2`): two colons or more, no brackets, so no port.
  if (/^[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*$/.test(text)) {
    return parseRoomAddress(`[${text}]`, defaultPort)
  }
  const match = /^(\[[0-9a-fA-F:.%a-zA-Z]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text)
  if (!match) return null
  const port = match[2] === undefined ? defaultPort : Number(match[2])
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return null
  try {
    return new URL(`ws://${match[1]}:${port}${WS_PATH}`)
  } catch {
    return null
  }
}
