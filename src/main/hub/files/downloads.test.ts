import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { createServer, get, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/temp-dir'
import { contentDisposition, rangeOf, serveFile } from './downloads'
import type { SharedFile } from './shared-files'

describe('rangeOf', () => {
  it('reads one byte range of a file', () => {
    expect(rangeOf(undefined, 100)).toBeNull()
    expect(rangeOf('bytes=10-', 100)).toEqual({ start: 10, end: 99 })
    expect(rangeOf('bytes=10-19', 100)).toEqual({ start: 10, end: 19 })
    expect(rangeOf('bytes=90-1000', 100)).toEqual({ start: 90, end: 99 })
    expect(rangeOf('bytes=-10', 100)).toEqual({ start: 90, end: 99 })
    expect(rangeOf('bytes=-1000', 100)).toEqual({ start: 0, end: 99 })
  })

  it('finds unsatisfiable and malformed ranges', () => {
    for (const header of [
      'bytes=100-',
      'bytes=20-10',
      'bytes=-0',
      'bytes=-',
      'items=1-2',
      'bytes=1-2,4-5',
      'bytes=x-',
    ]) {
      expect(rangeOf(header, 100), header).toBe('bad')
    }
    expect(rangeOf('bytes=0-', 0)).toBe('bad')
  })
})

describe('contentDisposition', () => {
  it('is an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    )
    expect(contentDisposition('a "b" 100%\\.txt')).toBe(
      `attachment; filename="a _b_ 100__.txt"; filename*=UTF-8''a%20%22b%22%20100%25%5C.txt`,
    )
    expect(contentDisposition("l'été (1).png")).toBe(
      `attachment; filename="l'_t_ (1).png"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.png`,
    )
  })
})

describe('serveFile', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

  /** A real HTTP server that serves one file of `bytes`; `served` settles as serveFile does. */
  async function serving(bytes: Buffer): Promise<{ port: number; served: Promise<unknown>[] }> {
    const dir = tempDir('lanroom-serve-')
    const path = join(dir.path, 'file')
    writeFileSync(path, bytes)
    const file = { size: bytes.byteLength, sha256: '00'.repeat(32) } as SharedFile
    const served: Promise<unknown>[] = []
    const server = createServer((req, res) => {
      served.push(serveFile(req, res, file, path, 'file.bin').then(() => 'resolved', String))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => {
      server.close()
      dir.remove()
    })
    return { port: (server.address() as AddressInfo).port, served }
  }

  const request = (port: number, headers: Record<string, string> = {}): Promise<IncomingMessage> =>
    new Promise((resolve, reject) =>
      get({ host: '127.0.0.1', port, path: '/', headers }, resolve).once('error', reject),
    )

  async function body(response: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const chunk of response) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  it('sends the whole file, and any range of it, through its few reused buffers', async () => {
    // Several times the buffers' total, and not a multiple of a block.
    const bytes = randomBytes(3 * 1024 * 1024 + 12_345)
    const { port } = await serving(bytes)
    expect((await body(await request(port))).equals(bytes)).toBe(true)
    const ranged = await request(port, { range: 'bytes=300000-2900000' })
    expect(ranged.statusCode).toBe(206)
    expect((await body(ranged)).equals(bytes.subarray(300_000, 2_900_001))).toBe(true)
  })

  it('stops, and closes the file, when the reader goes away mid-transfer', async () => {
    const { port, served } = await serving(randomBytes(8 * 1024 * 1024))
    // Linux shows a process's open files; elsewhere only the ending is checked.
    const openFiles = (): number =>
      existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0
    const before = openFiles()
    const response = await request(port)
    await new Promise<void>((resolve) => response.once('data', () => resolve()))
    response.destroy()
    expect(await served[0]).toBe('resolved')
    expect(openFiles()).toBeLessThanOrEqual(before)
  })
})
