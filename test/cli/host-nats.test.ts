import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HAVE_NATS_SERVER,
  startNats,
  type TestNats,
} from '../../src/main/cluster/testing/nats-server'
import type { ClusterStatus } from '../../src/cli/cluster-status'
import { assertBuilt, runCli, runHostUntil, type Finished } from '../support/cli'
import { perTest } from '../support/scope'
import { cid } from '../support/ws-client'

// `lanroom host --nats`: two hub processes serve one room through a real nats-server.

const scope = perTest()
const { client, dir: dataDir } = scope
let nats: TestNats | null = null

beforeAll(async () => {
  assertBuilt()
  if (HAVE_NATS_SERVER) nats = await startNats()
})
afterAll(async () => {
  await nats?.stop()
})

/** Two `lanroom host --nats` processes serving room `name`, with a member on each: ada on the
 * first, bob on the second. */
async function twoHubs(name: string) {
  const url = (nats as TestNats).url
  const args = ['--nats', url, '--name', name, '--port', '0', '--no-advertise', '--no-tls']
  const a = await scope.host([...args, '--data-dir', dataDir()])
  const b = await scope.host([...args, '--data-dir', dataDir()])
  const ada = client(a.info.url)
  const bob = client(b.info.url)
  const adaWelcome = await ada.join('ada', cid('ada'))
  await bob.join('bob', cid('bob'))
  return { url, args, a, b, ada, bob, adaWelcome }
}

describe('lanroom host --nats', () => {
  it('refuses --nats without --name, --nats-creds alone and addresses that are not NATS', async () => {
    for (const [args, reason] of [
      [['--nats', 'nats://127.0.0.1:4222'], '--nats needs --name'],
      [['--nats-creds', '/nowhere', '--name', 'R'], '--nats-creds needs --nats'],
      [['--nats', 'http://127.0.0.1:4222', '--name', 'R'], 'is not a nats:// or tls:// address'],
    ] as const) {
      const run = await runCli(['host', ...args, '--data-dir', dataDir(), '--no-advertise'])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(reason)
    }
  })

  it('exits 1 and says why when NATS cannot be reached', async () => {
    const run = await runCli([
      'host',
      '--nats',
      'nats://127.0.0.1:1',
      '--name',
      'Unreachable',
      '--data-dir',
      dataDir(),
      '--no-advertise',
      '--no-tls',
      '--port',
      '0',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^lanroom: cannot serve the room through NATS \(nats:\/\/127\.0\.0\.1:1\)/m,
    )
  })

  it.skipIf(!HAVE_NATS_SERVER)(
    'serves one room from two processes',
    async () => {
      const { args, a, b, ada, bob, adaWelcome } = await twoHubs('Shared')
      expect(b.info.roomId).toBe(a.info.roomId)
      ada.chat('a1', 'hello from a')
      const heard = await bob.next('chat')
      expect(heard).toMatchObject({ id: 'a1', from: cid('ada'), seq: adaWelcome.lastSeq + 1 })
      expect((await ada.next('chat')).seq).toBe(heard.seq)
      const text = await runHostUntil([...args, '--data-dir', dataDir()], /Press Ctrl\+C/)
      expect(text.stdout).toContain(
        `Served with other hubs through NATS (stream LANROOM_${a.info.roomId}).`,
      )
    },
    60_000,
  )

  it.skipIf(!HAVE_NATS_SERVER)(
    "is watched by `cluster status` (--nats a bare HOST:PORT): the stream's one replica, each hub's members and the seq it has read",
    async () => {
      const { url, a, ada, bob } = await twoHubs('Watched')
      ada.chat('a1', 'one')
      ada.chat('a2', 'two')
      await bob.next('chat')
      const last = (await bob.next('chat')).seq
      const bare = url.replace(/^nats:\/\//, '')
      const status = (json: boolean): ReturnType<typeof runCli> =>
        runCli(['cluster', 'status', 'Watched', '--nats', bare, ...(json ? ['--json'] : [])])
      // Each hub says the seq it has read in its heartbeat, every 3.75 s.
      const hubLine = new RegExp(
        `^ {2}hub \\S+: \\S+, 1 member, applied seq ${last} \\(lag 0\\), heartbeat \\d+\\.\\d s ago$`,
      )
      let run: Finished | null = null
      // A safety net: both say it within one heartbeat, 3.75 s.
      await expect
        .poll(
          async () => {
            run = await status(false)
            const told = run.stdout.split('\n').filter((line) => hubLine.test(line)).length
            return told === 2 ? 'told' : `${run.code} ${run.stdout}${run.stderr}`
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe('told')
      const { code, stdout, stderr } = run as unknown as Finished
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const lines = stdout.trimEnd().split('\n')
      expect(lines[2]).toBe(
        `Stream: LANROOM_${a.info.roomId}, last seq ${last}, ${last} messages, 1 replica`,
      )
      expect(lines[3]).toBe('Hubs: 2, members: 2')
      const members = lines.filter((line) => /^ {4}\S+ \(/.test(line)).sort()
      expect(members).toEqual([`    ada (${cid('ada')})`, `    bob (${cid('bob')})`])

      const json = await status(true)
      expect(json.code).toBe(0)
      const parsed = JSON.parse(json.stdout) as ClusterStatus
      expect(parsed.stream).toEqual({
        name: `LANROOM_${a.info.roomId}`,
        lastSeq: last,
        messages: last,
        replicaCount: 1,
        replicas: [],
      })
      expect(parsed.hubs.map((hub) => [hub.appliedSeq, hub.lag, hub.members.length])).toEqual([
        [last, 0, 1],
        [last, 0, 1],
      ])
    },
    60_000,
  )
})
