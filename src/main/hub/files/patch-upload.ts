import { createWriteStream } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { TUS_VERSION } from '../../../shared/protocol'
import type { UploadEntry, Uploads } from './uploads'

/**
 * tus 1.0.0's `PATCH` (core protocol), done by the hub itself rather than by @tus/server.
 *
 * @tus/server (2.x) handles a request as a web `Request`: each PATCH body goes Node stream → web
 * stream → Node stream again before @tus/file-store writes it, with objects and promises per
 * 16 KiB record. Measured on a 1 GiB upload, that held about 18 MB more V8 heap for good and
 * took the hub's RSS past the 50 MB the files bench allows (docs/performance.md, Files). Here the
 * request's own stream goes straight into the upload's file, through one counting step. The file
 * is @tus/file-store's (`<dir>/<id>`, its length is the offset), so @tus/server still answers
 * OPTIONS, POST, HEAD and DELETE on the same uploads.
 */

/** What a PATCH came to: a status, its sentence, and the offset to report (on 204). */
export interface PatchOutcome {
  status: number
  sentence: string
  offset?: number
}

/** Bytes the file stream gathers before it writes (one write per MiB, not per TLS record). */
const WRITE_BUFFER = 1024 * 1024

const OFFSET = /^\d{1,16}$/
const CONTENT_TYPE = 'application/offset+octet-stream'

/** Thrown into the pipeline when a body goes past the upload's declared length. */
class TooLong extends Error {}

/** Passes bytes on and counts them; fails once more than `limit` have come. */
class Limiter extends Transform {
  received = 0

  constructor(private readonly limit: number) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length
    if (this.received > this.limit) return done(new TooLong())
    done(null, chunk)
  }
}

/**
 * The PATCHes under way, one per upload: a second PATCH of the same upload (a client that
 * gave up on a stalled request and resumed) stops the first and waits for its bytes to be on
 * disk before it reads the offset, as @tus/server's locker does.
 */
export class UploadPatches {
  private readonly running = new Map<string, { stop: () => void; done: Promise<unknown> }>()

  constructor(private readonly uploads: Uploads) {}

  async patch(req: IncomingMessage, upload: UploadEntry): Promise<PatchOutcome> {
    const problem = headerProblem(req)
    if (problem) return problem
    const offset = Number(req.headers['upload-offset'])
    const earlier = this.running.get(upload.id)
    if (earlier) {
      earlier.stop()
      await earlier.done.catch(() => undefined)
    }
    const done = this.write(req, upload, offset)
    const entry = { stop: () => req.destroy(), done }
    this.running.set(upload.id, entry)
    try {
      return await done
    } finally {
      if (this.running.get(upload.id) === entry) this.running.delete(upload.id)
    }
  }

  private async write(
    req: IncomingMessage,
    upload: UploadEntry,
    offset: number,
  ): Promise<PatchOutcome> {
    const current = this.uploads.offsetOf(upload.id)
    if (current < 0) return { status: 404, sentence: 'No such file.' }
    if (offset !== current) return { status: 409, sentence: 'Upload-Offset conflict.' }
    const room = upload.size - offset
    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > room) {
      req.resume()
      return { status: 413, sentence: 'The bytes go past the Upload-Length.' }
    }
    const limiter = new Limiter(room)
    const file = createWriteStream(join(this.uploads.dir, upload.id), {
      flags: 'r+',
      start: offset,
      highWaterMark: WRITE_BUFFER,
    })
    try {
      await pipeline(req, limiter, file)
    } catch (error) {
      if (error instanceof TooLong) {
        return { status: 413, sentence: 'The bytes go past the Upload-Length.' }
      }
      // A body cut short (the client dropped, or a newer PATCH stopped this one): what was
      // written stays, and HEAD reports it as the offset to resume from.
      return { status: 400, sentence: 'The upload was interrupted.' }
    }
    return { status: 204, sentence: '', offset: offset + limiter.received }
  }
}

/** A PATCH the tus core protocol refuses before any byte is read, or null. */
function headerProblem(req: IncomingMessage): PatchOutcome | null {
  if (req.headers['tus-resumable'] !== TUS_VERSION) {
    return { status: 412, sentence: `Tus-Resumable: ${TUS_VERSION} is required.` }
  }
  if (req.headers['upload-length'] !== undefined) {
    return { status: 400, sentence: 'Upload-Length is set once, by the POST.' }
  }
  const offset = req.headers['upload-offset']
  if (typeof offset !== 'string' || !OFFSET.test(offset)) {
    return { status: 400, sentence: 'Upload-Offset (a byte count) is required.' }
  }
  if (req.headers['content-type'] !== CONTENT_TYPE) {
    return { status: 415, sentence: `Content-Type must be ${CONTENT_TYPE}.` }
  }
  const length = req.headers['content-length']
  if (length !== undefined && !OFFSET.test(length)) {
    return { status: 400, sentence: 'Content-Length is not a number.' }
  }
  return null
}
