import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HAVE_NATS_SERVER,
  startNats,
  type TestNats,
} from '../../src/main/cluster/testing/nats-server'
import { assertBuilt, runCli, runHostUntil } from '../support/cli'
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
      const url = (nats as TestNats).url
      const args = ['--nats', url, '--name', 'Shared', '--port', '0', '--no-advertise', '--no-tls']
      const a = await scope.host([...args, '--data-dir', dataDir()])
      const b = await scope.host([...args, '--data-dir', dataDir()])
      expect(b.info.roomId).toBe(a.info.roomId)
      const ada = client(a.info.url)
      const bob = client(b.info.url)
      const adaWelcome = await ada.join('ada', cid('ada'))
      await bob.join('bob', cid('bob'))
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
})
