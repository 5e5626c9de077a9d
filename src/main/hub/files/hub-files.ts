import { mkdirSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import {
  ERROR_CODES,
  type ChatEvent,
  type FileDeclaration,
  type Limits,
  type WelcomeMessage,
} from '../../../shared/protocol'
import type { Logger } from '../logger'
import type { Refusal } from '../timeline-rules'
import { DirBytes, type FileBytes } from './file-bytes'
import { FilesHttp } from './files-http'
import { SharedFiles } from './shared-files'
import { thumbProblem } from './thumb'
import { FileTokens } from './tokens'
import { Uploads } from './uploads'

export interface HubFilesOptions {
  /** `<room data dir>/files`: nothing is written outside it. */
  dir: string
  maxFileBytes: number
  budgetBytes: number
  limits: Limits
  log: Logger
  /** Where shared files' bytes go. Default: `<dir>/store` (DirBytes). */
  bytes?: FileBytes | undefined
  /** The wall clock uploads expire by (tests). */
  now?: () => number
}

/** When a clustered room's file store could not take a file: the sender resends after this. */
const PUBLISH_RETRY_MS = 1_000
/** A file put into a clustered room's file store longer ago than this is put again before its
 * chat is proposed: the chat then follows its put within this (and the log's publish timeout),
 * which bounds what the store's sweep of orphans must wait for (cluster/orphan-sweep.ts). */
export const REPUT_AFTER_MS = 2 * 60_000

/** What the room asks of the files part (see Room). */
export interface RoomFiles {
  /** A new credential for a member's welcome. */
  welcome(clientId: string): NonNullable<WelcomeMessage['files']>
  /** The connection a credential came with has ended (its grace starts). */
  ended(token: string): void
  /** Why a file chat from `clientId` is refused, or null (docs/protocol.md, Files). */
  refusal(file: FileDeclaration, clientId: string): Refusal | null
  /** Settles once the hub has checked the hash of `clientId`'s finished upload `id`, when it is
   * being checked now (after a restart, the hub checks every finished upload again); else null. */
  verifying(id: string, clientId: string): Promise<unknown> | null
  /** A file chat was stamped: its bytes join the store. Returns the seqs of chats whose files
   * expired to make room. */
  shared(chat: ChatEvent & { file: FileDeclaration }): number[]
  /** Whether the hub still has the file's bytes. */
  available(id: string): boolean
  /** A file chat was deleted: its bytes go. */
  deleted(id: string): void
}

/**
 * The room's files (feature `files`): credentials, uploads, the store of shared files and the
 * HTTP endpoints, under one directory. See docs/protocol.md (Files) and docs/storage.md.
 */
export class HubFiles implements RoomFiles {
  readonly tokens: FileTokens
  readonly uploads: Uploads
  readonly store: SharedFiles
  readonly http: FilesHttp
  private readonly sweeper: NodeJS.Timeout
  private readonly bytes: FileBytes
  /** Verified uploads being put into a clustered room's file store, put there (when, ms), or
   * whose put failed (the next file chat for it is refused once, then tries again). */
  private readonly published = new Map<string, Promise<void> | number | 'failed'>()
  /** Put uploads whose file chat was accepted (when, ms) and is on its way through the room's
   * log: their bytes stay in the store, whatever becomes of the upload, until the chat is shared
   * or REPUT_AFTER_MS has passed (the chat would have come by then). */
  private readonly accepted = new Map<string, number>()

  constructor(private readonly options: HubFilesOptions) {
    const { dir, limits } = options
    mkdirSync(join(dir, 'uploads'), { recursive: true })
    this.tokens = new FileTokens(limits.fileTokenGraceMs)
    this.uploads = new Uploads(join(dir, 'uploads'), options.now)
    this.bytes = options.bytes ?? new DirBytes(join(dir, 'store'))
    this.store = new SharedFiles({
      bytes: this.bytes,
      indexPath: join(dir, 'index.json'),
      budgetBytes: options.budgetBytes,
      maxFiles: limits.maxFilesPerRoom,
      chargeBytes: limits.fileChargeBytes,
    })
    this.store.load()
    this.uploads.load()
    this.expireUploads()
    this.http = new FilesHttp({
      uploads: this.uploads,
      shared: this.store,
      tokens: this.tokens,
      limits,
      maxFileBytes: options.maxFileBytes,
      budgetBytes: options.budgetBytes,
      log: options.log,
      stored: (id) => this.publish(id),
      cancelled: (id) => this.unpublish(id),
    })
    const every = Math.max(1_000, Math.min(limits.unfinishedUploadTtlMs / 4, 10 * 60_000))
    this.sweeper = setInterval(() => this.expireUploads(), every)
    this.sweeper.unref()
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    this.http.handle(req, res, path)
  }

  welcome(clientId: string): NonNullable<WelcomeMessage['files']> {
    return { token: this.tokens.issue(clientId), maxFileBytes: this.options.maxFileBytes }
  }

  ended(token: string): void {
    this.tokens.ended(token)
  }

  verifying(id: string, clientId: string): Promise<unknown> | null {
    const upload = this.uploads.get(id)
    if (!upload || upload.owner !== clientId) return null
    if (upload.state === 'verifying') return this.uploads.verify(id)
    return this.publish(id)
  }

  /**
   * A clustered room: puts the verified upload `id` into the room's file store, so that every
   * hub that applies its chat can serve it. Started as soon as the upload is verified (the
   * last PATCH waits for it, see FilesHttp), so that the chat, sent after that answer, finds
   * the bytes there and is not held back for as long as a large file takes to copy. Null when
   * there is nothing to wait for: no store to put into, put already (within REPUT_AFTER_MS),
   * or the last put failed (the file chat is then refused once, and the next one puts again).
   * The promise never rejects: a failure is recorded ('failed') and logged.
   */
  private publish(id: string): Promise<void> | null {
    const upload = this.uploads.get(id)
    if (!upload || upload.state !== 'verified' || !this.bytes.publish) return null
    const state = this.published.get(id)
    if (state instanceof Promise) return state
    if (state === 'failed') return null
    if (state !== undefined && Date.now() - state < REPUT_AFTER_MS) return null
    // A put that ends after its chat was shared (shared() forgot it) records nothing: the
    // file is the store's now, and expireUploads must not take it for an unshared one. One
    // whose upload was cancelled (or expired) meanwhile takes its bytes out again at once.
    const settle = (state: number | 'failed'): void => {
      if (this.published.get(id) !== putting) return
      this.published.set(id, state)
      if (!this.uploads.get(id)) this.unpublish(id)
    }
    const putting: Promise<void> = this.bytes.publish(upload, join(this.uploads.dir, id)).then(
      () => settle(Date.now()),
      (error: unknown) => {
        this.options.log.warn(
          { upload: id, error: error instanceof Error ? error.message : String(error) },
          "could not put a file into the room's file store",
        )
        settle('failed')
      },
    )
    this.published.set(id, putting)
    return putting
  }

  refusal(file: FileDeclaration, clientId: string): Refusal | null {
    const upload = this.uploads.get(file.id)
    if (!upload || upload.owner !== clientId || upload.state !== 'verified') {
      return {
        code: ERROR_CODES.unknownUpload,
        message: `no finished upload ${file.id} of yours to share`,
      }
    }
    if (upload.size !== file.size || upload.sha256 !== file.sha256) {
      return {
        code: ERROR_CODES.fileMismatch,
        message: 'the file size or SHA-256 is not what was uploaded',
      }
    }
    if (file.thumb !== undefined) {
      const problem = thumbProblem(file.thumb, this.options.limits)
      if (problem) return { code: ERROR_CODES.invalidMessage, message: `invalid chat: ${problem}` }
    }
    const state = this.published.get(file.id)
    if (this.bytes.publish && typeof state !== 'number') {
      // A failed put is tried again by the resend; a running one is waited for (verifying).
      if (state === 'failed') this.published.delete(file.id)
      return {
        code: ERROR_CODES.rateLimited,
        message: "the room's file store cannot take the file right now; send it again",
        retryAfterMs: PUBLISH_RETRY_MS,
      }
    }
    // Its chat goes to the room's log now: the upload must not expire, nor its bytes leave a
    // clustered room's store (even if its owner cancels it), before the chat is shared.
    this.uploads.touch(file.id)
    if (this.bytes.publish) this.accepted.set(file.id, Date.now())
    return null
  }

  shared(chat: ChatEvent & { file: FileDeclaration }): number[] {
    const { file } = chat
    const from = join(this.uploads.dir, file.id)
    this.uploads.taken(file.id)
    this.published.delete(file.id)
    this.accepted.delete(file.id)
    const expired = this.store.add(
      {
        id: file.id,
        seq: chat.seq,
        size: file.size,
        sha256: file.sha256,
        name: file.name,
        sharedAt: chat.ts,
      },
      from,
    )
    if (expired.length > 0) {
      this.options.log.info({ expired: expired.length }, 'files expired for the budget')
    }
    return expired
  }

  available(id: string): boolean {
    return this.store.has(id)
  }

  deleted(id: string): void {
    this.store.remove(id)
  }

  private expireUploads(): void {
    const gone = this.uploads.expire(this.options.limits.unfinishedUploadTtlMs)
    // Published but never shared, and the upload is gone (expired).
    for (const id of this.published.keys()) if (!this.uploads.get(id)) this.unpublish(id)
    if (gone.length > 0) this.options.log.info({ uploads: gone.length }, 'stale uploads removed')
  }

  /**
   * Upload `id` ended unshared (cancelled by its owner, or expired): bytes a clustered room put
   * into its file store for it leave the store now. A put still running does it when it ends;
   * bytes whose chat was accepted stay while it may still come (`accepted`).
   */
  private unpublish(id: string): void {
    const state = this.published.get(id)
    if (state === undefined || state instanceof Promise) return
    const accepted = this.accepted.get(id)
    // Its chat is on its way: the bytes stay (the next pass looks again).
    if (accepted !== undefined && Date.now() - accepted < REPUT_AFTER_MS) return
    this.accepted.delete(id)
    if (typeof state === 'number') this.bytes.unpublish?.(id)
    this.published.delete(id)
  }

  /** One pass of the sweep of stored bytes no shared file names (a clustered room), or null. */
  sweepBytes(graceMs?: number): Promise<string[] | null> {
    return this.bytes.sweep?.(graceMs) ?? Promise.resolve(null)
  }

  close(): void {
    clearInterval(this.sweeper)
    this.bytes.close?.()
  }
}
