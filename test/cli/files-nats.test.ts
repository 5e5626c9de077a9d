import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HAVE_NATS_SERVER,
  startNats,
  type TestNats,
} from '../../src/main/cluster/testing/nats-server'
import { received } from '../../src/main/hub/testing/timeline-client'
import { assertBuilt, runCli } from '../support/cli'
import { perTest } from '../support/scope'
import { cid } from '../support/ws-client'

// `lanroom send` to one hub of a clustered room and `lanroom get` from another: the file is in
// the room's JetStream object store. Two `lanroom host` processes, one real nats-server.

const scope = perTest()
const { dir } = scope
let nats: TestNats | null = null

beforeAll(async () => {
  assertBuilt()
  if (HAVE_NATS_SERVER) nats = await startNats()
})
afterAll(async () => {
  await nats?.stop()
})

describe.skipIf(!HAVE_NATS_SERVER)('files through a clustered room', () => {
  it('sends at hub A and gets the same bytes at hub B', async () => {
    const url = (nats as TestNats).url
    // Plain ws: until the room's identity is wired in, each hub makes a certificate of its own.
    const args = [
      '--nats',
      url,
      '--name',
      'Shared files',
      '--port',
      '0',
      '--no-advertise',
      '--no-tls',
    ]
    const a = await scope.host([...args, '--data-dir', dir()])
    const b = await scope.host([...args, '--data-dir', dir()])
    const source = join(dir(), 'data.bin')
    const bytes = randomBytes(700 * 1024)
    writeFileSync(source, bytes)

    // A member of hub B: the file chat reaches B through the room's stream, on B's own time.
    const watcher = scope.client(b.info.url)
    await watcher.join('Watcher', cid('Watcher'))
    const sent = await runCli(['send', a.info.url, source, '--name', 'Sender'])
    expect(sent.code, sent.stderr).toBe(0)
    const id = /^sent data\.bin \(.*\) id=([\w-]+)$/m.exec(sent.stdout)?.[1]
    expect(id, sent.stdout).toBeDefined()
    await received(watcher, 'chat', (chat) => chat.file?.id === id)

    const out = dir()
    const got = await runCli(['get', b.info.url, id as string, '--out', out])
    expect(got.code, got.stderr).toBe(0)
    expect(got.stdout).toBe(`saved ${join(out, 'data.bin')} (700 KB, SHA-256 verified)\n`)
    const saved = readFileSync(join(out, 'data.bin'))
    const hash = (data: Buffer): string => createHash('sha256').update(data).digest('hex')
    expect(hash(saved)).toBe(hash(bytes))
  }, 60_000)
})
