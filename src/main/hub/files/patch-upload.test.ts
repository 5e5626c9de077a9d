import { once } from 'node:events'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/temp-dir'
import { UploadPatches } from './patch-upload'
import { Uploads } from './uploads'

const ID = '0'.repeat(31) + '1'
const SIZE = 64 * 1024
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Answer {
  status: number
  body: string
  offset: number | undefined
}

/** A server whose every request is a PATCH of the one upload (SIZE bytes, none yet). */
async function serve(): Promise<{ port: number; path: string }> {
  const made = tempDir()
  cleanups.push(made.remove)
  const dir = join(made.path, 'uploads')
  mkdirSync(dir)
  writeFileSync(join(dir, ID), '')
  const uploads = new Uploads(dir)
  uploads.add({ id: ID, owner: 'ada', size: SIZE, sha256: 'a'.repeat(64) })
  const patches = new UploadPatches(uploads)
  const server: Server = createServer((req, res) => {
    const upload = uploads.get(ID)
    if (!upload) throw new Error('the upload is gone')
    void patches.patch(req, upload).then((outcome) => {
      res.writeHead(outcome.status, {
        ...(outcome.offset === undefined ? {} : { 'upload-offset': String(outcome.offset) }),
      })
      res.end(outcome.sentence)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => new Promise((done) => server.close(done)))
  cleanups.push(() => server.closeAllConnections())
  return { port: (server.address() as AddressInfo).port, path: join(dir, ID) }
}

const HEADERS = {
  'tus-resumable': '1.0.0',
  'content-type': 'application/offset+octet-stream',
}

/** Sends a PATCH; `body` null leaves the request open (the caller ends or drops it). */
function patch(
  port: number,
  headers: Record<string, string>,
  body: Buffer | null,
): { answer: Promise<Answer>; drop: () => void; send: (bytes: Buffer) => void } {
  const req = request({ host: '127.0.0.1', port, method: 'PATCH', path: '/files/x', headers })
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        const offset = res.headers['upload-offset']
        resolve({
          status: res.statusCode ?? 0,
          body: text,
          offset: offset ? Number(offset) : undefined,
        })
      })
    })
    req.on('error', reject)
  })
  if (body) req.end(body)
  else req.flushHeaders()
  return { answer, drop: () => req.destroy(), send: (bytes) => req.write(bytes) }
}

const bytes = (n: number, fill: number): Buffer => Buffer.alloc(n, fill)

describe('UploadPatches (tus PATCH, written by the hub)', () => {
  it('writes the bytes at the offset and answers the new offset, chunk after chunk', async () => {
    const { port, path } = await serve()
    const first = await patch(port, { ...HEADERS, 'upload-offset': '0' }, bytes(1000, 1)).answer
    expect(first).toMatchObject({ status: 204, offset: 1000 })
    const second = await patch(port, { ...HEADERS, 'upload-offset': '1000' }, bytes(SIZE - 1000, 2))
      .answer
    expect(second).toMatchObject({ status: 204, offset: SIZE })
    const written = readFileSync(path)
    expect(written.length).toBe(SIZE)
    expect(written[999]).toBe(1)
    expect(written[1000]).toBe(2)
  })

  it('refuses what tus refuses, before writing a byte', async () => {
    const { port, path } = await serve()
    const cases: Array<[Record<string, string>, number]> = [
      [{ 'content-type': HEADERS['content-type'], 'upload-offset': '0' }, 412],
      [{ ...HEADERS, 'content-type': 'text/plain', 'upload-offset': '0' }, 415],
      [{ ...HEADERS, 'tus-resumable': '0.2.2', 'upload-offset': '0' }, 412],
      [{ ...HEADERS }, 400],
      [{ ...HEADERS, 'upload-offset': '-1' }, 400],
      [{ ...HEADERS, 'upload-offset': '5' }, 409],
      [{ ...HEADERS, 'upload-offset': '0', 'upload-length': String(SIZE) }, 400],
    ]
    for (const [headers, status] of cases) {
      expect(
        (await patch(port, headers, bytes(10, 7)).answer).status,
        JSON.stringify(headers),
      ).toBe(status)
    }
    // More than the upload has room for, announced or not: 413, nothing past the length.
    const announced = await patch(port, { ...HEADERS, 'upload-offset': '0' }, bytes(SIZE + 1, 3))
      .answer
    expect(announced.status).toBe(413)
    expect(statSync(path).size).toBe(0)
    const chunked = patch(
      port,
      { ...HEADERS, 'upload-offset': '0', 'transfer-encoding': 'chunked' },
      null,
    )
    chunked.send(bytes(SIZE, 4))
    chunked.send(bytes(10, 4))
    expect((await chunked.answer).status).toBe(413)
    expect(statSync(path).size).toBeLessThanOrEqual(SIZE)
  })

  it('keeps what an interrupted PATCH wrote, and a newer PATCH of the upload stops an older one', async () => {
    const { port, path } = await serve()
    const stalled = patch(
      port,
      { ...HEADERS, 'upload-offset': '0', 'content-length': String(SIZE) },
      null,
    )
    const stalledEnd = stalled.answer.catch(() => undefined)
    stalled.send(bytes(4096, 5))
    // The client gives up on the stalled request and asks again from offset 0 (it cannot know
    // how much arrived): the hub stops the old request, then finds the offset moved on.
    const deadline = Date.now() + 10_000
    while (statSync(path).size < 4096 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20))
    }
    const again = await patch(port, { ...HEADERS, 'upload-offset': '0' }, bytes(10, 6)).answer
    expect(again.status).toBe(409)
    await stalledEnd
    expect(statSync(path).size).toBe(4096)
    const resumed = await patch(
      port,
      { ...HEADERS, 'upload-offset': '4096' },
      bytes(SIZE - 4096, 6),
    ).answer
    expect(resumed).toMatchObject({ status: 204, offset: SIZE })
  })
})
