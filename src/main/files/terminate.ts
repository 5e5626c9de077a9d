/**
 * Deletes an upload the person cancelled (tus termination: `DELETE` of its URL with the
 * member's credential), so that the hub does not keep its bytes and its slot among the
 * member's unfinished uploads until it expires (docs/protocol.md, HTTP file endpoints).
 */
import http from 'node:http'
import https from 'node:https'
import { errorForStatus, FileError } from './errors'
import { fileAgent, sameOrigin } from './pinned-agent'
import type { FileTarget } from './target'

/** A termination that gets no answer this long is given up (the hub removes the upload after
 * a while anyway). */
export const TERMINATE_TIMEOUT_MS = 10_000

/**
 * Resolves once the hub deleted the upload at `url` (204), or no longer had it (404, 410).
 * Rejects with a FileError for anything else: no credential, another address, 403, no answer.
 */
export async function terminateUpload(
  target: FileTarget,
  url: string,
  timeoutMs = TERMINATE_TIMEOUT_MS,
): Promise<void> {
  const what = 'the cancelled upload'
  if (!sameOrigin(url, target)) {
    throw new FileError('network', 'The upload is at another address than the room.')
  }
  const token = target.token()
  if (token === null) throw errorForStatus(401, what)
  const agent = fileAgent(target)
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const request = (url.startsWith('https:') ? https : http).request(url, {
        method: 'DELETE',
        agent,
        headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
        timeout: timeoutMs,
      })
      request.once('response', (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      request.once('timeout', () => request.destroy(new Error('no answer')))
      request.once('error', (error) =>
        reject(
          error instanceof FileError
            ? error
            : new FileError('network', `The room could not be reached to delete ${what}.`, {
                cause: error,
              }),
        ),
      )
      request.end()
    })
    if (status === 204 || status === 404 || status === 410) return
    throw errorForStatus(status, what)
  } finally {
    agent.destroy()
  }
}
