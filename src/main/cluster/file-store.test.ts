import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { jetstream } from '@nats-io/jetstream'
import { Objm, type ObjectStore } from '@nats-io/obj'
import type { ChatEvent } from '../../shared/protocol'
import {
  cancelUpload,
  declaration,
  fileRequest,
  sha256Hex,
  uploadBytes,
} from '../../../test/support/file-http'
import { cid, waitFor, type TestClient } from '../../../test/support/ws-client'
import { useHubFixture } from '../hub/testing/hub-fixture'
import { received, sendOp } from '../hub/testing/timeline-client'
import { filesBucket } from './names'
import { HAVE_NATS_SERVER, useNats } from './testing/nats-server'

// A clustered room's files in its JetStream object store: uploaded at one hub, served by
// another. Real hubs over TLS, real sockets, one real nats-server.

const { hubWith, client } = useHubFixture()

let rooms = 0
const nats = useNats()

/** Two hubs of one new room, with files (and the host's client id on the second). */
async function twoHubs(files: { budgetBytes?: number } = {}, limits: object = {}) {
  const roomName = `Files room ${++rooms}`
  const options = {
    roomName,
    rateLimit: 0,
    nats: { servers: [nats.url()] },
    files,
    limits,
  }
  const a = await hubWith(options)
  const b = await hubWith({ ...options, hostClientId: cid('host') })
  return { a, b, bucket: await bucketOf(a.hub.roomId) }
}

function bucketOf(roomId: string): Promise<ObjectStore> {
  return new Objm(jetstream(nats.connection())).open(filesBucket(roomId))
}

async function joined(url: string, name: string): Promise<{ c: TestClient; token: string }> {
  const c = client(url)
  const welcome = await c.join(name, cid(name))
  if (!welcome.files) throw new Error('no file credential')
  expect(welcome.features).toContain('files')
  return { c, token: welcome.files.token }
}

/** Uploads `bytes` at `port` and shares them: the stamped chat. */
async function shareAt(
  port: number,
  member: { c: TestClient; token: string },
  chatId: string,
  bytes: Buffer,
): Promise<ChatEvent> {
  const { id, patch } = await uploadBytes(port, member.token, bytes)
  expect(patch.status).toBe(204)
  const chat = await sendOp(member.c, {
    type: 'chat',
    id: chatId,
    text: 'f',
    file: declaration(id, bytes),
  })
  expect(chat).toMatchObject({ type: 'chat' })
  return chat as ChatEvent
}

/** A GET of a shared file at `port`. */
function download(port: number, id: string, token: string): ReturnType<typeof fileRequest> {
  return fileRequest(port, { method: 'GET', path: `/files/${id}`, token })
}

describe.skipIf(!HAVE_NATS_SERVER)('files in a clustered room', () => {
  it('serves at hub B, byte for byte and by range, a file uploaded at hub A', async () => {
    const { a, b } = await twoHubs()
    const ada = await joined(a.url, 'ada')
    const bob = await joined(b.url, 'bob')
    // Several object store chunks (128 KiB each), the last one short.
    const bytes = randomBytes(300 * 1024 + 17)
    const chat = await shareAt(a.hub.port, ada, 'a1', bytes)
    const seen = await received(bob.c, 'chat', (c) => c.seq === chat.seq)
    expect(seen.file).toMatchObject({ id: chat.file?.id, sha256: sha256Hex(bytes) })
    const id = chat.file?.id as string

    const whole = await fileRequest(b.hub.port, {
      method: 'GET',
      path: `/files/${id}`,
      token: bob.token,
    })
    expect(whole.status).toBe(200)
    expect(sha256Hex(whole.body)).toBe(sha256Hex(bytes))
    expect(whole.body.equals(bytes)).toBe(true)
    expect(whole.headers['content-disposition']).toMatch(/^attachment; /)
    expect(whole.headers['x-content-type-options']).toBe('nosniff')
    expect(whole.headers['repr-digest']).toBe(
      `sha-256=:${Buffer.from(sha256Hex(bytes), 'hex').toString('base64')}:`,
    )

    // Resuming from across a chunk boundary, and a range inside one chunk.
    const from = 200_000
    const rest = await fileRequest(b.hub.port, {
      method: 'GET',
      path: `/files/${id}`,
      token: bob.token,
      headers: { range: `bytes=${from}-` },
    })
    expect(rest.status).toBe(206)
    expect(rest.headers['content-range']).toBe(`bytes ${from}-${bytes.length - 1}/${bytes.length}`)
    expect(rest.body.equals(bytes.subarray(from))).toBe(true)
    const inner = await fileRequest(b.hub.port, {
      method: 'GET',
      path: `/files/${id}`,
      token: bob.token,
      headers: { range: 'bytes=10-19' },
    })
    expect(inner.status).toBe(206)
    expect(inner.body.equals(bytes.subarray(10, 20))).toBe(true)
    // The uploader's hub serves it from the store too; the credential is the hub's own.
    const back = await fileRequest(a.hub.port, {
      method: 'GET',
      path: `/files/${id}`,
      token: ada.token,
    })
    expect(back.body.equals(bytes)).toBe(true)
    const foreign = await fileRequest(b.hub.port, {
      method: 'GET',
      path: `/files/${id}`,
      token: ada.token,
    })
    expect(foreign.status).toBe(401)
  })

  it('stamps no file chat whose bytes the store would not take; a resend then passes', async () => {
    const { a, b, bucket } = await twoHubs()
    const ada = await joined(a.url, 'ada')
    const bob = await joined(b.url, 'bob')
    const bytes = Buffer.from('bytes for a store that is gone')
    // Gone before the upload ends: the put that its last PATCH waits for fails, and the
    // upload is finished all the same.
    await bucket.destroy()
    const { id, patch } = await uploadBytes(a.hub.port, ada.token, bytes)
    expect(patch.status).toBe(204)
    const chat = { type: 'chat', id: 'a1', text: 'f', file: declaration(id, bytes) }
    expect(await sendOp(ada.c, chat)).toMatchObject({
      type: 'error',
      code: 'rate_limited',
      retryAfterMs: 1000,
    })
    // The store is back (an operator made it again): the same chat goes through.
    await new Objm(jetstream(nats.connection())).create(filesBucket(a.hub.roomId))
    ada.c.received.length = 0
    const stamped = (await sendOp(ada.c, chat)) as ChatEvent
    expect(stamped).toMatchObject({ type: 'chat', file: { id } })
    await received(bob.c, 'chat', (c) => c.seq === stamped.seq)
    expect(bob.c.all('chat')).toHaveLength(1)
    const got = await download(b.hub.port, id, bob.token)
    expect(got.body.equals(bytes)).toBe(true)
  })

  it('has the bytes in the store when the last PATCH answers: the file chat does not wait', async () => {
    const { a, b, bucket } = await twoHubs()
    const ada = await joined(a.url, 'ada')
    const bob = await joined(b.url, 'bob')
    const bytes = randomBytes(400 * 1024)
    const { id, patch } = await uploadBytes(a.hub.port, ada.token, bytes)
    expect(patch.status).toBe(204)
    // Put while the PATCH waited, before any chat names it.
    const info = await bucket.info(id)
    expect(info).toMatchObject({ size: bytes.length, deleted: false })
    const stamped = (await sendOp(ada.c, {
      type: 'chat',
      id: 'a1',
      text: 'f',
      file: declaration(id, bytes),
    })) as ChatEvent
    expect(stamped).toMatchObject({ type: 'chat', file: { id } })
    await received(bob.c, 'chat', (c) => c.seq === stamped.seq)
    const got = await download(b.hub.port, id, bob.token)
    expect(got.body.equals(bytes)).toBe(true)
  })

  it('takes a cancelled upload’s bytes out of the bucket at once', async () => {
    const { a, bucket } = await twoHubs()
    const ada = await joined(a.url, 'ada')
    const bytes = randomBytes(64 * 1024)
    const { id, patch } = await uploadBytes(a.hub.port, ada.token, bytes)
    expect(patch.status).toBe(204)
    expect(await bucket.info(id)).toMatchObject({ deleted: false })
    expect((await cancelUpload(a.hub.port, ada.token, id)).status).toBe(204)
    // Not left for the sweep of unfinished uploads (minutes on): gone now.
    await expect.poll(async () => (await bucket.info(id))?.deleted ?? true).toBe(true)
  })

  it('stamps a member’s ops in the order sent, a file chat and the words about it', async () => {
    const { a, b } = await twoHubs()
    const ada = await joined(a.url, 'ada')
    const bob = await joined(b.url, 'bob')
    const bytes = randomBytes(600 * 1024)
    const { id } = await uploadBytes(a.hub.port, ada.token, bytes)
    // Sent back to back, as the app's outbox does: the file, then the words about it.
    ada.c.sendJson({ type: 'chat', id: 'a1', text: 'the file', file: declaration(id, bytes) })
    ada.c.sendJson({ type: 'chat', id: 'a2', text: 'about the file' })
    await received(bob.c, 'chat', (c) => c.id === 'a2')
    await received(bob.c, 'chat', (c) => c.id === 'a1')
    expect(bob.c.all('chat').map((c) => c.id)).toEqual(['a1', 'a2'])
    // Ada's own hub delivers to her on its own time: bob can have both before she has a2.
    await received(ada.c, 'chat', (c) => c.id === 'a2')
    expect(ada.c.all('chat').map((c) => c.id)).toEqual(['a1', 'a2'])
  })

  it('answers 410 for a missing object and cuts a corrupt one short', async () => {
    const { a, b, bucket } = await twoHubs()
    const ada = await joined(a.url, 'ada')
    const bob = await joined(b.url, 'bob')
    const bytes = randomBytes(200 * 1024)
    const missing = await shareAt(a.hub.port, ada, 'a1', bytes)
    const corrupt = await shareAt(a.hub.port, ada, 'a2', bytes)
    await received(bob.c, 'chat', (c) => c.seq === corrupt.seq)

    await bucket.delete(missing.file?.id as string)
    const gone = await download(b.hub.port, missing.file?.id as string, bob.token)
    expect(gone.status).toBe(410)

    // Other bytes of the same size, their object's record claiming the shared digest.
    const other = Buffer.from(bytes)
    other[150_000] = (other[150_000] as number) ^ 0xff
    const fake = await bucket.putBlob({ name: 'fake' }, other)
    const id = corrupt.file?.id as string
    const real = await bucket.info(id)
    const record = {
      name: id,
      bucket: fake.bucket,
      nuid: fake.nuid,
      size: fake.size,
      chunks: fake.chunks,
      digest: real?.digest,
      deleted: false,
      mtime: fake.mtime,
      options: fake.options,
    }
    await jetstream(nats.connection()).publish(
      `$O.${filesBucket(b.hub.roomId)}.M.${metaName(id)}`,
      JSON.stringify(record),
    )
    // The response is cut before its last bytes: the receiver never has a whole, wrong file.
    await expect(download(b.hub.port, id, bob.token)).rejects.toThrow()

    // Another size in the record: refused before a byte is sent.
    await jetstream(nats.connection()).publish(
      `$O.${filesBucket(b.hub.roomId)}.M.${metaName(id)}`,
      JSON.stringify({ ...record, size: bytes.length + 1 }),
    )
    const wrong = await download(b.hub.port, id, bob.token)
    expect(wrong.status).toBe(502)
    expect(wrong.body.length).toBeLessThan(200)
  })

  it('expires the oldest file once, on every hub, and the host at B deletes one of A', async () => {
    const { a, b, bucket } = await twoHubs({ budgetBytes: 3 * 4096 }, { fileChargeBytes: 4096 })
    const ada = await joined(a.url, 'ada')
    const bob = await joined(b.url, 'bob')
    const host = await joined(b.url, 'host')
    const chats: ChatEvent[] = []
    for (let i = 0; i < 4; i++) {
      chats.push(await shareAt(a.hub.port, ada, `a${i}`, Buffer.from(`file number ${i}`)))
    }
    const first = chats[0] as ChatEvent
    for (const c of [ada.c, bob.c]) {
      expect((await received(c, 'expired')).targets).toEqual([first.seq])
    }
    await waitFor(() => bob.c.all('chat').length >= 4, undefined, 'every chat at B')
    const firstId = first.file?.id as string
    while ((await bucket.info(firstId))?.deleted === false) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await download(b.hub.port, firstId, bob.token)).status).toBe(410)
    const welcome = await client(b.url).join('carl', cid('carl'))
    const flags = welcome.history.filter((c) => c.file).map((c) => c.file?.expired ?? false)
    expect(flags).toEqual([true, false, false, false])

    const last = chats[3] as ChatEvent
    expect(await sendOp(host.c, { type: 'delete', id: 'h1', target: last.seq })).toMatchObject({
      type: 'delete',
    })
    await received(ada.c, 'delete', (d) => d.target === last.seq)
    expect((await download(a.hub.port, last.file?.id as string, ada.token)).status).toBe(410)
    // A moment for a second `expired` to arrive, if one were sent.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(ada.c.all('expired')).toHaveLength(1)
    expect(bob.c.all('expired')).toHaveLength(1)
  })
})

/** The subject token of an object's name (base64url, padded, as the object store writes it). */
function metaName(name: string): string {
  const plain = Buffer.from(name).toString('base64url')
  return plain + '='.repeat((4 - (plain.length % 4)) % 4)
}
