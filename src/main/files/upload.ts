/**
 * Uploads a file to the room's hub with tus (tus-js-client over Node's http stack, on the pinned
 * agent): in chunks, resuming from the hub's offset after a network error, a hub restart or a
 * new credential. The hub verifies the declared SHA-256 when the last byte arrives (460 when it
 * differs); the upload's id then names the file in the chat that shares it.
 */
import { createReadStream } from 'node:fs'
import type http from 'node:http'
import { DefaultHttpStack, Upload, type DetailedError } from 'tus-js-client'
import { FILES_PATH, SCHEMAS } from '../../shared/protocol'
import { FileError, cancelled, errorForStatus } from './errors'
import { fileAgent, sameOrigin } from './pinned-agent'
import { nextToken, retryDelay, retryPolicy, sleep, type RetryPolicy } from './retry'
import type { FileTarget } from './target'

/** Bytes per PATCH: large enough that a 1 GiB file is few requests, small enough that a
 * retried chunk costs little. */
export const UPLOAD_CHUNK_BYTES = 16 * 1024 * 1024

/** Statuses worth trying again (conflict on the offset, locked, busy) besides 5xx and 401. */
const RETRYABLE = new Set([409, 423, 429])

export interface UploadFileOptions {
  target: FileTarget
  path: string
  size: number
  /** The file's SHA-256 (lowercase hex), which the hub checks. */
  sha256: string
  /** The name declared to the hub (tus metadata). */
  name: string
  signal?: AbortSignal
  onProgress?: (sent: number, total: number) => void
  /** An upload URL from an earlier attempt (onUploadUrl): resumes it instead of a new one. */
  uploadUrl?: string
  /** Told the upload's URL as soon as the hub created it, to resume it later. */
  onUploadUrl?: (url: string) => void
  chunkSize?: number
  retry?: Partial<RetryPolicy>
}

/** The upload id: the last part of its tus URL's path. */
export function uploadIdOf(url: string): string | null {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return null
  }
  const prefix = `${FILES_PATH}/`
  if (!path.startsWith(prefix)) return null
  const id = decodeURIComponent(path.slice(prefix.length))
  return SCHEMAS.messageId.safeParse(id).success ? id : null
}

export async function uploadFile(opts: UploadFileOptions): Promise<{ id: string }> {
  const { target, signal } = opts
  const what = `the upload of ${opts.name}`
  const policy = retryPolicy(opts.retry)
  const agent = fileAgent(target)
  let uploadUrl: string | null = opts.uploadUrl ?? null
  let failures = 0
  let sent = 0
  let restarted = false
  try {
    for (;;) {
      if (signal?.aborted) throw cancelled(what)
      const token = target.token() ?? (await nextToken(target, null, policy, signal, what))
      const before = sent
      try {
        const url = await attempt(
          opts,
          agent,
          token,
          uploadUrl,
          (u) => {
            uploadUrl = u
            opts.onUploadUrl?.(u)
          },
          (n) => {
            sent = n
            opts.onProgress?.(n, opts.size)
          },
        )
        const id = uploadIdOf(url)
        if (id === null) {
          throw new FileError(
            'network',
            `The room answered ${what} with an address this app cannot use.`,
          )
        }
        return { id }
      } catch (error) {
        if (signal?.aborted) throw cancelled(what)
        if (error instanceof FileError) throw error
        const response = (error as DetailedError).originalResponse ?? null
        const status = response?.getStatus() ?? null
        if (status === 401) {
          await nextToken(target, token, policy, signal, what)
          continue
        }
        if ((status === 404 || status === 410) && uploadUrl !== null && !restarted) {
          // The hub no longer has the unfinished upload (removed after a while): start again.
          restarted = true
          uploadUrl = null
          continue
        }
        const retryable = status === null || status >= 500 || RETRYABLE.has(status)
        if (status !== null && (!retryable || status === 507)) {
          throw errorForStatus(status, what, response?.getBody() ?? '')
        }
        if (sent > before) failures = 0
        failures += 1
        if (failures > policy.maxFailures) {
          if (status !== null) throw errorForStatus(status, what, response?.getBody() ?? '')
          throw new FileError(
            'network',
            `The room could not be reached for ${what} (${reasonOf(error)}).`,
          )
        }
        await sleep(retryDelay(policy, failures, response?.getHeader('Retry-After')), signal, what)
      }
    }
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

function reasonOf(error: unknown): string {
  const causing = (error as DetailedError).causingError
  const inner = causing ?? error
  if (inner instanceof Error) return (inner as NodeJS.ErrnoException).code ?? inner.message
  return String(inner)
}
