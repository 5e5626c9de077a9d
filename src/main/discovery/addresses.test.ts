import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { addressSignature, hubUrl, orderAddresses, type Interfaces } from './addresses'

function v4(address: string, netmask = '255.255.255.0', internal = false): NetworkInterfaceInfo {
  return { address, netmask, family: 'IPv4', mac: '02:00:00:00:00:01', internal, cidr: null }
}
function v6(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: 'ffff:ffff:ffff:ffff::',
    family: 'IPv6',
    mac: '02:00:00:00:00:01',
    internal,
    cidr: null,
    scopeid: 2,
  }
}

const laptop: Interfaces = {
  lo: [v4('127.0.0.1', '255.0.0.0', true)],
  wlan0: [v4('192.168.1.23'), v6('fe80::1234')],
}

describe('orderAddresses', () => {
  it('puts IPv4 on a shared subnet first, then other IPv4, link-local IPv4, global IPv6', () => {
    const ordered = orderAddresses(
      ['2001:db8::5', '10.8.0.5', '169.254.3.3', '192.168.1.40', 'fd00::9'],
      laptop,
    )
    expect(ordered).toEqual(['192.168.1.40', '10.8.0.5', '169.254.3.3', '2001:db8::5', 'fd00::9'])
  })

  it('keeps IPv6 link-local only with a scope, adding it when one interface could be meant', () => {
    expect(orderAddresses(['fe80::abcd'], laptop)).toEqual(['fe80::abcd%wlan0'])
    expect(orderAddresses(['fe80::abcd%wlan0', 'fe80::abcd'], laptop)).toEqual(['fe80::abcd%wlan0'])
    const twoLinks: Interfaces = { ...laptop, eth0: [v6('fe80::9')] }
    expect(orderAddresses(['fe80::abcd'], twoLinks)).toEqual([])
    expect(orderAddresses(['fe80::abcd%eth0'], twoLinks)).toEqual(['fe80::abcd%eth0'])
  })

  it('refuses a scope that names no link of this machine, or its loopback', () => {
    const withLoopback6: Interfaces = { ...laptop, lo: [v6('fe80::1', true)] }
    expect(
      orderAddresses(
        ['fe80::abcd%eth1', 'fe80::1%lo', 'fe80::1%wlan0%x', '2001:db8::1%wlan0', 'fe80::2%'],
        withLoopback6,
      ),
    ).toEqual([])
  })

  it('drops addresses that never name another machine, in any notation', () => {
    const hostile = [
      '127.0.0.1',
      '127.42.0.9',
      '0.0.0.0',
      '0.1.2.3',
      '::1',
      '0:0:0:0:0:0:0:1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:192.168.1.40',
      '::7f00:1',
      '224.0.0.251',
      '239.255.255.250',
      'ff02::fb',
      'FF05::1:3',
      '255.255.255.255',
      '240.0.0.1',
      // The broadcast address of laptop's 192.168.1.0/24.
      '192.168.1.255',
      ` ${'1'.repeat(200)} `,
    ]
    expect(orderAddresses([...hostile, '192.168.1.40', '10.8.0.255', 'fd00::1'], laptop)).toEqual([
      '192.168.1.40',
      // Another subnet's: it may be a host there (a /16, say).
      '10.8.0.255',
      'fd00::1',
    ])
  })

  it('has no broadcast address for a /31 or /32 subnet', () => {
    const pointToPoint: Interfaces = { ppp0: [v4('10.0.0.0', '255.255.255.254')] }
    expect(orderAddresses(['10.0.0.1'], pointToPoint)).toEqual(['10.0.0.1'])
  })

  it('drops duplicates and anything that is not an IP address', () => {
    expect(
      orderAddresses(['10.0.0.1', '10.0.0.1', 'evil.example', '<script>', '999.1.1.1'], laptop),
    ).toEqual(['10.0.0.1'])
  })
})

describe('hubUrl', () => {
  it('brackets IPv6 and refuses scoped addresses, which a URL cannot carry', () => {
    expect(hubUrl('192.168.1.2', 47800)).toBe('wss://192.168.1.2:47800/ws')
    expect(hubUrl('192.168.1.2', 47800, 'ws')).toBe('ws://192.168.1.2:47800/ws')
    expect(hubUrl('2001:db8::1', 5)).toBe('wss://[2001:db8::1]:5/ws')
    expect(hubUrl('fe80::1%wlan0', 5)).toBeNull()
  })
})

describe('addressSignature', () => {
  it('changes when an address comes or goes, and ignores loopback', () => {
    const before = addressSignature(laptop)
    expect(addressSignature({ ...laptop, lo: [v4('127.0.0.2', '255.0.0.0', true)] })).toBe(before)
    expect(addressSignature({ ...laptop, tun0: [v4('10.8.0.2')] })).not.toBe(before)
  })
})
