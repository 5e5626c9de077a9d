import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { serveFile } from './downloads'
import type { SharedFile } from './shared-files'

/** A verified upload on its way to the room's shared files. */
export interface VerifiedUpload {
  id: string
  size: number
  sha256: string
}

/**
 * Where a room keeps the bytes of its shared files: a directory of the hub's own (DirBytes),
 * or, in a clustered room, the room's JetStream object store (src/main/cluster/file-store.ts),
 * so that any hub serves any file. The index, the budget and expiry are SharedFiles' for both.
 */
export interface FileBytes {
  /** The ids whose bytes are held, to reconcile the index with at start; null when the store
   * cannot say at once (the index is then trusted, and a missing file is found on download). */
  held(): ReadonlySet<string> | null
  /** A file chat was applied: the verified upload's bytes at `from` (on this hub, if it was
   * uploaded here) become the file's. */
  keep(id: string, from: string): void
  /** The file's bytes go (expired or deleted); a file already gone is no error. */
  drop(id: string): void
  /** Answers a GET or HEAD of the file (downloads.ts); 'missing' when its bytes were not there
   * (answered 410), so that the file can expire. */
  serve(req: IncomingMessage, res: ServerResponse, file: SharedFile): Promise<'missing' | void>
  /** Puts a verified upload's bytes where every hub reads them, before its chat is proposed
   * (a clustered room). Absent: `keep` does everything once the chat is applied. */
  publish?(upload: VerifiedUpload, from: string): Promise<void>
  /** A published upload that was never shared (cancelled by its owner, or expired): its bytes
   * go. */
  unpublish?(id: string): void
  /** One pass of the sweep of bytes no shared file names (a clustered room's file store,
   * cluster/orphan-sweep.ts): the ids removed, or null when the pass could not run. */
  sweep?(graceMs?: number): Promise<string[] | null>
  close?(): void
}

/** The bytes of shared files in a directory, one file per shared file, named by its id. */
export class DirBytes implements FileBytes {
  constructor(readonly dir: string) {}

  held(): ReadonlySet<string> {
    mkdirSync(this.dir, { recursive: true })
    return new Set(readdirSync(this.dir))
  }

  keep(id: string, from: string): void {
    renameSync(from, join(this.dir, id))
  }

  drop(id: string): void {
    rmSync(join(this.dir, id), { force: true, recursive: true })
  }

  serve(req: IncomingMessage, res: ServerResponse, file: SharedFile): Promise<'missing' | void> {
    return serveFile(req, res, file, join(this.dir, file.id), file.name)
  }
}
