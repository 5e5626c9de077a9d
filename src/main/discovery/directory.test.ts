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

const dirs: RoomDirectory[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await dir.stop()
})

/** A directory fed by hand, stopped after the test; `answer` plays every room's /info. */
function directory(answer: (probe: Probe) => ProbeAnswer | null = () => null) {
  const probes: Probe[] = []
  const dir = new RoomDirectory({
    interfaces,
    fetchInfo: (address, port, _timeout, tls = false) => {
      probes.push({ address, port, tls })
      return Promise.resolve(answer({ address, port, tls }))
    },
  })
  dirs.push(dir)
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
  const goodbye = (instance: string): void =>
    (dir as unknown as { onGoodbye(service: Service): void }).onGoodbye({
      fqdn: `${instance}._lanroom._tcp.local`,
    } as unknown as Service)
  return { dir, probes, advertise, goodbye }
}

/** How many room ids the directory keeps state for (listed or not): what MAX_ROOMS bounds. */
function roomsKept(dir: RoomDirectory): number {
  return (dir as unknown as { health: Map<string, unknown> }).health.size
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

/**
 * Waits until the directories of this test are quiet: no state change for three looks 20 ms
 * apart (probes here answer at once, but a busy machine runs the timers late). A safety net
 * of 15 s, far above the milliseconds this takes.
 */
async function settle(): Promise<void> {
  const deadline = performance.now() + 15_000
  let last = dirs.map((dir) => dir.state)
  let quiet = 0
  while (quiet < 3 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    const now = dirs.map((dir) => dir.state)
    quiet = now.every((state, i) => state === last[i]) ? quiet + 1 : 0
    last = now
  }
}

function listed(dir: RoomDirectory, id: string): DirectoryRoom {
  const room = dir.state.rooms.find((r) => r.id === id)
  if (!room) throw new Error(`${id} is not listed`)
  return room
}

describe('RoomDirectory', () => {
  it.each([
    {
      room: 'advertising a fingerprint',
      id: 'tls1',
      txt: txt('tls1', REAL),
      probe: { address: '10.9.0.7', port: 47800, tls: true },
      answer: info('tls1', REAL),
      url: 'wss://10.9.0.7:47800/ws',
      fingerprint: REAL,
    },
    {
      room: 'without a fingerprint',
      id: 'plain1',
      txt: txt('plain1'),
      probe: { address: '10.9.0.8', port: 5000, tls: false },
      answer: info('plain1', null),
      url: 'ws://10.9.0.8:5000/ws',
      fingerprint: null,
    },
  ])(
    'lists a room $room with $url, probes it over https or plain http to match and records what it presented',
    async ({ id, txt: record, probe, answer, url, fingerprint }) => {
      const { dir, probes, advertise } = directory((p) => (p.tls === probe.tls ? answer : null))
      advertise('Room', record, probe.port, [probe.address])
      await settle()
      expect(probes).toEqual([probe])
      expect(listed(dir, id)).toMatchObject({
        urls: [url],
        fingerprint,
        presentedFingerprint: fingerprint,
        certificateMismatch: false,
        members: 2,
      })
    },
  )

  it('flags a room whose connection presents another certificate than advertised', async () => {
    const { dir, advertise } = directory(() => info('r1', FAKE))
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
    for (let i = 0; i < 300; i++) advertise(`Flood ${i}`, txt(`flood${i}`), 7000, ['10.9.0.11'])
    await settle()
    expect(dir.state.rooms).toHaveLength(256)
  })

  it('lists at most 256 rooms at a time, not 256 ever: an id one name stops carrying frees its place', async () => {
    const { dir, advertise, goodbye } = directory()
    // One mDNS name whose TXT record changes id again and again, as a host that restarts with
    // a new room (or a hostile one) would: only its latest id is a room.
    for (let i = 0; i < 300; i++) advertise('Changing', txt(`changing${i}`), 7000, ['10.9.0.13'])
    await settle()
    expect(dir.state.rooms.map((room) => room.id)).toEqual(['changing299'])
    advertise('Next', txt('next'), 7001, ['10.9.0.14'])
    await settle()
    expect(dir.state.rooms.map((room) => room.id).sort()).toEqual(['changing299', 'next'])
    goodbye('Changing')
    goodbye('Next')
    await settle()
    expect(dir.state.rooms).toEqual([])
    expect(roomsKept(dir)).toBe(0)
    // The whole bound is free again.
    for (let i = 0; i < 256; i++) advertise(`Later ${i}`, txt(`later${i}`), 7002, ['10.9.0.15'])
    await settle()
    expect(dir.state.rooms).toHaveLength(256)
  })

  it('forgets a room whose advertisement stops validating, so that it may come back under another id', async () => {
    const { dir, advertise } = directory()
    for (let i = 0; i < 300; i++) {
      advertise('Flaky', txt(`flaky${i}`), 7000, ['10.9.0.16'])
      advertise('Flaky', { ...txt(`flaky${i}`), pw: 'maybe' }, 7000, ['10.9.0.16'])
    }
    await settle()
    expect(dir.state.rooms).toEqual([])
    expect(roomsKept(dir)).toBe(0)
    advertise('Flaky', txt('flaky-again'), 7000, ['10.9.0.16'])
    advertise('Other', txt('other'), 7001, ['10.9.0.17'])
    await settle()
    expect(dir.state.rooms.map((room) => room.id).sort()).toEqual(['flaky-again', 'other'])
  })

  it('keeps a room id that another advertisement still carries when one name moves to a new id', async () => {
    const { dir, advertise } = directory(() => info('shared', REAL))
    advertise('First', txt('shared', REAL), 47800, ['10.9.0.18'])
    advertise('Second', txt('shared', REAL), 47800, ['10.9.0.19'])
    await settle()
    expect(listed(dir, 'shared').presentedFingerprint).toBe(REAL)
    advertise('Second', txt('moved'), 7000, ['10.9.0.19'])
    await settle()
    // What the room's checks found is kept: the first name still advertises it.
    expect(listed(dir, 'shared')).toMatchObject({ presentedFingerprint: REAL, members: 2 })
    expect(listed(dir, 'moved').urls).toEqual(['ws://10.9.0.19:7000/ws'])
    expect(roomsKept(dir)).toBe(2)
  })

  it('a check of a room id nobody advertises any more forgets it', async () => {
    const { dir, advertise } = directory(() => info('live', null))
    advertise('Live', txt('live'), 7000, ['10.9.0.20'])
    await settle()
    const health = (dir as unknown as { health: Map<string, unknown> }).health
    // Left behind as an older version of the directory left it (replaced TXT records).
    health.set('ghost', {
      failures: 0,
      members: null,
      presented: null,
      conflicting: false,
      probing: false,
    })
    ;(dir as unknown as { probeAll(): void }).probeAll()
    await settle()
    expect([...health.keys()]).toEqual(['live'])
  })

  it('tries at most 16 addresses of one room and probes at most 4', async () => {
    const { dir, probes, advertise } = directory()
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

describe('RoomDirectory with hostile advertisements', () => {
  it('never probes or lists loopback, unspecified, multicast or broadcast addresses', async () => {
    const { dir, probes, advertise } = directory(() => info('lo', null))
    const local = ['127.0.0.1', '::1', '0.0.0.0', '::', '224.0.0.251', 'ff02::fb', '10.9.0.255']
    advertise('Loopback', txt('lo'), 47800, local)
    // The packet's source address counts as an advertised one: it is checked the same way.
    const feed = dir as unknown as { onAdvertisement(service: Service): void }
    feed.onAdvertisement({
      fqdn: 'Referer._lanroom._tcp.local',
      txt: txt('lo'),
      port: 47801,
      addresses: [],
      referer: { address: '127.0.0.1', family: 'IPv4', port: 5353, size: 100 },
    } as unknown as Service)
    await settle()
    expect(probes).toEqual([])
    expect(dir.state.rooms).toEqual([])
    // The same room with one real address is listed, at that address only.
    advertise('Loopback', txt('lo'), 47800, [...local, '10.9.0.40'])
    ;(dir as unknown as { probeAll(): void }).probeAll()
    await settle()
    expect(probes.map((p) => p.address)).toEqual(['10.9.0.40'])
    expect(listed(dir, 'lo')).toMatchObject({
      addresses: ['10.9.0.40'],
      urls: ['ws://10.9.0.40:47800/ws'],
    })
  })

  it('stays bounded and quick under a flood of advertisements for one room', async () => {
    const { dir, probes, advertise } = directory()
    const started = performance.now()
    for (let i = 0; i < 1_100; i++) {
      const addresses = Array.from({ length: 40 }, (_, j) => `10.${(i >> 8) & 255}.${i & 255}.${j}`)
      advertise(`Flood ${i}`, txt('one', REAL), 1_000 + i, addresses)
    }
    await settle()
    const room = listed(dir, 'one')
    expect(room.addresses.length).toBeLessThanOrEqual(16)
    expect(room.urls.length).toBeLessThanOrEqual(16)
    expect(probes.length).toBeLessThanOrEqual(4)
    // A safety net only (typically well under a second): the old endpoint search was
    // addresses x advertisements x addresses, minutes for this flood.
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('takes TXT values at their bounds and ignores advertisements over them', async () => {
    const { dir, advertise } = directory()
    const at = {
      v: '1',
      id: 'i'.repeat(64),
      name: 'N'.repeat(60),
      host: 'H'.repeat(40),
      pw: '1',
      fp: REAL,
    }
    advertise('At bounds', at, 47800, ['10.9.0.50'])
    const over: Array<[string, Record<string, unknown>]> = [
      ['a long id', { ...at, id: 'i'.repeat(65) }],
      ['a long name', { ...at, id: 'over-name', name: 'N'.repeat(61) }],
      ['a huge name', { ...at, id: 'huge-name', name: 'N'.repeat(100_000) }],
      ['a long host', { ...at, id: 'over-host', host: 'H'.repeat(41) }],
      ['a long version', { ...at, id: 'over-v', v: '1'.repeat(7) }],
      ['a name that is a buffer', { ...at, id: 'buffer', name: Buffer.from('Lab') }],
      ['a name that is an object', { ...at, id: 'object', name: { toString: () => 'x' } }],
      ['a passphrase flag that is not 0 or 1', { ...at, id: 'pw', pw: 'yes' }],
      ['no TXT at all', {}],
    ]
    for (const [label, record] of over) {
      advertise(label, record as Record<string, string>, 47800, ['10.9.0.51'])
    }
    // A name with characters the name rule refuses is repaired, as names from hubs are
    // (docs/protocol.md, Names from a hub): listed, without them.
    advertise('Bidi', { ...at, id: 'bidi', name: 'Lab\u202eevil', host: '\u200b\u200b' }, 47800, [
      '10.9.0.53',
    ])
    // A fingerprint that is not one is only a missing hint: the room is listed without TLS.
    advertise('Bad fp', { ...at, id: 'bad-fp', fp: 'zz'.repeat(32) }, 47800, ['10.9.0.52'])
    await settle()
    expect(dir.state.rooms.map((room) => room.id).sort()).toEqual([
      'bad-fp',
      'bidi',
      'i'.repeat(64),
    ])
    expect(listed(dir, 'bidi')).toMatchObject({ name: 'Labevil', hostName: 'Unnamed' })
    expect(listed(dir, 'i'.repeat(64))).toMatchObject({
      name: 'N'.repeat(60),
      hostName: 'H'.repeat(40),
      passphrase: true,
      fingerprint: REAL,
    })
    expect(listed(dir, 'bad-fp')).toMatchObject({
      fingerprint: null,
      urls: ['ws://10.9.0.52:47800/ws'],
    })
  })
})
