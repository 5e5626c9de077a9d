import { closeSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import type { ReadPosition, Schemas } from '../../shared/protocol'
import type { Logger } from './logger'

/** Read positions are written at most this often; a kill -9 may lose the last ones (they are
 * not acknowledged, and members report them again). */
export const READS_WRITE_INTERVAL_MS = 5_000

/** Bytes of one position in the file, at most: a client id of 64 and a seq, with the JSON. */
const BYTES_PER_POSITION = 128

/**
 * The room's read positions in `reads.json`: loaded once, validated and bounded; saved whole
 * and atomically (a temporary file renamed over it), at most once per interval (the latest
 * positions are written when the interval has passed) and at once on close.
 */
export class ReadPositionsFile {
  private pending: readonly ReadPosition[] | null = null
  private lastWrite = -Infinity
  private timer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    private readonly path: string,
    private readonly options: {
      schemas: Schemas
      maxPositions: number
      logger: Logger
      intervalMs?: number
    },
  ) {}

  /** The positions in the file; none when it is missing, and none (logged) when it is damaged. */
  load(): ReadPosition[] {
    const { schemas, maxPositions, logger } = this.options
    let text: string
    try {
      text = readBounded(this.path, (maxPositions + 1) * BYTES_PER_POSITION)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      logger.warn(
        { path: this.path, error: String(error) },
        'read positions unreadable; starting empty',
      )
      return []
    }
    const file = z.object({
      v: z.literal(1),
      positions: z.array(schemas.readPosition).max(maxPositions),
    })
    try {
      const parsed = file.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data.positions
    } catch {
      // Not JSON: damaged like anything else that fails the schema.
    }
    logger.warn({ path: this.path }, 'read positions damaged; starting empty')
    return []
  }

  /** Keeps `positions` (all of them, replacing what the file holds), throttled. */
  save(positions: readonly ReadPosition[]): void {
    if (this.closed) return
    this.pending = positions
    if (this.timer) return
    const wait = this.lastWrite + this.interval - performance.now()
    if (wait <= 0) return this.write()
    this.timer = setTimeout(() => {
      this.timer = null
      this.write()
    }, wait)
    this.timer.unref()
  }

  /** Writes what is waiting and stops. */
  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.write()
    this.closed = true
  }

  private get interval(): number {
    return this.options.intervalMs ?? READS_WRITE_INTERVAL_MS
  }

  private write(): void {
    const positions = this.pending
    if (positions === null) return
    this.pending = null
    this.lastWrite = performance.now()
    try {
      writeFileSync(`${this.path}.tmp`, JSON.stringify({ v: 1, positions }))
      renameSync(`${this.path}.tmp`, this.path)
    } catch (error) {
      // Read positions are a courtesy: members report them again.
      this.options.logger.warn(
        { path: this.path, error: String(error) },
        'could not save read positions',
      )
    }
  }
}

/** The file's text, or an error when it is longer than `maxBytes`. */
function readBounded(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(maxBytes + 1)
    let length = 0
    for (let n = 1; n > 0 && length <= maxBytes; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null)
    }
    if (length > maxBytes) throw new Error(`larger than ${maxBytes} bytes`)
    return buffer.toString('utf8', 0, length)
  } finally {
    closeSync(fd)
  }
}
