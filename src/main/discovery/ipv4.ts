/**
 * IPv4 arithmetic on dotted addresses, with no Node built-in: the settings check watched
 * addresses with it, and they run in the guest page too (src/guest), where `node:net` is not.
 */

/** Four decimal parts 0–255 without leading zeros, as node:net's isIPv4 accepts. */
const DOTTED = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

export function isIPv4(text: string): boolean {
  return DOTTED.test(text)
}

export function ipv4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0
}

export function intToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.')
}

/** The netmask of a prefix length, as a number (0xffffff00 for 24). */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
}

export function inRange(address: number, base: string, prefix: number): boolean {
  return (address & prefixMask(prefix)) >>> 0 === ipv4ToInt(base)
}

/** Whether the whole block lies inside RFC 1918 space (10/8, 172.16/12, 192.168/16). */
export function isPrivateSubnet(base: string, prefix: number): boolean {
  return (
    (prefix >= 8 && inRange(ipv4ToInt(base), '10.0.0.0', 8)) ||
    (prefix >= 12 && inRange(ipv4ToInt(base), '172.16.0.0', 12)) ||
    (prefix >= 16 && inRange(ipv4ToInt(base), '192.168.0.0', 16))
  )
}
