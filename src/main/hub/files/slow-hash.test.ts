/**
 * A finished upload is hashed before the last PATCH is answered. On a slow disk that takes
 * longer than the idle timeout, which is about the client going quiet, not the hub working: the
 * answer must still come, and a HEAD asked meanwhile must wait for the hash rather than report a
 * complete upload the hub has not checked yet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createUpload,
  declaration,
  fileRequest,
  patchUpload,
  sha256Hex,
} from '../../../../test/support/file-http'
import { tempDir } from '../../../../test/support/temp-dir'
import { cid, startTestHub, TestClient } from '../../../../test/support/ws-client'
import { sendOp } from '../testing/timeline-client'
import type * as HashFile from './hash-file'

/** How long each hash takes here: four times the idle timeout below. */
const HASH_MS = 1_200
const IDLE_MS = 300

vi.mock('./hash-file', async (original) => {
  const real = await original<typeof HashFile>()
  return {
    hashFile: async (path: string): Promise<string> => {
      await new Promise((resolve) => setTimeout(resolve, HASH_MS))
      return real.hashFile(path)
    },
  }
})

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function room(): Promise<{ port: number; token: string; client: TestClient }> {
  const { url, stop } = await startTestHub({
    files: {},
    limits: { fileIdleTimeoutMs: IDLE_MS },
  })
  cleanups.push(stop)
  const client = new TestClient(url)
  cleanups.push(() => client.close())
  const welcome = await client.join('Ada', cid('ada'))
  const token = welcome.files?.token
  if (!token) throw new Error('the hub gave no file credential')
  return { port: Number(new URL(url).port), token, client }
}

describe('a finished upload hashed slower than the idle timeout', () => {
  it('answers the last PATCH once the bytes are checked, and the file can be shared', async () => {
    const { port, token, client } = await room()
    const bytes = Buffer.from('the bytes of a large file, hashed on a slow disk')
    const { id } = await createUpload(port, token, bytes.length, { sha256: sha256Hex(bytes) })
    const patch = await patchUpload(port, token, id!, 0, bytes)
    expect(patch.status).toBe(204)
    const answer = await sendOp(client, {
      type: 'chat',
      id: 'm1',
      text: 'a.bin',
      file: declaration(id!, bytes, { name: 'a.bin' }),
    })
    expect(answer).toMatchObject({ type: 'chat', file: { id } })
  })

  it('makes a HEAD asked while hashing wait for the hash, then says complete', async () => {
    const { port, token } = await room()
    const bytes = Buffer.from('another file')
    const { id } = await createUpload(port, token, bytes.length, { sha256: sha256Hex(bytes) })
    const finishing = patchUpload(port, token, id!, 0, bytes)
    // Asked while the hub hashes (the PATCH's bytes are in; its answer waits for the hash).
    await new Promise((resolve) => setTimeout(resolve, HASH_MS / 3))
    const head = await fileRequest(port, {
      method: 'HEAD',
      path: `/files/${id}`,
      token,
    })
    expect(head.status).toBe(200)
    expect(head.headers['upload-offset']).toBe(String(bytes.length))
    expect((await finishing).status).toBe(204)
  })

  it('makes that HEAD a 404 when the bytes turn out wrong (the upload is gone)', async () => {
    const { port, token } = await room()
    const bytes = Buffer.from('bytes that do not match')
    const { id } = await createUpload(port, token, bytes.length, { sha256: sha256Hex('other') })
    const finishing = patchUpload(port, token, id!, 0, bytes)
    await new Promise((resolve) => setTimeout(resolve, HASH_MS / 3))
    const head = await fileRequest(port, {
      method: 'HEAD',
      path: `/files/${id}`,
      token,
    })
    expect(head.status).toBe(404)
    expect((await finishing).status).toBe(460)
  })

  it('after a restart, makes a file chat wait while the hub checks its upload again, then takes it', async () => {
    // The hub was stopped after answering the last PATCH and before the chat that shares the
    // file reached it. On start it hashes every finished upload again; the chat, sent at once,
    // must wait for that, not be refused as an unknown upload (the chaos test met this).
    const dir = tempDir()
    cleanups.push(dir.remove)
    const first = await startTestHub({ dataDir: dir.path, files: {} })
    const ada = new TestClient(first.url)
    const token = (await ada.join('Ada', cid('ada'))).files?.token ?? ''
    const bytes = Buffer.from('finished just before the hub went down')
    const { id } = await createUpload(first.hub.port, token, bytes.length, {
      sha256: sha256Hex(bytes),
    })
    expect((await patchUpload(first.hub.port, token, id!, 0, bytes)).status).toBe(204)
    ada.close()
    await first.hub.stop()

    const second = await startTestHub({ dataDir: dir.path, files: {} })
    cleanups.push(() => second.hub.stop())
    const again = new TestClient(second.url)
    cleanups.push(() => again.close())
    await again.join('Ada', cid('ada'))
    const answer = await sendOp(again, {
      type: 'chat',
      id: 'm1',
      text: 'shared after the restart',
      file: declaration(id!, bytes, { name: 'late.bin' }),
    })
    expect(answer).toMatchObject({ type: 'chat', file: { id } })
  })
})
