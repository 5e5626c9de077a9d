import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { Objm, type ObjectStore } from '@nats-io/obj'
import type { ChatEvent } from '../../shared/protocol'
import { declaration, fileRequest, sha256Hex, uploadBytes } from '../../../test/support/file-http'
import { cid, type TestClient } from '../../../test/support/ws-client'
import { useHubFixture } from '../hub/testing/hub-fixture'
import { REPUT_AFTER_MS } from '../hub/files/hub-files'
import { sendOp } from '../hub/testing/timeline-client'
import { filesBucket } from './names'
import { HAVE_NATS_SERVER, useNats } from './testing/nats-server'

// The sweep of a clustered room's file store: objects no file chat names (a hub died between
// the put and the chat) go once older than the grace; shared files and young objects stay.
// Real hubs, one real nats-server.

const { hubWith, client } = useHubFixture()

let rooms = 0
const nats = useNats()

async function hubsOfOneRoom(count: number) {
  const options = {
    roomName: `Sweep room ${++rooms}`,
    rateLimit: 0,
    nats: { servers: [nats.url()] },
    files: {},
  }
  const hubs = []
  for (let i = 0; i < count; i++) hubs.push(await hubWith(options))
  const bucket = await new Objm(jetstream(nats.connection())).open(
    filesBucket(hubs[0]?.hub.roomId as string),
  )
  return { hubs, bucket }
}

/** What a hub that died after its put leaves: an object no chat names. */
async function orphan(bucket: ObjectStore, name: string): Promise<void> {
  await bucket.put({ name }, Readable.toWeb(Readable.from([randomBytes(1000)])) as ReadableStream)
}

/** Chunks the bucket's stream holds, of every object. */
async function chunks(bucket: string): Promise<number> {
  const jsm = await jetstreamManager(nats.connection())
  const info = await jsm.streams.info(`OBJ_${bucket}`, { subjects_filter: `$O.${bucket}.C.>` })
  return Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0)
}

async function present(bucket: ObjectStore, name: string): Promise<boolean> {
  const info = await bucket.info(name)
  return info !== null && !info.deleted
}

async function share(url: string, port: number, bytes: Buffer): Promise<string> {
  const c: TestClient = client(url)
  const welcome = await c.join('ada', cid('ada'))
  const token = welcome.files?.token as string
  const { id, patch } = await uploadBytes(port, token, bytes)
  expect(patch.status).toBe(204)
  const chat = await sendOp(c, { type: 'chat', id: 's1', text: 'f', file: declaration(id, bytes) })
  expect(chat).toMatchObject({ type: 'chat' })
  const fileId = (chat as ChatEvent).file?.id as string
  const back = await fileRequest(port, { method: 'GET', path: `/files/${fileId}`, token })
  expect(sha256Hex(back.body)).toBe(sha256Hex(bytes))
  return fileId
}

afterEach(() => {
  vi.useRealTimers()
})

describe.skipIf(!HAVE_NATS_SERVER)("the sweep of a clustered room's file store", () => {
  it('removes an object no chat names once past the grace; shared and young ones stay', async () => {
    const { hubs, bucket } = await hubsOfOneRoom(1)
    const a = (hubs[0] as (typeof hubs)[number]).hub
    const shared = await share(`wss://127.0.0.1:${a.port}/ws`, a.port, randomBytes(5000))
    const sharedChunks = await chunks(filesBucket(a.roomId))
    await orphan(bucket, 'orphan-1')
    expect(await chunks(filesBucket(a.roomId))).toBe(sharedChunks + 1)

    // Younger than the grace: it stays (its chat may be on its way).
    expect(await a.sweepFiles(60_000)).toEqual([])
    expect(await present(bucket, 'orphan-1')).toBe(true)

    // Past the grace (none): the orphan goes, the shared file stays and is still served.
    expect(await a.sweepFiles(0)).toEqual(['orphan-1'])
    expect(await present(bucket, 'orphan-1')).toBe(false)
    expect(await present(bucket, shared)).toBe(true)
    expect(await chunks(filesBucket(a.roomId))).toBe(sharedChunks)
    expect(await a.sweepFiles(0)).toEqual([])
  })

  it('is harmless when several hubs sweep at once: each orphan is removed once', async () => {
    const { hubs, bucket } = await hubsOfOneRoom(3)
    const a = (hubs[0] as (typeof hubs)[number]).hub
    const shared = await share(`wss://127.0.0.1:${a.port}/ws`, a.port, randomBytes(3000))
    const names = ['o-1', 'o-2', 'o-3', 'o-4']
    for (const name of names) await orphan(bucket, name)
    const passes = await Promise.all(hubs.map(({ hub }) => hub.sweepFiles(0)))
    const removed = passes.flatMap((pass) => pass ?? [])
    expect(removed.sort()).toEqual(names)
    for (const name of names) expect(await present(bucket, name)).toBe(false)
    expect(await present(bucket, shared)).toBe(true)
  })

  it('never sees a chat follow its put by more than REPUT_AFTER_MS: a late chat puts again', async () => {
    const { hubs, bucket } = await hubsOfOneRoom(1)
    const a = (hubs[0] as (typeof hubs)[number]).hub
    const c = client(`wss://127.0.0.1:${a.port}/ws`)
    const token = (await c.join('ada', cid('ada'))).files?.token as string
    const bytes = randomBytes(4000)
    const { id } = await uploadBytes(a.port, token, bytes)
    // A chat the hub refuses after putting the file (another digest declared).
    const wrong = { ...declaration(id, bytes), sha256: sha256Hex(randomBytes(8)) }
    expect(await sendOp(c, { type: 'chat', id: 'w1', text: 'f', file: wrong })).toMatchObject({
      type: 'error',
      code: 'file_mismatch',
    })
    const first = Date.parse((await bucket.info(id))?.mtime ?? '')
    expect(Number.isFinite(first)).toBe(true)

    // The right chat, past REPUT_AFTER_MS (only the clock moves): the file is put again first.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + REPUT_AFTER_MS + 60_000)
    const chat = await sendOp(c, {
      type: 'chat',
      id: 'r1',
      text: 'f',
      file: declaration(id, bytes),
    })
    expect(chat).toMatchObject({ type: 'chat', file: { id } })
    const again = Date.parse((await bucket.info(id))?.mtime ?? '')
    expect(again - first).toBeGreaterThanOrEqual(REPUT_AFTER_MS)
  })
  it('is off on a hub whose index of files was lost while its history was kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lanroom-sweep-'))
    try {
      const options = {
        roomName: `Sweep room ${++rooms}`,
        rateLimit: 0,
        nats: { servers: [nats.url()] },
        files: {},
        dataDir,
      }
      const first = await hubWith(options)
      const shared = await share(first.url, first.hub.port, randomBytes(2000))
      await first.hub.stop()
      const indexes = readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
        .filter((path) => path.endsWith(join('files', 'index.json')))
        .map((path) => join(dataDir, path))
      expect(indexes).toHaveLength(1)
      rmSync(indexes[0] as string)

      // The same room, its history kept, its index of files gone: the index names no file,
      // so a sweep would take the shared file for an orphan. This hub does not sweep.
      const again = await hubWith(options)
      expect(again.hub.roomId).toBe(first.hub.roomId)
      const bucket = await new Objm(jetstream(nats.connection())).open(
        filesBucket(again.hub.roomId),
      )
      await orphan(bucket, 'orphan-kept')
      expect(await again.hub.sweepFiles(0)).toBeNull()
      expect(await present(bucket, shared)).toBe(true)
      expect(await present(bucket, 'orphan-kept')).toBe(true)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
