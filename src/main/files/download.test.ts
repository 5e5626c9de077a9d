import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTusHub, type TusHub } from '../../../test/support/tus-hub'
import { digestOf, downloadFile } from './download'
import type { FileTarget } from './target'
import { uploadFile } from './upload'

const FAST = { backoff: { initialDelayMs: 20, maxDelayMs: 200 }, tokenPollMs: 20 }

describe('downloadFile (ranged, verified; real HTTPS server on loopback)', () => {
  let hub: TusHub
  let dir: string
  let out: string
  let token: string | null

  beforeEach(async () => {
    hub = await startTusHub()
    hub.tokens.add('good-token')
    token = 'good-token'
    dir = await mkdtemp(join(tmpdir(), 'lanroom-down-src-'))
    out = await mkdtemp(join(tmpdir(), 'lanroom-down-'))
  })
  afterEach(async () => {
    await hub.close()
    await rm(dir, { recursive: true, force: true })
    await rm(out, { recursive: true, force: true })
  })

  const target = (): FileTarget => ({
    origin: hub.origin,
    fingerprint: hub.fingerprint,
    token: () => token,
  })

  async function shared(size: number, name = 'report.pdf') {
    const bytes = randomBytes(size)
    const path = join(dir, 'source.bin')
    await writeFile(path, bytes)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const { id } = await uploadFile({ target: target(), path, size, sha256, name })
    return { id, bytes, sha256, name }
  }

  it('saves the verified bytes under a safe name, numbering a second copy', async () => {
    const file = await shared(300_000, '../evil\u202egnp.exe')
    const first = await downloadFile({ target: target(), dir: out, ...file })
    expect(first.path).toBe(join(out, '_evilgnp.exe'))
    expect((await readFile(first.path)).equals(file.bytes)).toBe(true)
    expect(first).toMatchObject({ sha256: file.sha256, size: 300_000 })
    const second = await downloadFile({ target: target(), dir: out, ...file })
    expect(second.path).toBe(join(out, '_evilgnp (1).exe'))
    expect((await readdir(out)).sort()).toEqual(['_evilgnp (1).exe', '_evilgnp.exe'])
  })

  it('resumes with Range after the connection drops midway', async () => {
    const file = await shared(600_000)
    let broken = false
    const ranges: Array<string | undefined> = []
    hub.onGet = (req, res, path) => {
      ranges.push(req.headers.range)
      if (broken) return false
      broken = true
      // Half the file, then the connection dies.
      void readFile(path).then((bytes) => {
        res.writeHead(200, { 'Content-Length': bytes.byteLength })
        res.write(bytes.subarray(0, 250_000), () => res.destroy())
      })
      return true
    }
    const result = await downloadFile({ target: target(), dir: out, retry: FAST, ...file })
    expect((await readFile(result.path)).equals(file.bytes)).toBe(true)
    // It came back for the rest with Range (asked of onGet: the hub's log has a request once
    // its response has finished, and the client may close first once it has every byte).
    expect(ranges[0]).toBeUndefined()
    expect(
      ranges.slice(1).some((range) => range !== undefined && /^bytes=[1-9]\d*-/.test(range)),
    ).toBe(true)
    expect(await readdir(out)).toEqual(['report.pdf'])
  })

  it("detects corrupted bytes ('corrupt') and leaves nothing behind", async () => {
    const file = await shared(100_000)
    const stored = hub.pathOf(file.id)
    const bytes = await readFile(stored)
    bytes[500] = (bytes[500] ?? 0) ^ 0xff
    await writeFile(stored, bytes)
    await expect(downloadFile({ target: target(), dir: out, ...file })).rejects.toMatchObject({
      code: 'corrupt',
    })
    expect(await readdir(out)).toEqual([])
  })

  it('refuses more bytes than the shared size', async () => {
    const file = await shared(1000)
    await expect(
      downloadFile({ target: target(), dir: out, ...file, size: 999 }),
    ).rejects.toMatchObject({ code: 'corrupt' })
    expect(await readdir(out)).toEqual([])
  })

  it('without the shared size, refuses a file announced as larger than maxSize, before writing', async () => {
    const file = await shared(1000)
    let bytesSent = 0
    // 5 GB announced, bytes sent until the client goes away.
    hub.onGet = (_req, res) => {
      res.writeHead(200, { 'Content-Length': 5 * 1024 ** 3 })
      const chunk = Buffer.alloc(64 * 1024)
      const more = (): void => {
        while (!res.destroyed && bytesSent < 64 * 1024 * 1024) {
          bytesSent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      more()
      return true
    }
    await expect(
      downloadFile({
        target: target(),
        dir: out,
        id: file.id,
        maxSize: { bytes: 1024 ** 2, of: 'bytes free in OUT' },
        retry: FAST,
      }),
    ).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(
        /as 5368709120 bytes, more than the 1048576 bytes free in OUT\.$/,
      ),
    })
    expect(await readdir(out)).toEqual([])
    // At or under the bound it is taken as before.
    hub.onGet = null
    const saved = await downloadFile({
      target: target(),
      dir: out,
      id: file.id,
      maxSize: { bytes: 1000, of: 'bytes free in OUT' },
    })
    expect((await readFile(saved.path)).equals(file.bytes)).toBe(true)
  })

  it('gives up on a room that stops sending twice, whatever came before each silence', async () => {
    const file = await shared(1000)
    const open: Array<{ destroy(): void }> = []
    let attempts = 0
    // Each answer: its head and three more bytes, then nothing (the socket kept open).
    hub.onGet = (req, res) => {
      attempts += 1
      const from = Number(/^bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0)
      res.writeHead(from > 0 ? 206 : 200, {
        'Content-Length': 1000 - from,
        ...(from > 0 ? { 'Content-Range': `bytes ${from}-999/1000` } : {}),
      })
      res.write(Buffer.alloc(3))
      open.push(res)
      return true
    }
    await expect(
      downloadFile({ target: target(), dir: out, ...file, idleMs: 300, retry: FAST }),
    ).rejects.toMatchObject({
      code: 'network',
      message:
        'The room stopped sending the download of report.pdf: nothing came for 0.3 s, 2 times.',
    })
    for (const res of open) res.destroy()
    expect(attempts).toBe(2)
  })

  it('waits again for a room that went silent after sending a good part, however often', async () => {
    const file = await shared(400_000)
    const open: Array<{ destroy(): void }> = []
    let attempts = 0
    // Twice: 100 KB from where the client is, then silence; then the rest as usual.
    hub.onGet = (req, res, path) => {
      attempts += 1
      if (attempts > 2) return false
      const from = Number(/^bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0)
      void readFile(path).then((bytes) => {
        res.writeHead(from > 0 ? 206 : 200, {
          'Content-Length': bytes.byteLength - from,
          ...(from > 0
            ? { 'Content-Range': `bytes ${from}-${bytes.byteLength - 1}/${bytes.byteLength}` }
            : {}),
        })
        res.write(bytes.subarray(from, from + 100_000))
        open.push(res)
      })
      return true
    }
    const saved = await downloadFile({
      target: target(),
      dir: out,
      ...file,
      idleMs: 300,
      retry: FAST,
    })
    for (const res of open) res.destroy()
    expect((await readFile(saved.path)).equals(file.bytes)).toBe(true)
    expect(attempts).toBe(3)
  })

  it('says expired for 410 and not_found for 404', async () => {
    const file = await shared(10)
    hub.onGet = (_req, res) => (res.writeHead(410).end('gone'), true)
    await expect(downloadFile({ target: target(), dir: out, ...file })).rejects.toMatchObject({
      code: 'expired',
    })
    await expect(
      downloadFile({ target: target(), dir: out, id: 'nosuchid', sha256: file.sha256 }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('verifies against the Repr-Digest when no SHA-256 is given, after waiting for a token', async () => {
    const file = await shared(5000)
    token = 'stale'
    const done = downloadFile({ target: target(), dir: out, id: file.id, retry: FAST })
    await new Promise((resolve) => setTimeout(resolve, 150))
    token = 'good-token'
    const result = await done
    expect(result.sha256).toBe(file.sha256)
    expect(result.path).toBe(join(out, file.id))
  })

  it('reads RFC 9530 digests', () => {
    const hex = 'ab'.repeat(32)
    const b64 = Buffer.from(hex, 'hex').toString('base64')
    expect(digestOf(`sha-256=:${b64}:`)).toBe(hex)
    expect(digestOf(`sha-512=:AAAA:, sha-256=:${b64}:`)).toBe(hex)
    expect(digestOf('sha-256=:AAAA:')).toBeNull()
    expect(digestOf(undefined)).toBeNull()
  })
})
