import { intToIpv4, ipv4ToInt, virtualKind } from '../discovery/interfaces'
import { remaining, type CheckOutcome, type DoctorContext } from './check'
import { interfaceChoice } from './chosen-interfaces'
import { ELSEWHERE, routeInterface } from './routes'

/** The longest a route lookup may take, when the run allows it. */
const ROUTE_TIMEOUT_MS = 3_000

/** Adapter descriptions (Windows) and names that mean a VPN, beyond interfaces.ts's names. */
const VPN_WORDS =
  /vpn|wireguard|tap-windows|openvpn|anyconnect|tailscale|zerotier|fortinet|globalprotect|tunnel/i

function isVpn(name: string): boolean {
  return virtualKind(name) === 'vpn' || VPN_WORDS.test(name)
}

/** Another address in the subnet of `address`/`prefix` (the first host that is not this one). */
export function neighbour(address: string, prefix: number): string | null {
  if (prefix > 30 || prefix < 8) return null
  const mask = (~0 << (32 - prefix)) >>> 0
  const network = (ipv4ToInt(address) & mask) >>> 0
  const first = network + 1
  return intToIpv4(first === ipv4ToInt(address) ? first + 1 : first)
}

/**
 * VPNs and virtual adapters that capture traffic: the default route through a tunnel (tun, wg,
 * utun, ppp…), and — worse — the route to a chosen interface's own subnet leaving by another
 * interface (a VPN that sends the LAN through the tunnel: nobody nearby can be reached). Lists
 * the virtual adapters that are up.
 */
export async function checkVpn(context: DoctorContext): Promise<CheckOutcome> {
  const timeout = Math.min(ROUTE_TIMEOUT_MS, remaining(context.deadline, 1))
  const { all, chosen } = interfaceChoice(context)
  const subnets = chosen.flatMap((iface) =>
    iface.ipv4.map((a) => ({ iface: iface.name, address: a.address, prefix: a.prefix })),
  )
  const [defaultVia, ...lanVia] = await Promise.all([
    routeInterface(context.run, context.platform, ELSEWHERE, timeout),
    ...subnets.map(async (subnet) => {
      const peer = neighbour(subnet.address, subnet.prefix)
      return peer ? routeInterface(context.run, context.platform, peer, timeout) : null
    }),
  ])
  const virtual = all.filter((iface) => iface.up && iface.virtual !== null && iface.ipv4.length > 0)
  const details = [
    `default route: ${defaultVia ?? 'could not be read'}`,
    ...subnets.map(
      (subnet, index) =>
        `${subnet.address}/${subnet.prefix} (${subnet.iface}): reached through ${lanVia[index] ?? 'could not be read'}`,
    ),
    ...virtual.map((iface) => `${iface.name}: ${iface.virtual} adapter, up`),
  ]
  const captured = subnets.filter((subnet, index) => {
    const via = lanVia[index]
    return via !== null && via !== undefined && via !== subnet.iface
  })
  if (captured.length > 0) {
    const first = captured[0] as (typeof captured)[number]
    const via = lanVia[subnets.indexOf(first)] ?? '?'
    return {
      status: 'fail',
      code: 'vpnCaptured',
      fixCode: 'vpnCapturedFix',
      params: { network: `${first.address}/${first.prefix}`, via, iface: first.iface },
      found:
        `traffic to your local network ${first.address}/${first.prefix} leaves by ` +
        `${via}, not ${first.iface}: a VPN captures it, so nobody ` +
        'nearby can be reached',
      fix:
        'Turn on your VPN’s "allow local network access" (or "LAN sharing", "split tunnelling") ' +
        'option, or disconnect the VPN while you use LAN Room.',
      details,
    }
  }
  if (defaultVia !== null && isVpn(defaultVia)) {
    return {
      status: 'warn',
      code: 'vpnDefault',
      fixCode: 'vpnDefaultFix',
      params: { via: defaultVia },
      found: `the default route goes through ${defaultVia}, a VPN: the local network is still reached directly`,
      fix:
        'Usually fine. If rooms are not found, the VPN may also block local multicast: allow local ' +
        'network access in its settings, or disconnect it while you use LAN Room.',
      details,
    }
  }
  const adapters = virtual.map((iface) => iface.name).join(', ')
  const code = `vpnOk${defaultVia === null ? 'Unreadable' : ''}${adapters ? 'Adapters' : ''}`
  return {
    status: 'ok',
    code,
    params: {
      ...(defaultVia === null ? {} : { via: defaultVia }),
      ...(adapters ? { adapters } : {}),
    },
    found:
      (defaultVia === null
        ? 'the default route could not be read'
        : `no VPN captures traffic (default route: ${defaultVia})`) +
      (adapters ? `; virtual adapters up: ${adapters} (not used for rooms unless chosen)` : ''),
    fix: null,
    details,
  }
}
