import { describe, expect, it } from 'vitest'
import {
  ELSEWHERE,
  parseIpRouteGet,
  parseMacRouteGet,
  parseWindowsRoute,
  routeInterface,
} from './routes'
import { neighbour } from './check-vpn'

describe('routes', () => {
  it('reads `ip -j route get` (recorded, iproute2 6.1), through a tunnel and directly', () => {
    expect(
      parseIpRouteGet(
        '[{"dst":"192.0.2.1","dev":"wg0","table":"51820","prefsrc":"10.66.0.2","flags":[],"uid":1000,"cache":[]}]\n',
      ),
    ).toBe('wg0')
    expect(
      parseIpRouteGet(
        '[{"dst":"10.9.0.2","dev":"v0","prefsrc":"10.9.0.1","flags":[],"uid":0,"cache":[]}]',
      ),
    ).toBe('v0')
    expect(parseIpRouteGet('RTNETLINK answers: Network is unreachable')).toBeNull()
    expect(parseIpRouteGet('[{"dev": 3}]')).toBeNull()
  })

  it('reads `route -n get default` (macOS)', () => {
    const output = [
      '   route to: default',
      'destination: default',
      '       mask: default',
      '    gateway: 10.8.0.1',
      '  interface: utun4',
      '      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>',
    ].join('\n')
    expect(parseMacRouteGet(output)).toBe('utun4')
    expect(parseMacRouteGet('route: writing to routing socket: not in table')).toBeNull()
  })

  it('reads the Windows default route’s adapter', () => {
    expect(
      parseWindowsRoute('\uFEFF{"alias":"corp","description":"WireGuard Tunnel #2"}\r\n'),
    ).toBe('corp (WireGuard Tunnel #2)')
    expect(parseWindowsRoute('{"alias":"Wi-Fi","description":"Wi-Fi"}')).toBe('Wi-Fi')
    expect(parseWindowsRoute('')).toBeNull()
  })

  it('asks the platform’s tool, and nothing where there is none', async () => {
    const calls: string[][] = []
    const run = async (file: string, args: string[]) => {
      calls.push([file, ...args])
      return { ok: true as const, stdout: '[{"dev":"eth0"}]' }
    }
    expect(await routeInterface(run, 'linux', ELSEWHERE, 1_000)).toBe('eth0')
    expect(calls).toEqual([['ip', '-j', 'route', 'get', ELSEWHERE]])
    expect(await routeInterface(run, 'freebsd', ELSEWHERE, 1_000)).toBeNull()
  })

  it('picks a neighbour in a subnet to route to', () => {
    expect(neighbour('192.168.1.20', 24)).toBe('192.168.1.1')
    expect(neighbour('192.168.1.1', 24)).toBe('192.168.1.2')
    expect(neighbour('10.0.0.5', 31)).toBeNull()
  })
})
