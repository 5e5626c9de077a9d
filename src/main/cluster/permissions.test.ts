import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import { jetstream } from '@nats-io/jetstream'
import { Kvm } from '@nats-io/kv'
import { Objm } from '@nats-io/obj'
import type { ChatEvent } from '../../shared/protocol'
import { declaration, fileRequest, sha256Hex, uploadBytes } from '../../../test/support/file-http'
import { tempDir } from '../../../test/support/temp-dir'
import { cid } from '../../../test/support/ws-client'
import { useHubFixture } from '../hub/testing/hub-fixture'
import { membersSeen, received, sendOp } from '../hub/testing/timeline-client'
import { filesBucket, readsBucket } from './names'
import { HAVE_NATS_SERVER, startNats } from './testing/nats-server'

// The hubs' NATS permissions as docs/cluster.md lists them ("The hubs' permissions"): a room on
// two hubs whose user is allowed exactly that list works through everything a hub does in NATS,
// and the server logs no permission violation; with a line left out, it logs one.

const { hubWith, client, cleanups } = useHubFixture()

const DOC = join(__dirname, '../../../docs/cluster.md')
const MARKER = '<!-- hub-permissions:'
/** A safety net for what crosses hubs (~10 ms) and the read positions' 5 s write interval. */
const POLL = { timeout: 30_000, interval: 50 }

/** The block of permissions after the marker in docs/cluster.md, as written there. */
function documentedPermissions(): string {
  const doc = readFileSync(DOC, 'utf8')
  const at = doc.indexOf(MARKER)
  const block = /```\n([\s\S]*?)\n```/.exec(doc.slice(at))
  if (at < 0 || !block?.[1]) throw new Error('no permissions block in docs/cluster.md')
  return block[1]
}

/** The block without the line that grants `subject` (the first such line). */
function without(block: string, direction: 'publish' | 'subscribe', subject: string): string {
  const lines = block.split('\n')
  const from = lines.findIndex((line) => line.startsWith(`${direction}:`))
  const index = lines.findIndex((line, i) => i > from && line.trim().startsWith(`"${subject}"`))
  if (from < 0 || index < 0) throw new Error(`no ${direction} line for ${subject}`)
  return lines.filter((_, i) => i !== index).join('\n')
}

let rooms = 0

/**
 * Starts nats-server whose anonymous connections (the hubs') are a user with `permissions`,
 * runs a room on two hubs through what hubs do in NATS, and returns the server's permission
 * violations (lines of its log). `complete` is false when the room could not get through.
 */
async function runRoom(permissions: string): Promise<{ violations: string[]; complete: boolean }> {
  const logDir = tempDir('lanroom-nats-log-')
  cleanups.push(() => logDir.remove())
  const logFile = join(logDir.path, 'nats.log')
  const nats = await startNats({
    config:
      `authorization {\n  users: [\n    { user: hub, password: "hub-pw", permissions: {\n${permissions}\n    } }\n` +
      `    { user: admin, password: "admin-pw" }\n  ]\n}\nno_auth_user: hub\n` +
      `log_file: "${logFile}"\n`,
  })
  cleanups.push(() => nats.stop())
  const violations = (): string[] =>
    existsSync(logFile)
      ? readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((line) => /violation/i.test(line))
      : []
  const complete = await throughRoom(nats.url).then(
    () => true,
    () => false,
  )
  return { violations: violations(), complete }
}

/** Identity, chat, presence, typing, read positions, a file across hubs, the sweep, a stop. */
async function throughRoom(url: string): Promise<void> {
  const options = {
    roomName: `Permissions room ${++rooms}`,
    rateLimit: 0,
    nats: { servers: [url] },
    files: {},
  }
  const a = await hubWith(options)
  const b = await hubWith(options)
  const admin = await connect({ servers: [url], user: 'admin', pass: 'admin-pw' })
  cleanups.push(() => admin.close())

  const ada = client(a.url)
  const token = (await ada.join('ada', cid('ada'))).files?.token as string
  const bob = client(b.url)
  const bobToken = (await bob.join('bob', cid('bob'))).files?.token as string
  await received(ada, 'joined', (m) => m.member.clientId === cid('bob'))
  // And hub B knows Ada (in Bob's welcome, or told since): it drops typing of members it does
  // not list.
  await expect.poll(() => membersSeen(bob), POLL).toEqual(['ada', 'bob'])

  ada.sendJson({ type: 'typing', active: true })
  expect(await bob.next('typing')).toMatchObject({ clientId: cid('ada'), active: true })

  ada.chat('c1', 'hello')
  const { seq } = await received(bob, 'chat', (chat) => chat.id === 'c1')
  bob.sendJson({ type: 'read', seq })
  await received(ada, 'reads', (m) => m.positions.some((p) => p.clientId === cid('bob')))
  const reads = await new Kvm(admin).open(readsBucket(a.hub.roomId))
  await expect.poll(async () => (await reads.get(cid('bob')))?.operation, POLL).toBe('PUT')

  const bytes = randomBytes(200 * 1024)
  const { id, patch } = await uploadBytes(a.hub.port, token, bytes)
  expect(patch.status).toBe(204)
  const chat = await sendOp(ada, {
    type: 'chat',
    id: 'f1',
    text: 'f',
    file: declaration(id, bytes),
  })
  const fileId = (chat as ChatEvent).file?.id as string
  await received(bob, 'chat', (c) => c.id === 'f1')
  const got = await fileRequest(b.hub.port, {
    method: 'GET',
    path: `/files/${fileId}`,
    token: bobToken,
  })
  expect(got.status).toBe(200)
  expect(sha256Hex(got.body)).toBe(sha256Hex(bytes))

  const bucket = await new Objm(jetstream(admin)).open(filesBucket(a.hub.roomId))
  await bucket.put(
    { name: 'orphan' },
    Readable.toWeb(Readable.from([randomBytes(10)])) as ReadableStream,
  )
  expect(await b.hub.sweepFiles(0)).toEqual(['orphan'])

  await b.stop()
  await received(ada, 'left', (m) => m.clientId === cid('bob'))
  await a.stop()
}

describe.skipIf(!HAVE_NATS_SERVER)("the hubs' NATS permissions in docs/cluster.md", () => {
  it('are enough for everything a hub does: no violation', async () => {
    const run = await runRoom(documentedPermissions())
    expect(run.violations).toEqual([])
    expect(run.complete).toBe(true)
  })

  it.each([
    ['publish', 'lanroom.*.reads'],
    ['subscribe', 'lanroom.*.reads'],
    ['publish', '$O.*.>'],
    ['publish', '$JS.API.STREAM.PURGE.*'],
  ] as const)(
    'are each needed: without %s %s the server logs a violation',
    async (dir, subject) => {
      const run = await runRoom(without(documentedPermissions(), dir, subject))
      expect(run.violations.length).toBeGreaterThan(0)
    },
  )
})
