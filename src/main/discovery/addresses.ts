import { BlockList, isIPv4, isIPv6 } from 'node:net'
import type { NetworkInterfaceInfo } from 'node:os'
import { WS_PATH } from '../../shared/protocol'
import { ipv4Scope, ipv4ToInt } from './interfaces'

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

function sameSubnet(address: string, local: NetworkInterfaceInfo): boolean {
  if (local.family !== 'IPv4') return false
  const mask = ipv4ToInt(local.netmask)
  return (ipv4ToInt(address) & mask) === (ipv4ToInt(local.address) & mask)
}

function isLinkLocal6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address)
}

/** Longest address string considered: an IPv6 address with a scope is well under this. */
const MAX_ADDRESS_LENGTH = 100

/**
 * Addresses that never name another machine: what an advertisement carrying them would make
 * this machine probe and join is itself, or a group, or nothing. Written in any notation
 * (`0:0:0:0:0:0:0:1`, `::ffff:127.0.0.1`), BlockList matches them all. Two lists, because a
 * BlockList matches IPv4 addresses against IPv6 rules as IPv4-mapped ones.
 */
const NOT_A_PEER_V4 = new BlockList()
// "This network" (0.0.0.0 unspecified), loopback, multicast, reserved with the limited
// broadcast 255.255.255.255.
NOT_A_PEER_V4.addSubnet('0.0.0.0', 8, 'ipv4')
NOT_A_PEER_V4.addSubnet('127.0.0.0', 8, 'ipv4')
NOT_A_PEER_V4.addSubnet('224.0.0.0', 4, 'ipv4')
NOT_A_PEER_V4.addSubnet('240.0.0.0', 4, 'ipv4')
const NOT_A_PEER_V6 = new BlockList()
// ::/96 holds the unspecified ::, loopback ::1 and the deprecated IPv4-compatible addresses;
// ::ffff:0:0/96 the IPv4-mapped ones (an AAAA record has no business carrying those); ff00::/8
// is multicast.
NOT_A_PEER_V6.addSubnet('::', 96, 'ipv6')
NOT_A_PEER_V6.addSubnet('::ffff:0:0', 96, 'ipv6')
NOT_A_PEER_V6.addSubnet('ff00::', 8, 'ipv6')

/** The directed broadcast address of a local IPv4 subnet (a /30 or wider), as a number. */
function broadcastOf(local: NetworkInfoV4): number | null {
  const mask = ipv4ToInt(local.netmask)
  // /31 and /32 have no broadcast address.
  if (~mask >>> 0 < 3) return null
  return ((ipv4ToInt(local.address) & mask) | ~mask) >>> 0
}

type NetworkInfoV4 = Extract<NetworkInterfaceInfo, { family: 'IPv4' }>

/**
 * Orders a room's advertised addresses so that the one most likely to connect comes first:
 * IPv4 on a subnet this machine shares, then other IPv4 (link-local 169.254/16 last among
 * them), then global IPv6, then link-local IPv6.
 *
 * What is dropped (everything in an advertisement is another machine's word):
 * - anything that is not an IP address, and duplicates;
 * - addresses that never name another machine: unspecified (0.0.0.0/8, ::), loopback
 *   (127.0.0.0/8, ::1), multicast (224.0.0.0/4, ff00::/8), reserved IPv4 (240.0.0.0/4, with
 *   the broadcast 255.255.255.255), the broadcast address of a subnet this machine is on, and
 *   IPv4-mapped or -compatible IPv6 (::ffff:0:0/96, ::/96). One advertisement of 127.0.0.1
 *   would otherwise make every client on the network probe its own localhost every 2 s. The
 *   app's own room is recognised by its id, never by a loopback address;
 * - IPv6 link-local (fe80::/10) without a usable scope: an address works only on the link
 *   (interface) it belongs to. A scope is kept only when it names an interface of this
 *   machine that has an IPv6 link-local address of its own (not loopback); an address without
 *   one gets the scope of the only such interface, and is dropped when there are several or
 *   none.
 */
export function orderAddresses(addresses: readonly string[], interfaces: Interfaces): string[] {
  const locals = Object.values(interfaces).flatMap((list) => list ?? [])
  const broadcasts = new Set(
    locals.flatMap((local) =>
      local.family === 'IPv4' && !local.internal ? (broadcastOf(local) ?? []) : [],
    ),
  )
  const linkLocalIfaces = Object.entries(interfaces)
    .filter(([, list]) =>
      (list ?? []).some((a) => a.family === 'IPv6' && !a.internal && isLinkLocal6(a.address)),
    )
    .map(([name]) => name)
  const ranked: Array<{ address: string; rank: number; index: number }> = []
  addresses.forEach((raw, index) => {
    if (raw.length > MAX_ADDRESS_LENGTH) return
    let address = raw.trim()
    if (isIPv4(address)) {
      if (NOT_A_PEER_V4.check(address, 'ipv4') || broadcasts.has(ipv4ToInt(address))) return
      let rank = 1
      if (locals.some((local) => sameSubnet(address, local))) rank = 0
      else if (ipv4Scope(address) === 'link-local') rank = 2
      ranked.push({ address, rank, index })
      return
    }
    const [bare = '', scope, ...extra] = address.split('%')
    if (!isIPv6(bare) || extra.length > 0 || NOT_A_PEER_V6.check(bare, 'ipv6')) return
    if (!isLinkLocal6(bare)) {
      if (scope === undefined) ranked.push({ address, rank: 3, index })
      return
    }
    if (scope !== undefined) {
      if (!linkLocalIfaces.includes(scope)) return
    } else {
      if (linkLocalIfaces.length !== 1) return
      address = `${bare}%${linkLocalIfaces[0]}`
    }
    ranked.push({ address, rank: 4, index })
  })
  const ordered = ranked.sort((a, b) => a.rank - b.rank || a.index - b.index)
  return [...new Set(ordered.map((r) => r.address))]
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
