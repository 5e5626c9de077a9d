/**
 * The SHA-256 of a Blob (a File the person chose) in the browser: WebCrypto has no incremental
 * digest, and a whole file in memory is what this avoids, so @noble/hashes reads it in
 * `File.slice` chunks, with progress and cancel between chunks.
 */
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex } from '@noble/hashes/utils'
import { asFileError, cancelled } from '../../main/files/errors'
import type { HashOptions } from '../../main/files/hash'

/** Bytes read at a time: few reads for a large file, little memory for a phone. */
export const HASH_CHUNK_BYTES = 4 * 1024 * 1024

/** The lowercase hex SHA-256 of `blob`, read `chunkBytes` at a time. */
export async function hashBlob(
  blob: Blob,
  options: HashOptions = {},
  chunkBytes: number = HASH_CHUNK_BYTES,
): Promise<string> {
  const { signal, onProgress } = options
  const hash = sha256.create()
  for (let at = 0; at < blob.size || at === 0; at += chunkBytes) {
    if (signal?.aborted) throw cancelled('hashing')
    let chunk: ArrayBuffer
    try {
      chunk = await blob.slice(at, at + chunkBytes).arrayBuffer()
    } catch (error) {
      // A file changed or removed since it was chosen cannot be read any more.
      throw asFileError(error, 'io', 'Could not read the file')
    }
    hash.update(new Uint8Array(chunk))
    onProgress?.(Math.min(at + chunk.byteLength, blob.size), blob.size)
    if (blob.size === 0) break
  }
  if (signal?.aborted) throw cancelled('hashing')
  return bytesToHex(hash.digest())
}
