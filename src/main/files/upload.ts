/**
 * Uploads a file to the room's hub with tus (tus-js-client over Node's http stack, on the pinned
 * agent): in chunks, resuming from the hub's offset after a network error, a hub restart or a
 * new credential. The hub verifies the declared SHA-256 when the last byte arrives (460 when it
 * differs); the upload's id then names the file in the chat that shares it.
 */
import { createReadStream } from 'node:fs'
import { FileHttpStack } from './file-http-stack'
import { largeReadFileReader } from './file-source'
import { fileAgent } from './pinned-agent'
import { runUpload, tusAttempt, type UploadLoopOptions } from './upload-loop'

export { uploadIdOf } from './upload-loop'

/** Bytes per PATCH. Each PATCH ends with a wait for the hub's answer while the connection
 * drains, and costs the client CPU besides: 1 GiB over loopback TLS took 1.7-1.95 ms of client
 * CPU per MiB in 64 MiB chunks, 1.3-1.8 in 256 MiB ones and 1.4-1.6 in one PATCH (curl's way:
 * 1.1-1.5), same runs (docs/performance.md, Files; 16 MiB, the size before: about 0.5 ms more
 * than 64). A large chunk costs nothing on a resume: the hub keeps the bytes of an interrupted
 * PATCH and the next attempt starts from its offset; nor in memory on either side (both stream
 * it). */
export const UPLOAD_CHUNK_BYTES = 256 * 1024 * 1024

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
      new FileHttpStack(agent),
      largeReadFileReader,
    )
    return await runUpload(opts, attempt)
  } finally {
    agent.destroy()
  }
}
