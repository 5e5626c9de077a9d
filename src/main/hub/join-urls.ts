import { networkInterfaces } from 'node:os'
import { WS_PATH } from '../../shared/protocol'
import type { Interfaces } from '../discovery/addresses'

/** The hosts a hub bound to `bind` can be reached at, the most useful first. */
export function joinHosts(bind: string, interfaces: Interfaces = networkInterfaces()): string[] {
  if (bind !== '0.0.0.0' && bind !== '::') return [bind.includes(':') ? `[${bind}]` : bind]
  const hosts: string[] = []
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) hosts.push(address.address)
    }
  }
  hosts.push('127.0.0.1')
  return hosts
}

/** `wss://host:port/ws` (`ws://` without TLS) for each host people can join at. */
export function joinUrls(bind: string, port: number, scheme: 'wss' | 'ws' = 'wss'): string[] {
  return joinHosts(bind).map((host) => `${scheme}://${host}:${port}${WS_PATH}`)
}
