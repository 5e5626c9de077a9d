import { createServer, type Server, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useHubFixture } from '../hub/testing/hub-fixture'
import { ipv4Info } from '../../../test/support/interface-info'
import { listInterfaces, type LocalInterface } from './interfaces'
import type { InfoRequest, InfoResult } from './probe'
import {
  SCAN_CONCURRENCY,
  interfaceSubnets,
  parseWatchTarget,
  scan,
  scanAddresses,
  subnetText,
  type ScanProgress,
} from './scan'

const { hubWith } = useHubFixture()

function iface(name: string, address: string, prefix: number): LocalInterface {
  const [only] = listInterfaces({
    interfaces: () => ({ [name]: [ipv4Info(address, prefix)] }),
    operState: () => 'up',
  })
  return only as LocalInterface
}

describe('scanAddresses', () => {
  it('covers a private /24 without its network, broadcast and own address', () => {
    const addresses = scanAddresses({
      interfaces: [iface('eth0', '192.168.1.23', 24)],
      ownAddresses: ['192.168.1.23'],
    })
    expect(addresses).toHaveLength(253)
    expect(addresses).not.toContain('192.168.1.0')
    expect(addresses).not.toContain('192.168.1.255')
    expect(addresses).not.toContain('192.168.1.23')
    expect(addresses[0]).toBe('192.168.1.1')
  })

  it('cuts a wider subnet to the /22 around the own address, edges of the real one excluded', () => {
    const wide = iface('eth0', '10.0.0.9', 16)
    expect(interfaceSubnets([wide]).map(subnetText)).toEqual(['10.0.0.0/22'])
    const addresses = scanAddresses({ interfaces: [wide], ownAddresses: ['10.0.0.9'] })
    expect(addresses).toHaveLength(1024 - 2)
    expect(addresses).not.toContain('10.0.0.0')
    expect(addresses).toContain('10.0.3.255')
    expect(addresses.at(-1)).toBe('10.0.3.255')
  })

  it('never scans public, shared, link-local or loopback subnets', () => {
    const addresses = scanAddresses({
      interfaces: [
        iface('eth0', '203.0.113.8', 24),
        iface('tailscale0', '100.100.1.1', 24),
        iface('eth1', '169.254.3.3', 16),
        iface('lo', '127.0.0.1', 8),
      ],
      ownAddresses: [],
    })
    expect(addresses).toEqual([])
  })

  it('adds watched hosts and subnets, once each, and skips this machine everywhere', () => {
    const watched = ['10.9.1.7', '10.9.1.0/30', '10.9.0.0/24'].map((text) => {
      const parsed = parseWatchTarget(text)
      if (!parsed.ok) throw new Error(text)
      return parsed.subnet
    })
    const addresses = scanAddresses({
      interfaces: [iface('v0', '10.9.0.1', 24)],
      ownAddresses: ['10.9.0.1', '10.9.1.1'],
      watched,
    })
    expect(addresses.filter((a) => a.startsWith('10.9.1.'))).toEqual(['10.9.1.7', '10.9.1.2'])
    expect(addresses).toHaveLength(253 + 2)
  })

  it('scans a /31 both addresses and a /32 not at all', () => {
    expect(scanAddresses({ interfaces: [iface('p', '10.1.1.0', 31)], ownAddresses: [] })).toEqual([
      '10.1.1.0',
      '10.1.1.1',
    ])
    expect(
      scanAddresses({ interfaces: [iface('p', '10.1.1.0', 32)], ownAddresses: ['10.1.1.0'] }),
    ).toEqual([])
  })
})

/** A fake /info fetcher that holds each request until told, counting how many are in flight. */
function heldRequests(): {
  request: (host: string, port: number, options: InfoRequest) => Promise<InfoResult>
  inFlight: () => number
  peak: () => number
  releaseAll: () => void
} {
  const held: Array<() => void> = []
  let inFlight = 0
  let peak = 0
  return {
    request: (_host, _port, options) =>
      new Promise((resolve) => {
        inFlight += 1
        peak = Math.max(peak, inFlight)
        const done = (reason: string): void => {
          inFlight -= 1
          resolve({ ok: false, reason })
        }
        held.push(() => done('ECONNREFUSED'))
        options.signal?.addEventListener('abort', () => done('cancelled'))
      }),
    inFlight: () => inFlight,
    peak: () => peak,
    releaseAll: () => held.splice(0).forEach((release) => release()),
  }
}

describe('scan', () => {
  it('finds a real hub, over TLS and over plain HTTP, and reports progress', async () => {
    const secure = await hubWith({ roomName: 'Secure' })
    const plain = await hubWith({ roomName: 'Plain', tls: false })
    const progress: ScanProgress[] = []
    const result = await scan({
      addresses: ['127.0.0.1'],
      ports: [secure.hub.port, plain.hub.port, secure.hub.port],
      timeoutMs: 5_000,
      onProgress: (p) => progress.push(p),
    })
    expect(result).toMatchObject({ probed: 2, total: 2, found: 2, cancelled: false })
    const byName = new Map(result.hubs.map((h) => [h.info.name, h]))
    expect(byName.get('Secure')).toMatchObject({ tls: true, port: secure.hub.port })
    expect(byName.get('Secure')?.presented).toBe(byName.get('Secure')?.info.fingerprint)
    expect(byName.get('Plain')).toMatchObject({ tls: false, presented: null })
    expect(progress[0]).toEqual({ probed: 0, total: 2, found: 0 })
    expect(progress.at(-1)).toEqual({ probed: 2, total: 2, found: 2 })
  })

  it('ignores what answers /info but not as a valid room', async () => {
    const server: Server = createServer((socket: Socket) => {
      socket.once('data', () =>
        socket.end(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n' +
            JSON.stringify({ v: 1, roomId: '<script>', name: 'x'.repeat(500) }),
        ),
      )
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    try {
      const result = await scan({ addresses: ['127.0.0.1'], ports: [port], timeoutMs: 5_000 })
      expect(result).toMatchObject({ probed: 1, found: 0, hubs: [] })
    } finally {
      server.close()
    }
  })

  it(`keeps at most ${SCAN_CONCURRENCY} requests in flight, even when asked for more`, async () => {
    const held = heldRequests()
    const addresses = Array.from({ length: 300 }, (_, i) => `10.0.${i >> 8}.${i & 255}`)
    const running = scan({ addresses, ports: [1], request: held.request, concurrency: 5000 })
    for (let left = 300; left > 0; left -= SCAN_CONCURRENCY) {
      await expect.poll(() => held.inFlight()).toBe(Math.min(left, SCAN_CONCURRENCY))
      held.releaseAll()
    }
    const result = await running
    expect(result).toMatchObject({ probed: 300, total: 300, found: 0, cancelled: false })
    expect(held.peak()).toBe(SCAN_CONCURRENCY)
  })

  it('stops at once when cancelled, ending the requests in flight', async () => {
    const held = heldRequests()
    const controller = new AbortController()
    const addresses = Array.from({ length: 1000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`)
    const running = scan({
      addresses,
      ports: [1],
      request: held.request,
      signal: controller.signal,
    })
    await expect.poll(() => held.inFlight()).toBe(SCAN_CONCURRENCY)
    controller.abort()
    const result = await running
    expect(result.cancelled).toBe(true)
    expect(result.probed).toBe(0)
    expect(held.inFlight()).toBe(0)
    expect(held.peak()).toBe(SCAN_CONCURRENCY)
  })
})
