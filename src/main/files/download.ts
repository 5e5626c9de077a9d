/**
 * Downloads a shared file from the room's hub into "<name>.<id>.part" beside its final place,
 * resuming with HTTP Range after a network error, a hub restart or a new credential; verifies
 * the SHA-256 as the bytes arrive, then gives it a safe, de-duplicated name (never replacing a
 * file). A mismatch deletes the partial file and fails with 'corrupt': nothing is left behind.
 */
import { constants } from 'node:fs'
import { copyFile, link, mkdir, stat, truncate, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { FILES_PATH } from '../../shared/protocol'
import { FileError, asFileError, cancelled, errorForStatus } from './errors'
import { PartWriter, type PartFailure } from './part-writer'
import { FILE_SOCKET_IDLE_MS, checkedOrigin } from './pinned-agent'
import { rawGet, type RawResponse } from './raw-get'
import { nextToken, retryDelay, retryPolicy, sleep, type RetryPolicy } from './retry'
import { MAX_SAFE_NAME_BYTES, nameCandidates, safeFileName } from './safe-name'
import type { FileTarget } from './target'

export interface DownloadFileOptions {
  target: FileTarget
  /** The file's id (its chat's file.id). */
  id: string
  /** The SHA-256 it was shared with (the chat's); default: the hub's Repr-Digest. */
  sha256?: string
  /** The name it was shared with (made safe here); default: the id. */
  name?: string
  dir: string
  /** The size it was shared with: a hub that sends more or less is refused. */
  size?: number
  /** Without `size`: the most bytes the file may have, and what bounds them (`bytes free in
   * DIR`). A hub that announces more is refused before a byte is written: it could otherwise
   * fill the disk until the hash fails. */
  maxSize?: { bytes: number; of: string }
  signal?: AbortSignal
  onProgress?: (received: number, total: number) => void
  retry?: Partial<RetryPolicy>
  /** How long an answer may send nothing before the attempt is given up (FILE_SOCKET_IDLE_MS). */
  idleMs?: number
}

/**
 * Answers that start (the head, a few bytes) and then send nothing for `idleMs`
 * (FILE_SOCKET_IDLE_MS), with fewer than STALL_BYTES between their start and the silence: after
 * this many in a row the download is given up. A hub that sends a few bytes at each attempt and
 * then nothing would otherwise be waited for 60 s at a time, for ever. A host that cannot be
 * reached (asleep, out of range) is not such a stall: no answer starts; the retry policy waits
 * for it as before.
 */
const MAX_STALLS = 2
/** What an attempt must move before its silence for it not to count as a stall. */
const STALL_BYTES = 64 * 1024

export interface DownloadedFile {
  path: string
  sha256: string
  size: number
}

/** Where a download of `id` named `name` keeps its bytes until they are verified. */
export function partPathFor(dir: string, name: string | undefined, id: string): string {
  const safe = safeFileName(name ?? id)
  const suffix = `.${id.slice(0, 16)}.part`
  // Shortened by the suffix's length so that the part's name fits as the final one does.
  const stem = [...safe].reduce(
    (kept, char) =>
      Buffer.byteLength(kept + char + suffix) <= MAX_SAFE_NAME_BYTES + 16 ? kept + char : kept,
    '',
  )
  return join(dir, `${stem}${suffix}`)
}

/** Removes a download's partial file, if any (a cancelled download). */
export async function removePartial(
  dir: string,
  name: string | undefined,
  id: string,
): Promise<void> {
  await unlink(partPathFor(dir, name, id)).catch(() => {})
}

/** The hex SHA-256 of an RFC 9530 `Repr-Digest: sha-256=:<base64>:` header, or null. */
export function digestOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '')
  const match = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/]+={0,2}):/i.exec(value)
  if (!match?.[1]) return null
  const bytes = Buffer.from(match[1], 'base64')
  return bytes.byteLength === 32 ? bytes.toString('hex') : null
}

/** Retry this: the hub is down or busy (network errors have no status). */
const retryableStatus = (status: number): boolean => status >= 500 || status === 429

export async function downloadFile(opts: DownloadFileOptions): Promise<DownloadedFile> {
  const { target, signal, id } = opts
  const name = safeFileName(opts.name ?? id)
  const what = `the download of ${name}`
  const policy = retryPolicy(opts.retry)
  const part = partPathFor(opts.dir, opts.name, id)
  await mkdir(opts.dir, { recursive: true }).catch((error: unknown) => {
    throw asFileError(error, 'io', `Could not create ${opts.dir}`)
  })
  checkedOrigin(target)
  // Several MiB wait for the disk at once (one write per MiB, not per TLS record): a round trip
  // through the thread pool per record, not the network, once set the pace.
  const state: DownloadState = {
    writer: new PartWriter(),
    hashed: 0,
    expected: opts.sha256 ?? null,
  }
  let failures = 0
  let stalls = 0
  try {
    for (;;) {
      if (signal?.aborted) throw cancelled(what)
      const token = target.token() ?? (await nextToken(target, null, policy, signal, what))
      const offset = await sizeOf(part)
      try {
        const outcome = await fetchInto(opts, token, part, offset, state)
        if (outcome.kind === 'done')
          return await finish(part, name, opts.dir, state, outcome.total, what)
        if (outcome.kind === 'unauthorized') {
          await nextToken(target, token, policy, signal, what)
          continue
        }
        if (outcome.kind === 'restart') continue
        if (outcome.stalled) {
          stalls += 1
          if (stalls >= MAX_STALLS) {
            const seconds = Number(((opts.idleMs ?? FILE_SOCKET_IDLE_MS) / 1000).toFixed(1))
            throw new FileError(
              'network',
              `The room stopped sending ${what}: nothing came for ${seconds} s, ${stalls} times.`,
            )
          }
        } else if ((outcome.moved ?? 0) >= STALL_BYTES) {
          stalls = 0
        }
        if (outcome.progressed) failures = 0
        failures += 1
        if (failures > policy.maxFailures) {
          throw outcome.status === null
            ? new FileError(
                'network',
                `The room could not be reached for ${what} (${outcome.reason}).`,
              )
            : errorForStatus(outcome.status, what)
        }
        await sleep(retryDelay(policy, failures, outcome.retryAfter), signal, what)
      } catch (error) {
        if (signal?.aborted) throw cancelled(what)
        if (error instanceof FileError && error.code === 'corrupt')
          await unlink(part).catch(() => {})
        throw error
      }
    }
  } finally {
    await state.writer.terminate()
  }
}

interface DownloadState {
  /** Writes the part and keeps the SHA-256 of its first `hashed` bytes. */
  writer: PartWriter
  hashed: number
  /** The SHA-256 to verify against, once known. */
  expected: string | null
}

type Outcome =
  | { kind: 'done'; total: number }
  | { kind: 'unauthorized' }
  | { kind: 'restart' }
  | {
      kind: 'retry'
      status: number | null
      reason: string
      retryAfter?: string
      progressed: boolean
      /** The answer started, then went silent before moving STALL_BYTES (MAX_STALLS). */
      stalled?: boolean
      /** Bytes the answer brought before it ended. */
      moved?: number
    }

/** One GET from `offset`, appended to the part file. */
async function fetchInto(
  opts: DownloadFileOptions,
  token: string,
  part: string,
  offset: number,
  state: DownloadState,
): Promise<Outcome> {
  const what = `the download of ${opts.name ?? opts.id}`
  if (state.hashed !== offset) await rehash(part, offset, state, what)
  let response: RawResponse
  try {
    response = await get(opts, token, offset)
  } catch (error) {
    if (opts.signal?.aborted) throw cancelled(what)
    if (error instanceof FileError) throw error
    return { kind: 'retry', status: null, reason: reasonOf(error), progressed: false }
  }
  const { status } = response
  const header = (name: string): string | undefined => response.headers[name]
  if (status !== 200 && status !== 206) {
    const body = await response.text()
    if (status === 401) return { kind: 'unauthorized' }
    if (status === 416) {
      const total = Number(/\*\/(\d+)/.exec(header('content-range') ?? '')?.[1] ?? NaN)
      if (total === offset) return { kind: 'done', total }
      await truncate(part, 0).catch(() => {})
      state.writer.reset()
      state.hashed = 0
      return { kind: 'restart' }
    }
    if (retryableStatus(status)) {
      const retryAfter = header('retry-after')
      return {
        kind: 'retry',
        status,
        reason: `HTTP ${status}`,
        progressed: false,
        ...(retryAfter ? { retryAfter } : {}),
      }
    }
    throw errorForStatus(status, what, body)
  }
  const digest = digestOf(response.headers['repr-digest'])
  state.expected ??= digest
  let start = 0
  let total: number
  if (status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header('content-range') ?? '')
    if (!range || Number(range[1]) !== offset) {
      response.destroy()
      throw new FileError('corrupt', `The room answered ${what} with another part of the file.`)
    }
    start = offset
    total = Number(range[3])
  } else {
    total = Number(header('content-length') ?? opts.size ?? NaN)
  }
  if (!Number.isSafeInteger(total) || (opts.size !== undefined && total !== opts.size)) {
    response.destroy()
    throw new FileError('corrupt', `The room announced another size for ${what}.`)
  }
  if (opts.maxSize !== undefined && total - start > opts.maxSize.bytes) {
    response.destroy()
    throw new FileError(
      'io',
      `The room announced ${what} as ${total} bytes, more than the ${opts.maxSize.bytes} ${opts.maxSize.of}.`,
    )
  }
  if (start === 0 && offset > 0) {
    // The hub ignored the Range: start the part again.
    state.writer.reset()
    state.hashed = 0
  }
  let received = start
  opts.onProgress?.(received, total)
  const { writer } = state
  const opened = await writer.open(part, start !== 0).catch((error: unknown) => {
    response.destroy()
    throw asFileError(error, 'io', `Could not write ${part}`)
  })
  if (opened) {
    response.destroy()
    throw writeError(opened, part)
  }
  writer.onFailure = (failure) => response.destroy(writeError(failure, part))
  const abort = (): void => {
    response.destroy(cancelled(what))
  }
  opts.signal?.addEventListener('abort', abort, { once: true })
  let failed: unknown = null
  try {
    // The bytes are the socket's read buffer's, used again once this returns: the writer
    // copies them (into its slots, or aside while they are all on their way to the disk).
    await response.body((bytes) => {
      if (received + bytes.byteLength > total) {
        throw new FileError('corrupt', `The room sent more bytes than announced for ${what}.`)
      }
      received += bytes.byteLength
      opts.onProgress?.(received, total)
      return writer.push(bytes)
    })
  } catch (error) {
    failed = error
  } finally {
    opts.signal?.removeEventListener('abort', abort)
    writer.onFailure = null
  }
  // Whatever came, failed or not: on disk and hashed before the next attempt reads the part's size.
  const closed = await writer.close().catch((error: unknown) => {
    throw asFileError(error, 'io', `Could not write ${part}`)
  })
  state.hashed = closed.hashed
  if (opts.signal?.aborted) throw cancelled(what)
  if (closed.failure) throw writeError(closed.failure, part)
  if (failed !== null) {
    if (failed instanceof FileError) throw failed
    const reason = reasonOf(failed)
    return {
      kind: 'retry',
      status: null,
      reason,
      progressed: received > offset,
      stalled: reason === SILENT && received - start < STALL_BYTES,
      moved: received - start,
    }
  }
  if (received !== total) {
    return {
      kind: 'retry',
      status: null,
      reason: 'the answer ended early',
      progressed: received > offset,
      moved: received - start,
    }
  }
  return { kind: 'done', total }
}

function get(opts: DownloadFileOptions, token: string, offset: number): Promise<RawResponse> {
  const url = new URL(`${opts.target.origin}${FILES_PATH}/${encodeURIComponent(opts.id)}`)
  const what = `the download of ${opts.name ?? opts.id}`
  if (opts.signal?.aborted) return Promise.reject(cancelled(what))
  return rawGet(url, {
    fingerprint: opts.target.fingerprint,
    idleMs: opts.idleMs ?? FILE_SOCKET_IDLE_MS,
    headers: {
      Authorization: `Bearer ${token}`,
      'Accept-Encoding': 'identity',
      ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}),
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
  })
}

/** Hashes the part's first `offset` bytes again (after a failed write, or a new attempt). */
async function rehash(
  part: string,
  offset: number,
  state: DownloadState,
  what: string,
): Promise<void> {
  state.hashed = 0
  if (offset === 0) {
    state.writer.reset()
    return
  }
  state.hashed = await state.writer.rehash(part, offset).catch((error: unknown) => {
    throw asFileError(error, 'io', `Could not read ${part} again for ${what}`)
  })
}

/** The io error for a part file the worker could not open or write. */
function writeError(failure: PartFailure, part: string): FileError {
  return asFileError(
    Object.assign(new Error(failure.message), failure),
    'io',
    `Could not write ${part}`,
  )
}

/** Verifies the whole part, then links it under a free safe name (never replacing a file). */
async function finish(
  part: string,
  name: string,
  dir: string,
  state: DownloadState,
  total: number,
  what: string,
): Promise<DownloadedFile> {
  if (state.hashed !== total) await rehash(part, total, state, what)
  const sha256 = await state.writer.digest()
  if (state.expected === null) {
    throw new FileError('corrupt', `The room gave no SHA-256 to verify ${what} against.`)
  }
  if (sha256 !== state.expected) {
    throw new FileError(
      'corrupt',
      `The bytes of ${what} do not match their SHA-256: it was not saved.`,
    )
  }
  for (const candidate of nameCandidates(name)) {
    const path = join(dir, candidate)
    try {
      await place(part, path)
      await unlink(part).catch(() => {})
      return { path, sha256, size: total }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw asFileError(error, 'io', `Could not save ${path}`)
    }
  }
  throw new FileError('io', `No free name for ${name} in ${dir}.`)
}

/** Gives `part` the name `path`, failing with EEXIST rather than replacing anything. */
async function place(part: string, path: string): Promise<void> {
  try {
    await link(part, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // File systems without hard links (FAT, some network shares): an exclusive copy.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error
    await copyFile(part, path, constants.COPYFILE_EXCL)
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

/** The reason of an attempt that the room left without a byte for idleMs (raw-get.ts). */
const SILENT = 'ETIMEDOUT'

function reasonOf(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message
  return String(error)
}
