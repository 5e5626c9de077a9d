import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FileBytes } from './file-bytes'
import { UPLOAD_ID } from './uploads'

/** A shared file as the index keeps it. */
export interface SharedFile {
  id: string
  /** The seq of the file chat that shared it. */
  seq: number
  size: number
  sha256: string
  /** The name its chat declared (for Content-Disposition). */
  name: string
  /** When it was shared (ms since the epoch). */
  sharedAt: number
}

export interface SharedFilesOptions {
  /** Where the bytes are: `<files dir>/store` (DirBytes), or a clustered room's object store. */
  bytes: FileBytes
  /** `<files dir>/index.json`, written whole and atomically (temp file, then rename). */
  indexPath: string
  budgetBytes: number
  maxFiles: number
  /** What each file counts at least against the budget (LIMITS.fileChargeBytes). */
  chargeBytes: number
}

/**
 * The room's shared files: the bytes (in `store/<id>`, or the object store), the index (id → seq, size, sha256,
 * sharedAt), and the budget. Past budgetBytes (each file charged max(size, chargeBytes)) or
 * maxFiles, the oldest files expire: their bytes are deleted and they leave the index; a file
 * chat whose file is not in the index is materialized as `expired`.
 */
export class SharedFiles {
  /** In the order they were shared, oldest first. */
  private readonly files = new Map<string, SharedFile>()
  /** Ids of files that expired or were deleted (the newest maxFiles), so that a download
   * says 410 rather than 404. */
  private readonly gone = new Set<string>()
  private charged = 0
  /** Whether load() found the index on disk and could read it (false: none, or unreadable). */
  indexRead = false

  constructor(private readonly options: SharedFilesOptions) {}

  /** Loads the index and reconciles it with the bytes held: bytes without an entry are removed,
   * entries without bytes are dropped (their chats say `expired`). */
  load(): void {
    const held = this.options.bytes.held()
    const index = this.readIndex()
    for (const id of index.gone) this.markGone(id)
    for (const entry of index.files) {
      if (this.files.has(entry.id)) continue
      if (held && !held.has(entry.id)) {
        this.markGone(entry.id)
        continue
      }
      this.files.set(entry.id, entry)
      this.charged += this.charge(entry.size)
    }
    for (const name of held ?? []) {
      if (!this.files.has(name)) this.options.bytes.drop(name)
    }
    this.writeIndex()
  }

  private readIndex(): { files: SharedFile[]; gone: string[] } {
    let value: unknown
    try {
      value = JSON.parse(readFileSync(this.options.indexPath, 'utf8'))
    } catch {
      return { files: [], gone: [] }
    }
    this.indexRead = true
    const { files, gone } = (value ?? {}) as { files?: unknown; gone?: unknown }
    return {
      files: Array.isArray(files)
        ? files.filter((f): f is SharedFile => isSharedFile(f)).sort((a, b) => a.seq - b.seq)
        : [],
      gone: Array.isArray(gone)
        ? gone.filter((id): id is string => typeof id === 'string' && UPLOAD_ID.test(id))
        : [],
    }
  }

  private markGone(id: string): void {
    this.gone.add(id)
    if (this.gone.size <= this.options.maxFiles) return
    const oldest = this.gone.values().next().value
    if (oldest !== undefined) this.gone.delete(oldest)
  }

  /** Whether the file expired or was deleted (as far as the hub remembers). */
  wasRemoved(id: string): boolean {
    return this.gone.has(id)
  }

  private writeIndex(): void {
    const temp = `${this.options.indexPath}.tmp`
    writeFileSync(
      temp,
      JSON.stringify({ v: 1, files: [...this.files.values()], gone: [...this.gone] }),
    )
    renameSync(temp, this.options.indexPath)
  }

  private charge(size: number): number {
    return Math.max(size, this.options.chargeBytes)
  }

  get(id: string): SharedFile | undefined {
    return this.files.get(id)
  }

  has(id: string): boolean {
    return this.files.has(id)
  }

  get count(): number {
    return this.files.size
  }

  /** Bytes charged against the budget. */
  get chargedBytes(): number {
    return this.charged
  }

  /** Told the seq of a file chat whose bytes a download found gone (see serve). */
  onVanished: ((seq: number) => void) | null = null

  /**
   * Answers a GET or HEAD of a shared file. Bytes that left the disk behind the hub's back (the
   * answer is 410) expire the file at once, as the next start would: it leaves the index and the
   * budget, and its chat says `expired` (onVanished).
   */
  async serve(req: IncomingMessage, res: ServerResponse, file: SharedFile): Promise<void> {
    const outcome = await this.options.bytes.serve(req, res, file)
    if (outcome !== 'missing' || this.files.get(file.id) !== file) return
    this.drop(file.id)
    this.writeIndex()
    this.onVanished?.(file.seq)
  }

  /**
   * Moves a verified upload's bytes (`from`) into the store under its id and indexes it; the
   * oldest files expire first as far as needed to stay within the budget and the count.
   * Returns the seqs of the chats whose files expired. The same file again is a no-op (a hub
   * of a clustered room may read a chat from the stream again after a crash).
   */
  add(file: SharedFile, from: string): number[] {
    if (this.files.has(file.id)) return []
    const expired = this.makeRoom(this.charge(file.size))
    this.options.bytes.keep(file.id, from)
    this.files.set(file.id, file)
    this.charged += this.charge(file.size)
    this.writeIndex()
    return expired
  }

  /** Removes a file (its chat was deleted); false when it was not here. */
  remove(id: string): boolean {
    if (!this.drop(id)) return false
    this.writeIndex()
    return true
  }

  /** The history budget dropped every chat up to `seq`: their files go too. */
  dropUpTo(seq: number): void {
    let dropped = false
    for (const file of [...this.files.values()]) {
      if (file.seq > seq) break
      dropped = this.drop(file.id) || dropped
    }
    if (dropped) this.writeIndex()
  }

  private drop(id: string): boolean {
    const file = this.files.get(id)
    if (!file) return false
    this.files.delete(id)
    this.charged -= this.charge(file.size)
    this.markGone(id)
    this.options.bytes.drop(id)
    return true
  }

  private makeRoom(charge: number): number[] {
    const expired: number[] = []
    const { budgetBytes, maxFiles } = this.options
    for (const file of [...this.files.values()]) {
      if (this.charged + charge <= budgetBytes && this.files.size < maxFiles) break
      this.drop(file.id)
      expired.push(file.seq)
    }
    return expired
  }
}

function isSharedFile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const f = value as Record<string, unknown>
  return (
    typeof f.id === 'string' &&
    UPLOAD_ID.test(f.id) &&
    Number.isSafeInteger(f.seq) &&
    Number.isSafeInteger(f.size) &&
    (f.size as number) >= 0 &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256) &&
    typeof f.name === 'string' &&
    typeof f.sharedAt === 'number'
  )
}
