import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import type { Interfaces } from './addresses'
import {
  AUTO_SELECTION,
  chooseInterfaces,
  intToIpv4,
  ipv4Scope,
  ipv4ToInt,
  isPrivateSubnet,
  listInterfaces,
  virtualKind,
} from './interfaces'

function v4(address: string, netmask = '255.255.255.0', internal = false): NetworkInterfaceInfo {
  return { address, netmask, family: 'IPv4', mac: '02:00:00:00:00:01', internal, cidr: null }
}
function v6(address: string): NetworkInterfaceInfo {
  return {
    address,
    netmask: 'ffff:ffff:ffff:ffff::',
    family: 'IPv6',
    mac: '02:00:00:00:00:01',
    internal: false,
    cidr: null,
    scopeid: 2,
  }
}

const machine: Interfaces = {
  lo: [v4('127.0.0.1', '255.0.0.0', true)],
  wlan0: [v4('192.168.1.23'), v6('fe80::1234'), v6('fd12::5')],
  eth0: [v4('10.0.5.9', '255.255.0.0')],
  eth1: [v4('169.254.7.7', '255.255.0.0')],
  docker0: [v4('172.17.0.1', '255.255.0.0')],
  tailscale0: [v4('100.101.2.3', '255.255.255.255')],
  wg0: [v4('10.66.0.2', '255.255.255.0')],
  ens5: [v4('203.0.113.8')],
  eth2: [v4('192.168.9.1')],
  onlyv6: [v6('fd00::1')],
}
const down = new Set(['eth2'])
const list = (): ReturnType<typeof listInterfaces> =>
  listInterfaces({ interfaces: () => machine, operState: (n) => (down.has(n) ? 'down' : 'up') })

describe('ipv4Scope', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['192.169.0.1', 'public'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.1', 'shared'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['8.8.8.8', 'public'],
  ])('%s is %s', (address, scope) => expect(ipv4Scope(address)).toBe(scope))
})

describe('isPrivateSubnet', () => {
  it('holds only for subnets wholly inside RFC 1918', () => {
    expect(isPrivateSubnet('10.9.0.0', 22)).toBe(true)
    expect(isPrivateSubnet('10.0.0.0', 8)).toBe(true)
    expect(isPrivateSubnet('10.0.0.0', 7)).toBe(false)
    expect(isPrivateSubnet('172.16.0.0', 11)).toBe(false)
    expect(isPrivateSubnet('192.168.4.0', 22)).toBe(true)
    expect(isPrivateSubnet('100.64.0.0', 22)).toBe(false)
  })
})

describe('addresses as numbers', () => {
  it('round-trips', () => {
    expect(ipv4ToInt('10.9.1.255')).toBe(0x0a0901ff)
    expect(intToIpv4(0xc0a80101)).toBe('192.168.1.1')
    expect(intToIpv4(ipv4ToInt('255.255.255.255'))).toBe('255.255.255.255')
  })
})

describe('virtualKind', () => {
  it.each([
    ['tun0', 'vpn'],
    ['utun3', 'vpn'],
    ['wg0', 'vpn'],
    ['docker0', 'container'],
    ['br-3f2a1b', 'container'],
    ['veth12ab', 'container'],
    ['vboxnet0', 'vm'],
    ['vmnet8', 'vm'],
    ['vEthernet (WSL)', 'vm'],
    ['br0', null],
    ['eth0', null],
    ['wlan0', null],
    ['en0', null],
  ])('%s: %s', (name, kind) => expect(virtualKind(name)).toBe(kind))
})

describe('listInterfaces', () => {
  it('describes each interface: addresses with prefix and scope, up, private, virtual', () => {
    const byName = new Map(list().map((i) => [i.name, i]))
    expect(byName.get('wlan0')).toEqual({
      name: 'wlan0',
      ipv4: [{ address: '192.168.1.23', prefix: 24, scope: 'private' }],
      ipv6: ['fe80::1234', 'fd12::5'],
      internal: false,
      up: true,
      private: true,
      virtual: null,
    })
    expect(byName.get('eth0')?.ipv4[0]?.prefix).toBe(16)
    expect(byName.get('lo')?.internal).toBe(true)
    expect(byName.get('tailscale0')).toMatchObject({ private: false, virtual: 'vpn' })
    expect(byName.get('tailscale0')?.ipv4[0]).toMatchObject({ prefix: 32, scope: 'shared' })
    expect(byName.get('onlyv6')).toMatchObject({ ipv4: [], private: false })
    expect(byName.get('eth2')?.up).toBe(false)
    expect(list().map((i) => i.name)).toEqual([...Object.keys(machine)].sort())
  })

  it('counts an interface as up where the OS does not say (no operstate)', () => {
    const [only] = listInterfaces({
      interfaces: () => ({ en0: [v4('10.0.0.2')] }),
      operState: () => null,
    })
    expect(only?.up).toBe(true)
  })

  it('reads the real machine without failing', () => {
    expect(Array.isArray(listInterfaces())).toBe(true)
  })
})

describe('chooseInterfaces', () => {
  it('by default: up, not loopback, not virtual, with a private or link-local IPv4 address', () => {
    expect(chooseInterfaces(list(), AUTO_SELECTION).map((i) => i.name)).toEqual([
      'eth0',
      'eth1',
      'wlan0',
    ])
  })

  it('by name: exactly those named that are up with IPv4, virtual or not', () => {
    const chosen = chooseInterfaces(list(), {
      mode: 'names',
      names: ['wg0', 'wlan0', 'eth2', 'lo', 'onlyv6', 'nonexistent'],
    })
    expect(chosen.map((i) => i.name)).toEqual(['wg0', 'wlan0'])
  })
})
