import { isIPv4, isIPv6 } from 'node:net'
import type { NetworkInterfaceInfo } from 'node:os'
import { WS_PATH } from '../../shared/protocol'

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0
}

function sameSubnet(address: string, local: NetworkInterfaceInfo): boolean {
  if (local.family !== 'IPv4') return false
  const mask = ipv4ToInt(local.netmask)
  return (ipv4ToInt(address) & mask) === (ipv4ToInt(local.address) & mask)
}

function isLinkLocal6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address)
}

/**
 * Orders a room's advertised addresses so that the one most likely to connect comes first:
 * IPv4 on a subnet this machine shares, then other IPv4 (link-local 169.254/16 last among
 * them), then global IPv6. IPv6 link-local addresses only work with a scope (the interface);
 * they are kept, with `%iface`, only when exactly one local interface could be meant.
 * Anything that is not an IP address, or is a duplicate, is dropped.
 */
export function orderAddresses(addresses: readonly string[], interfaces: Interfaces): string[] {
  const locals = Object.values(interfaces).flatMap((list) => list ?? [])
  const linkLocalIfaces = Object.entries(interfaces)
    .filter(([, list]) =>
      (list ?? []).some((a) => a.family === 'IPv6' && !a.internal && isLinkLocal6(a.address)),
    )
    .map(([name]) => name)
  const ranked: Array<{ address: string; rank: number; index: number }> = []
  const seen = new Set<string>()
  addresses.forEach((raw, index) => {
    let address = raw.trim()
    if (seen.has(address)) return
    seen.add(address)
    if (isIPv4(address)) {
      let rank = 1
      if (locals.some((local) => sameSubnet(address, local))) rank = 0
      else if (address.startsWith('169.254.')) rank = 2
      ranked.push({ address, rank, index })
    } else if (isIPv6(address.split('%')[0] ?? '')) {
      if (isLinkLocal6(address)) {
        if (!address.includes('%')) {
          if (linkLocalIfaces.length !== 1) return
          address = `${address}%${linkLocalIfaces[0]}`
        }
        ranked.push({ address, rank: 4, index })
      } else {
        ranked.push({ address, rank: 3, index })
      }
    }
  })
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.address)
}

/**
 * The hub URL for an address. A URL cannot carry an IPv6 zone (`%iface`), so scoped
 * link-local addresses have none.
 */
export function hubUrl(address: string, port: number, scheme: 'wss' | 'ws' = 'wss'): string | null {
  if (address.includes('%')) return null
  const host = isIPv6(address) ? `[${address}]` : address
  return `${scheme}://${host}:${port}${WS_PATH}`
}

/** A signature of this machine's usable addresses, to notice when they change. */
export function addressSignature(interfaces: Interfaces): string {
  return Object.entries(interfaces)
    .flatMap(([name, list]) =>
      (list ?? []).filter((a) => !a.internal).map((a) => `${name}/${a.address}`),
    )
    .sort()
    .join(',')
}
