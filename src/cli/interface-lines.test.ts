import { describe, expect, it } from 'vitest'
import type { LocalInterface } from '../main/discovery/interfaces'
import { unusedInterfaceLines } from './interface-lines'

/** An interface as listInterfaces reports it. */
function iface(name: string, address: string, state: Partial<LocalInterface> = {}): LocalInterface {
  return {
    name,
    ipv4: [{ address, prefix: 24, scope: 'private' }],
    ipv6: [],
    internal: false,
    up: true,
    private: true,
    virtual: null,
    ...state,
  }
}

const machine = [
  iface('eth0', '192.168.1.23'),
  iface('eth1', '10.0.0.2', { up: false }),
  iface('lo', '127.0.0.1', {
    ipv4: [{ address: '127.0.0.1', prefix: 8, scope: 'loopback' }],
    internal: true,
    private: false,
  }),
]

describe('unusedInterfaceLines (rooms and host --interface)', () => {
  it('says nothing when every named interface is looked on', () => {
    expect(unusedInterfaceLines(machine, ['eth0'])).toEqual([])
  })

  it('says that a loopback interface is not searched, not that it is down', () => {
    expect(unusedInterfaceLines(machine, ['lo', 'eth0'])).toEqual([
      'a loopback interface is not searched: lo (interfaces: eth0, eth1, lo)',
    ])
  })

  it('names those that are down, missing or without IPv4 on a line of their own', () => {
    expect(unusedInterfaceLines(machine, ['eth1', 'wlan9', 'lo', 'wlan9'])).toEqual([
      'a loopback interface is not searched: lo (interfaces: eth0, eth1, lo)',
      'not up with an IPv4 address: eth1, wlan9 (interfaces: eth0, eth1, lo)',
    ])
  })

  it('says what host does not do with one: announce the room', () => {
    expect(unusedInterfaceLines(machine, ['lo'], 'used to announce the room')).toEqual([
      'a loopback interface is not used to announce the room: lo (interfaces: eth0, eth1, lo)',
    ])
  })
})
