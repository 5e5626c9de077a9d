/**
 * The resumable upload, platform-free (no Node import): the guest page's bundle includes this
 * file. tus-js-client is its Node build in Node and its browser build in the page (the bundler
 * picks by the package's `browser` field); upload.ts and the page's web-upload.ts give it the
 * bytes (a file's stream, a File) and, in Node, the pinned agent.
 */
import { Upload, type DetailedError, type HttpStack } from 'tus-js-client'
import { FILES_PATH, SCHEMAS } from '../../shared/protocol'
import { FileError, cancelled, errorForStatus } from './errors'
import { nextToken, retryDelay, retryPolicy, sleep, type RetryPolicy } from './retry'
import { sameOrigin, type FileTarget } from './target'

/** Statuses worth trying again (conflict on the offset, locked, busy) besides 5xx and 401. */
const RETRYABLE = new Set([409, 423, 429])

export interface UploadLoopOptions {
  target: FileTarget
  size: number
  /** The name declared to the hub (tus metadata). */
  name: string
  signal?: AbortSignal
  onProgress?: (sent: number, total: number) => void
  /** An upload URL from an earlier attempt (onUploadUrl): resumes it instead of a new one. */
  uploadUrl?: string
  /** Told the upload's URL as soon as the hub created it, to resume it later. */
  onUploadUrl?: (url: string) => void
  retry?: Partial<RetryPolicy>
}

/** One run of tus-js-client with `token`, resuming `uploadUrl` when there is one; resolves with
 * the finished upload's URL, rejects with tus's DetailedError (or a FileError). */
export type UploadAttempt = (
  token: string,
  uploadUrl: string | null,
  onUrl: (url: string) => void,
  onSent: (sent: number) => void,
) => Promise<string>

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

/**
 * Uploads with tus, whatever carries the bytes: `attempt` is one run of tus-js-client (Node's
 * build over the pinned agent in upload.ts, the browser's in the guest page), which retries
 * nothing itself. This decides: a new credential after a 401, a new upload when the hub no
 * longer has the old one, backoff after network errors and 5xx, and giving up.
 */
export async function runUpload(
  opts: UploadLoopOptions,
  attempt: UploadAttempt,
): Promise<{ id: string }> {
  const { target, signal } = opts
  const what = `the upload of ${opts.name}`
  const policy = retryPolicy(opts.retry)
  let uploadUrl: string | null = opts.uploadUrl ?? null
  let failures = 0
  let sent = 0
  let restarted = false
  for (;;) {
    if (signal?.aborted) throw cancelled(what)
    const token = target.token() ?? (await nextToken(target, null, policy, signal, what))
    const before = sent
    try {
      const url = await attempt(
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
}

function reasonOf(error: unknown): string {
  const causing = (error as DetailedError).causingError
  const inner = causing ?? error
  if (inner instanceof Error) return (inner as Error & { code?: string }).code ?? inner.message
  return String(inner)
}

export interface TusAttemptOptions extends UploadLoopOptions {
  /** The file's SHA-256 (lowercase hex), which the hub checks. */
  sha256: string
  chunkSize: number
}

/** What tus reads the bytes from (made anew for each attempt: a stream is read once). */
export type UploadSource = ConstructorParameters<typeof Upload>[0]

/** How tus turns the source into slices (its own reader for the platform when absent). */
export type TusFileReader = NonNullable<ConstructorParameters<typeof Upload>[1]['fileReader']>

/** One run of tus-js-client (it retries nothing itself: runUpload decides). */
export function tusAttempt(
  source: () => UploadSource,
  opts: TusAttemptOptions,
  httpStack?: HttpStack,
  fileReader?: TusFileReader,
): UploadAttempt {
  const { target, signal } = opts
  return (token, uploadUrl, onUrl, onSent) =>
    new Promise((resolve, reject) => {
      const upload: Upload = new Upload(source(), {
        endpoint: `${target.origin}${FILES_PATH}`,
        uploadUrl,
        uploadSize: opts.size,
        metadata: { name: opts.name, sha256: opts.sha256 },
        chunkSize: opts.chunkSize,
        retryDelays: null,
        // The caller keeps the URL (Transfers' job), not tus's storage.
        storeFingerprintForResuming: false,
        ...(httpStack ? { httpStack } : {}),
        ...(fileReader ? { fileReader } : {}),
        onBeforeRequest: (request) => {
          // A Location elsewhere must not get the credential nor the bytes.
          if (!sameOrigin(request.getURL(), target)) {
            throw new FileError('network', 'The room sent the upload to another address.')
          }
          request.setHeader('Authorization', `Bearer ${token}`)
        },
        onAfterResponse: (_request, response) => {
          // An offset past the file's end is no resume point: tus would take it for a short
          // read of the file and fail as if the network had (retried for a minute).
          const offset = Number(response.getHeader('Upload-Offset') ?? NaN)
          if (offset > opts.size) {
            throw new FileError(
              'forbidden',
              `The room said ${offset} bytes of ${opts.name} were uploaded, more than its ${opts.size}.`,
            )
          }
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
