/**
 * The hosts and subnets a user watches (Look harder, `lanroom rooms --watch`), as typed: parsed
 * and bounded here, with no Node built-in, because the settings check them and the settings run
 * in the guest page too (src/guest). scan.ts scans them.
 */
import { intToIpv4, ipv4ToInt, isIPv4, isPrivateSubnet, prefixMask } from './ipv4'

/** The widest subnet scanned (a /22: 1,022 hosts). */
export const MAX_SCAN_PREFIX = 22

/** An IPv4 block, as its first address (a number) and its prefix length. */
export interface Subnet {
  base: number
  prefix: number
}

export function subnetText(subnet: Subnet): string {
  return `${intToIpv4(subnet.base)}/${subnet.prefix}`
}

/** The block of this prefix length that holds `address`. */
export function blockOf(address: number, prefix: number): Subnet {
  return { base: (address & prefixMask(prefix)) >>> 0, prefix }
}

export type WatchTargetError =
  'SCAN_ERR_NOT_AN_ADDRESS' | 'SCAN_ERR_NOT_PRIVATE' | 'SCAN_ERR_TOO_WIDE'

/**
 * A host or subnet to watch, as the user typed it (`192.168.1.20`, `10.0.4.0/22`): private
 * and no wider than a /22. Host bits in a subnet are cleared (`10.0.5.9/22` is 10.0.4.0/22).
 */
export function parseWatchTarget(
  text: string,
): { ok: true; subnet: Subnet } | { ok: false; code: WatchTargetError; message: string } {
  const match = /^\s*([0-9.]{7,15})(?:\/(\d{1,2}))?\s*$/.exec(text)
  const address = match?.[1] ?? ''
  const prefix = match?.[2] === undefined ? 32 : Number(match[2])
  if (!match || !isIPv4(address) || prefix > 32) {
    return {
      ok: false,
      code: 'SCAN_ERR_NOT_AN_ADDRESS',
      message: `“${text.slice(0, 40)}” is not an IPv4 address or subnet (like 192.168.1.20 or 192.168.1.0/24).`,
    }
  }
  if (prefix < MAX_SCAN_PREFIX) {
    return {
      ok: false,
      code: 'SCAN_ERR_TOO_WIDE',
      message: `${address}/${prefix} is too wide: at most a /${MAX_SCAN_PREFIX} (1,022 addresses) is watched.`,
    }
  }
  const subnet = blockOf(ipv4ToInt(address), prefix)
  if (!isPrivateSubnet(intToIpv4(subnet.base), prefix)) {
    return {
      ok: false,
      code: 'SCAN_ERR_NOT_PRIVATE',
      message: `${subnetText(subnet)} is not a private address (10.x, 172.16-31.x, 192.168.x): only your own network is scanned.`,
    }
  }
  return { ok: true, subnet }
}
