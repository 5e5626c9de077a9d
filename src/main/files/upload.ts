/**
 * Uploads a file to the room's hub with tus (tus-js-client over Node's http stack, on the pinned
 * agent): in chunks, resuming from the hub's offset after a network error, a hub restart or a
 * new credential. The hub verifies the declared SHA-256 when the last byte arrives (460 when it
 * differs); the upload's id then names the file in the chat that shares it.
 */
import { createReadStream } from 'node:fs'
import type http from 'node:http'
import { DefaultHttpStack, Upload, type DetailedError } from 'tus-js-client'
import { FILES_PATH } from '../../shared/protocol'
import { FileError, cancelled } from './errors'
import { fileAgent, sameOrigin } from './pinned-agent'
import { runUpload, type UploadLoopOptions } from './upload-loop'

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
    return await runUpload(opts, (token, uploadUrl, onUrl, onSent) =>
      attempt(opts, agent, token, uploadUrl, onUrl, onSent),
    )
  } finally {
    agent.destroy()
  }
}

/** One run of tus-js-client (it retries nothing itself: uploadFile decides). */
function attempt(
  opts: UploadFileOptions,
  agent: http.Agent,
  token: string,
  uploadUrl: string | null,
  onUrl: (url: string) => void,
  onSent: (sent: number) => void,
): Promise<string> {
  const { target, signal } = opts
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(createReadStream(opts.path), {
      endpoint: `${target.origin}${FILES_PATH}`,
      uploadUrl,
      uploadSize: opts.size,
      metadata: { name: opts.name, sha256: opts.sha256 },
      chunkSize: opts.chunkSize ?? UPLOAD_CHUNK_BYTES,
      retryDelays: null,
      storeFingerprintForResuming: false,
      httpStack: new DefaultHttpStack({ agent }),
      onBeforeRequest: (request) => {
        // A Location elsewhere must not get the credential nor the bytes.
        if (!sameOrigin(request.getURL(), target)) {
          throw new FileError('network', 'The room sent the upload to another address.')
        }
        request.setHeader('Authorization', `Bearer ${token}`)
      },
      onUploadUrlAvailable: () => {
        if (upload.url) onUrl(upload.url)
      },
      onProgress: (bytesSent) => onSent(bytesSent),
      onSuccess: () => {
        signal?.removeEventListener('abort', abort)
        if (upload.url) resolve(upload.url)
        else reject(new FileError('network', 'The room gave the upload no address.'))
      },
      onError: (error) => {
        signal?.removeEventListener('abort', abort)
        const inner = (error as DetailedError).causingError
        reject(inner instanceof FileError ? inner : error)
      },
    })
    const abort = (): void => {
      void upload.abort(false).finally(() => reject(cancelled(`the upload of ${opts.name}`)))
    }
    signal?.addEventListener('abort', abort, { once: true })
    upload.start()
  })
}
