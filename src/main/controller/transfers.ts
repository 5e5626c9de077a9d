/**
 * Files in the room, for the window: staged files (dropped, pasted, picked), uploads (hashing →
 * uploading → sending → done) and downloads (downloading → verifying → done), each a Transfer
 * the window shows with its progress. Uploads and downloads wait while the connection is down
 * (`paused`) and go on with the next welcome's credential. The files themselves are the
 * platform's (`FileIo`: Node's file system in the app, File and Blob in the guest page): no
 * Node import here.
 */
import {
  BRIDGE_LIMITS,
  isExecutableName,
  type CommandResult,
  type HandlerArgs,
  type Snapshot,
  type Transfer,
} from '../../shared/bridge'
import {
  LIMITS,
  MEDIA_TYPE,
  fileNameProblem,
  thumbType,
  type FileDeclaration,
} from '../../shared/protocol'
import { BridgeCommandError } from '../bridge/dispatch'
import { thumbProblem } from '../hub/files/thumb'
import { bytesToBase64url } from '../../shared/encoding/base64url'
import { safeFileName } from '../../shared/file-name'
import { FileError } from '../files/errors'
import { newMessageId } from '../connection/message-id'
import type { FileIo } from './file-io'
import type { FilePlatform } from './deps'
import type { FileHandlers } from './handlers'
import type { RoomSession } from './session'
import type { PendingChat } from './timeline-view'

interface Staged {
  stageId: string
  path: string
  name: string
  size: number
  type: string
  /** A copy of pasted bytes: removed once sent or unstaged. */
  temporary: boolean
  thumb?: string
  width?: number
  height?: number
}

interface Job {
  view: Transfer
  abort: AbortController | null
  /** What starts (or resumes) it. */
  run: () => Promise<void>
  uploadUrl?: string
  fileId?: string
  sha256?: string
  dir?: string
  declaredName?: string
  /** An upload's pending row until its chat is sent: the chat it will be. */
  row?: { text: string; file: FileDeclaration; replyTo?: number }
  /** Its file chat went to the outbox once. */
  sent?: boolean
}

const fail = (code: string, message: string): never => {
  throw new BridgeCommandError(code, message)
}

export interface TransfersOptions {
  session: () => RoomSession | null
  platform: FilePlatform
  /** The files themselves (node-file-io.ts in the app). */
  io: FileIo
  /** The downloadDir preference and its setter. */
  downloadDir: () => string | null
  setDownloadDir: (dir: string) => void
  /** Called with the whole list whenever a transfer changes. */
  publish: (transfers: Transfer[]) => void
  /** The clock progress is paced by (tests). */
  now?: () => number
}

export class Transfers {
  private readonly staged = new Map<string, Staged>()
  private readonly jobs = new Map<string, Job>()

  constructor(private readonly options: TransfersOptions) {}

  list(): Transfer[] {
    const session = this.options.session()
    const down = session !== null && session.view.connection.status !== 'connected'
    return [...this.jobs.values()].map(({ view }) =>
      down && (view.state === 'uploading' || view.state === 'downloading')
        ? { ...view, state: 'paused' }
        : view,
    )
  }

  /** The connection changed: paused transfers show it (they go on by themselves). */
  refresh(): void {
    this.options.publish(this.list())
  }

  private lastStatus: string | null = null

  /** Told every snapshot: publishes when the connection's status changed, clears on leaving. */
  observe(snapshot: Snapshot): void {
    const status = snapshot.room?.connection.status ?? null
    if (status === this.lastStatus) return
    this.lastStatus = status
    if (status === null) void this.clear()
    else if (this.jobs.size > 0) this.refresh()
  }

  handlers(): FileHandlers {
    return {
      stageFiles: (args) => this.stage(args),
      pickFiles: async () => {
        this.files()
        const paths = await this.options.platform.pickFiles()
        if (paths.length === 0) return { staged: [] }
        return this.stage({
          files: paths.map((path) => ({ path, name: this.options.io.nameOf(path), type: '' })),
        })
      },
      unstageFile: async ({ stageId }) => {
        const staged = this.staged.get(stageId)
        this.staged.delete(stageId)
        if (staged?.temporary) await this.options.io.discard(staged.path)
        return { ok: true }
      },
      sendFiles: (args) => this.send(args),
      downloadFile: ({ seq }) => this.download(seq),
      cancelTransfer: async ({ transferId }) => {
        const job = this.job(transferId)
        // A failed upload is dismissed (its row goes); a failed download is left as it is.
        const dismiss = job.view.state === 'failed' && job.view.direction === 'up'
        if (['done', 'failed', 'cancelled'].includes(job.view.state) && !dismiss)
          return { ok: true }
        if (job.view.state === 'sending') {
          // The chat is in the outbox: the room will have the file; delete the chat instead.
          fail('APP_ERR_ALREADY_SENT', `${job.view.name} is already sent: delete the message.`)
        }
        job.abort?.abort()
        this.update(job, { state: 'cancelled', error: null })
        if (job.view.direction === 'down' && job.dir && job.fileId) {
          await this.options.io.removePartial(job.dir, job.declaredName, job.fileId)
        }
        if (job.view.direction === 'up') await this.terminate(job)
        return { ok: true }
      },
      resumeTransfer: ({ transferId }) => {
        const job = this.job(transferId)
        if (job.view.state !== 'failed' && job.view.state !== 'cancelled') return { ok: true }
        void job.run()
        return { ok: true }
      },
      showInFolder: ({ transferId }) => {
        this.options.platform.showItemInFolder(this.finished(transferId))
        return { ok: true }
      },
      openFile: async ({ transferId, confirmExecutable }) => {
        const path = this.finished(transferId)
        if (isExecutableName(path) && confirmExecutable !== true) {
          const name = this.options.io.nameOf(path)
          fail('APP_ERR_EXECUTABLE', `${name} is a program: confirm before opening it.`)
        }
        const problem = await this.options.platform.openPath(path)
        if (problem) {
          fail('APP_ERR_OPEN_FAILED', `Could not open ${this.options.io.nameOf(path)}: ${problem}`)
        }
        return { ok: true }
      },
      readImage: ({ transferId }) => this.readImage(transferId),
      chooseDownloadDir: async () => {
        const dir = await this.options.platform.pickFolder()
        if (dir === null) return { changed: false, downloadDir: this.options.downloadDir() }
        this.options.setDownloadDir(dir)
        return { changed: true, downloadDir: dir }
      },
    }
  }

  /** Leaving the room: every running transfer stops; staged copies are removed. */
  async clear(): Promise<void> {
    for (const job of this.jobs.values()) job.abort?.abort()
    this.jobs.clear()
    for (const staged of this.staged.values()) {
      if (staged.temporary) await this.options.io.discard(staged.path)
    }
    this.staged.clear()
    this.shownUploads = ''
    this.refresh()
  }

  private files(): { session: RoomSession; maxFileBytes: number } {
    const session = this.options.session()
    const files = session?.view.files
    if (!session || !files?.enabled) {
      return fail('APP_ERR_FILES_UNAVAILABLE', 'This room does not take files.')
    }
    return { session, maxFileBytes: files.maxFileBytes }
  }

  private async stage(args: HandlerArgs<'stageFiles'>): Promise<CommandResult<'stageFiles'>> {
    const { maxFileBytes } = this.files()
    if (this.staged.size + args.files.length > BRIDGE_LIMITS.stagedFiles) {
      fail('APP_ERR_TOO_MANY_FILES', `At most ${BRIDGE_LIMITS.stagedFiles} files at once.`)
    }
    let pasted = [...this.staged.values()]
      .filter((s) => s.temporary)
      .reduce((n, s) => n + s.size, 0)
    const added: Staged[] = []
    // Pasted bytes go to a temporary file as they are staged: a call that fails on a later file
    // removes them again, or each failed paste would leave its bytes behind.
    const kept: string[] = []
    try {
      for (const source of args.files) {
        const stageId = globalThis.crypto.randomUUID()
        const io = this.options.io
        let path: string
        let size: number
        let temporary = false
        if (source.path !== undefined) {
          path = source.path
          await this.shareable(path)
          size =
            (await io.sizeOf(path)) ??
            fail('APP_ERR_FILE_UNREADABLE', `${io.nameOf(path)} is not a readable file.`)
        } else if (source.bytes !== undefined) {
          path = ''
          size = source.bytes.byteLength
          pasted += size
          if (pasted > BRIDGE_LIMITS.stagedPastedBytes)
            fail('APP_ERR_TOO_MANY_FILES', 'Too much pasted data at once.')
        } else {
          return fail('BRIDGE_ERR_INVALID_ARGS', 'A staged file needs a path or its bytes.')
        }
        if (size > maxFileBytes)
          fail('APP_ERR_FILE_TOO_LARGE', `${source.name} is larger than the room takes.`)
        if (source.bytes !== undefined) {
          path = await io.keep(stageId, source.bytes)
          kept.push(path)
          temporary = true
        }
        const raw = source.path !== undefined ? io.nameOf(source.path) : source.name
        const name = fileNameProblem(raw) === null ? raw : safeFileName(raw)
        const type =
          MEDIA_TYPE.test(source.type) && source.type.length <= LIMITS.maxFileTypeLength
            ? source.type
            : 'application/octet-stream'
        const thumb = source.thumb ? checkedThumb(source.thumb) : undefined
        added.push({
          stageId,
          path,
          name,
          size,
          type,
          temporary,
          ...(thumb ? { thumb } : {}),
          ...(source.width !== undefined && source.height !== undefined
            ? { width: source.width, height: source.height }
            : {}),
        })
      }
    } catch (error) {
      await Promise.all(kept.map((path) => this.options.io.discard(path).catch(() => {})))
      throw error
    }
    for (const staged of added) this.staged.set(staged.stageId, staged)
    return { staged: added.map(({ stageId, name, size, type }) => ({ stageId, name, size, type })) }
  }

  private send(args: HandlerArgs<'sendFiles'>): CommandResult<'sendFiles'> {
    this.files()
    const chosen = args.stageIds.map(
      (id) =>
        this.staged.get(id) ?? fail('APP_ERR_UNKNOWN_STAGED', 'That file is no longer staged.'),
    )
    const transferIds: string[] = []
    chosen.forEach((staged, index) => {
      this.staged.delete(staged.stageId)
      const caption = index === 0 ? args.caption : undefined
      const replyTo = index === 0 ? args.replyTo : undefined
      const job = this.add(
        {
          direction: 'up',
          name: staged.name,
          size: staged.size,
          state: 'hashing',
          chatId: newMessageId(),
        },
        {
          text: caption ?? staged.name,
          // Its id and hash are not known yet: the row shows the file as it will be shared.
          file: { ...declared(staged), id: '', sha256: '' },
          ...(replyTo !== undefined ? { replyTo } : {}),
        },
      )
      job.run = () => this.upload(job, staged, caption, replyTo)
      void job.run()
      transferIds.push(job.view.id)
    })
    return { transferIds }
  }

  /** Refuses a file of the app's own data (FileIo.isPrivate). */
  private async shareable(path: string): Promise<void> {
    const io = this.options.io
    if (await io.isPrivate?.(path)) {
      fail('APP_ERR_FILE_UNREADABLE', `${io.nameOf(path)} is part of LAN Room's own data.`)
    }
  }

  private async upload(
    job: Job,
    staged: Staged,
    caption?: string,
    replyTo?: number,
  ): Promise<void> {
    const abort = new AbortController()
    job.abort = abort
    try {
      const { session } = this.files()
      const target =
        session.fileTarget?.() ??
        fail('APP_ERR_FILES_UNAVAILABLE', 'This room does not take files.')
      // Again as it is read: the path may name another file by now (a link swapped meanwhile).
      if (!staged.temporary) await this.shareable(staged.path)
      if (job.sha256 === undefined) {
        this.update(job, { state: 'hashing', done: 0, error: null })
        job.sha256 = await this.options.io.hash(staged.path, {
          signal: abort.signal,
          onProgress: (done) => this.progress(job, done),
        })
      }
      this.update(job, { state: 'uploading', done: 0, error: null })
      const { id } = await this.options.io.upload({
        target,
        path: staged.path,
        size: staged.size,
        sha256: job.sha256,
        name: staged.name,
        signal: abort.signal,
        ...(job.uploadUrl ? { uploadUrl: job.uploadUrl } : {}),
        onUploadUrl: (url) => (job.uploadUrl = url),
        onProgress: (sent) => this.progress(job, sent),
        retry: { maxFailures: Number.POSITIVE_INFINITY },
      })
      const file: FileDeclaration = { ...declared(staged), id, sha256: job.sha256 }
      const sendFile =
        session.sendFile ?? fail('APP_ERR_FILES_UNAVAILABLE', 'This room does not take files.')
      // A chat refused before (its failed entry stays in the outbox) is sent under a new id.
      if (job.sent) job.view = { ...job.view, chatId: newMessageId() }
      job.sent = true
      const sent = sendFile.call(session, file, {
        ...(caption !== undefined ? { caption } : {}),
        ...(replyTo !== undefined ? { replyTo } : {}),
        ...(job.view.chatId !== undefined ? { id: job.view.chatId } : {}),
      })
      // The chat is in the outbox now: its entry takes the row's place, under the same key.
      this.update(job, { state: 'sending', done: staged.size })
      const chat = await sent
      this.update(job, { state: 'done', seq: chat.seq })
      if (staged.temporary) await this.options.io.discard(staged.path)
    } catch (error) {
      this.failed(job, abort, error)
    }
  }

  /** A cancelled upload is deleted on the hub (tus termination) rather than left to expire;
   * resuming it then starts a new one. */
  private async terminate(job: Job): Promise<void> {
    const url = job.uploadUrl
    const target = this.options.session()?.fileTarget?.()
    delete job.uploadUrl
    if (!url || !target) return
    await this.options.io.terminate(target, url).catch(() => {
      // Not deleted (the room is unreachable, the credential ran out): the hub removes
      // unfinished uploads after a while by itself.
    })
  }

  private download(seq: number): CommandResult<'downloadFile'> {
    const { session } = this.files()
    const chat = session.chatAt?.(seq)
    const file = chat?.file ?? fail('APP_ERR_NOT_A_FILE', 'That message has no file.')
    if (file.expired) fail('APP_ERR_FILE_EXPIRED', `The room no longer has ${file.name}.`)
    const running = [...this.jobs.values()].find(
      (j) =>
        j.view.direction === 'down' &&
        j.view.seq === seq &&
        !['failed', 'cancelled'].includes(j.view.state),
    )
    if (running) return { transferId: running.view.id }
    const job = this.add({
      direction: 'down',
      name: file.name,
      size: file.size,
      state: 'downloading',
      seq,
    })
    job.fileId = file.id
    job.declaredName = file.name
    job.run = async () => {
      const abort = new AbortController()
      job.abort = abort
      try {
        const target =
          session.fileTarget?.() ??
          fail('APP_ERR_FILES_UNAVAILABLE', 'This room does not take files.')
        job.dir = this.options.downloadDir() ?? this.options.platform.downloadsDir()
        this.update(job, { state: 'downloading', error: null })
        const saved = await this.options.io.download({
          target,
          id: file.id,
          sha256: file.sha256,
          name: file.name,
          size: file.size,
          dir: job.dir,
          signal: abort.signal,
          onProgress: (received, total) => {
            if (received === total) this.update(job, { state: 'verifying', done: received })
            else this.progress(job, received)
          },
          retry: { maxFailures: Number.POSITIVE_INFINITY },
        })
        this.update(job, { state: 'done', done: saved.size, path: saved.path })
      } catch (error) {
        this.failed(job, abort, error)
      }
    }
    void job.run()
    return { transferId: job.view.id }
  }

  private async readImage(transferId: string): Promise<CommandResult<'readImage'>> {
    const path = this.finished(transferId)
    const bytes =
      (await this.options.io.readSmall(path, BRIDGE_LIMITS.readImageBytes)) ??
      fail('APP_ERR_NOT_AN_IMAGE', 'That image is too large to show.')
    const isGif = bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38
    const type = isGif ? 'image/gif' : thumbType(bytes)
    if (!type)
      return fail('APP_ERR_NOT_AN_IMAGE', 'That file is not a PNG, JPEG, GIF or WebP image.')
    return { bytes, type }
  }

  private finished(transferId: string): string {
    const job = this.job(transferId)
    if (job.view.direction !== 'down' || job.view.state !== 'done' || job.view.path === null) {
      return fail('APP_ERR_NOT_DOWNLOADED', 'That file is not downloaded and verified.')
    }
    return job.view.path
  }

  private job(transferId: string): Job {
    return this.jobs.get(transferId) ?? fail('APP_ERR_UNKNOWN_TRANSFER', 'No such transfer.')
  }

  private add(
    view: Pick<Transfer, 'direction' | 'name' | 'size' | 'state'> & {
      seq?: number
      chatId?: string
    },
    row?: Job['row'],
  ): Job {
    const job: Job = {
      view: {
        id: globalThis.crypto.randomUUID(),
        seq: null,
        done: 0,
        error: null,
        path: null,
        ...view,
      },
      abort: null,
      run: async () => {},
      ...(row ? { row } : {}),
    }
    this.jobs.set(job.view.id, job)
    // Finished transfers beyond the bound go first, oldest first.
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= BRIDGE_LIMITS.transfers) break
      if (['done', 'failed', 'cancelled'].includes(old.view.state)) this.jobs.delete(id)
    }
    this.refresh()
    this.showUploads()
    return job
  }

  private update(job: Job, changes: Partial<Transfer>): void {
    job.view = { ...job.view, ...changes }
    this.refresh()
    if (job.row) this.showUploads()
  }

  private shownUploads = ''

  /** Uploads not yet sent (hashing, uploading, or failed before their chat went out) are the
   * room session's pending rows, from the moment they are sent to the moment their chat is. */
  private showUploads(): void {
    const rows: PendingChat[] = []
    for (const { view, row } of this.jobs.values()) {
      if (!row || view.chatId === undefined) continue
      if (!['hashing', 'uploading', 'failed'].includes(view.state)) continue
      const failed = view.state === 'failed'
      rows.push({
        id: view.chatId,
        op: {
          type: 'chat',
          text: row.text,
          file: row.file,
          ...(row.replyTo !== undefined ? { replyTo: row.replyTo } : {}),
        },
        state: failed ? 'failed' : 'pending',
        error: failed
          ? { code: 'APP_ERR_UPLOAD_FAILED', message: view.error ?? 'The upload failed.' }
          : null,
      })
    }
    const shown = rows.map((r) => `${r.id} ${r.state} ${r.error?.message ?? ''}`).join('\n')
    if (shown === this.shownUploads) return
    this.shownUploads = shown
    this.options.session()?.showUploads?.(rows)
  }

  private lastProgress = 0

  /** Progress, published at most every 100 ms per manager (the batcher merges the rest), and
   * always once the last byte is done: an upload's row then says the room is checking it. */
  private progress(job: Job, done: number): void {
    job.view = { ...job.view, done: Math.min(done, job.view.size) }
    const now = (this.options.now ?? Date.now)()
    if (now - this.lastProgress < 100 && job.view.done < job.view.size) return
    this.lastProgress = now
    this.refresh()
  }

  private failed(job: Job, abort: AbortController, error: unknown): void {
    if (abort.signal.aborted || job.view.state === 'cancelled') {
      this.update(job, { state: 'cancelled' })
      return
    }
    const message =
      error instanceof FileError || error instanceof BridgeCommandError || error instanceof Error
        ? error.message
        : String(error)
    const code =
      error instanceof FileError
        ? `FILE_ERR_${error.code.toUpperCase()}`
        : error instanceof BridgeCommandError
          ? error.code
          : undefined
    this.update(job, {
      state: 'failed',
      error: message.slice(0, 500),
      // Only a code the model takes (SCREAMING_CASE): the sentence alone otherwise.
      ...(code !== undefined && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? { errorCode: code } : {}),
    })
  }
}

/** What a staged file is declared as, but for the upload's id and hash. */
function declared(staged: Staged): Omit<FileDeclaration, 'id' | 'sha256'> {
  return {
    name: staged.name,
    size: staged.size,
    type: staged.type,
    ...(staged.width !== undefined && staged.height !== undefined
      ? { width: staged.width, height: staged.height }
      : {}),
    ...(staged.thumb ? { thumb: staged.thumb } : {}),
  }
}

/** The base64url of a thumbnail the window made, when it passes the hub's own check (a small
 * PNG, JPEG or WebP by its bytes and header: `thumbProblem`); otherwise it is dropped. */
function checkedThumb(bytes: Uint8Array): string | undefined {
  const thumb = bytesToBase64url(bytes)
  return thumbProblem(thumb, LIMITS) === null ? thumb : undefined
}
