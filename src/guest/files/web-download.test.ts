import { createHash, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { PartialDownload, downloadToMemory, totalOf } from './web-download'

const ID = 'file-1'
const BYTES = randomBytes(300_000)
const SHA = createHash('sha256').update(BYTES).digest('hex')
const FAST = { maxFailures: 5, backoff: { initialDelayMs: 5, maxDelayMs: 20 }, tokenPollMs: 5 }

/** What the test's file server does with one GET: serve it (from the Range asked), or break. */
type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, offset: number) => boolean

const servers: http.Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A file endpoint on loopback (the hub's GET /files/<id>: bearer token, Range); `behave`
 * answers first when it returns true. Every Range asked is logged. */
async function fileServer(bytes: Buffer, behave: Behaviour = () => false) {
  const ranges: string[] = []
  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== 'Bearer good') {
      res.writeHead(401).end('no')
      return
    }
    const range = req.headers.range ?? ''
    ranges.push(range)
    const offset = Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? 0)
    if (behave(req, res, offset)) return
    if (offset > 0) {
      res.writeHead(206, {
        'content-range': `bytes ${offset}-${bytes.length - 1}/${bytes.length}`,
        'content-length': bytes.length - offset,
      })
      res.end(bytes.subarray(offset))
    } else {
      res.writeHead(200, { 'content-length': bytes.length }).end(bytes)
    }
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { origin, ranges }
}

function download(origin: string, overrides: { sha256?: string; size?: number } = {}) {
  const progress: number[] = []
  const partial = new PartialDownload()
  const running = downloadToMemory({
    target: { origin, fingerprint: null, token: () => 'good' },
    id: ID,
    name: 'report.pdf',
    sha256: overrides.sha256 ?? SHA,
    size: overrides.size ?? BYTES.length,
    partial,
    fetch: (input, init) => fetch(input, init),
    onProgress: (received) => progress.push(received),
    retry: FAST,
  })
  return { running, progress, partial }
}

async function bytesOf(blob: Blob): Promise<Buffer> {
  return Buffer.from(await blob.arrayBuffer())
}

describe('downloadToMemory (a guest page’s download)', () => {
  it('downloads with the credential, verifies the SHA-256, and reports progress to the end', async () => {
    const { origin, ranges } = await fileServer(BYTES)
    const { running, progress } = download(origin)
    const blob = await running
    expect((await bytesOf(blob)).equals(BYTES)).toBe(true)
    expect(blob.type).toBe('application/octet-stream')
    expect(progress.at(-1)).toBe(BYTES.length)
    expect(ranges).toEqual([''])
  })

  it('resumes after a dropped connection with a Range from what it received', async () => {
    let dropped = false
    const { origin, ranges } = await fileServer(BYTES, (_req, res) => {
      if (dropped) return false
      dropped = true
      res.writeHead(200, { 'content-length': BYTES.length })
      res.write(BYTES.subarray(0, 100_000), () => res.destroy())
      return true
    })
    const { running } = download(origin)
    expect((await bytesOf(await running)).equals(BYTES)).toBe(true)
    expect(ranges).toHaveLength(2)
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1])
    // Resumed from what arrived before the drop (what the socket delivered, up to 100,000).
    expect(resumedAt).toBeGreaterThan(0)
    expect(resumedAt).toBeLessThanOrEqual(100_000)
  })

  it('refuses bytes that do not match the SHA-256 they were shared with, keeping none', async () => {
    const tampered = Buffer.from(BYTES)
    tampered[1234] = (tampered[1234] ?? 0) ^ 0xff
    const { origin } = await fileServer(tampered)
    const { running, partial } = download(origin)
    await expect(running).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/do not match their SHA-256/),
    })
    expect(partial.received).toBe(0)
  })

  it('refuses another size, another part of the file, and more bytes than announced', async () => {
    const bigger = await fileServer(Buffer.concat([BYTES, Buffer.from('x')]))
    await expect(download(bigger.origin).running).rejects.toMatchObject({ code: 'corrupt' })

    let first = true
    const wrongPart = await fileServer(BYTES, (_req, res, offset) => {
      if (first) {
        first = false
        res.writeHead(200, { 'content-length': BYTES.length })
        res.write(BYTES.subarray(0, 50_000), () => res.destroy())
        return true
      }
      res.writeHead(206, {
        'content-range': `bytes ${offset + 1}-${BYTES.length - 1}/${BYTES.length}`,
      })
      res.end(BYTES.subarray(offset + 1))
      return true
    })
    await expect(download(wrongPart.origin).running).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/another size or part/),
    })

    let flooding = false
    const flood = await fileServer(BYTES, (_req, res, offset) => {
      if (!flooding) {
        flooding = true
        res.writeHead(200, { 'content-length': BYTES.length })
        res.write(BYTES.subarray(0, 50_000), () => res.destroy())
        return true
      }
      // The right range, then more than it (chunked: no length for the client to stop at).
      res.writeHead(206, {
        'content-range': `bytes ${offset}-${BYTES.length - 1}/${BYTES.length}`,
      })
      res.write(BYTES.subarray(offset))
      res.end(Buffer.alloc(10_000))
      return true
    })
    const flooded = download(flood.origin)
    await expect(flooded.running).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/more bytes than announced/),
    })
    expect(flooded.partial.received).toBe(0)
  })

  it('says what the room said for a file it does not have, without retrying', async () => {
    const { origin, ranges } = await fileServer(BYTES, (_req, res) => {
      res.writeHead(410).end('expired')
      return true
    })
    await expect(download(origin).running).rejects.toMatchObject({
      code: 'expired',
      message: expect.stringMatching(/no longer has the download of report\.pdf/),
    })
    expect(ranges).toHaveLength(1)
  })
})

describe('totalOf', () => {
  const answer = (status: number, headers: Record<string, string>) => ({
    status,
    headers: new Headers(headers),
  })
  it('reads a 200’s length and a 206’s range, which must start at the offset and run to the end', () => {
    expect(totalOf(answer(200, { 'content-length': '10' }), 0)).toBe(10)
    expect(totalOf(answer(200, {}), 0)).toBeNull()
    expect(totalOf(answer(206, { 'content-range': 'bytes 4-9/10' }), 4)).toBe(10)
    expect(totalOf(answer(206, { 'content-range': 'bytes 5-9/10' }), 4)).toBeNull()
    expect(totalOf(answer(206, { 'content-range': 'bytes 4-8/10' }), 4)).toBeNull()
    expect(totalOf(answer(206, { 'content-range': 'bytes */10' }), 4)).toBeNull()
    expect(totalOf(answer(200, { 'content-length': '-3' }), 0)).toBeNull()
  })
})
