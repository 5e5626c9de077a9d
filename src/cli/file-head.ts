import http from 'node:http'
import https from 'node:https'
import { cancelled, errorForStatus, FileError, type FileTarget } from '../main/files'
import { fileAgent } from '../main/files/pinned-agent'
import { FILES_PATH, fileNameProblem } from '../shared/protocol'

/** What the hub says of a shared file before it is downloaded. */
export interface FileHead {
  /** The name it was shared with, from `Content-Disposition` (null when absent or not one a
   * member may declare). */
  name: string | null
  size: number | null
}

/** The longest the hub may stay silent while answering a HEAD: it answers from its index, at
 * once. */
const HEAD_IDLE_MS = 15_000
/** The longest a whole HEAD may take: a hub that drips its header a byte at a time keeps the idle
 * timeout from firing, and would otherwise hold `lanroom get` for hours (16 KiB of header). */
export const HEAD_DEADLINE_MS = 30_000

export interface FileHeadOptions {
  /** Ends the request at once (Ctrl+C, the room gone): it fails as `cancelled`. */
  signal?: AbortSignal
  /** The longest the whole request may take. Default HEAD_DEADLINE_MS (tests make it short). */
  deadlineMs?: number
}

/**
 * `HEAD /files/<id>`: the file's name and size, for a file whose chat this client has not seen
 * (`lanroom get` with only an id). A 404 or 410 fails here as the download would; an aborted
 * `signal` as a cancelled download does.
 */
export async function fileHead(
  target: FileTarget,
  id: string,
  options: FileHeadOptions = {},
): Promise<FileHead> {
  const { signal } = options
  const what = `the request for the file ${id}`
  if (signal?.aborted) throw cancelled(what)
  const token = target.token()
  if (token === null) throw new FileError('unauthorized', 'The room gave no file credential.')
  const url = new URL(`${target.origin}${FILES_PATH}/${encodeURIComponent(id)}`)
  const agent = fileAgent(target)
  const deadlineMs = options.deadlineMs ?? HEAD_DEADLINE_MS
  try {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https.request : http.request)(url, {
        agent,
        method: 'HEAD',
        headers: { Authorization: `Bearer ${token}` },
        timeout: HEAD_IDLE_MS,
      })
      const abort = (): void => void request.destroy(cancelled(what))
      const deadline = setTimeout(() => {
        const seconds = deadlineMs / 1000
        request.destroy(
          new FileError('network', `The room did not answer about the file within ${seconds} s.`),
        )
      }, deadlineMs)
      const settled = (): void => {
        clearTimeout(deadline)
        signal?.removeEventListener('abort', abort)
      }
      signal?.addEventListener('abort', abort, { once: true })
      request.once('response', (response) => {
        settled()
        resolve(response)
      })
      request.once('timeout', () => request.destroy(new Error('no answer in time')))
      request.once('error', (error) => {
        settled()
        reject(error)
      })
      request.end()
    }).catch((error: unknown) => {
      // Cancelled, or past the deadline: said as such, not as an unreachable room.
      if (error instanceof FileError) throw error
      throw new FileError('network', `The room could not be reached (${(error as Error).message}).`)
    })
    response.resume()
    const status = response.statusCode ?? 0
    if (status !== 200) throw errorForStatus(status, `the file ${id}`)
    const length = Number(response.headers['content-length'])
    return {
      name: dispositionName(response.headers['content-disposition']),
      size: Number.isSafeInteger(length) && length >= 0 ? length : null,
    }
  } finally {
    agent.destroy()
  }
}

/** The UTF-8 name of `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266), checked as a
 * declared name is; null when there is none. */
export function dispositionName(header: string | undefined): string | null {
  const encoded = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header ?? '')?.[1]
  let name: string | null = null
  if (encoded !== undefined) {
    try {
      name = decodeURIComponent(encoded)
    } catch {
      name = null
    }
  }
  name ??= /filename\s*=\s*"([^"]*)"/i.exec(header ?? '')?.[1] ?? null
  return name !== null && fileNameProblem(name) === null ? name : null
}
