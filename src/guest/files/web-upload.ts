/**
 * A file uploaded by a guest page: tus-js-client's browser build (XMLHttpRequest, reading the
 * File in chunks) for each attempt, and the app's own decisions between attempts
 * (main/files/upload-loop.ts): a new credential after a 401, resuming from the hub's offset
 * after a drop or a hub restart, a new upload when the hub no longer has the old one.
 */
import { FileError } from '../../main/files/errors'
import type { UploadFileOptions } from '../../main/files/upload'
import { runUpload, tusAttempt } from '../../main/files/upload-loop'
import { sameOrigin, type FileTarget } from '../../main/files/target'

/** Bytes per PATCH from a page: smaller than the app's 16 MiB, so that a phone on Wi-Fi that
 * drops a connection loses little, and progress moves often. */
export const WEB_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024

export function uploadBlob(blob: Blob, opts: UploadFileOptions): Promise<{ id: string }> {
  const chunkSize = opts.chunkSize ?? WEB_UPLOAD_CHUNK_BYTES
  return runUpload(
    opts,
    tusAttempt(() => blob, { ...opts, chunkSize }),
  )
}

/** Deletes a cancelled upload on the hub (tus termination), as the app does (terminate.ts). */
export async function terminateWebUpload(
  target: FileTarget,
  url: string,
  fetcher: typeof fetch,
): Promise<void> {
  if (!sameOrigin(url, target)) {
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
