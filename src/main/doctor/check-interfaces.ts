import type { LocalInterface } from '../discovery/interfaces'
import type { CheckOutcome, DoctorContext } from './check'
import { interfaceChoice } from './chosen-interfaces'

const KINDS = { vpn: 'VPN', container: 'container', vm: 'virtual machine' } as const

function describe(iface: LocalInterface, chosen: boolean, auto: boolean): string {
  const addresses = iface.ipv4.map((a) => `${a.address}/${a.prefix} ${a.scope}`).join(', ')
  const what = [
    addresses || 'no IPv4 address',
    iface.up ? null : 'down',
    iface.virtual ? `${KINDS[iface.virtual]} adapter` : null,
  ].filter((part) => part !== null)
  let use = 'rooms: advertised and browsed here'
  if (!chosen) {
    if (!iface.up) use = 'not used: down'
    else if (iface.ipv4.length === 0) use = 'not used: no IPv4 address'
    else if (!auto) use = 'not used: not chosen in Preferences'
    else if (iface.virtual) use = 'not used: virtual'
    else use = 'not used: not a private network'
  }
  return `${iface.name}: ${what.join(', ')} — ${use}`
}

/**
 * Which interfaces are up, and which ones rooms are advertised and browsed on (the interfaces
 * setting; by default every private one that is not virtual).
 */
export async function checkInterfaces(context: DoctorContext): Promise<CheckOutcome> {
  const { all, chosen } = interfaceChoice(context)
  const auto = context.selection.mode === 'auto'
  const shown = all.filter((iface) => !iface.internal)
  const details = shown.map((iface) => describe(iface, chosen.includes(iface), auto))
  const up = shown.filter((iface) => iface.up && iface.ipv4.length > 0)
  if (chosen.length === 0) {
    const upNames = up.map((i) => i.name).join(', ')
    return {
      status: 'fail',
      ...(up.length === 0
        ? { code: 'interfacesOffline', fixCode: 'interfacesOfflineFix' }
        : {
            code: 'interfacesNoneUsed',
            fixCode: 'interfacesNoneUsedFix',
            params: { names: upNames },
          }),
      found:
        up.length === 0
          ? 'no network interface is up with an IPv4 address: this machine is not on a network'
          : `none of the interfaces that are up (${upNames}) is used for rooms`,
      fix:
        up.length === 0
          ? 'Connect to Wi-Fi or plug in a cable.'
          : 'If the people you want to meet are on one of these networks (a network with public ' +
            'addresses, or a VPN everyone is on), choose it in Settings › Network › Network ' +
            'interfaces, or on the command line with lanroom host --interface NAME.',
      details,
    }
  }
  const names = chosen
    .map(
      (iface) => `${iface.name} (${iface.ipv4.map((a) => `${a.address}/${a.prefix}`).join(', ')})`,
    )
    .join(', ')
  const onlyLinkLocal = chosen.every((iface) => iface.ipv4.every((a) => a.scope === 'link-local'))
  if (onlyLinkLocal) {
    return {
      status: 'warn',
      code: 'interfacesLinkLocal',
      fixCode: 'interfacesLinkLocalFix',
      params: { names },
      found: `rooms use ${names}, which has only a self-assigned address (169.254.x.x): the network gave it none`,
      fix:
        'The router’s DHCP did not answer: reconnect to the network, or restart the router. Rooms ' +
        'still work with people on the same cable or switch.',
      details,
    }
  }
  return {
    status: 'ok',
    code: 'interfacesOk',
    params: { names },
    found: `rooms are advertised and browsed on ${names}`,
    fix: null,
    details,
  }
}
