import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FILE_ID } from '../../../shared/protocol'
import { hashFile } from './hash-file'

/** An upload id: what the hub names uploads (16 random bytes, hex). Anything else is unknown. */
export const UPLOAD_ID = FILE_ID

/** One upload the hub holds, unfinished or finished but not yet shared. */
export interface UploadEntry {
  readonly id: string
  /** The client id of the member that created it (from its file credential). */
  readonly owner: string
  /** Upload-Length. */
  readonly size: number
  /** The SHA-256 its uploader declared (Upload-Metadata `sha256`). */
  readonly sha256: string
  /** 'open' while bytes are missing; 'verifying' while hashed; 'verified' once the bytes
   * hash to `sha256` (only then may a chat share it). */
  state: 'open' | 'verifying' | 'verified'
  /** When a request last touched it (wall clock, ms): unfinished uploads expire from it. */
  touched: number
}

/** The metadata the hub writes into each upload's tus record (`<id>.json`). */
export interface UploadMetadata {
  owner: string
  sha256: string
  name?: string
}

/**
 * The uploads in `dir` (the tus file store: `<id>` with the bytes, `<id>.json` with the
 * record), as the hub accounts for them: who owns each, how many each member has unfinished,
 * how many bytes they will take, and whether the bytes are verified. Loaded from the directory
 * at start; the tus server changes the files, the hub tells this registry.
 */
export class Uploads {
  private readonly entries = new Map<string, UploadEntry>()
  private readonly hashing = new Map<string, Promise<boolean>>()

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the records left in `dir`; anything that is not a well-formed upload is removed.
   * Finished uploads are verified again (the verification may have been cut short). */
  load(): void {
    let names: string[]
    try {
      names = readdirSync(this.dir)
    } catch {
      return
    }
    const ids = new Set<string>()
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : name
      if (!UPLOAD_ID.test(id)) {
        rmSync(join(this.dir, name), { force: true, recursive: true })
        continue
      }
      ids.add(id)
    }
    for (const id of ids) {
      const entry = this.read(id)
      if (!entry) {
        this.discard(id)
        continue
      }
      this.entries.set(id, entry)
      if (this.offsetOf(id) === entry.size) void this.verify(id)
    }
  }

  private read(id: string): UploadEntry | null {
    try {
      const record = JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')) as {
        size?: unknown
        metadata?: Partial<Record<keyof UploadMetadata, unknown>>
        creation_date?: unknown
      }
      const { size, metadata } = record
      const owner = metadata?.owner
      const sha256 = metadata?.sha256
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null
      if (typeof owner !== 'string' || typeof sha256 !== 'string') return null
      const touched = statSync(join(this.dir, id)).mtimeMs
      return { id, owner, size, sha256, state: 'open', touched }
    } catch {
      return null
    }
  }

  /** The bytes an upload has on disk, or -1 when it has none. */
  offsetOf(id: string): number {
    try {
      return statSync(join(this.dir, id)).size
    } catch {
      return -1
    }
  }

  get(id: string): UploadEntry | undefined {
    return this.entries.get(id)
  }

  /** A new upload the tus server created. */
  add(entry: Omit<UploadEntry, 'state' | 'touched'>): void {
    this.entries.set(entry.id, { ...entry, state: 'open', touched: this.now() })
  }

  touch(id: string): void {
    const entry = this.entries.get(id)
    if (entry) entry.touched = this.now()
  }

  /** Uploads of `owner` still missing bytes. */
  unfinishedOf(owner: string): number {
    let count = 0
    for (const entry of this.entries.values()) {
      if (entry.owner === owner && entry.state !== 'verified') count += 1
    }
    return count
  }

  /** Uploads held (unfinished, or finished and not shared yet). */
  get size(): number {
    return this.entries.size
  }

  /** Bytes every held upload will take once complete. */
  get declaredBytes(): number {
    let bytes = 0
    for (const entry of this.entries.values()) bytes += entry.size
    return bytes
  }

  /**
   * Hashes a finished upload against its declared SHA-256 (once, however often asked): true
   * and 'verified' when they agree; false when they do not, and the upload is then removed.
   */
  verify(id: string): Promise<boolean> {
    const running = this.hashing.get(id)
    if (running) return running
    const entry = this.entries.get(id)
    if (!entry) return Promise.resolve(false)
    if (entry.state === 'verified') return Promise.resolve(true)
    entry.state = 'verifying'
    const done = hashFile(join(this.dir, id))
      .then(
        (sha256) => sha256 === entry.sha256,
        () => false,
      )
      .then((ok) => {
        this.hashing.delete(id)
        if (this.entries.get(id) !== entry) return false
        if (ok) entry.state = 'verified'
        else this.discard(id)
        return ok
      })
    this.hashing.set(id, done)
    return done
  }

  /** Forgets an upload the tus server terminated (its files are gone already). */
  forget(id: string): void {
    this.entries.delete(id)
  }

  /** Removes an upload and its files. */
  discard(id: string): void {
    this.entries.delete(id)
    rmSync(join(this.dir, id), { force: true })
    rmSync(join(this.dir, `${id}.json`), { force: true })
  }

  /** The upload's bytes leave for the store (see SharedFiles): the record goes. */
  taken(id: string): void {
    this.entries.delete(id)
    rmSync(join(this.dir, `${id}.json`), { force: true })
  }

  /** Removes uploads untouched for `ttlMs` (unfinished, or finished and never shared). */
  expire(ttlMs: number): string[] {
    const before = this.now() - ttlMs
    const gone: string[] = []
    for (const entry of [...this.entries.values()]) {
      if (entry.touched >= before || this.hashing.has(entry.id)) continue
      this.discard(entry.id)
      gone.push(entry.id)
    }
    return gone
  }
}
