import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Bytes read per step: large enough that hashing a 1 GiB file is about a thousand short turns
 * of the event loop, each leaving room for chat frames in between. */
const CHUNK_BYTES = 1024 * 1024

/** SHA-256 of a file, lowercase hex, read as a stream (memory stays at one chunk). */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES })
    stream.on('data', (chunk) => hash.update(chunk))
    stream.once('error', reject)
    stream.once('end', () => resolve(hash.digest('hex')))
  })
}
