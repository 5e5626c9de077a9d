/**
 * A clustered room puts a finished upload's bytes into the room's file store as soon as they
 * are verified, and the last PATCH answers once they are there: the file chat sent after that
 * answer is judged at once, rather than waiting with the sender's later chats for as long as a
 * large file takes to copy (hub-files.ts, files-http.ts). Here the store is a directory whose
 * `publish` the test lets finish.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/protocol'
import {
  cancelUpload,
  createUpload,
  declaration,
  fileRequest,
  patchUpload,
  sha256Hex,
  type FileResponse,
} from '../../../../test/support/file-http'
import { tempDir } from '../../../../test/support/temp-dir'
import { waitFor } from '../../../../test/support/ws-client'
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

const MEMBER = 'ada-client'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Files {
  files: HubFiles
  store: SlowStore
  port: number
  /** MEMBER's file credential. */
  token: string
}

/** A room's files over plain HTTP on loopback, with a SlowStore. */
async function filesAt(limits: typeof LIMITS = LIMITS, now?: () => number): Promise<Files> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const store = new SlowStore('/nonexistent-never-written')
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
  const port = (server.address() as AddressInfo).port
  return { files, store, port, token: files.welcome(MEMBER).token }
}

interface Finishing {
  id: string
  bytes: Buffer
  /** The last PATCH's answer, to come. */
  patch: Promise<FileResponse>
  /** Ends the put its last PATCH started (with `error`: the put fails). */
  finish: (error?: Error) => void
}

/** Uploads `text` until the hub, having checked the bytes, has started putting them. */
async function finishing({ store, port, token }: Files, text: string): Promise<Finishing> {
  const bytes = Buffer.from(text)
  const { id } = await createUpload(port, token, bytes.length, { sha256: sha256Hex(bytes) }, false)
  if (!id) throw new Error('no upload made')
  const before = store.puts.length
  const patch = patchUpload(port, token, id, 0, bytes, false)
  await waitFor(() => store.puts.length === before + 1, undefined, 'the put')
  const put = store.puts[before]!
  expect(put.upload).toMatchObject({ id, size: bytes.length, sha256: sha256Hex(bytes) })
  return { id, bytes, patch, finish: put.finish }
}

/** Uploads `text` whole, its put ended: the last PATCH answered 204. */
async function uploaded(at: Files, text: string): Promise<{ id: string; bytes: Buffer }> {
  const upload = await finishing(at, text)
  upload.finish()
  expect((await upload.patch).status).toBe(204)
  return upload
}

/** Whether `answer` is still unanswered 300 ms on (it waits for a put the test holds). */
async function stillWaiting(answer: Promise<unknown>): Promise<boolean> {
  let answered = false
  void answer.then(() => (answered = true))
  await new Promise((resolve) => setTimeout(resolve, 300))
  return !answered
}

describe('the last PATCH in a clustered room', () => {
  it('puts the verified bytes into the store and answers once they are there', async () => {
    const at = await filesAt()
    const { files, store } = at
    const { id, bytes, patch, finish } = await finishing(at, 'a file for every hub of the room')
    // Hashed, then put: the answer waits for the put.
    expect(await stillWaiting(patch)).toBe(true)
    finish()
    expect((await patch).status).toBe(204)

    // The file chat now finds the bytes in the store: nothing to wait for, nothing refused.
    expect(files.verifying(id, MEMBER)).toBeNull()
    expect(files.refusal(declaration(id, bytes), MEMBER)).toBeNull()
    expect(store.puts).toHaveLength(1)
  })

  it('answers 204 when the put fails; the file chat is refused once, and the next puts again', async () => {
    const at = await filesAt()
    const { files, store } = at
    const upload = await finishing(at, 'a file the store will not take at first')
    upload.finish(new Error('no responders'))
    expect((await upload.patch).status).toBe(204)

    const file = declaration(upload.id, upload.bytes)
    expect(files.verifying(upload.id, MEMBER)).toBeNull()
    expect(files.refusal(file, MEMBER)).toMatchObject({ code: 'rate_limited' })
    // Sent again: put again, and judged once it is there.
    const waiting = files.verifying(upload.id, MEMBER)
    expect(waiting).toBeInstanceOf(Promise)
    expect(store.puts).toHaveLength(2)
    store.puts[1]?.finish()
    await waiting
    expect(files.refusal(file, MEMBER)).toBeNull()
  })

  it('makes a HEAD asked while the put runs wait for it, then says complete', async () => {
    const at = await filesAt()
    const { id, bytes, patch, finish } = await finishing(
      at,
      'a file whose last PATCH the client gave up on',
    )
    void patch.catch(() => {})
    // The client that gave up resumes with a HEAD: no answer while the put runs.
    const head = fileRequest(
      at.port,
      { method: 'HEAD', path: `/files/${id}`, token: at.token },
      false,
    )
    expect(await stillWaiting(head)).toBe(true)
    finish()
    expect(await head).toMatchObject({
      status: 200,
      headers: { 'upload-offset': String(bytes.length) },
    })
    expect(at.files.verifying(id, MEMBER)).toBeNull()
  })

  it('takes the bytes of a cancelled upload out of the store: at once when put, when its put ends if not yet', async () => {
    const at = await filesAt()
    const { store, port, token } = at
    const cancel = (id: string) => cancelUpload(port, token, id, false)
    const put = await uploaded(at, 'a file put, then cancelled')
    expect((await cancel(put.id)).status).toBe(204)
    expect(store.unpublished).toEqual([put.id])

    const putting = await finishing(at, 'a file cancelled while its put runs')
    void putting.patch.catch(() => {})
    expect((await cancel(putting.id)).status).toBe(204)
    expect(store.unpublished).toEqual([put.id])
    putting.finish()
    await waitFor(() => store.unpublished.length === 2, undefined, 'the unpublish')
    expect(store.unpublished).toEqual([put.id, putting.id])
  })

  it('keeps the bytes of an upload cancelled while its accepted chat is on its way to be shared', async () => {
    const at = await filesAt()
    const { files, store, port, token } = at
    const { id, bytes } = await uploaded(at, 'a file shared, then cancelled by a rogue client')
    const file = declaration(id, bytes)
    expect(files.refusal(file, MEMBER)).toBeNull()
    expect((await cancelUpload(port, token, id, false)).status).toBe(204)
    // The chat was accepted before the cancel: its bytes stay for the hubs that will serve it.
    expect(store.unpublished).toEqual([])
  })

  it('takes the bytes of an upload put but never shared out of the store when it expires, not those of one whose chat was accepted', async () => {
    // Untouched for 1 s of the uploads' clock, a finished upload expires; the sweep runs every
    // second (of real time). The clock is the test's: the uploads made at 0 are 1.5 s old when
    // the sweep looks, however late it runs.
    let now = 0
    const at = await filesAt({ ...LIMITS, unfinishedUploadTtlMs: 1_000 }, () => now)
    const { files, store } = at
    const shared = await uploaded(at, 'a file shared just before its upload would expire')
    const unshared = await uploaded(at, 'a file nobody shares')
    // At 0.9 s the chat passes and goes to the room's log; it comes back after the upload's 1 s.
    now = 900
    expect(files.refusal(declaration(shared.id, shared.bytes), MEMBER)).toBeNull()
    now = 1_500
    // The unshared upload expires, and its bytes leave the store.
    await waitFor(() => store.unpublished.includes(unshared.id), undefined, 'the sweep')
    expect(files.uploads.get(unshared.id)).toBeUndefined()
    expect(store.unpublished).toEqual([unshared.id])
    expect(files.uploads.get(shared.id)).toMatchObject({ state: 'verified' })
  })
})
