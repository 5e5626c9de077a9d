import { isIPv4 as nodeIsIPv4 } from 'node:net'
import { describe, expect, it } from 'vitest'
import { intToIpv4, ipv4ToInt, isIPv4, isPrivateSubnet, prefixMask } from './ipv4'

describe('isIPv4', () => {
  it.each([
    '0.0.0.0',
    '10.0.0.1',
    '192.168.1.255',
    '255.255.255.255',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.04',
    '1.2.3',
    '1.2.3.4.5',
    '1..3.4',
    ' 1.2.3.4',
    '1.2.3.4/24',
    '::1',
    '',
    'a.b.c.d',
    '1'.repeat(64),
  ])('agrees with node:net on %j', (text) => {
    expect(isIPv4(text)).toBe(nodeIsIPv4(text))
  })
})

describe('IPv4 arithmetic', () => {
  it('goes to a number and back', () => {
    expect(ipv4ToInt('192.168.1.20')).toBe(0xc0a80114)
    expect(intToIpv4(0xc0a80114)).toBe('192.168.1.20')
    expect(prefixMask(22)).toBe(0xfffffc00)
    expect(prefixMask(0)).toBe(0)
  })

  it('knows a private block only when all of it is private', () => {
    expect(isPrivateSubnet('10.1.0.0', 16)).toBe(true)
    expect(isPrivateSubnet('172.16.0.0', 12)).toBe(true)
    expect(isPrivateSubnet('172.0.0.0', 8)).toBe(false)
    expect(isPrivateSubnet('192.168.0.0', 15)).toBe(false)
  })
})
