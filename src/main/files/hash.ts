import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { asFileError, cancelled } from './errors'

export interface HashOptions {
  signal?: AbortSignal
  /** Called as bytes are read, with the file's size at the start. */
  onProgress?: (done: number, total: number) => void
}

/** The SHA-256 of a file, lowercase hex, read as a stream (never whole in memory). */
export async function hashFile(path: string, opts: HashOptions = {}): Promise<string> {
  const { signal, onProgress } = opts
  if (signal?.aborted) throw cancelled('hashing')
  const total = await stat(path).then(
    (s) => s.size,
    (error: unknown) => {
      throw asFileError(error, 'io', `Could not read ${path}`)
    },
  )
  const hash = createHash('sha256')
  let done = 0
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 })
  const abort = (): void => {
    stream.destroy(cancelled('hashing'))
  }
  signal?.addEventListener('abort', abort, { once: true })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk)
      done += chunk.byteLength
      onProgress?.(done, total)
    }
  } catch (error) {
    if (signal?.aborted) throw cancelled('hashing')
    throw asFileError(error, 'io', `Could not read ${path}`)
  } finally {
    signal?.removeEventListener('abort', abort)
  }
  if (signal?.aborted) throw cancelled('hashing')
  return hash.digest('hex')
}
