import { closeSync, openSync, readSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { writeAt } from './history-file'
import type { Logger } from './logger'

/** Bytes copied at once. */
const COPY_CHUNK_BYTES = 1024 * 1024

/**
 * One rewrite of history.log without its oldest records: the bytes [from, to) of the file are
 * copied to `<path>.tmp` off the event loop (the thread pool does the reading, writing and
 * syncing); the store goes on appending to (and redacting in) the old file meanwhile. `finish`
 * then copies what was appended since `to`, and rewrites there the records redacted meanwhile,
 * so that the store can rename the copy over the file. A crash at any point leaves one whole
 * file: the old one until the rename, the new one after it (the next open removes a stale copy).
 */
export class HistoryCompaction {
  readonly tmp: string
  readonly from: number
  private readonly to: number
  /** Records rewritten in the old file since the copy started: offset in it, and new bytes. */
  private readonly redactions: Array<{ offset: number; line: Buffer }> = []

  constructor(
    private readonly options: { path: string; from: number; to: number; logger: Logger },
  ) {
    this.tmp = `${options.path}.tmp`
    this.from = options.from
    this.to = options.to
  }

  /** Copies the kept bytes; false (logged) when that failed. */
  async run(): Promise<boolean> {
    try {
      const source = await open(this.options.path, 'r')
      try {
        const target = await open(this.tmp, 'w')
        try {
          const buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES)
          for (let at = this.from; at < this.to;) {
            const want = Math.min(buffer.length, this.to - at)
            const { bytesRead } = await source.read(buffer, 0, want, at)
            if (bytesRead === 0) throw new Error('history file shorter than expected')
            await target.write(buffer, 0, bytesRead, at - this.from)
            at += bytesRead
          }
          await target.sync()
        } finally {
          await target.close()
        }
      } finally {
        await source.close()
      }
      return true
    } catch (error) {
      // Compaction is housekeeping: if it fails, the full file is still correct.
      this.options.logger.warn({ error: String(error) }, 'history compaction failed')
      return false
    }
  }

  /** Notes a record rewritten in the old file while the copy runs. */
  redacted(offset: number, line: Buffer): void {
    this.redactions.push({ offset, line })
  }

  /** Completes the copy from the old file (`fd`, `size` bytes written): synchronous. */
  finish(fd: number, size: number): void {
    const target = openSync(this.tmp, 'r+')
    try {
      const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK_BYTES, Math.max(1, size - this.to)))
      for (let at = this.to; at < size;) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at)
        if (n === 0) throw new Error('history file shorter than expected')
        writeAt(target, buffer.subarray(0, n), at - this.from)
        at += n
      }
      for (const { offset, line } of this.redactions) {
        if (offset >= this.from) writeAt(target, line, offset - this.from)
      }
    } finally {
      closeSync(target)
    }
  }

  /** Removes the copy (what is left of it). */
  discard(): void {
    try {
      rmSync(this.tmp, { force: true, recursive: true })
    } catch (error) {
      this.options.logger.warn({ error: String(error) }, 'could not remove a compaction copy')
    }
  }
}
