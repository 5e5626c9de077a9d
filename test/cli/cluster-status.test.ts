import { beforeAll, describe, expect, it } from 'vitest'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { claimRoomIdentity, openRoomsBucket } from '../../src/main/cluster/identity'
import { roomStream } from '../../src/main/cluster/names'
import { ClusterPresence } from '../../src/main/cluster/presence'
import type { ClusterStatus } from '../../src/cli/cluster-status'
import { assertBuilt, runCli } from '../support/cli'
import { natsServerInstalled, startNatsCluster, type NatsCluster } from '../support/nats-cluster'
import { freePort } from '../support/free-port'
import { perFile } from '../support/scope'

const scope = perFile()
const ROOM_ID = 'statusroom123456'
const FINGERPRINT = 'c3'.repeat(32)
/** Each run of the command: it answers in well under a second here. */
const RUN_TIMEOUT_MS = 30_000

let nats: NatsCluster
let nc: NatsConnection

function status(args: string[]): ReturnType<typeof runCli> {
  return runCli(['cluster', 'status', ...args], '', RUN_TIMEOUT_MS)
}

async function hubPresence(hubId: string, seq: number, members: string[]): Promise<void> {
  const own = scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
  const presence = await ClusterPresence.start(own, {
    roomId: ROOM_ID,
    hubId,
    replicas: 3,
    describe: { address: `wss://10.0.0.${seq}:47800/ws` },
    appliedSeq: () => seq,
  })
  scope.defer(() => presence.stop({ graceful: false }))
  for (const name of members) {
    await presence.join({ name, clientId: `${name.toLowerCase()}-client-id` })
  }
}

describe.skipIf(!natsServerInstalled)('lanroom cluster status', () => {
  beforeAll(async () => {
    assertBuilt()
    nats = scope.keep(await startNatsCluster({ servers: 3 }), (n) => n.stop())
    nc = scope.keep(await connect({ servers: nats.urls[2]! }), (c) => c.close())
    const claimed = await claimRoomIdentity(await openRoomsBucket(nc, 3), {
      id: ROOM_ID,
      name: 'Status Lab',
      epoch: 'statusepoch12345',
      verifier: null,
      fingerprint: FINGERPRINT,
    })
    expect(claimed.ok).toBe(true)
    // The event log is nats-core's; a stream of the same name stands in for it here.
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({
      name: roomStream(ROOM_ID),
      subjects: [`test.${ROOM_ID}.>`],
      num_replicas: 3,
    })
    const js = jetstream(nc)
    for (let i = 0; i < 5; i++) await js.publish(`test.${ROOM_ID}.events`, `event ${i}`)
    await hubPresence('hubA', 5, ['Alice', 'Bob'])
    await hubPresence('hubB', 3, ['Carol'])
  })

  it('shows the room, its stream and replicas, and each hub with its members and lag', async () => {
    const run = await status(['Status Lab', '--nats', nats.urls.join(',')])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.slice(0, 3)).toEqual([
      `Room: Status Lab (id ${ROOM_ID}, epoch statusepoch12345)`,
      `Certificate: ${FINGERPRINT}; passphrase: no`,
      `Stream: LANROOM_${ROOM_ID}, last seq 5, 5 messages, 3 replicas`,
    ])
    expect(lines.filter((l) => l.startsWith('  replica ')).sort()).toHaveLength(3)
    expect(lines.filter((l) => / leader, lag 0$/.test(l))).toHaveLength(1)
    expect(lines.slice(6)).toEqual([
      'Hubs: 2, members: 3',
      expect.stringMatching(
        /^ {2}hub hubA: wss:\/\/10\.0\.0\.5:47800\/ws, 2 members, applied seq 5 \(lag 0\), heartbeat \d+\.\d s ago$/,
      ),
      '    Alice (alice-client-id)',
      '    Bob (bob-client-id)',
      expect.stringMatching(/^ {2}hub hubB: .*, 1 member, applied seq 3 \(lag 2\), /),
      '    Carol (carol-client-id)',
    ])
  })

  it('prints one JSON document with --json, found by the room id too', async () => {
    const run = await status([ROOM_ID, '--nats', nats.urls[0]!, '--json'])
    expect(run.code).toBe(0)
    const parsed = JSON.parse(run.stdout) as ClusterStatus
    expect(parsed.room).toEqual({
      id: ROOM_ID,
      name: 'Status Lab',
      epoch: 'statusepoch12345',
      fingerprint: FINGERPRINT,
      passphrase: false,
    })
    expect(parsed.stream).toMatchObject({ lastSeq: 5, messages: 5, replicaCount: 3 })
    expect(parsed.stream?.replicas.map((r) => r.name).sort()).toEqual(nats.names)
    expect(parsed.hubs.map((h) => [h.hubId, h.members.length, h.lag])).toEqual([
      ['hubA', 2, 0],
      ['hubB', 1, 2],
    ])
    expect(parsed.problems).toEqual([])
  })

  it('exits 3 for a room the cluster does not have, 1 when NATS does not answer, 2 for bad flags', async () => {
    const missing = await status(['No Such Room', '--nats', nats.urls[0]!])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toBe('lanroom: no room "No Such Room" in this NATS cluster\n')
    // A bare HOST:PORT means nats://, as with `lanroom host --nats`.
    const bare = await status(['No Such Room', '--nats', nats.urls[0]!.slice('nats://'.length)])
    expect(bare.stderr).toBe('lanroom: no room "No Such Room" in this NATS cluster\n')
    expect(bare.code).toBe(3)
    const nobody = `nats://127.0.0.1:${await freePort()}`
    const unreachable = await status(['Status Lab', '--nats', nobody, '--timeout', '2'])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/^lanroom: could not connect to NATS at /)
    expect((await status(['Status Lab', '--nats', 'http://example'])).code).toBe(2)
    expect((await status(['Status Lab'])).code).toBe(2)
    const creds = await status([
      'Status Lab',
      '--nats',
      nats.urls[0]!,
      '--nats-creds',
      '/nonexistent.creds',
    ])
    expect(creds.code).toBe(2)
  })

  it('exits 4 and names the replica when a NATS server is down', async () => {
    await nats.kill(0)
    // The stream's leader notices a lost peer after a few seconds, and JetStream may be electing
    // a new leader meanwhile (a run then cannot read the cluster and exits 1): poll until one
    // run says it, with a safety net.
    const replicaDown = /^Problem: stream replica n0 is (offline|not current)$/m
    await expect
      .poll(
        async () => {
          const run = await status(['Status Lab', '--nats', nats.urls[2]!])
          return run.code === 4 && replicaDown.test(run.stdout) ? 'told' : `${run.code}`
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe('told')
  })

  it('exits 1 when JetStream has lost its quorum (two of three servers down)', async () => {
    if (nats.running(0)) await nats.kill(0)
    await nats.kill(1)
    const run = await status(['Status Lab', '--nats', nats.urls[2]!, '--timeout', '2'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^lanroom: could not read the cluster's status: /)
  })
})
