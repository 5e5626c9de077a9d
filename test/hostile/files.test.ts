/**
 * The room's files under attack, on a real hub over TLS (issue #15, Safety): hostile names,
 * missing and borrowed credentials, a declared type that lies, a wrong hash, more bytes than
 * declared, a slowloris upload, 100 parallel uploads, a filled budget, many tiny files, and a
 * thumbnail that is a PNG bomb. In each, another member's chat keeps flowing (a round trip is
 * asserted during the abuse), and nothing is written outside the room's files directory.
 *
 * Time bounds are safety nets, many times what a healthy hub takes.
 */
import { readdirSync, statSync } from 'node:fs'
import { connect } from 'node:tls'
import { join, relative, sep } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatEvent, FileDeclaration, HubMessage } from '../../src/shared/protocol'
import {
  cancelUpload,
  createUpload,
  declaration as fileDeclaration,
  pngOfSize,
  fileRequest,
  patchUpload,
  sha256Hex,
  uploadBytes,
} from '../support/file-http'
import { cid, startTestHub, type TestClient, TestClient as Client } from '../support/ws-client'
import { received, sendOp } from '../../src/main/hub/testing/timeline-client'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Room {
  port: number
  url: string
  dataDir: string
  ada: { c: TestClient; token: string }
  bob: { c: TestClient; token: string }
  /** Every file under the data directory but the room's files directory, with its size. */
  outside: () => Map<string, number>
}

async function room(
  options: {
    limits?: object
    budgetBytes?: number
    maxFileBytes?: number
    rateLimit?: number
  } = {},
): Promise<Room> {
  const { hub, url, dataDir, stop } = await startTestHub({
    files: {
      ...(options.budgetBytes !== undefined ? { budgetBytes: options.budgetBytes } : {}),
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
  })
  cleanups.push(stop)
  const member = async (name: string): Promise<{ c: TestClient; token: string }> => {
    const c = new Client(url)
    cleanups.push(() => c.ws.terminate())
    const welcome = await c.join(name, cid(name))
    return { c, token: welcome.files?.token ?? '' }
  }
  const ada = await member('ada')
  const bob = await member('bob')
  const filesDir = join(dataDir, 'rooms', hub.roomId, 'files')
  const outside = (): Map<string, number> => {
    const found = new Map<string, number>()
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (path === filesDir) continue
        if (entry.isDirectory()) walk(path)
        else found.set(relative(dataDir, path), statSync(path).size)
      }
    }
    walk(dataDir)
    return found
  }
  return { port: hub.port, url, dataDir, ada, bob, outside }
}

let chats = 0
/** Bob says something and Ada hears it: the room's chat goes on. */
async function roundTrip(r: Room): Promise<void> {
  const id = `rt-${++chats}`
  r.bob.c.sendJson({ type: 'chat', id, text: `still here ${chats}` })
  await received(r.ada.c, 'chat', (m) => m.id === id)
}

/** A PATCH that says 1000 bytes and sends 3, then nothing: a slowloris upload. */
function stalledPatch(id: string, token: string): string {
  return (
    `PATCH /files/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
    'Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n' +
    'Content-Length: 1000\r\n\r\nabc'
  )
}

function declaration(
  id: string,
  bytes: Buffer,
  extra: Partial<FileDeclaration> = {},
): FileDeclaration {
  return fileDeclaration(id, bytes, { name: 'a.bin', type: 'application/octet-stream', ...extra })
}

function share(c: TestClient, id: string, file: FileDeclaration): Promise<HubMessage> {
  return sendOp(c, { type: 'chat', id, text: file.name, file })
}

/** Only the history log may have grown outside the files directory (the chats said). */
function expectNothingOutside(r: Room, before: Map<string, number>): void {
  const after = r.outside()
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
  for (const [path, size] of after) {
    if (!path.endsWith(`${sep}history.log`)) expect(size, path).toBe(before.get(path))
  }
}

describe('hostile file names', () => {
  it('refuses separators, dot names, controls, bidi and 1,000-character names, in uploads and chats', async () => {
    const r = await room()
    const before = r.outside()
    const bytes = Buffer.from('payload')
    const names = [
      '../../etc/passwd',
      'a/b.txt',
      'a\\b.txt',
      '..',
      '.',
      'a\u0000b',
      'bell\u0007.txt',
      '\u202egnp.exe',
      'x'.repeat(1000),
      ' lead.txt',
    ]
    for (const name of names) {
      const { response } = await createUpload(r.port, r.ada.token, bytes.length, {
        sha256: sha256Hex(bytes),
        name,
      })
      expect(response.status, JSON.stringify(name)).toBe(400)
    }
    const { id } = await uploadBytes(r.port, r.ada.token, bytes)
    for (const [i, name] of names.entries()) {
      const answer = await share(r.ada.c, `n${i}`, declaration(id, bytes, { name }))
      expect(answer, JSON.stringify(name)).toMatchObject({ type: 'error', code: 'invalid_message' })
      if (i % 3 === 0) await roundTrip(r)
    }
    // The upload is still there, unshared, and can be shared under a decent name.
    expect(await share(r.ada.c, 'ok', declaration(id, bytes, { name: 'fine.txt' }))).toMatchObject({
      type: 'chat',
    })
    expectNothingOutside(r, before)
  })
})

describe('credentials', () => {
  it("refuses uploads and downloads without one, and another member's uploads with theirs", async () => {
    const r = await room()
    const bytes = Buffer.from('secret bytes')
    expect(
      (await createUpload(r.port, null, 10, { sha256: sha256Hex(bytes) })).response.status,
    ).toBe(401)
    expect(
      (await createUpload(r.port, 'not-a-token', 10, { sha256: sha256Hex(bytes) })).response.status,
    ).toBe(401)
    const { id } = await createUpload(r.port, r.ada.token, bytes.length, {
      sha256: sha256Hex(bytes),
    })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect((await patchUpload(r.port, null, id!, 0, bytes)).status).toBe(401)
    expect((await patchUpload(r.port, r.bob.token, id!, 0, bytes)).status).toBe(403)
    expect((await cancelUpload(r.port, r.bob.token, id!)).status).toBe(403)
    expect(
      (await fileRequest(r.port, { method: 'HEAD', path: `/files/${id}`, token: r.bob.token }))
        .status,
    ).toBe(404)
    await roundTrip(r)
    expect((await patchUpload(r.port, r.ada.token, id!, 0, bytes)).status).toBe(204)
    // Bob cannot share Ada's upload, even knowing its id and hash.
    expect(await share(r.bob.c, 'steal', declaration(id!, bytes))).toMatchObject({
      code: 'unknown_upload',
    })
    expect(await share(r.ada.c, 'mine', declaration(id!, bytes))).toMatchObject({ type: 'chat' })
    expect((await fileRequest(r.port, { method: 'GET', path: `/files/${id}` })).status).toBe(401)
    expect(
      (await fileRequest(r.port, { method: 'GET', path: `/files/${id}`, token: r.bob.token }))
        .status,
    ).toBe(200)
    // The credential holds only while its connection lives (and a grace after).
    const { hub, url, stop } = await startTestHub({ files: {}, limits: { fileTokenGraceMs: 1 } })
    cleanups.push(stop)
    const carl = new Client(url)
    cleanups.push(() => carl.ws.terminate())
    const token = (await carl.join('carl', cid('carl'))).files?.token ?? ''
    expect((await fileRequest(hub.port, { method: 'OPTIONS', path: '/files', token })).status).toBe(
      204,
    )
    carl.ws.close()
    await carl.closed
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await fileRequest(hub.port, { method: 'OPTIONS', path: '/files', token })).status).toBe(
      401,
    )
  })
})

describe('abuse', () => {
  it('serves a file whose declared type lies as bytes, to be saved, never rendered', async () => {
    const r = await room()
    const html = Buffer.from('<script>alert(document.cookie)</script>')
    const { id } = await uploadBytes(r.port, r.ada.token, html)
    await share(r.ada.c, 'h1', declaration(id, html, { name: 'page.html', type: 'text/html' }))
    const got = await fileRequest(r.port, {
      method: 'GET',
      path: `/files/${id}`,
      token: r.bob.token,
    })
    expect(got.headers['content-type']).toBe('application/octet-stream')
    expect(got.headers['x-content-type-options']).toBe('nosniff')
    expect(got.headers['content-disposition']).toMatch(/^attachment; /)
    await roundTrip(r)
  })

  it('refuses a wrong hash with 460 and removes the upload', async () => {
    const r = await room()
    const before = r.outside()
    const bytes = Buffer.alloc(256 * 1024, 7)
    const { id, patch } = await uploadBytes(r.port, r.ada.token, bytes, {
      sha256: sha256Hex('something else'),
    })
    expect(patch.status).toBe(460)
    expect(patch.body.toString()).toMatch(/checksum mismatch/)
    await roundTrip(r)
    expect(
      (await fileRequest(r.port, { method: 'HEAD', path: `/files/${id}`, token: r.ada.token }))
        .status,
    ).toBe(404)
    expect(await share(r.ada.c, 'w1', declaration(id, bytes))).toMatchObject({
      code: 'unknown_upload',
    })
    expectNothingOutside(r, before)
  })

  it('refuses bytes beyond the declared size', async () => {
    const r = await room()
    const declared = Buffer.from('0123456789')
    const { id } = await createUpload(r.port, r.ada.token, declared.length, {
      sha256: sha256Hex(declared),
    })
    const more = await patchUpload(r.port, r.ada.token, id!, 0, Buffer.alloc(64 * 1024, 1))
    expect(more.status).toBe(413)
    await roundTrip(r)
    // One byte over in a body whose length is not said, found as it arrives. (Run by the
    // command, this once ended the hub; in this process it never did: test/cli/files.test.ts
    // is the one that catches that.)
    const one = await patchUpload(r.port, r.ada.token, id!, 0, Buffer.alloc(11, 1), true, true)
    expect(one.status).toBe(413)
    await roundTrip(r)
    const head = await fileRequest(r.port, {
      method: 'HEAD',
      path: `/files/${id}`,
      token: r.ada.token,
    })
    expect(Number(head.headers['upload-offset'])).toBeLessThanOrEqual(declared.length)
    expect(await share(r.ada.c, 'm1', declaration(id!, declared))).toMatchObject({
      code: 'unknown_upload',
    })
  })

  it('closes a slowloris upload that stops sending', async () => {
    const r = await room({ limits: { fileIdleTimeoutMs: 300 } })
    const { id } = await createUpload(r.port, r.ada.token, 1000, { sha256: sha256Hex('x') })
    const socket = connect({ host: '127.0.0.1', port: r.port, rejectUnauthorized: false })
    cleanups.push(() => socket.destroy())
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())))
    socket.write(stalledPatch(id!, r.ada.token))
    const started = Date.now()
    await roundTrip(r)
    const at = await closed
    // Closed after the idle timeout (300 ms), far sooner than the safety net.
    expect(at - started).toBeLessThan(10_000)
    await roundTrip(r)
  })

  it('closes a slowloris upload pipelined behind a request answered at once', async () => {
    const r = await room({ limits: { fileIdleTimeoutMs: 300 } })
    const { id } = await createUpload(r.port, r.ada.token, 1000, { sha256: sha256Hex('x') })
    const socket = connect({ host: '127.0.0.1', port: r.port, rejectUnauthorized: false })
    cleanups.push(() => socket.destroy())
    const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)))
    socket.resume()
    // The first answer (401) once turned off the timer the stalled PATCH behind it had set.
    socket.write(
      'HEAD /files/nothing HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n\r\n' +
        stalledPatch(id!, r.ada.token),
    )
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))
    // Closed after the idle timeout (300 ms); the safety net is far longer.
    expect(await Promise.race([closed, timeout])).toBe(true)
    await roundTrip(r)
  })

  it('refuses 100 parallel uploads from one member beyond the cap (429)', async () => {
    const r = await room()
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        createUpload(r.port, r.ada.token, 1000, { sha256: sha256Hex(String(i)) }),
      ),
    )
    await roundTrip(r)
    const created = answers.filter((a) => a.response.status === 201)
    const busy = answers.filter((a) => a.response.status === 429)
    expect(created.length).toBe(4)
    expect(busy.length).toBe(96)
    for (const a of busy)
      expect(Number(a.response.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    // Bob is not held back by Ada's uploads.
    expect(
      (await createUpload(r.port, r.bob.token, 10, { sha256: sha256Hex('b') })).response.status,
    ).toBe(201)
  })

  it('expires the oldest files when the budget fills, tells everyone, and stays within it', async () => {
    const budget = 64 * 1024
    const r = await room({
      budgetBytes: budget,
      limits: { uploadsPerSecond: 1000, uploadBurst: 1000 },
      rateLimit: 0,
    })
    const before = r.outside()
    const seqs: number[] = []
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const bytes = Buffer.alloc(10 * 1024, i)
      const { id } = await uploadBytes(r.port, r.ada.token, bytes)
      ids.push(id)
      seqs.push(((await share(r.ada.c, `b${i}`, declaration(id, bytes))) as ChatEvent).seq)
      if (i % 4 === 0) await roundTrip(r)
    }
    // A file larger than the budget is refused outright.
    expect(
      (await createUpload(r.port, r.ada.token, budget + 1, { sha256: sha256Hex('x') })).response
        .status,
    ).toBe(413)
    const expired = r.bob.c.all('expired').flatMap((m) => m.targets)
    expect(expired).toEqual(seqs.slice(0, expired.length))
    expect(expired.length).toBe(12 - 6)
    const storeDir = join(r.dataDir, 'rooms')
    let stored = 0
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (path.includes(`${sep}store${sep}`)) stored += statSync(path).size
      }
    }
    walk(storeDir)
    expect(stored).toBeLessThanOrEqual(budget)
    const oldest = { method: 'GET', path: `/files/${ids[0]}`, token: r.bob.token }
    expect((await fileRequest(r.port, oldest)).status).toBe(410)
    const newest = { method: 'GET', path: `/files/${ids[11]}`, token: r.bob.token }
    expect((await fileRequest(r.port, newest)).status).toBe(200)
    expectNothingOutside(r, before)
  })

  it('rate-limits many tiny uploads, keeps at most maxFilesPerRoom, and the chat goes on', async () => {
    const r = await room({
      limits: { uploadBurst: 20, uploadsPerSecond: 1, maxFilesPerRoom: 15 },
      rateLimit: 0,
    })
    const before = r.outside()
    let limited = 0
    let shared = 0
    for (let i = 0; i < 60; i++) {
      const bytes = Buffer.from(`tiny ${i}`)
      const { response, id } = await createUpload(r.port, r.ada.token, bytes.length, {
        sha256: sha256Hex(bytes),
      })
      if (response.status === 429) {
        limited += 1
        continue
      }
      expect(response.status).toBe(201)
      expect((await patchUpload(r.port, r.ada.token, id!, 0, bytes)).status).toBe(204)
      const answer = await share(r.ada.c, `t${i}`, declaration(id!, bytes))
      if (answer.type === 'chat') shared += 1
      if (i % 10 === 0) await roundTrip(r)
    }
    expect(limited).toBeGreaterThan(0)
    expect(shared).toBeGreaterThanOrEqual(20)
    const welcome = await new Client(r.url).join('carl', cid('carl'))
    const kept = welcome.history.filter((c) => c.file && !c.file.expired)
    expect(kept.length).toBe(15)
    expectNothingOutside(r, before)
  })

  it('refuses a thumbnail that is a 50-megapixel PNG bomb from its header, memory bounded', async () => {
    const r = await room()
    const bomb = pngOfSize(8000, 6250)
    expect(bomb.length).toBeLessThan(8 * 1024)
    const bytes = Buffer.from('the image itself')
    const { id } = await uploadBytes(r.port, r.ada.token, bytes)
    const rss = process.memoryUsage().rss
    for (let i = 0; i < 20; i++) {
      const answer = await share(
        r.ada.c,
        `p${i}`,
        declaration(id, bytes, {
          name: 'bomb.png',
          type: 'image/png',
          thumb: bomb.toString('base64url'),
        }),
      )
      expect(answer).toMatchObject({ type: 'error', code: 'invalid_message' })
      expect((answer as { message: string }).message).toMatch(/320 pixels/)
    }
    await roundTrip(r)
    // Decoding it would take 8000 × 6250 × 4 bytes = 200 MB per attempt.
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
    // Bytes that only pretend to be a PNG are refused too; a real small thumbnail passes.
    const fake = Buffer.concat([bomb.subarray(0, 8), Buffer.from('not a png header at all')])
    expect(
      await share(r.ada.c, 'fake', declaration(id, bytes, { thumb: fake.toString('base64url') })),
    ).toMatchObject({ code: 'invalid_message' })
    const small = pngOfSize(32, 24).toString('base64url')
    expect(await share(r.ada.c, 'good', declaration(id, bytes, { thumb: small }))).toMatchObject({
      type: 'chat',
    })
  })
})
