/**
 * The directory's rules without mDNS: advertisements are handed to it as bonjour-service would
 * (its browser is not started), and /info probes are answered by a fake. The real thing, over
 * multicast in a private network namespace, is test/discovery/discovery.test.ts.
 */
import type { Service } from 'bonjour-service'
import { afterEach, describe, expect, it } from 'vitest'
import type { DirectoryRoom } from '../../shared/protocol'
import type { Interfaces } from './addresses'
import { RoomDirectory } from './directory'
import type { ProbeAnswer } from './probe'

const REAL = 'a1'.repeat(32)
const FAKE = 'f0'.repeat(32)

const interfaces = (): Interfaces => ({
  eth0: [
    {
      address: '10.9.0.5',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: '10.9.0.5/24',
    },
  ],
})

interface Probe {
  address: string
  port: number
  tls: boolean
}

/** A directory fed by hand; `answer` plays every room's /info. */
function directory(answer: (probe: Probe) => ProbeAnswer | null = () => null) {
  const probes: Probe[] = []
  const dir = new RoomDirectory({
    interfaces,
    fetchInfo: (address, port, _timeout, tls = false) => {
      probes.push({ address, port, tls })
      return Promise.resolve(answer({ address, port, tls }))
    },
  })
  const feed = dir as unknown as { onAdvertisement(service: Service): void }
  const advertise = (
    instance: string,
    txt: Record<string, string>,
    port: number,
    addresses: string[],
  ): void =>
    feed.onAdvertisement({
      fqdn: `${instance}._lanroom._tcp.local`,
      txt,
      port,
      addresses,
    } as unknown as Service)
  return { dir, probes, advertise }
}

function txt(id: string, fp?: string): Record<string, string> {
  return { v: '1', id, name: `Room ${id}`, host: 'Host', pw: '0', ...(fp ? { fp } : {}) }
}

function info(roomId: string, fingerprint: string | null): ProbeAnswer {
  return {
    info: {
      v: 1,
      protocol: 'lanroom.v1',
      roomId,
      name: `Room ${roomId}`,
      hostName: 'Host',
      members: 2,
      passphrase: false,
      tls: fingerprint !== null,
      fingerprint,
    },
    fingerprint,
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20))
const dirs: RoomDirectory[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await dir.stop()
})

function listed(dir: RoomDirectory, id: string): DirectoryRoom {
  const room = dir.state.rooms.find((r) => r.id === id)
  if (!room) throw new Error(`${id} is not listed`)
  return room
}

describe('RoomDirectory', () => {
  it('lists a room advertising a fingerprint with wss:// urls, probes it over https and records what it presented', async () => {
    const { dir, probes, advertise } = directory((p) => (p.tls ? info('tls1', REAL) : null))
    dirs.push(dir)
    advertise('TLS room', txt('tls1', REAL), 47800, ['10.9.0.7'])
    await settle()
    expect(probes).toEqual([{ address: '10.9.0.7', port: 47800, tls: true }])
    expect(listed(dir, 'tls1')).toMatchObject({
      urls: ['wss://10.9.0.7:47800/ws'],
      fingerprint: REAL,
      presentedFingerprint: REAL,
      certificateMismatch: false,
      members: 2,
    })
  })

  it('lists a room without a fingerprint with ws:// urls and probes it over plain http', async () => {
    const { dir, probes, advertise } = directory((p) => (p.tls ? null : info('plain1', null)))
    dirs.push(dir)
    advertise('Plain room', txt('plain1'), 5000, ['10.9.0.8'])
    await settle()
    expect(probes).toEqual([{ address: '10.9.0.8', port: 5000, tls: false }])
    expect(listed(dir, 'plain1')).toMatchObject({
      urls: ['ws://10.9.0.8:5000/ws'],
      fingerprint: null,
      presentedFingerprint: null,
      certificateMismatch: false,
    })
  })

  it('flags a room whose connection presents another certificate than advertised', async () => {
    const { dir, advertise } = directory(() => info('r1', FAKE))
    dirs.push(dir)
    advertise('Genuine', txt('r1', REAL), 47800, ['10.9.0.9'])
    await settle()
    expect(listed(dir, 'r1')).toMatchObject({
      fingerprint: REAL,
      presentedFingerprint: FAKE,
      certificateMismatch: true,
    })
  })

  it('flags a room id advertised with two certificates, and keeps each advertisement its own port and scheme', async () => {
    const { dir, advertise } = directory((p) => (p.port === 47800 ? info('r2', REAL) : null))
    dirs.push(dir)
    advertise('Genuine', txt('r2', REAL), 47800, ['10.9.0.10'])
    await settle()
    expect(listed(dir, 'r2').certificateMismatch).toBe(false)
    advertise('Impostor', txt('r2', FAKE), 6000, ['10.9.0.66'])
    advertise('Downgrader', txt('r2'), 6001, ['10.9.0.10'])
    await settle()
    const room = listed(dir, 'r2')
    expect(room.certificateMismatch).toBe(true)
    expect([...room.urls].sort()).toEqual([
      'ws://10.9.0.10:6001/ws',
      'wss://10.9.0.10:47800/ws',
      'wss://10.9.0.66:6000/ws',
    ])
    // Still one entry: a room is its id.
    expect(dir.state.rooms.filter((r) => r.id === 'r2')).toHaveLength(1)
  })

  it('flags an impostor copying the id and fingerprint at another address, even when the real room answers first', async () => {
    const { dir, probes, advertise } = directory((p) =>
      p.address === '10.9.0.20' ? info('r3', REAL) : info('r3', FAKE),
    )
    dirs.push(dir)
    advertise('Genuine', txt('r3', REAL), 47800, ['10.9.0.20'])
    await settle()
    expect(listed(dir, 'r3')).toMatchObject({
      presentedFingerprint: REAL,
      certificateMismatch: false,
    })
    advertise('Copy', txt('r3', REAL), 47800, ['10.9.0.21'])
    probes.length = 0
    ;(dir as unknown as { probeAll(): void }).probeAll()
    await settle()
    // Both addresses were asked, though the first answered as the room.
    expect(probes.map((p) => p.address)).toEqual(['10.9.0.20', '10.9.0.21'])
    expect(listed(dir, 'r3')).toMatchObject({
      fingerprint: REAL,
      // What a join would meet first: the real room.
      presentedFingerprint: REAL,
      certificateMismatch: true,
    })
  })

  it('does not flag a room whose addresses all present its one certificate', async () => {
    const { dir, probes, advertise } = directory(() => info('r4', REAL))
    dirs.push(dir)
    advertise('Two interfaces', txt('r4', REAL), 47800, ['10.9.0.30', '10.9.0.31'])
    await settle()
    expect(probes).toHaveLength(2)
    expect(listed(dir, 'r4')).toMatchObject({
      presentedFingerprint: REAL,
      certificateMismatch: false,
    })
  })

  it('lists at most 256 rooms however many are advertised', async () => {
    const { dir, advertise } = directory()
    dirs.push(dir)
    for (let i = 0; i < 300; i++) advertise(`Flood ${i}`, txt(`flood${i}`), 7000, ['10.9.0.11'])
    await settle()
    expect(dir.state.rooms).toHaveLength(256)
  })

  it('tries at most 16 addresses of one room and probes at most 4', async () => {
    const { dir, probes, advertise } = directory()
    dirs.push(dir)
    const many = Array.from({ length: 32 }, (_, i) => `10.9.3.${i + 1}`)
    advertise('Wide', txt('wide', REAL), 47800, many)
    for (let port = 8000; port < 8020; port++)
      advertise(`Wide ${port}`, txt('wide', REAL), port, ['10.9.0.12'])
    await settle()
    const room = listed(dir, 'wide')
    expect(room.urls.length).toBe(16)
    expect(new Set(room.urls).size).toBe(16)
    expect(probes.length).toBeLessThanOrEqual(4)
  })
})
