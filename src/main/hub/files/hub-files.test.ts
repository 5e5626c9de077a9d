import { readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent, FileDeclaration, HubMessage } from '../../../shared/protocol'
import {
  cancelUpload,
  declaration,
  fileRequest,
  patchUpload,
  createUpload,
  sha256Hex,
  uploadBytes,
  uploadMetadata,
} from '../../../../test/support/file-http'
import { cid, startTestHub, tempDir, type TestClient } from '../../../../test/support/ws-client'
import { useHubFixture } from '../testing/hub-fixture'
import { SharedFiles } from './shared-files'
import { received, sendOp } from '../testing/timeline-client'

// The room's files end to end on a real hub over TLS: credentials, tus uploads, the file chat's
// acceptance rule, downloads with ranges, expiry and the host's delete.

const { hubWith, client } = useHubFixture()

async function filesHub(
  options: { maxFileBytes?: number; budgetBytes?: number; limits?: object } = {},
): Promise<{ port: number; url: string; hub: Awaited<ReturnType<typeof hubWith>>['hub'] }> {
  const { maxFileBytes, budgetBytes, limits } = options
  const { hub, url } = await hubWith({
    hostClientId: cid('host'),
    files: {
      ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
      ...(budgetBytes !== undefined ? { budgetBytes } : {}),
    },
    ...(limits ? { limits } : {}),
  })
  return { hub, url, port: hub.port }
}

/** A member and its file credential. */
async function joined(url: string, name: string): Promise<{ c: TestClient; token: string }> {
  const c = client(url)
  const welcome = await c.join(name, cid(name))
  if (!welcome.files) throw new Error('no file credential')
  return { c, token: welcome.files.token }
}

async function share(
  c: TestClient,
  chatId: string,
  file: FileDeclaration,
  text = file.name,
): Promise<HubMessage> {
  return sendOp(c, { type: 'chat', id: chatId, text, file })
}

describe('files: credentials', () => {
  it('lists the feature with a credential, and refuses requests without a valid one', async () => {
    const { url, port } = await filesHub({ maxFileBytes: 1000 })
    const ada = client(url)
    const welcome = await ada.join('ada', cid('ada'))
    expect(welcome.features).toContain('files')
    expect(welcome.files).toMatchObject({ maxFileBytes: 1000 })
    for (const token of [null, 'x'.repeat(43), `${welcome.files?.token}x`]) {
      const r = await fileRequest(port, { method: 'OPTIONS', path: '/files', token })
      expect(r.status).toBe(401)
      expect(r.headers['www-authenticate']).toBe('Bearer')
    }
    const ok = await fileRequest(port, {
      method: 'OPTIONS',
      path: '/files',
      token: welcome.files?.token ?? '',
    })
    expect(ok.status).toBe(204)
  })

  it('says the budget as its largest file when the budget is the smaller', async () => {
    const { url, port } = await filesHub({ maxFileBytes: 10_000, budgetBytes: 4_000 })
    const welcome = await client(url).join('ada', cid('ada'))
    expect(welcome.files).toMatchObject({ maxFileBytes: 4_000 })
    const token = welcome.files?.token ?? ''
    const options = await fileRequest(port, { method: 'OPTIONS', path: '/files', token })
    expect(options.headers['tus-max-size']).toBe('4000')
    const sha256 = 'a'.repeat(64)
    const over = await createUpload(port, token, 4_001, { sha256 })
    expect(over.response.status).toBe(413)
    expect(over.response.body.toString()).toContain('(4000 bytes)')
    expect((await createUpload(port, token, 4_000, { sha256 })).response.status).toBe(201)
  })

  it('has no files without the option', async () => {
    const { url, hub } = await hubWith()
    const welcome = await client(url).join('ada', cid('ada'))
    expect(welcome.features).not.toContain('files')
    expect(welcome.files).toBeUndefined()
    expect((await fileRequest(hub.port, { method: 'POST', path: '/files' })).status).toBe(404)
  })
})

describe('files: share and download', () => {
  it('uploads, shares as a chat, and serves the bytes with the contract headers and ranges', async () => {
    const { url, port } = await filesHub()
    const ada = await joined(url, 'ada')
    const bob = await joined(url, 'bob')
    const bytes = Buffer.from('%PDF-1.7 hello files '.repeat(100))
    const { id, patch } = await uploadBytes(port, ada.token, bytes, { name: 'report.pdf' })
    expect(patch.status).toBe(204)
    // Not shared yet: nobody downloads it.
    expect(
      (await fileRequest(port, { method: 'GET', path: `/files/${id}`, token: bob.token })).status,
    ).toBe(404)
    const file = declaration(id, bytes, { name: 'rapport «été».pdf' })
    const stamped = (await share(ada.c, 'f1', file, 'the report')) as ChatEvent
    expect(stamped).toMatchObject({ type: 'chat', text: 'the report', file })
    const seen = await received(bob.c, 'chat', (m) => m.id === 'f1')
    expect(seen.file).toEqual(file)

    const got = await fileRequest(port, { method: 'GET', path: `/files/${id}`, token: bob.token })
    expect(got.status).toBe(200)
    expect(got.body.equals(bytes)).toBe(true)
    expect(got.headers).toMatchObject({
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-length': String(bytes.length),
      'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
    })
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="rapport __t__.pdf"; filename*=UTF-8''rapport%20%C2%AB%C3%A9t%C3%A9%C2%BB.pdf`,
    )
    const part = await fileRequest(port, {
      method: 'GET',
      path: `/files/${id}`,
      token: bob.token,
      headers: { range: 'bytes=100-' },
    })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 100-${bytes.length - 1}/${bytes.length}`)
    expect(part.body.equals(bytes.subarray(100))).toBe(true)
    const middle = await fileRequest(port, {
      method: 'GET',
      path: `/files/${id}`,
      token: bob.token,
      headers: { range: 'bytes=5-9' },
    })
    expect(middle.body.toString()).toBe(bytes.subarray(5, 10).toString())
    const bad = await fileRequest(port, {
      method: 'GET',
      path: `/files/${id}`,
      token: bob.token,
      headers: { range: `bytes=${bytes.length}-` },
    })
    expect(bad.status).toBe(416)
    const head = await fileRequest(port, { method: 'HEAD', path: `/files/${id}`, token: bob.token })
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(String(bytes.length))
    // Sharing the same upload again is refused; a resend of the same chat is acknowledged.
    expect(await share(ada.c, 'f2', file)).toMatchObject({ type: 'error', code: 'unknown_upload' })
  })

  it("refuses a chat for an upload that is not this member's, or not as uploaded", async () => {
    const { url, port } = await filesHub()
    const ada = await joined(url, 'ada')
    const bob = await joined(url, 'bob')
    const bytes = Buffer.from('some bytes')
    const { id } = await uploadBytes(port, ada.token, bytes)
    expect(await share(bob.c, 'b1', declaration(id, bytes))).toMatchObject({
      code: 'unknown_upload',
    })
    expect(await share(ada.c, 'a1', declaration(id, bytes, { size: 11 }))).toMatchObject({
      code: 'file_mismatch',
    })
    expect(
      await share(ada.c, 'a2', declaration(id, bytes, { sha256: '0'.repeat(64) })),
    ).toMatchObject({ code: 'file_mismatch' })
    expect(await share(ada.c, 'a3', declaration('0'.repeat(32), bytes))).toMatchObject({
      code: 'unknown_upload',
    })
    // An unfinished upload is not shared either.
    const { id: open } = await createUpload(port, ada.token, 100, { sha256: sha256Hex('x') })
    expect(await share(ada.c, 'a4', declaration(open ?? '', Buffer.alloc(100)))).toMatchObject({
      code: 'unknown_upload',
    })
    expect(await share(ada.c, 'a5', declaration(id, bytes))).toMatchObject({ type: 'chat' })
  })

  it('refuses a wrong hash with 460 and removes the upload', async () => {
    const { url, port } = await filesHub()
    const ada = await joined(url, 'ada')
    const bytes = Buffer.from('these are the bytes')
    const { id, patch } = await uploadBytes(port, ada.token, bytes, { sha256: sha256Hex('other') })
    expect(patch.status).toBe(460)
    const head = await fileRequest(port, { method: 'HEAD', path: `/files/${id}`, token: ada.token })
    expect(head.status).toBe(404)
    expect(await share(ada.c, 'a1', declaration(id, bytes))).toMatchObject({
      code: 'unknown_upload',
    })
  })

  it('lets the host delete any file chat: the bytes go (410)', async () => {
    const { url, port } = await filesHub()
    const host = await joined(url, 'host')
    const ada = await joined(url, 'ada')
    const bytes = Buffer.from('to be deleted')
    const { id } = await uploadBytes(port, ada.token, bytes)
    const { seq } = (await share(ada.c, 'a1', declaration(id, bytes))) as ChatEvent
    const { seq: plain } = (await sendOp(ada.c, {
      type: 'chat',
      id: 'a2',
      text: 'words',
    })) as ChatEvent
    expect(await sendOp(host.c, { type: 'delete', id: 'h0', target: plain })).toMatchObject({
      code: 'not_author',
    })
    expect(await sendOp(host.c, { type: 'delete', id: 'h1', target: seq })).toMatchObject({
      type: 'delete',
    })
    const gone = await fileRequest(port, { method: 'GET', path: `/files/${id}`, token: ada.token })
    expect(gone.status).toBe(410)
    const later = await client(url).join('bob', cid('bob'))
    const chat = later.history.find((c) => c.seq === seq)
    expect(chat).toMatchObject({ deleted: true })
    expect(chat?.file).toBeUndefined()
  })

  it('expires the oldest files past the budget, tells everyone, and says so in welcomes', async () => {
    const { url, port } = await filesHub({
      budgetBytes: 3 * 4096,
      limits: { fileChargeBytes: 4096 },
    })
    const ada = await joined(url, 'ada')
    const bob = await joined(url, 'bob')
    const seqs: number[] = []
    for (let i = 0; i < 4; i++) {
      const bytes = Buffer.from(`file number ${i}`)
      const { id } = await uploadBytes(port, ada.token, bytes)
      seqs.push(((await share(ada.c, `a${i}`, declaration(id, bytes))) as ChatEvent).seq)
    }
    const expired = await received(bob.c, 'expired')
    expect(expired.targets).toEqual([seqs[0]])
    const welcome = await client(url).join('carl', cid('carl'))
    const flags = welcome.history.filter((c) => c.file).map((c) => c.file?.expired ?? false)
    expect(flags).toEqual([true, false, false, false])
  })
})

describe('files: uploads', () => {
  it("refuses another member's PATCH, sizes over the limit, and bytes beyond the length", async () => {
    const { url, port } = await filesHub({ maxFileBytes: 100 })
    const ada = await joined(url, 'ada')
    const bob = await joined(url, 'bob')
    const big = await createUpload(port, ada.token, 101, { sha256: sha256Hex('x') })
    expect(big.response.status).toBe(413)
    const { id } = await createUpload(port, ada.token, 10, { sha256: sha256Hex('0123456789') })
    expect((await patchUpload(port, bob.token, id ?? '', 0, Buffer.from('01234'))).status).toBe(403)
    const over = await patchUpload(port, ada.token, id ?? '', 0, Buffer.from('0123456789abc'))
    expect(over.status).toBeGreaterThanOrEqual(400)
    expect(
      await share(ada.c, 'a1', declaration(id ?? '', Buffer.from('0123456789'))),
    ).toMatchObject({ code: 'unknown_upload' })
  })
})

describe('files: the answer to each method (docs/protocol.md, Files)', () => {
  it('advertises core, creation and termination only, and refuses a creation that carries bytes', async () => {
    const { url, port } = await filesHub({ maxFileBytes: 1000 })
    const ada = await joined(url, 'ada')
    const options = await fileRequest(port, { method: 'OPTIONS', path: '/files', token: ada.token })
    expect([options.status, options.headers['tus-extension']]).toEqual([
      204,
      'creation,termination',
    ])
    const bytes = Buffer.from('hello')
    const headers = {
      'upload-length': '5',
      'upload-metadata': uploadMetadata({ sha256: sha256Hex(bytes) }),
    }
    // tus creation-with-upload: bytes in the POST itself.
    const withUpload = await fileRequest(port, {
      method: 'POST',
      path: '/files',
      token: ada.token,
      headers: { ...headers, 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    })
    expect([withUpload.status, withUpload.body.toString()]).toEqual([
      400,
      'Create the upload without a body, then send its bytes with PATCH.\n',
    ])
    expect(withUpload.headers.location).toBeUndefined()
    const deferred = await fileRequest(port, {
      method: 'POST',
      path: '/files',
      token: ada.token,
      headers: { 'upload-defer-length': '1', 'upload-metadata': headers['upload-metadata'] },
    })
    expect(deferred.status).toBe(400)
    // Nothing was made: a creation without bytes, then PATCH, still works.
    const { id } = await createUpload(port, ada.token, 5, { sha256: sha256Hex(bytes) })
    expect((await patchUpload(port, ada.token, id ?? '', 0, bytes)).status).toBe(204)
  })

  it('answers 412 naming tus 1.0.0 to every request on an upload without Tus-Resumable, OPTIONS and downloads aside', async () => {
    const { url, port } = await filesHub({ maxFileBytes: 1000 })
    const ada = await joined(url, 'ada')
    const bytes = Buffer.from('0123456789')
    const sha256 = sha256Hex(bytes)
    const { id: upload } = await createUpload(port, ada.token, 10, { sha256 })
    const { id: shared } = await createUpload(port, ada.token, 10, { sha256 })
    await patchUpload(port, ada.token, shared ?? '', 0, bytes)
    expect(await share(ada.c, 'a1', declaration(shared ?? '', bytes))).toMatchObject({ seq: 1 })
    const bare = (method: string, path: string, headers: Record<string, string> = {}) =>
      fileRequest(port, { method, path, token: ada.token, headers, tus: false })
    const refused = {
      POST: await bare('POST', '/files', {
        'upload-length': '10',
        'upload-metadata': uploadMetadata({ sha256 }),
      }),
      HEAD: await bare('HEAD', `/files/${upload}`),
      PATCH: await bare('PATCH', `/files/${upload}`, {
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      }),
      DELETE: await bare('DELETE', `/files/${upload}`),
    }
    for (const [method, answer] of Object.entries(refused)) {
      expect(
        [answer.status, answer.headers['tus-version'], answer.headers['tus-resumable']],
        method,
      ).toEqual([412, '1.0.0', '1.0.0'])
      if (method !== 'HEAD')
        expect(answer.body.toString(), method).toBe('Tus-Resumable: 1.0.0 is required.\n')
    }
    // Nothing was made, written or deleted: the upload is still there at offset 0.
    const head = await fileRequest(port, {
      method: 'HEAD',
      path: `/files/${upload}`,
      token: ada.token,
    })
    expect([head.status, head.headers['upload-offset']]).toEqual([200, '0'])
    // Discovery and downloads are not tus requests.
    expect((await bare('OPTIONS', '/files')).status).toBe(204)
    expect((await bare('GET', `/files/${shared}`)).body).toEqual(bytes)
    expect((await bare('HEAD', `/files/${shared}`)).status).toBe(200)
  })

  it('answers GET of an upload 404 even to its uploader, another method 405 whatever the id', async () => {
    const { url, port } = await filesHub({ maxFileBytes: 1000 })
    const ada = await joined(url, 'ada')
    const bob = await joined(url, 'bob')
    const bytes = Buffer.from('0123456789')
    const { id: upload } = await createUpload(port, ada.token, 10, { sha256: sha256Hex(bytes) })
    const { id: shared } = await createUpload(port, ada.token, 10, { sha256: sha256Hex(bytes) })
    await patchUpload(port, ada.token, shared ?? '', 0, bytes)
    expect(await share(ada.c, 'a1', declaration(shared ?? '', bytes))).toMatchObject({ seq: 1 })
    const status = async (method: string, id: string, token: string): Promise<number> =>
      (await fileRequest(port, { method, path: `/files/${id}`, token })).status
    const unknown = 'f'.repeat(32)
    const answers = {
      'ada GET own upload': await status('GET', upload ?? '', ada.token),
      'bob GET it': await status('GET', upload ?? '', bob.token),
      'bob HEAD it': await status('HEAD', upload ?? '', bob.token),
      'bob PATCH it': (await patchUpload(port, bob.token, upload ?? '', 0, bytes)).status,
      'bob DELETE it': await status('DELETE', upload ?? '', bob.token),
      'ada HEAD own upload': await status('HEAD', upload ?? '', ada.token),
      'bob GET shared': await status('GET', shared ?? '', bob.token),
      'ada PATCH shared': (await patchUpload(port, ada.token, shared ?? '', 10, bytes)).status,
      'ada DELETE shared': await status('DELETE', shared ?? '', ada.token),
      'ada PUT own upload': await status('PUT', upload ?? '', ada.token),
      'bob PUT it': await status('PUT', upload ?? '', bob.token),
      'bob PUT shared': await status('PUT', shared ?? '', bob.token),
      'bob POST unknown id': await status('POST', unknown, bob.token),
      'bob GET unknown id': await status('GET', unknown, bob.token),
      'bob PUT a bad id': await status('PUT', 'nope', bob.token),
    }
    expect(answers).toEqual({
      'ada GET own upload': 404,
      'bob GET it': 404,
      'bob HEAD it': 404,
      'bob PATCH it': 403,
      'bob DELETE it': 403,
      'ada HEAD own upload': 200,
      'bob GET shared': 200,
      'ada PATCH shared': 404,
      'ada DELETE shared': 404,
      'ada PUT own upload': 405,
      'bob PUT it': 405,
      'bob PUT shared': 405,
      'bob POST unknown id': 405,
      'bob GET unknown id': 404,
      'bob PUT a bad id': 404,
    })
    const put = await fileRequest(port, {
      method: 'PUT',
      path: `/files/${unknown}`,
      token: ada.token,
    })
    expect(put.headers.allow).toBe('GET, HEAD, PATCH, DELETE')
    const get = await fileRequest(port, { method: 'GET', path: '/files', token: ada.token })
    expect([get.status, get.headers.allow]).toEqual([405, 'OPTIONS, POST'])
  })
})

describe('files: cancelling an upload (tus termination)', () => {
  it("deletes an own upload and frees its slot; another member's DELETE is refused", async () => {
    const { url, port } = await filesHub({ limits: { maxParallelUploads: 2 } })
    const ada = await joined(url, 'ada')
    const bob = await joined(url, 'bob')
    const bytes = Buffer.from('0123456789')
    const sha256 = sha256Hex(bytes)
    const first = (await createUpload(port, ada.token, 10, { sha256 })).id ?? ''
    expect((await patchUpload(port, ada.token, first, 0, bytes.subarray(0, 4))).status).toBe(204)
    const second = (await createUpload(port, ada.token, 10, { sha256 })).id ?? ''
    expect((await createUpload(port, ada.token, 10, { sha256 })).response.status).toBe(429)
    const remove = (id: string, token: string) => cancelUpload(port, token, id)
    const head = (id: string, token: string) =>
      fileRequest(port, { method: 'HEAD', path: `/files/${id}`, token })

    expect((await remove(first, bob.token)).status).toBe(403)
    expect((await head(first, ada.token)).status).toBe(200)
    expect((await remove(first, ada.token)).status).toBe(204)
    expect((await head(first, ada.token)).status).toBe(404)
    expect((await patchUpload(port, ada.token, first, 4, bytes.subarray(4))).status).toBe(404)
    // Its slot among Ada's unfinished uploads is free again.
    const third = (await createUpload(port, ada.token, 10, { sha256 })).id ?? ''
    expect(third).toMatch(/^[0-9a-f]{32}$/)

    // A finished upload not shared yet can be deleted too; then it cannot be shared.
    expect((await patchUpload(port, ada.token, second, 0, bytes)).status).toBe(204)
    expect((await remove(second, ada.token)).status).toBe(204)
    expect(await share(ada.c, 'gone', declaration(second, bytes))).toMatchObject({
      code: 'unknown_upload',
    })
    // A shared file is no upload any more: DELETE does not touch it (the chat's delete does).
    expect((await patchUpload(port, ada.token, third, 0, bytes)).status).toBe(204)
    expect(await share(ada.c, 'kept', declaration(third, bytes))).toMatchObject({ type: 'chat' })
    expect((await remove(third, ada.token)).status).toBe(404)
    expect(
      (await fileRequest(port, { method: 'GET', path: `/files/${third}`, token: bob.token }))
        .status,
    ).toBe(200)
  })
})

describe('files: across a hub restart', () => {
  it("writes a file chat to the room's history before its upload joins the store", async () => {
    // Killed between the two, a hub that had moved the upload first came back without the chat
    // and without the upload: the sender's resend was refused (unknown_upload).
    const dir = tempDir()
    const original = SharedFiles.prototype.add
    const logged: boolean[] = []
    const add = vi.spyOn(SharedFiles.prototype, 'add').mockImplementation(function (
      this: SharedFiles,
      ...args
    ) {
      const [room] = readdirSync(join(dir.path, 'rooms'))
      const history = readFileSync(join(dir.path, 'rooms', room ?? '', 'history.log'), 'utf8')
      logged.push(history.includes('"id":"d1"'))
      return original.apply(this, args)
    })
    const started = await startTestHub({ dataDir: dir.path, files: {} })
    try {
      const { c, token } = await joined(started.url, 'ada')
      const bytes = Buffer.from('on disk first')
      const { id } = await uploadBytes(started.hub.port, token, bytes)
      expect(await share(c, 'd1', declaration(id, bytes))).toMatchObject({ type: 'chat' })
      expect(logged).toEqual([true])
    } finally {
      await started.stop()
      add.mockRestore()
      dir.remove()
    }
  })

  it('answers 410 for a file whose bytes left the disk, and expires it; 500 for one of another size', async () => {
    // Removed or cut behind the hub's back: never a 200 whose body then breaks off.
    const dir = tempDir()
    try {
      const first = await startTestHub({ dataDir: dir.path, files: {} })
      const ada = client(first.url)
      const token = (await ada.join('ada', cid('ada'))).files?.token ?? ''
      const { port } = first.hub
      const sharedFile = async (
        chatId: string,
        text: string,
      ): Promise<{ id: string; seq: number }> => {
        const bytes = Buffer.from(text)
        const { id } = await uploadBytes(port, token, bytes)
        const chat = (await share(ada, chatId, declaration(id, bytes))) as ChatEvent
        return { id, seq: chat.seq }
      }
      const gone = await sharedFile('s1', 'removed by hand')
      const cut = await sharedFile('s2', 'cut short by hand')
      const whole = await sharedFile('s3', 'left alone')
      const stored = (id: string): string => {
        const found = readdirSync(dir.path, { recursive: true, encoding: 'utf8' }).find((path) =>
          path.endsWith(join('store', id)),
        )
        if (!found) throw new Error(`no bytes of ${id} under ${dir.path}`)
        return join(dir.path, found)
      }
      rmSync(stored(gone.id))
      truncateSync(stored(cut.id), 3)
      const get = (id: string, method = 'GET') =>
        fileRequest(port, { method, path: `/files/${id}`, token })
      for (const method of ['GET', 'HEAD']) {
        expect((await get(gone.id, method)).status, method).toBe(410)
        expect((await get(cut.id, method)).status, method).toBe(500)
      }
      expect((await get(gone.id)).body.toString()).toBe('The file has expired or was deleted.\n')
      expect((await get(whole.id)).body.toString()).toBe('left alone')
      // The first download that found the bytes gone expired the file for everyone, at once.
      expect((await received(ada, 'expired')).targets).toEqual([gone.seq])
      const joiner = await client(first.url).join('cy', cid('cy'))
      expect(joiner.history.find((c) => c.seq === gone.seq)?.file?.expired).toBe(true)
      expect(joiner.history.find((c) => c.seq === cut.seq)?.file?.expired).toBeUndefined()
      expect(ada.all('expired')).toHaveLength(1)
      await first.stop()

      // And so it stays at the next start.
      const second = await startTestHub({ dataDir: dir.path, files: {} })
      try {
        const welcome = await client(second.url).join('bob', cid('bob'))
        expect(welcome.history.find((c) => c.seq === gone.seq)?.file?.expired).toBe(true)
        expect(welcome.history.find((c) => c.seq === whole.seq)?.file?.expired).toBeUndefined()
      } finally {
        await second.stop()
      }
    } finally {
      dir.remove()
    }
  })

  it('invalidates old credentials, resumes an unfinished upload, keeps shared files', async () => {
    const dir = tempDir()
    try {
      const first = await startTestHub({ dataDir: dir.path, files: {} })
      const ada = client(first.url)
      const token = (await ada.join('ada', cid('ada'))).files?.token ?? ''
      const kept = Buffer.from('kept across the restart')
      const { id: keptId } = await uploadBytes(first.hub.port, token, kept)
      const stamped = (await share(ada, 'k1', declaration(keptId, kept))) as ChatEvent
      const bytes = Buffer.alloc(100_000, 3)
      const { id } = await createUpload(first.hub.port, token, bytes.length, {
        sha256: sha256Hex(bytes),
      })
      expect(
        (await patchUpload(first.hub.port, token, id!, 0, bytes.subarray(0, 40_000))).status,
      ).toBe(204)
      await first.stop()

      const second = await startTestHub({ dataDir: dir.path, files: {} })
      try {
        const { port } = second.hub
        expect(
          (await fileRequest(port, { method: 'HEAD', path: `/files/${id}`, token })).status,
        ).toBe(401)
        const again = client(second.url)
        const welcome = await again.join('ada', cid('ada'))
        const fresh = welcome.files?.token ?? ''
        expect(fresh).not.toBe(token)
        expect(welcome.history.find((c) => c.seq === stamped.seq)?.file).toEqual(stamped.file)
        const head = await fileRequest(port, { method: 'HEAD', path: `/files/${id}`, token: fresh })
        expect(head.headers['upload-offset']).toBe('40000')
        expect((await patchUpload(port, fresh, id!, 40_000, bytes.subarray(40_000))).status).toBe(
          204,
        )
        expect(await share(again, 'r1', declaration(id!, bytes))).toMatchObject({ type: 'chat' })
        const got = await fileRequest(port, {
          method: 'GET',
          path: `/files/${keptId}`,
          token: fresh,
        })
        expect(got.body.equals(kept)).toBe(true)
      } finally {
        await second.hub.stop()
      }
    } finally {
      dir.remove()
    }
  })
})
