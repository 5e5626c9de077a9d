import { beforeAll, describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { perFile } from '../../../test/support/scope'
import { LIMITS } from '../../shared/protocol'
import {
  ClusterPresence,
  HUB_KEY,
  MAX_URLS_PER_HUB,
  openPresenceBucket,
  type PresenceMember,
} from './presence'

const scope = perFile()
/** A short TTL for the test: the heartbeat is a quarter of it. */
const TTL_MS = 2000

let nats: NatsCluster
let rooms = 0

interface Hub {
  presence: ClusterPresence
  joined: PresenceMember[]
  left: PresenceMember[]
}

/** A "hub": its own NATS connection and presence in room `roomId`. */
async function hub(
  roomId: string,
  hubId: string,
  ttlMs = TTL_MS,
  appliedSeq?: () => number,
): Promise<Hub> {
  const nc = scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
  const joined: PresenceMember[] = []
  const left: PresenceMember[] = []
  const presence = await ClusterPresence.start(nc, {
    roomId,
    hubId,
    ttlMs,
    ...(appliedSeq ? { appliedSeq } : {}),
    onJoined: (member) => joined.push(member),
    onLeft: (member) => left.push(member),
  })
  scope.defer(() => presence.stop({ graceful: false }))
  return { presence, joined, left }
}

function names(members: PresenceMember[]): string[] {
  return members.map((m) => m.name).sort()
}

/** Polls within a safety net far above the TTL-bound waits of these tests. */
const POLL = { timeout: 5 * TTL_MS + 10_000 }

describe.skipIf(!natsServerInstalled)('cluster presence', () => {
  beforeAll(async () => {
    nats = scope.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
  })

  function newRoom(): string {
    rooms += 1
    return `presence${rooms}room`
  }

  it('tells each hub who joins and leaves on the other, never its own members', async () => {
    const room = newRoom()
    const a = await hub(room, 'hubA')
    const b = await hub(room, 'hubB')
    await a.presence.join({ name: 'Alice', clientId: 'alice-client-1' })
    await b.presence.join({ name: 'Bob', clientId: 'bob-client-01' })
    await expect.poll(() => names(b.joined), POLL).toEqual(['Alice'])
    await expect.poll(() => names(a.joined), POLL).toEqual(['Bob'])
    expect(b.joined[0]).toMatchObject({ clientId: 'alice-client-1', hubId: 'hubA' })

    await a.presence.leave('alice-client-1')
    await expect.poll(() => names(b.left), POLL).toEqual(['Alice'])
    expect(b.presence.remoteMembers()).toEqual([])
    // A hub that starts later learns who is already there.
    const c = await hub(room, 'hubC')
    await expect.poll(() => names(c.joined), POLL).toEqual(['Bob'])
    await expect
      .poll(
        () =>
          c.presence
            .otherHubs()
            .map((h) => [h.hubId, h.members])
            .sort(),
        POLL,
      )
      .toEqual([
        ['hubA', 0],
        ['hubB', 1],
      ])
  })

  it("reports a silent hub's members left once the TTL passes, and keeps the live ones", async () => {
    const room = newRoom()
    const dying = await hub(room, 'dying')
    const alive = await hub(room, 'alive')
    const watcher = await hub(room, 'watcher')
    dying.presence.describeHub({ urls: ['wss://10.0.0.1:47800/ws', 'wss://10.0.1.1:47800/ws'] })
    alive.presence.describeHub({ urls: ['wss://10.0.0.2:47800/ws', 'wss://10.0.1.2:47800/ws'] })
    watcher.presence.describeHub({ urls: ['wss://10.0.0.3:47800/ws'] })
    await dying.presence.join({ name: 'Dora', clientId: 'dora-client-1' })
    await alive.presence.join({ name: 'Abe', clientId: 'abe-client-01' })
    await expect.poll(() => names(watcher.joined), POLL).toEqual(['Abe', 'Dora'])
    // Each hub's first URL, then each one's second, from a hub chosen at random; none of its own.
    await expect
      .poll(() => watcher.presence.otherHubUrls(16, () => 0).sort(), POLL)
      .toEqual([
        'wss://10.0.0.1:47800/ws',
        'wss://10.0.0.2:47800/ws',
        'wss://10.0.1.1:47800/ws',
        'wss://10.0.1.2:47800/ws',
      ])
    const firsts = watcher.presence.otherHubUrls(16, () => 0).slice(0, 2)
    expect(firsts.sort()).toEqual(['wss://10.0.0.1:47800/ws', 'wss://10.0.0.2:47800/ws'])
    expect(watcher.presence.otherHubUrls(3, () => 0.99)).toHaveLength(3)
    expect(watcher.presence.otherHubUrls(3, () => 0)[0]).not.toBe(
      watcher.presence.otherHubUrls(3, () => 0.99)[0],
    )

    // As if the hub's process were killed: no goodbye, no more heartbeats.
    await dying.presence.stop({ graceful: false })
    await expect.poll(() => names(watcher.left), POLL).toEqual(['Dora'])
    // Abe's hub kept heartbeating through more than a TTL: still there.
    expect(names(watcher.presence.remoteMembers())).toEqual(['Abe'])
    expect(
      watcher.presence
        .otherHubs()
        .map((h) => h.hubId)
        .sort(),
    ).toEqual(['alive'])
    expect(watcher.presence.otherHubUrls(16)).toEqual([
      'wss://10.0.0.2:47800/ws',
      'wss://10.0.1.2:47800/ws',
    ])
  })

  it('says who left at once when a hub stops gracefully, and publishes what the hub says of itself', async () => {
    const room = newRoom()
    let read = 41
    const leaving = await hub(room, 'leaving', TTL_MS, () => read)
    const staying = await hub(room, 'staying')
    read = 42
    leaving.presence.describeHub({ address: 'wss://10.0.0.7:47800/ws' })
    await leaving.presence.join({ name: 'Lea', clientId: 'lea-client-01' })
    await expect
      .poll(() => staying.presence.otherHubs(), POLL)
      .toEqual([
        expect.objectContaining({
          hubId: 'leaving',
          address: 'wss://10.0.0.7:47800/ws',
          appliedSeq: 42,
          members: 1,
        }),
      ])
    const started = performance.now()
    await leaving.presence.stop()
    await expect.poll(() => names(staying.left), POLL).toEqual(['Lea'])
    // Deleted, not expired: well within the TTL (a safety net, not a measurement).
    expect(performance.now() - started).toBeLessThan(5 * TTL_MS)
    expect(staying.presence.otherHubs()).toEqual([])
    expect(staying.presence.otherHubUrls(16)).toEqual([])
  })

  it("lists a hub's join URLs as fit its record: at most 8, each a hub URL", async () => {
    const room = newRoom()
    const many = await hub(room, 'many')
    const long = await hub(room, 'long')
    const other = await hub(room, 'other')
    const plain = await hub(room, 'plain')
    other.presence.describeHub({ urls: ['wss://10.0.9.9:47800/ws'] })
    // A hub on plain ws: useless to other's members on wss, so other never lists it.
    plain.presence.describeHub({ urls: ['ws://10.0.9.1:47800/ws'] })
    const urls = Array.from({ length: 10 }, (_, i) => `wss://10.0.0.${i}:47800/ws`)
    many.presence.describeHub({ urls: ['file:///etc/passwd', ...urls] })
    // 250-character names: the record's 1024 bytes hold three of them.
    const longUrls = Array.from(
      { length: 8 },
      (_, i) =>
        `wss://${'h'.repeat(60)}.${'o'.repeat(60)}.${'s'.repeat(60)}.${'t'.repeat(50)}${i}/ws`,
    )
    long.presence.describeHub({ urls: longUrls })
    const heard = (hubId: string) =>
      other.presence.otherHubs().find((beat) => beat.hubId === hubId)?.urls ?? []
    await expect.poll(() => heard('many').length, POLL).toBe(MAX_URLS_PER_HUB)
    expect(heard('many')).toEqual(urls.slice(0, MAX_URLS_PER_HUB))
    await expect.poll(() => heard('long').length, POLL).toBeGreaterThan(0)
    expect(heard('long')).toEqual(longUrls.slice(0, heard('long').length))
    expect(heard('long').length).toBeLessThan(4)
    await expect.poll(() => heard('plain'), POLL).toEqual(['ws://10.0.9.1:47800/ws'])
    const listed = other.presence.otherHubUrls(LIMITS.maxHubUrls)
    expect(listed).toHaveLength(LIMITS.maxHubUrls - 5)
    expect(listed.filter((url) => !url.startsWith('wss:'))).toEqual([])
  })

  it("clears what this hub's previous run left behind, so that the others see it leave at once", async () => {
    const room = newRoom()
    // A TTL long enough to tell a delete from an expiry on a loaded machine.
    const ttlMs = 60_000
    const watcher = await hub(room, 'watcher', ttlMs)
    const before = await hub(room, 'restarted', ttlMs)
    await before.presence.join({ name: 'Old', clientId: 'old-client-01' })
    await expect.poll(() => names(watcher.joined), POLL).toEqual(['Old'])
    await before.presence.stop({ graceful: false })
    const started = performance.now()
    await hub(room, 'restarted', ttlMs)
    await expect.poll(() => names(watcher.left), POLL).toEqual(['Old'])
    // Deleted by the new run (typically ~0.2 s), not expired.
    expect(performance.now() - started).toBeLessThan(ttlMs / 2)
  })

  it('ignores records that are not a member or a hub of the key they are under', async () => {
    const room = newRoom()
    const watcher = await hub(room, 'watcher')
    const nc = scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
    const kv = await openPresenceBucket(nc, room, { ttlMs: TTL_MS })
    const member = { name: 'Eve', clientId: 'eve-client-01', hubId: 'evil', joinedAt: 1 }
    await kv.put('evil.eve-client-01', 'not json')
    await kv.put('evil.someone-else', JSON.stringify(member))
    await kv.put('other.eve-client-01', JSON.stringify(member))
    await kv.put(
      'evil.eve-client-02',
      JSON.stringify({ ...member, clientId: 'eve-client-02', name: 'x'.repeat(600) }),
    )
    await kv.put(
      'evil.eve-client-03',
      JSON.stringify({ ...member, clientId: 'eve-client-03', joinedAt: -1 }),
    )
    await kv.put(`evil.${HUB_KEY}`, JSON.stringify({ hubId: 'evil', members: 1e9 }))
    const beat = { hubId: 'evil', address: null, members: 1, appliedSeq: null, at: 1 }
    await kv.put(`evil.${HUB_KEY}`, JSON.stringify({ ...beat, urls: ['wss://u:p@10.0.0.1/ws'] }))
    await kv.put(`evil.${HUB_KEY}`, JSON.stringify({ ...beat, urls: ['http://10.0.0.1/ws'] }))
    const nine = Array.from({ length: 9 }, (_, i) => `ws://10.0.0.${i}/ws`)
    await kv.put(`evil.${HUB_KEY}`, JSON.stringify({ ...beat, urls: nine }))
    await kv.put('loose', JSON.stringify(member))
    // A valid one last: once it is seen, every record before it was seen too.
    await kv.put('evil.eve-client-01', JSON.stringify(member))
    await expect.poll(() => names(watcher.joined), POLL).toEqual(['Eve'])
    expect(watcher.presence.otherHubs()).toEqual([])
  })
})
