import { InvalidArgumentError } from 'commander'

/** Most NATS servers `--nats` lists. */
export const MAX_NATS_SERVERS = 16

/** `--nats` of `lanroom host` and `lanroom cluster status`: comma-separated nats:// or tls://
 * URLs, a bare HOST:PORT meaning nats://, at most 16. Returned as given (the NATS client reads a
 * bare HOST:PORT as nats:// too). */
export function natsServers(value: string): string[] {
  const servers = value
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '')
  if (servers.length === 0 || servers.length > MAX_NATS_SERVERS) {
    throw new InvalidArgumentError(`must list 1 to ${MAX_NATS_SERVERS} NATS servers`)
  }
  for (const server of servers) {
    const url = /^[a-z]+:\/\//i.test(server) ? server : `nats://${server}`
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new InvalidArgumentError(`${server} is not a NATS server address`)
    }
    if (!['nats:', 'tls:'].includes(parsed.protocol) || parsed.hostname === '') {
      throw new InvalidArgumentError(`${server} is not a nats:// or tls:// address`)
    }
  }
  return servers
}
