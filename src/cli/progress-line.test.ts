import { describe, expect, it } from 'vitest'
import { ProgressLine, formatProgress } from './progress-line'

/** A terminal (or a pipe) that records what it was given. */
function output(isTTY: boolean, columns?: number) {
  const written: string[] = []
  return {
    written,
    stream: {
      isTTY,
      ...(columns !== undefined ? { columns } : {}),
      write: (text: string) => written.push(text),
      // readline's cursorTo / clearLine write escape sequences through these.
      cursorTo: () => true,
      clearLine: () => true,
    },
  }
}

describe('formatProgress', () => {
  it('says the phase, the name, the percentage of the size and the speed once known', () => {
    expect(formatProgress('hashing', 'a.bin', 512, 2048, null)).toBe(
      'hashing a.bin   25% of 2.0 KB',
    )
    expect(formatProgress('sending', 'a.bin', 2048, 2048, 12.5 * 1024 * 1024)).toBe(
      'sending a.bin  100% of 2.0 KB  12.5 MB/s',
    )
    expect(formatProgress('sending', 'empty', 0, 0, null)).toBe('sending empty  100% of 0 B')
  })

  it('says that the room is checking the file, with its size and no percentage', () => {
    expect(formatProgress('checking', 'a.bin', 2048, 2048, 5e6)).toBe(
      'checking a.bin  2.0 KB  (the room verifies it)',
    )
  })
})

describe('ProgressLine', () => {
  it('draws nothing when the output is not a terminal', () => {
    const out = output(false)
    const line = new ProgressLine(out.stream, 'a.bin')
    line.update('sending', 10, 100)
    line.update('sending', 100, 100)
    line.clear()
    expect(out.written).toEqual([])
  })

  it('redraws in place at most every 100 ms, always the last, and clears itself', () => {
    const out = output(true)
    let now = 0
    const line = new ProgressLine(out.stream, 'a.bin', () => now)
    line.update('sending', 0, 100)
    now = 50
    line.update('sending', 10, 100)
    now = 400
    line.update('sending', 50, 100)
    now = 450
    line.update('sending', 100, 100)
    // Told again with the same text (as the checking line is, by tus at the end): not redrawn.
    line.update('sending', 100, 100)
    const drawn = out.written.filter((text) => !text.startsWith('\x1b'))
    expect(drawn).toEqual([
      'sending a.bin    0% of 100 B',
      'sending a.bin   50% of 100 B  125 B/s',
      'sending a.bin  100% of 100 B  222 B/s',
    ])
    line.clear()
    expect(out.written.at(-1)).toBe('')
  })

  it('shows a name without its control and direction characters', () => {
    const out = output(true)
    new ProgressLine(out.stream, 'a\tb\u202egnp.exe\u001b[2J').update('receiving', 1, 2)
    expect(out.written.filter((text) => !text.startsWith('\x1b'))).toEqual([
      'receiving a bgnp.exe[2J   50% of 2 B',
    ])
  })

  it('cuts a line to the terminal width, so that it never wraps', () => {
    const out = output(true, 20)
    new ProgressLine(out.stream, 'a-rather-long-name.bin').update('hashing', 1, 2)
    expect(out.written.filter((text) => !text.startsWith('\x1b'))).toEqual(['hashing a-rather-lo'])
  })
})
