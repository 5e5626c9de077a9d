import { clearLine, cursorTo } from 'node:readline'
import { formatFileSize } from '../shared/file-size'
import { oneLine } from './format'

export interface ProgressOutput {
  write(text: string): unknown
  isTTY?: boolean
  /** A terminal's width: a line longer than it would wrap, and a wrapped line is not redrawn
   * in place. */
  columns?: number
}

/** How often a progress line is redrawn at most: a terminal flooded with redraws slows the
 * transfer it reports on. */
const REDRAW_MS = 100
/** The window over which the speed is measured: long enough to smooth bursts of chunks,
 * short enough to follow a change. */
const SPEED_WINDOW_MS = 3_000

/**
 * One line per file, redrawn in place on a terminal (`hashing report.pdf 45%`, then
 * `sending report.pdf 45% 12.3 MB/s`); nothing at all when the output is not a terminal, so
 * that scripts read only the final lines.
 */
export class ProgressLine {
  private readonly live: boolean
  /** The name as a terminal may be given it (no control or direction characters). */
  private readonly name: string
  private lastDraw = Number.NEGATIVE_INFINITY
  /** The text on the line now ('' when none). */
  private drawn = ''
  private samples: Array<{ at: number; done: number }> = []
  private phase = ''

  constructor(
    private readonly out: ProgressOutput,
    name: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.live = out.isTTY === true
    this.name = oneLine(name)
  }

  /** `done` of `total` bytes in `phase` ('hashing', 'sending', 'checking', 'receiving'). */
  update(phase: string, done: number, total: number): void {
    if (!this.live) return
    const at = this.now()
    if (phase !== this.phase) {
      this.phase = phase
      this.samples = []
    }
    this.samples.push({ at, done })
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > SPEED_WINDOW_MS) {
      this.samples.shift()
    }
    if (done < total && at - this.lastDraw < REDRAW_MS) return
    this.lastDraw = at
    this.draw(formatProgress(phase, this.name, done, total, this.speed()))
  }

  /** Removes the line (before the final line about the file is printed). */
  clear(): void {
    if (!this.live || this.drawn === '') return
    this.draw('')
  }

  /** Bytes per second over the window, or null before there is a window. */
  private speed(): number | null {
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    if (!first || !last || last.at - first.at < 200) return null
    return ((last.done - first.done) * 1000) / (last.at - first.at)
  }

  private draw(text: string): void {
    // The same text again (tus tells the last bytes more than once) is not redrawn.
    if (text === this.drawn) return
    const stream = this.out as NodeJS.WritableStream
    cursorTo(stream, 0)
    clearLine(stream, 0)
    const width = this.out.columns
    this.out.write(width !== undefined && text.length >= width ? text.slice(0, width - 1) : text)
    this.drawn = text
  }
}

/** `sending report.pdf  45% of 2.1 MB  12.3 MB/s` (the speed once known); `checking report.pdf
 * 2.1 MB  (the room verifies it)` once every byte is sent and the hub checks the file. */
export function formatProgress(
  phase: string,
  name: string,
  done: number,
  total: number,
  bytesPerSecond: number | null,
): string {
  if (phase === 'checking')
    return `checking ${name}  ${formatFileSize(total)}  (the room verifies it)`
  const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100
  const speed = bytesPerSecond !== null ? `  ${formatFileSize(bytesPerSecond)}/s` : ''
  return `${phase} ${name}  ${String(percent).padStart(3)}% of ${formatFileSize(total)}${speed}`
}
