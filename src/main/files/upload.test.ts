import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTusHub, type TusHub } from '../../../test/support/tus-hub'
import { FileError } from './errors'
import type { FileTarget } from './target'
import { uploadFile, uploadIdOf } from './upload'

const CHUNK = 256 * 1024
const FAST = { backoff: { initialDelayMs: 20, maxDelayMs: 200 }, tokenPollMs: 20 }

describe('uploadFile (tus over pinned TLS, real @tus/server on loopback)', () => {
  let hub: TusHub
  let dir: string
  let token: string | null

  beforeEach(async () => {
    hub = await startTusHub()
    hub.tokens.add('good-token')
    token = 'good-token'
    dir = await mkdtemp(join(tmpdir(), 'lanroom-up-'))
  })
  afterEach(async () => {
    await hub.close()
    await rm(dir, { recursive: true, force: true })
  })

  const target = (overrides: Partial<FileTarget> = {}): FileTarget => ({
    origin: hub.origin,
    fingerprint: hub.fingerprint,
    token: () => token,
    ...overrides,
  })

  async function file(size: number): Promise<{ path: string; bytes: Buffer; sha256: string }> {
    const bytes = randomBytes(size)
    const path = join(dir, `f-${size}.bin`)
    await writeFile(path, bytes)
    return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') }
  }

  it('uploads in chunks and returns the upload id; the hub has the same bytes', async () => {
    const { path, bytes, sha256 } = await file(CHUNK * 3 + 11)
    const progress: number[] = []
    const { id } = await uploadFile({
      target: target(),
      path,
      size: bytes.byteLength,
      sha256,
      name: 'f.bin',
      chunkSize: CHUNK,
      onProgress: (sent) => progress.push(sent),
    })
    expect((await readFile(hub.pathOf(id))).equals(bytes)).toBe(true)
    expect(hub.log.filter((l) => l.startsWith('PATCH')).length).toBe(4)
    expect(progress.at(-1)).toBe(bytes.byteLength)
  })

  it('refuses a hub presenting another certificate before sending anything', async () => {
    const { path, bytes, sha256 } = await file(100)
    const error = await uploadFile({
      target: target({ fingerprint: 'ab'.repeat(32) }),
      path,
      size: bytes.byteLength,
      sha256,
      name: 'f.bin',
      retry: FAST,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileError)
    expect(error).toMatchObject({ code: 'network', message: /another certificate/ })
    expect(hub.log).toEqual([])
  })

  it("fails with 'checksum' when the hub finds other bytes than declared (460)", async () => {
    const { path, bytes } = await file(1000)
    await expect(
      uploadFile({
        target: target(),
        path,
        size: bytes.byteLength,
        sha256: 'f'.repeat(64),
        name: 'x',
      }),
    ).rejects.toMatchObject({ code: 'checksum', status: 460 })
  })

  it('refuses at once a hub that says more bytes were uploaded than the file has', async () => {
    const { path, bytes, sha256 } = await file(20)
    let patches = 0
    hub.onTus = (req, res) => {
      if (req.method !== 'PATCH') return false
      patches += 1
      req.resume()
      res.writeHead(204, { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '999999' }).end()
      return true
    }
    await expect(
      uploadFile({
        target: target(),
        path,
        size: bytes.byteLength,
        sha256,
        name: 'x.txt',
        retry: FAST,
      }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: 'The room said 999999 bytes of x.txt were uploaded, more than its 20.',
    })
    expect(patches).toBe(1)
  })

  it('waits for a new credential after a 401, then goes on', async () => {
    const { path, bytes, sha256 } = await file(1000)
    token = 'stale-token'
    const done = uploadFile({
      target: target(),
      path,
      size: bytes.byteLength,
      sha256,
      name: 'x',
      retry: FAST,
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(hub.log.some((l) => l.endsWith(' 401'))).toBe(true)
    token = 'good-token'
    const { id } = await done
    expect((await readFile(hub.pathOf(id))).equals(bytes)).toBe(true)
  })

  it('resumes from the hub offset after the hub stops and comes back', async () => {
    const { path, bytes, sha256 } = await file(CHUNK * 4)
    let stopped = false
    const { id } = await uploadFile({
      target: target(),
      path,
      size: bytes.byteLength,
      sha256,
      name: 'f.bin',
      chunkSize: CHUNK,
      retry: FAST,
      onProgress: (sent) => {
        if (!stopped && sent >= CHUNK * 2) {
          stopped = true
          void hub.stop().then(() => setTimeout(() => void hub.restart(), 300))
        }
      },
    })
    expect(stopped).toBe(true)
    expect((await readFile(hub.pathOf(id))).equals(bytes)).toBe(true)
    expect(hub.log.filter((l) => l.startsWith('POST')).length).toBe(1)
    expect(hub.log.some((l) => l.startsWith('HEAD'))).toBe(true)
  })

  it('stops when cancelled', async () => {
    const { path, bytes, sha256 } = await file(CHUNK * 2)
    const controller = new AbortController()
    const error = await uploadFile({
      target: target(),
      path,
      size: bytes.byteLength,
      sha256,
      name: 'x',
      chunkSize: CHUNK,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'cancelled' })
  })

  it('reads the id from the upload URL only under /files/', () => {
    expect(uploadIdOf('https://h:1/files/abc123')).toBe('abc123')
    expect(uploadIdOf('https://h:1/elsewhere/abc123')).toBeNull()
    expect(uploadIdOf('https://h:1/files/')).toBeNull()
    expect(uploadIdOf('not a url')).toBeNull()
  })
})
