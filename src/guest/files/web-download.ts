/**
 * A shared file downloaded by a guest page: fetch with the member's credential, resumed with
 * HTTP Range from what was received after a drop, a hub restart or a new credential, hashed
 * as the bytes arrive and verified against the SHA-256 it was shared with before the page
 * hands it out. Everything from the hub is checked: the status, Content-Range against the
 * offset asked for, the size against the declared one, and no byte past it.
 */
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex } from '@noble/hashes/utils'
import { FILES_PATH } from '../../shared/protocol'
import { safeFileName } from '../../shared/file-name'
import type { DownloadFileOptions } from '../../main/files/download'
import { FileError, cancelled, errorForStatus } from '../../main/files/errors'
import { nextToken, retryDelay, retryPolicy, sleep } from '../../main/files/retry'

/** Bytes gathered before they become one Blob part (which the browser may keep on disk). */
const PART_BYTES = 8 * 1024 * 1024
/** The most of an error answer's body read (it goes into the sentence). */
const MAX_ERROR_BODY = 1024

/** What a download received so far: kept between attempts, and between a failure and a retry. */
export class PartialDownload {
  parts: Blob[] = []
  private pending: Uint8Array<ArrayBuffer>[] = []
  private pendingBytes = 0
  private hash = sha256.create()
  received = 0

  append(chunk: Uint8Array<ArrayBuffer>): void {
    this.hash.update(chunk)
    this.pending.push(chunk)
    this.pendingBytes += chunk.byteLength
    this.received += chunk.byteLength
    if (this.pendingBytes >= PART_BYTES) this.flush()
  }

  /** Starts again from nothing (the hub ignored the Range, or answered 416). */
  reset(): void {
    this.parts = []
    this.pending = []
    this.pendingBytes = 0
    this.hash = sha256.create()
    this.received = 0
  }

  /** The whole file and its SHA-256 (lowercase hex); only once, when every byte is in. */
  finish(type: string): { blob: Blob; sha256: string } {
    this.flush()
    return { blob: new Blob(this.parts, { type }), sha256: bytesToHex(this.hash.digest()) }
  }

  private flush(): void {
    if (this.pending.length === 0) return
    this.parts.push(new Blob(this.pending))
    this.pending = []
    this.pendingBytes = 0
  }
}

export interface WebDownloadOptions extends Omit<DownloadFileOptions, 'dir'> {
  /** The declared size: required here, as the memory it takes is reserved up front. */
  size: number
  partial: PartialDownload
  fetch: typeof fetch
}

type Outcome =
  | { kind: 'done' }
  | { kind: 'unauthorized' }
  | { kind: 'restart' }
  | { kind: 'retry'; reason: string; status: number | null; progressed: boolean; after?: string }

/** The verified file, as one Blob of type application/octet-stream (never the sender's type:
 * the name alone decides what the browser does with it once saved). */
export async function downloadToMemory(opts: WebDownloadOptions): Promise<Blob> {
  const { target, signal, partial } = opts
  const what = `the download of ${safeFileName(opts.name ?? opts.id)}`
  const policy = retryPolicy(opts.retry)
  if (opts.sha256 === undefined) {
    throw new FileError('corrupt', `The room gave no SHA-256 to verify ${what} against.`)
  }
  let failures = 0
  for (;;) {
    if (signal?.aborted) throw cancelled(what)
    const token = target.token() ?? (await nextToken(target, null, policy, signal, what))
    const outcome = await fetchOnce(opts, token, what)
    if (outcome.kind === 'done') break
    if (outcome.kind === 'unauthorized') {
      await nextToken(target, token, policy, signal, what)
      continue
    }
    if (outcome.kind === 'restart') continue
    failures = outcome.progressed ? 1 : failures + 1
    if (failures > policy.maxFailures) {
      throw outcome.status === null
        ? new FileError('network', `The room could not be reached for ${what} (${outcome.reason}).`)
        : errorForStatus(outcome.status, what)
    }
    await sleep(retryDelay(policy, failures, outcome.after), signal, what)
  }
  const { blob, sha256: got } = partial.finish('application/octet-stream')
  if (got !== opts.sha256) {
    partial.reset()
    throw new FileError('corrupt', `The bytes of ${what} do not match their SHA-256: not saved.`)
  }
  return blob
}

/** One GET from what was received, appended to the partial download. */
async function fetchOnce(opts: WebDownloadOptions, token: string, what: string): Promise<Outcome> {
  const { partial, signal } = opts
  const offset = partial.received
  let response: Response
  try {
    response = await opts.fetch(
      `${opts.target.origin}${FILES_PATH}/${encodeURIComponent(opts.id)}`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}),
        },
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
        ...(signal ? { signal } : {}),
      },
    )
  } catch (error) {
    if (signal?.aborted) throw cancelled(what)
    return { kind: 'retry', status: null, reason: String(error), progressed: false }
  }
  const status = response.status
  if (status !== 200 && status !== 206) {
    const body = await smallText(response)
    if (status === 401) return { kind: 'unauthorized' }
    if (status === 416) {
      const total = Number(/\*\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1])
      if (total === offset && total === opts.size) return { kind: 'done' }
      partial.reset()
      return { kind: 'restart' }
    }
    if (status >= 500 || status === 429) {
      const after = response.headers.get('retry-after')
      return {
        kind: 'retry',
        status,
        reason: `HTTP ${status}`,
        progressed: false,
        ...(after ? { after } : {}),
      }
    }
    throw errorForStatus(status, what, body)
  }
  const total = totalOf(response, offset)
  if (total === null || total !== opts.size) {
    void response.body?.cancel()
    throw new FileError('corrupt', `The room announced another size or part for ${what}.`)
  }
  if (status === 200 && offset > 0) partial.reset()
  opts.onProgress?.(partial.received, total)
  const reader = response.body?.getReader()
  if (!reader) return { kind: 'retry', status: null, reason: 'no body', progressed: false }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (partial.received + value.byteLength > total) {
        void reader.cancel()
        partial.reset()
        throw new FileError('corrupt', `The room sent more bytes than announced for ${what}.`)
      }
      partial.append(value)
      opts.onProgress?.(partial.received, total)
    }
  } catch (error) {
    if (signal?.aborted) throw cancelled(what)
    if (error instanceof FileError) throw error
    return {
      kind: 'retry',
      status: null,
      reason: String(error),
      progressed: partial.received > offset,
    }
  }
  if (partial.received !== total) {
    const progressed = partial.received > offset
    return { kind: 'retry', status: null, reason: 'the answer ended early', progressed }
  }
  return { kind: 'done' }
}

/** The file's whole size from a 200's Content-Length or a 206's Content-Range, which must start
 * exactly at `offset` and run to the end; null when the answer says anything else. */
export function totalOf(
  response: Pick<Response, 'status' | 'headers'>,
  offset: number,
): number | null {
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '')
    if (!range || Number(range[1]) !== offset) return null
    const total = Number(range[3])
    return Number(range[2]) === total - 1 && Number.isSafeInteger(total) ? total : null
  }
  const length = response.headers.get('content-length')
  const total = length === null ? NaN : Number(length)
  return Number.isSafeInteger(total) && total >= 0 ? total : null
}

/** An error answer's body, at most MAX_ERROR_BODY characters of it. */
async function smallText(response: Response): Promise<string> {
  try {
    const reader = response.body?.getReader()
    if (!reader) return ''
    const { value } = await reader.read()
    void reader.cancel()
    return new TextDecoder().decode(value ?? new Uint8Array()).slice(0, MAX_ERROR_BODY)
  } catch {
    return ''
  }
}
