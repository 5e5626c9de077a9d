/**
 * Looking harder: on the user's request only, ask every address of this machine's own private
 * subnets (and of the hosts and subnets the user watches) for a room's `GET /info`.
 *
 * Bounds, each a reason:
 * - only RFC 1918 space: scanning anything else is probing other people's networks;
 * - at most a /22 (1,022 hosts) per interface: a larger subnet is cut to the /22 around this
 *   machine's own address, where its neighbours most likely are; watched subnets larger than a
 *   /22 are refused;
 * - never this machine's own addresses, nor a subnet's network or broadcast address;
 * - at most SCAN_CONCURRENCY requests in flight, each ended after SCAN_TIMEOUT_MS, so the whole
 *   scan of a /22 on one port takes at most about 16 × SCAN_TIMEOUT_MS (twice that when a
 *   plain-HTTP hub needs a second request);
 * - it stops when every address was asked, or at once when cancelled.
 */
import { SCHEMAS, type RoomInfo } from '../../shared/protocol'
import type { LocalInterface } from './interfaces'
import { intToIpv4, ipv4ToInt, isIPv4, isPrivateSubnet, prefixMask } from './ipv4'
import { requestInfo, type InfoResult } from './probe'
import { MAX_SCAN_PREFIX, blockOf, type Subnet } from './watch-target'

// What is typed to watch is parsed in watch-target.ts (no Node built-in: the settings use it in
// the guest page too); its users that scan keep importing it from here.
export {
  MAX_SCAN_PREFIX,
  parseWatchTarget,
  subnetText,
  type Subnet,
  type WatchTargetError,
} from './watch-target'

/** Requests in flight at most: enough to sweep a /22 in seconds, few enough for any router. */
export const SCAN_CONCURRENCY = 64
/**
 * How long one address may take to answer, connection to last byte. A hub on the LAN answers
 * in milliseconds; an address where nobody is often never answers at all.
 */
export const SCAN_TIMEOUT_MS = 1_000
/** Ports per scan at most (the default one and what the user added). */
export const MAX_SCAN_PORTS = 8

/** The block's network and broadcast addresses (none for /31 and /32, RFC 3021). */
function edgesOf(subnet: Subnet): number[] {
  if (subnet.prefix >= 31) return []
  return [subnet.base, (subnet.base | ~prefixMask(subnet.prefix)) >>> 0]
}

/**
 * The blocks a scan of these interfaces covers: each private IPv4 address's subnet, cut to the
 * /22 around the address when wider.
 */
export function interfaceSubnets(
  chosen: readonly LocalInterface[],
): Array<Subnet & { own: number; edges: number[] }> {
  return chosen.flatMap((iface) =>
    iface.ipv4
      .filter((a) => a.scope === 'private')
      .map((a) => {
        const own = ipv4ToInt(a.address)
        const real = blockOf(own, a.prefix)
        const block = blockOf(own, Math.max(a.prefix, MAX_SCAN_PREFIX))
        return { ...block, own, edges: edgesOf(real) }
      })
      .filter((block) => isPrivateSubnet(intToIpv4(block.base), block.prefix)),
  )
}

export interface ScanPlanInput {
  /** The interfaces rooms use (chooseInterfaces); their private subnets are scanned. */
  interfaces: readonly LocalInterface[]
  /** Every IPv4 address of this machine, never probed. */
  ownAddresses: readonly string[]
  /** Watched hosts and subnets (parseWatchTarget). */
  watched?: readonly Subnet[]
}

/** The addresses a scan asks, in order, without duplicates. */
export function scanAddresses(input: ScanPlanInput): string[] {
  const skip = new Set(input.ownAddresses.filter((a) => isIPv4(a)).map(ipv4ToInt))
  const blocks = [
    ...interfaceSubnets(input.interfaces),
    ...(input.watched ?? []).map((subnet) => ({ ...subnet, edges: edgesOf(subnet) })),
  ]
  const seen = new Set<number>()
  const out: string[] = []
  for (const block of blocks) {
    if (block.prefix < MAX_SCAN_PREFIX) continue
    if (!isPrivateSubnet(intToIpv4(block.base), block.prefix)) continue
    // The real subnet's edges: a /22 cut from a wider subnet has none of its own.
    const edges = new Set(block.edges)
    const size = 2 ** (32 - block.prefix)
    for (let i = 0; i < size; i += 1) {
      const address = (block.base + i) >>> 0
      if (edges.has(address) || skip.has(address) || seen.has(address)) continue
      seen.add(address)
      out.push(intToIpv4(address))
    }
  }
  return out
}

/** A hub that answered a scan, its /info validated. */
export interface ScannedHub {
  address: string
  port: number
  tls: boolean
  info: RoomInfo
  /** The certificate its connection presented (null: plain). */
  presented: string | null
}

export interface ScanProgress {
  probed: number
  total: number
  found: number
}

export interface ScanResult extends ScanProgress {
  hubs: ScannedHub[]
  cancelled: boolean
}

export interface ScanOptions {
  addresses: readonly string[]
  /** Each address is asked on each of these (at most MAX_SCAN_PORTS, duplicates dropped). */
  ports: readonly number[]
  concurrency?: number
  timeoutMs?: number
  signal?: AbortSignal
  onProgress?: (progress: ScanProgress) => void
  onFound?: (hub: ScannedHub) => void
  /** The /info fetcher; injectable for tests. */
  request?: typeof requestInfo
}

/** A TLS handshake that met a plain HTTP server fails like this; then plain HTTP is asked. */
function worthPlainRetry(result: InfoResult): boolean {
  if (result.ok) return false
  return /^(EPROTO|ECONNRESET|ERR_SSL_)/.test(result.reason)
}

/** One address and port: over TLS first (every hub the app hosts), plain HTTP when that fails. */
async function ask(
  address: string,
  port: number,
  options: Required<Pick<ScanOptions, 'timeoutMs' | 'request'>> & { signal?: AbortSignal },
): Promise<ScannedHub | null> {
  const { request, timeoutMs, signal } = options
  let tls = true
  let result = await request(address, port, { tls, timeoutMs, ...(signal ? { signal } : {}) })
  if (worthPlainRetry(result) && !signal?.aborted) {
    tls = false
    result = await request(address, port, { tls, timeoutMs, ...(signal ? { signal } : {}) })
  }
  if (!result.ok) return null
  const parsed = SCHEMAS.info.safeParse(result.info)
  if (!parsed.success || parsed.data.tls !== tls) return null
  return { address, port, tls, info: parsed.data, presented: result.fingerprint }
}

/** Asks every address on every port, SCAN_CONCURRENCY at a time. Never rejects. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const ports = [...new Set(options.ports)]
    .filter((p) => Number.isInteger(p) && p >= 1 && p <= 65_535)
    .slice(0, MAX_SCAN_PORTS)
  const jobs = options.addresses.flatMap((address) => ports.map((port) => ({ address, port })))
  const concurrency = Math.max(
    1,
    Math.min(options.concurrency ?? SCAN_CONCURRENCY, SCAN_CONCURRENCY),
  )
  const settings = {
    timeoutMs: options.timeoutMs ?? SCAN_TIMEOUT_MS,
    request: options.request ?? requestInfo,
    ...(options.signal ? { signal: options.signal } : {}),
  }
  const hubs: ScannedHub[] = []
  let next = 0
  let probed = 0
  const report = (): void =>
    options.onProgress?.({ probed, total: jobs.length, found: hubs.length })
  report()
  const worker = async (): Promise<void> => {
    while (next < jobs.length && !options.signal?.aborted) {
      const job = jobs[next++] as { address: string; port: number }
      const hub = await ask(job.address, job.port, settings)
      if (options.signal?.aborted) return
      probed += 1
      if (hub) {
        hubs.push(hub)
        options.onFound?.(hub)
      }
      report()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker))
  return {
    probed,
    total: jobs.length,
    found: hubs.length,
    hubs,
    cancelled: options.signal?.aborted ?? false,
  }
}
