import { open, type FileHandle } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gone, reply } from './files-http'
import type { SharedFile } from './shared-files'

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 and
 * RFC 8187): browsers and tools save it, never show it, under a name the receiver still makes
 * safe itself.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/** The byte range a `Range` header asks of `size` bytes: null for the whole file, 'bad' when
 * it cannot be satisfied (416). Only one range, `bytes=N-` or `bytes=N-M` (or `bytes=-N`). */
export function rangeOf(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'bad' {
  if (header === undefined) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return 'bad'
  const [, from = '', to = ''] = match
  if (from === '' && to === '') return 'bad'
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0 || size === 0) return 'bad'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(from)
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'bad'
  return { start, end }
}

/**
 * Serves a shared file (`GET` or `HEAD /files/<id>`): always as bytes
 * (`application/octet-stream`, `nosniff`, `attachment`): the declared type is advisory and a
 * browser must never render what a member uploaded. `Repr-Digest` (RFC 9530) carries the
 * verified SHA-256 so that a client can check what it got.
 *
 * The bytes are opened before anything is answered: a file whose bytes left the disk behind the
 * hub's back is 410 (and 'missing': SharedFiles then expires it); one of another size than was
 * shared is an error (500), never a body cut short under a 200.
 */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: SharedFile,
  path: string,
  name: string,
): Promise<'missing' | void> {
  let bytes: FileHandle
  try {
    bytes = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    reply(res, gone())
    return 'missing'
  }
  try {
    const { size } = await bytes.stat()
    if (size !== file.size)
      throw new Error(`${path} holds ${size} bytes, not the ${file.size} shared`)
    const range = answerHead(req, res, file, name)
    if (range) await sendBytes(res, bytes, range.start, range.length)
  } finally {
    await bytes.close()
  }
}

/**
 * Writes the status and headers of a download of `file` (200, 206 for a `Range`, 416 for a
 * range outside it); a HEAD, an empty answer or a 416 is then complete. Returns the bytes the
 * body is still to carry, or null when there are none.
 */
export function answerHead(
  req: IncomingMessage,
  res: ServerResponse,
  file: SharedFile,
  name: string,
): { start: number; length: number } | null {
  const digest = Buffer.from(file.sha256, 'hex').toString('base64')
  const headers: Record<string, string | number> = {
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    'content-disposition': contentDisposition(name),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'repr-digest': `sha-256=:${digest}:`,
  }
  const range = rangeOf(req.headers.range, file.size)
  if (range === 'bad') {
    res.writeHead(416, {
      ...headers,
      'content-range': `bytes */${file.size}`,
      'content-type': 'text/plain',
    })
    res.end('The range is not within the file.\n')
    return null
  }
  const start = range?.start ?? 0
  const end = range?.end ?? file.size - 1
  const length = Math.max(0, end - start + 1)
  if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`
  headers['content-length'] = length
  res.writeHead(range ? 206 : 200, headers)
  if (req.method === 'HEAD' || length === 0) {
    res.end()
    return null
  }
  return { start, length }
}

/** Bytes read from disk per step, and how many steps may be on their way to the socket. */
const BLOCK_BYTES = 256 * 1024
const BLOCKS = 4

/**
 * Writes `length` bytes of `path` from `start` to `res`, reading into the same few buffers over
 * and over: a buffer is read into again once the socket has taken what it held. A read stream
 * would allocate a new buffer per step, garbage that V8 collects only once tens of MB of it have
 * piled up (the hub's memory grew by that much per transfer). At most BLOCKS × BLOCK_BYTES wait
 * for the socket, so a slow reader holds little. Ends early, without error, when the socket goes.
 */
async function sendBytes(
  res: ServerResponse,
  file: FileHandle,
  start: number,
  length: number,
): Promise<void> {
  const size = Math.min(BLOCK_BYTES, length)
  const blocks = Array.from({ length: BLOCKS }, () => Buffer.allocUnsafe(size))
  const taken: Promise<boolean>[] = blocks.map(() => Promise.resolve(true))
  let gone = false
  const onClose = (): void => {
    gone = true
  }
  res.once('close', onClose)
  try {
    let offset = start
    const end = start + length
    for (let i = 0; offset < end; i = (i + 1) % BLOCKS) {
      // false: the socket failed or closed before it took this block's last bytes.
      if (!(await taken[i]) || gone || res.destroyed) return
      const block = blocks[i]!
      const { bytesRead } = await file.read(block, 0, Math.min(size, end - offset), offset)
      if (bytesRead === 0) throw new Error('the file ended before its recorded size')
      offset += bytesRead
      taken[i] = written(res, block.subarray(0, bytesRead))
    }
    await Promise.all(taken)
    if (!gone && !res.destroyed) res.end()
  } finally {
    res.off('close', onClose)
  }
}

/** Resolves true once the socket has taken `chunk`, false if it closed or failed first. */
export function written(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => resolve(false)
    res.once('close', onClose)
    res.write(chunk, (error) => {
      res.off('close', onClose)
      resolve(!error)
    })
  })
}
