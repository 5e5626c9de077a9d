/**
 * Uploads a file to the room's hub with tus (tus-js-client over Node's http stack, on the pinned
 * agent): in chunks, resuming from the hub's offset after a network error, a hub restart or a
 * new credential. The hub verifies the declared SHA-256 when the last byte arrives (460 when it
 * differs); the upload's id then names the file in the chat that shares it.
 */
import { createReadStream } from 'node:fs'
import { DefaultHttpStack } from 'tus-js-client'
import { largeReadFileReader } from './file-source'
import { fileAgent } from './pinned-agent'
import { runUpload, tusAttempt, type UploadLoopOptions } from './upload-loop'

export { uploadIdOf } from './upload-loop'

/** Bytes per PATCH: large enough that a 1 GiB file is few requests, small enough that a
 * retried chunk costs little. */
export const UPLOAD_CHUNK_BYTES = 16 * 1024 * 1024

export interface UploadFileOptions extends UploadLoopOptions {
  path: string
  /** The file's SHA-256 (lowercase hex), which the hub checks. */
  sha256: string
  chunkSize?: number
}

export async function uploadFile(opts: UploadFileOptions): Promise<{ id: string }> {
  const agent = fileAgent(opts.target)
  try {
    const chunkSize = opts.chunkSize ?? UPLOAD_CHUNK_BYTES
    const attempt = tusAttempt(
      () => createReadStream(opts.path),
      { ...opts, chunkSize },
      new DefaultHttpStack({ agent }),
      largeReadFileReader,
    )
    return await runUpload(opts, attempt)
  } finally {
    agent.destroy()
  }
}
