/**
 * A file uploaded by a guest page: tus-js-client's browser build (XMLHttpRequest, reading the
 * File in chunks) for each attempt, and the app's own decisions between attempts
 * (main/files/upload-loop.ts): a new credential after a 401, resuming from the hub's offset
 * after a drop or a hub restart, a new upload when the hub no longer has the old one.
 */
import { Upload, type DetailedError } from 'tus-js-client'
import { FILES_PATH } from '../../shared/protocol'
import { FileError, cancelled } from '../../main/files/errors'
import type { UploadFileOptions } from '../../main/files/upload'
import { runUpload } from '../../main/files/upload-loop'
import type { FileTarget } from '../../main/files/target'

/** Bytes per PATCH from a page: smaller than the app's 16 MiB, so that a phone on Wi-Fi that
 * drops a connection loses little, and progress moves often. */
export const WEB_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024

/** Whether `url` is on the room's own origin: nothing else gets the credential or the bytes. */
export function onOrigin(url: string, target: Pick<FileTarget, 'origin'>): boolean {
  try {
    return new URL(url).origin === new URL(target.origin).origin
  } catch {
    return false
  }
}

export function uploadBlob(blob: Blob, opts: UploadFileOptions): Promise<{ id: string }> {
  const { target, signal } = opts
  const what = `the upload of ${opts.name}`
  return runUpload(
    opts,
    (token, uploadUrl, onUrl, onSent) =>
      new Promise((resolve, reject) => {
        const abort = (): void => {
          void upload.abort(false).finally(() => reject(cancelled(what)))
        }
        const upload: Upload = new Upload(blob, {
          endpoint: `${target.origin}${FILES_PATH}`,
          uploadUrl,
          uploadSize: opts.size,
          metadata: { name: opts.name, sha256: opts.sha256 },
          chunkSize: opts.chunkSize ?? WEB_UPLOAD_CHUNK_BYTES,
          retryDelays: null,
          // The page keeps the URL itself (Transfers' job), not in localStorage.
          storeFingerprintForResuming: false,
          onBeforeRequest: (request) => {
            if (!onOrigin(request.getURL(), target)) {
              throw new FileError('network', 'The room sent the upload to another address.')
            }
            request.setHeader('Authorization', `Bearer ${token}`)
          },
          onUploadUrlAvailable: () => {
            if (upload.url) onUrl(upload.url)
          },
          onProgress: (sent) => onSent(sent),
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
        signal?.addEventListener('abort', abort, { once: true })
        upload.start()
      }),
  )
}

/** Deletes a cancelled upload on the hub (tus termination), as the app does (terminate.ts). */
export async function terminateWebUpload(
  target: FileTarget,
  url: string,
  fetcher: typeof fetch,
): Promise<void> {
  if (!onOrigin(url, target)) {
    throw new FileError('network', 'The upload is at another address than the room.')
  }
  const token = target.token()
  if (token === null) throw new FileError('unauthorized', 'No file credential to delete it with.')
  const response = await fetcher(url, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' },
    credentials: 'omit',
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  })
  if (![204, 404, 410].includes(response.status)) {
    throw new FileError('network', `The room did not delete the upload (HTTP ${response.status}).`)
  }
}
