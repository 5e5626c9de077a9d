/**
 * The join URLs of a clustered room's other hubs (`welcome.hubs`, `/info` `hubs`, and each hub's
 * presence record in the cluster): where a member goes when its hub dies. They come from the
 * network, so they are read by a strict grammar, with no decoding step:
 *
 *   hub-url = ( "ws" / "wss" ) "://" host [ ":" port ] "/ws"
 *   host    = ipv4 / "[" ipv6 "]" / dns-name        ; port 1-65535, no leading 0
 *
 * Printable ASCII, at most `maxHubUrlLength` characters; no userinfo, `%`, query or fragment.
 * A URL that passes names a place to try, nothing more: the client still checks the room id and
 * the certificate of whatever answers there (docs/connection.md, Reconnecting).
 */
import { z } from 'zod'
import { LIMITS, type Limits } from './limits'

const GRAMMAR =
  /^(wss?):\/\/(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})(?::([1-9]\d{0,4}))?\/ws$/
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

/** Whether `host` is an IPv4 literal or a DNS name (a name ending in a number must be IPv4). */
function hostNameOk(host: string): boolean {
  if (IPV4.test(host)) return true
  const labels = host.split('.')
  if (/^\d+$/.test(labels.at(-1) ?? '')) return false
  return labels.every((label) => DNS_LABEL.test(label))
}

/** Why `url` is not a hub's join URL, or null. */
export function hubUrlProblem(
  url: string,
  maxLength: number = LIMITS.maxHubUrlLength,
): string | null {
  if (url.length > maxLength) return `must be at most ${maxLength} characters`
  const match = GRAMMAR.exec(url)
  if (!match) return 'must be ws://HOST:PORT/ws or wss://HOST:PORT/ws'
  const host = match[2] ?? ''
  const port = match[3]
  if (port !== undefined && Number(port) > 65_535) return 'must have a port of 1-65535'
  if (host.startsWith('[')) {
    // The URL parser knows IPv6's forms (compressed, with an IPv4 tail); the grammar let only
    // hex digits, colons and dots through.
    try {
      new URL(url)
    } catch {
      return 'must have a valid IPv6 address'
    }
    return null
  }
  return hostNameOk(host) ? null : 'must name its host by an IP address or a DNS name'
}

/** The scheme of a URL hubUrlProblem accepted. */
export function hubUrlScheme(url: string): 'ws' | 'wss' {
  return url.startsWith('wss:') ? 'wss' : 'ws'
}

/** A list of hub join URLs, as a welcome or `/info` may carry it. */
export function hubUrlsSchema(limits: Limits = LIMITS) {
  const url = z
    .string()
    .max(limits.maxHubUrlLength)
    .superRefine((value, context) => {
      const problem = hubUrlProblem(value, limits.maxHubUrlLength)
      if (problem !== null) context.addIssue({ code: 'custom', message: problem })
    })
  return z.array(url).max(limits.maxHubUrls)
}
