import type { NetworkInterfaceInfo } from 'node:os'

/** An IPv4 address as os.networkInterfaces() reports it, with its prefix in `cidr`. */
export function ipv4Info(address: string, prefix: number, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: '0.0.0.0',
    family: 'IPv4',
    mac: '02:00:00:00:00:01',
    internal,
    cidr: `${address}/${prefix}`,
  }
}
