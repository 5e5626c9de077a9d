import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

/** Bytes read per step: large enough that hashing a 1 GiB file is about a thousand short turns
 * of the event loop, each leaving room for chat frames in between. */
const CHUNK_BYTES = 1024 * 1024

/**
 * SHA-256 of a file, lowercase hex. One buffer is read into again and again: a stream would
 * allocate a new one per step, and V8 collects that garbage only once tens of MB of it have
 * piled up, which showed as the hub's memory growing by that much while it hashed an upload.
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  const file = await open(path, 'r')
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await file.close()
  }
  return hash.digest('hex')
}
