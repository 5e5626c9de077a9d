/**
 * A clustered room puts a finished upload's bytes into the room's file store as soon as they
 * are verified, and the last PATCH answers once they are there: the file chat sent after that answer is judged at once, rather than waiting with
 * the sender's later chats for as long as a large file takes to copy (hub-files.ts,
 * files-http.ts). Here the store is a directory whose `publish` the test lets finish.
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS, TUS_VERSION } from '../../../shared/protocol'
import {
  createUpload,
  declaration,
  fileRequest,
  sha256Hex,
  type FileResponse,
} from '../../../../test/support/file-http'
import { tempDir } from '../../../../test/support/temp-dir'
import { SILENT_LOGGER } from '../logger'
import { DirBytes, type VerifiedUpload } from './file-bytes'
import { HubFiles } from './hub-files'

/** A directory store with the clustered room's `publish`, finished when the test says. */
class SlowStore extends DirBytes {
  readonly puts: Array<{ upload: VerifiedUpload; finish: (error?: Error) => void }> = []
  readonly unpublished: string[] = []
  unpublish(id: string): void {
    this.unpublished.push(id)
  }
  publish(upload: VerifiedUpload): Promise<void> {
    return new Promise((resolve, reject) => {
      this.puts.push({ upload, finish: (error) => (error ? reject(error) : resolve()) })
    })
  }
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function filesAt(
  store: SlowStore,
  limits: typeof LIMITS = LIMITS,
  now?: () => number,
): Promise<{ files: HubFiles; port: number }> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const files = new HubFiles({
    dir: dir.path,
    maxFileBytes: 1 << 20,
    budgetBytes: 1 << 22,
    limits,
    log: SILENT_LOGGER,
    bytes: store,
    ...(now ? { now } : {}),
  })
  cleanups.push(() => files.close())
  const server: Server = createServer((req, res) => files.handle(req, res, req.url ?? ''))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise((resolve) => {
        // A PATCH still waiting for a put the test never finished (a failing test) ends here.
        server.closeAllConnections()
        server.close(resolve)
      }),
  )
  return { files, port: (server.address() as AddressInfo).port }
}

/** A PATCH of all the bytes, answered: its status. */
function lastPatch(
  port: number,
  token: string,
  id: string,
  bytes: Buffer,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: `/files/${id}`,
        headers: {
          'tus-resumable': TUS_VERSION,
          authorization: `Bearer ${token}`,
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(bytes.length),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
      },
    )
    req.on('error', reject)
    req.end(bytes)
  })
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(check()).toBe(true)
}

describe('the last PATCH in a clustered room', () => {
  it('puts the verified bytes into the store and answers once they are there', async () => {
    const store = new SlowStore('/nonexistent-never-written')
    const { files, port } = await filesAt(store)
    const token = files.welcome('ada-client').token
    const bytes = Buffer.from('a file for every hub of the room')
    const { id } = await createUpload(
      port,
      token,
      bytes.length,
      { sha256: sha256Hex(bytes) },
      false,
    )
    let answered: { status: number } | null = null
    const patch = lastPatch(port, token, id!, bytes).then((a) => (answered = a))

    // Hashed, then put: the answer waits for the put.
    await until(() => store.puts.length === 1)
    expect(store.puts[0]?.upload).toMatchObject({
      id,
      size: bytes.length,
      sha256: sha256Hex(bytes),
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(answered).toBeNull()
    store.puts[0]?.finish()
    expect((await patch).status).toBe(204)

    // The file chat now finds the bytes in the store: nothing to wait for, nothing refused.
    expect(files.verifying(id!, 'ada-client')).toBeNull()
    expect(files.refusal(declaration(id!, bytes), 'ada-client')).toBeNull()
    expect(store.puts).toHaveLength(1)
  })

  it('answers 204 when the put fails; the file chat is refused once, and the next puts again', async () => {
    const store = new SlowStore('/nonexistent-never-written')
    const { files, port } = await filesAt(store)
    const token = files.welcome('ada-client').token
    const bytes = Buffer.from('a file the store will not take at first')
    const { id } = await createUpload(
      port,
      token,
      bytes.length,
      { sha256: sha256Hex(bytes) },
      false,
    )
    const patch = lastPatch(port, token, id!, bytes)
    await until(() => store.puts.length === 1)
    store.puts[0]?.finish(new Error('no responders'))
    expect((await patch).status).toBe(204)

    const file = declaration(id!, bytes)
    expect(files.verifying(id!, 'ada-client')).toBeNull()
    expect(files.refusal(file, 'ada-client')).toMatchObject({ code: 'rate_limited' })
    // Sent again: put again, and judged once it is there.
    const waiting = files.verifying(id!, 'ada-client')
    expect(waiting).toBeInstanceOf(Promise)
    expect(store.puts).toHaveLength(2)
    store.puts[1]?.finish()
    await waiting
    expect(files.refusal(file, 'ada-client')).toBeNull()
  })

  it('takes the bytes of an upload put but never shared out of the store when it expires', async () => {
    const store = new SlowStore('/nonexistent-never-written')
    // Untouched for 1 s, a finished upload expires (the sweep runs every second).
    const { files, port } = await filesAt(store, { ...LIMITS, unfinishedUploadTtlMs: 1_000 })
    const token = files.welcome('ada-client').token
    const bytes = Buffer.from('a file put into the store, then never shared')
    const { id } = await createUpload(
      port,
      token,
      bytes.length,
      { sha256: sha256Hex(bytes) },
      false,
    )
    const patch = lastPatch(port, token, id!, bytes)
    await until(() => store.puts.length === 1)
    store.puts[0]?.finish()
    expect((await patch).status).toBe(204)
    await until(() => store.unpublished.length > 0)
    expect(store.unpublished).toEqual([id])
    expect(files.uploads.get(id!)).toBeUndefined()
  })

  it('makes a HEAD asked while the put runs wait for it, then says complete', async () => {
    const store = new SlowStore('/nonexistent-never-written')
    const { files, port } = await filesAt(store)
    const token = files.welcome('ada-client').token
    const bytes = Buffer.from('a file whose last PATCH the client gave up on')
    const { id } = await createUpload(
      port,
      token,
      bytes.length,
      { sha256: sha256Hex(bytes) },
      false,
    )
    void lastPatch(port, token, id!, bytes).catch(() => {})
    await until(() => store.puts.length === 1)
    // The client that gave up resumes with a HEAD: no answer while the put runs.
    let head: FileResponse | null = null
    const asked = fileRequest(port, { method: 'HEAD', path: `/files/${id}`, token }, false).then(
      (r) => (head = r),
    )
    await new Promise((r) => setTimeout(r, 300))
    expect(head).toBeNull()
    store.puts[0]?.finish()
    await asked
    expect(head).toMatchObject({ status: 200, headers: { 'upload-offset': String(bytes.length) } })
    expect(files.verifying(id!, 'ada-client')).toBeNull()
  })

  it('keeps an upload whose chat was accepted, and its bytes in the store, past its expiry', async () => {
    const store = new SlowStore('/nonexistent-never-written')
    // Untouched for 1 s of the uploads' clock, a finished upload expires; the sweep runs every
    // second (of real time). The clock is the test's: the uploads made at 0 are 1.5 s old when
    // the sweep looks, however late it runs.
    let now = 0
    const { files, port } = await filesAt(
      store,
      { ...LIMITS, unfinishedUploadTtlMs: 1_000 },
      () => now,
    )
    const token = files.welcome('ada-client').token
    const put = async (text: string): Promise<{ id: string; bytes: Buffer }> => {
      const bytes = Buffer.from(text)
      const { id } = await createUpload(
        port,
        token,
        bytes.length,
        { sha256: sha256Hex(bytes) },
        false,
      )
      const before = store.puts.length
      const patch = lastPatch(port, token, id!, bytes)
      await until(() => store.puts.length === before + 1)
      store.puts.at(-1)?.finish()
      expect((await patch).status).toBe(204)
      return { id: id!, bytes }
    }
    const shared = await put('a file shared just before its upload would expire')
    const unshared = await put('a file nobody shares')
    // At 0.9 s the chat passes and goes to the room's log; it comes back after the upload's 1 s.
    now = 900
    expect(files.refusal(declaration(shared.id, shared.bytes), 'ada-client')).toBeNull()
    now = 1_500
    // A sweep has run once the unshared upload is gone (its bytes leave the store).
    await until(() => store.unpublished.includes(unshared.id))
    expect(store.unpublished).toEqual([unshared.id])
    expect(files.uploads.get(shared.id)).toMatchObject({ state: 'verified' })
  })
})
