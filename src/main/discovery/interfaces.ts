/**
 * This machine's network interfaces as LAN Room sees them, and which of them rooms are
 * advertised, browsed and scanned on.
 *
 * Decisions (IPv4 decides everything; an interface's IPv6 addresses are listed, never scanned):
 * - `private` means RFC 1918: 10/8, 172.16/12, 192.168/16. Only these are ever scanned.
 * - Link-local 169.254/16 (`link-local`): a network without DHCP, where mDNS is exactly what
 *   finds peers, so such an interface is advertised and browsed on by default; never scanned
 *   (a /16 of addresses nobody assigned in order).
 * - CGNAT 100.64/10 (`shared`): the carrier's side of a NAT, or an overlay VPN (Tailscale).
 *   Not private: never in the default and never scanned; the user may choose it for mDNS.
 * - IPv6 ULA fd00::/8 and link-local fe80::/10 are reported (`ipv6`) but do not make an
 *   interface private: an IPv6 subnet is a /64, which no one scans.
 * - Anything else is `public` (never scanned, not in the default); 127/8 is `loopback`.
 *
 * "Likely virtual" is a guess from the name alone, because that is all every platform gives:
 * - `vpn`: tun*, tap*, wg*, utun* (macOS), ppp*, ipsec*, tailscale*, zt* (ZeroTier), nordlynx;
 * - `container`: docker*, br-* (Docker's user bridges), veth*, cni*, flannel*, cali*,
 *   podman*, lxcbr*, lxdbr*;
 * - `vm`: vboxnet*, vmnet*, virbr*, vEthernet* (Hyper-V), awdl* and llw* (Apple's peer-to-peer
 *   Wi-Fi, which carries no LAN).
 * A plain bridge such as br0 is often the real LAN (a router, a host with VMs), so it is not
 * flagged. Virtual interfaces are left out of the default: they reach this machine's own
 * guests or a remote network, not the people in the room.
 */
import { readFileSync } from 'node:fs'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import type { Interfaces } from './addresses'
import { inRange, ipv4ToInt, prefixMask } from './ipv4'

// The arithmetic lives in ipv4.ts (no Node built-in there); its users here and elsewhere keep
// importing it from this module.
export { intToIpv4, ipv4ToInt, isPrivateSubnet, prefixMask } from './ipv4'

export type AddressScope = 'private' | 'link-local' | 'shared' | 'loopback' | 'public'
export type VirtualKind = 'vpn' | 'container' | 'vm'

export interface InterfaceAddress {
  address: string
  /** The prefix length (24 for 255.255.255.0). */
  prefix: number
  scope: AddressScope
}

export interface LocalInterface {
  name: string
  ipv4: InterfaceAddress[]
  /** IPv6 addresses as strings, for display; never scanned. */
  ipv6: string[]
  /** Loopback. */
  internal: boolean
  /**
   * Whether the link is up. On Linux, /sys/class/net/NAME/operstate (`up`, or `unknown` as
   * tunnels and loopback report); elsewhere true, because the OS lists only configured ones.
   */
  up: boolean
  /** Has an RFC 1918 IPv4 address. */
  private: boolean
  /** The name looks like a VPN, container or VM adapter (see above), or null. */
  virtual: VirtualKind | null
}

/**
 * Which interfaces rooms use. `auto`: every interface that is up, not loopback, not likely
 * virtual, with a private or link-local IPv4 address. `names`: exactly those named (when up
 * and with an IPv4 address), whatever they are; names that do not exist are ignored.
 */
export type InterfaceSelection = { mode: 'auto' } | { mode: 'names'; names: readonly string[] }

export const AUTO_SELECTION: InterfaceSelection = { mode: 'auto' }

/** The scope of an IPv4 address (see the decisions at the top of this file). */
export function ipv4Scope(address: string): AddressScope {
  const n = ipv4ToInt(address)
  if (inRange(n, '10.0.0.0', 8) || inRange(n, '172.16.0.0', 12) || inRange(n, '192.168.0.0', 16))
    return 'private'
  if (inRange(n, '169.254.0.0', 16)) return 'link-local'
  if (inRange(n, '100.64.0.0', 10)) return 'shared'
  if (inRange(n, '127.0.0.0', 8)) return 'loopback'
  return 'public'
}

const VIRTUAL_NAMES: Array<[RegExp, VirtualKind]> = [
  // vEthernet before veth.
  [/^(vboxnet|vmnet|virbr|vethernet|awdl|llw)/i, 'vm'],
  [/^(tun|tap|wg|utun|ppp|ipsec|tailscale|zt|nordlynx)/i, 'vpn'],
  [/^(docker|br-|veth|cni|flannel|cali|podman|lxcbr|lxdbr)/i, 'container'],
]

/** The name-based guess (see the top of this file). */
export function virtualKind(name: string): VirtualKind | null {
  for (const [pattern, kind] of VIRTUAL_NAMES) if (pattern.test(name)) return kind
  return null
}

function prefixOf(info: NetworkInterfaceInfo): number {
  const fromCidr = info.cidr?.split('/')[1]
  if (fromCidr !== undefined) return Number(fromCidr)
  const mask = ipv4ToInt(info.netmask)
  let prefix = 0
  while (prefix < 32 && (mask & (0x80000000 >>> prefix)) !== 0) prefix += 1
  return prefix
}

/** Linux's operstate; null where it cannot be read (another OS, a sandbox). */
export function linuxOperState(name: string): string | null {
  if (process.platform !== 'linux' || !/^[\w.@:-]+$/.test(name)) return null
  try {
    return readFileSync(`/sys/class/net/${name}/operstate`, 'utf8').trim()
  } catch {
    return null
  }
}

export interface ListOptions {
  /** Default os.networkInterfaces. */
  interfaces?: () => Interfaces
  /** Default linuxOperState. */
  operState?: (name: string) => string | null
}

/** The machine's interfaces, sorted by name. */
export function listInterfaces(options: ListOptions = {}): LocalInterface[] {
  const raw = (options.interfaces ?? networkInterfaces)()
  const operState = options.operState ?? linuxOperState
  return Object.entries(raw)
    .map(([name, list = []]): LocalInterface => {
      const ipv4 = list
        .filter((a) => a.family === 'IPv4')
        .map((a) => ({ address: a.address, prefix: prefixOf(a), scope: ipv4Scope(a.address) }))
      const state = operState(name)
      return {
        name,
        ipv4,
        ipv6: list.filter((a) => a.family === 'IPv6').map((a) => a.address),
        internal: list.some((a) => a.internal),
        up: state === null || state === 'up' || state === 'unknown',
        private: ipv4.some((a) => a.scope === 'private'),
        virtual: virtualKind(name),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Whether `auto` picks this interface. */
export function isDefaultInterface(iface: LocalInterface): boolean {
  return (
    iface.up &&
    !iface.internal &&
    iface.virtual === null &&
    iface.ipv4.some((a) => a.scope === 'private' || a.scope === 'link-local')
  )
}

/** The interfaces rooms are advertised and browsed on (and scanned, for their private subnets). */
export function chooseInterfaces(
  interfaces: readonly LocalInterface[],
  selection: InterfaceSelection,
): LocalInterface[] {
  if (selection.mode === 'auto') return interfaces.filter(isDefaultInterface)
  const wanted = new Set(selection.names)
  return interfaces.filter(
    (iface) => wanted.has(iface.name) && iface.up && !iface.internal && iface.ipv4.length > 0,
  )
}

/**
 * Where mDNS runs for a selection: null when it leaves out no interface that has IPv4 (then one
 * socket serves every interface, as multicast-dns does by default), else one IPv4 address per
 * chosen interface, each of which gets a socket of its own (mdns.ts).
 */
export function multicastAddresses(
  interfaces: readonly LocalInterface[],
  selection: InterfaceSelection,
): string[] | null {
  const chosen = chooseInterfaces(interfaces, selection)
  const usable = interfaces.filter((i) => !i.internal && i.ipv4.length > 0)
  if (usable.every((i) => chosen.includes(i))) return null
  return chosen.flatMap((i) => i.ipv4[0]?.address ?? [])
}

/** Whether an IPv4 address lies on the subnet of one of these interfaces. */
export function onInterfaces(address: string, interfaces: readonly LocalInterface[]): boolean {
  const n = ipv4ToInt(address)
  return interfaces.some((i) =>
    i.ipv4.some((a) => {
      const mask = prefixMask(a.prefix)
      return (n & mask) >>> 0 === (ipv4ToInt(a.address) & mask) >>> 0
    }),
  )
}
