import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join as joinPath } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestHub, tempDir } from '../../test/support/ws-client'
import { SEND_EXIT, send } from './send'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

describe('send() on a terminal', () => {
  it('says the room is checking the file once every byte is sent, then that it was sent', async () => {
    const started = await startTestHub({ files: {} })
    cleanups.push(started.stop)
    const dir = tempDir()
    cleanups.push(dir.remove)
    const path = joinPath(dir.path, 'big.bin')
    writeFileSync(path, randomBytes(3 * 1024 * 1024))
    const stdout = Object.assign(new PassThrough(), { isTTY: true })
    const stderr = new PassThrough()
    const written: string[] = []
    stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()))
    stderr.resume()

    const exit = await send(
      { target: started.url, name: 'sender', dataDir: dir.path, files: [path] },
      { stdout, stderr },
    )

    expect(exit).toBe(SEND_EXIT.sent)
    // The lines drawn in place (cursor moves and clears aside), in order.
    const lines = written.filter((text) => text !== '' && !text.startsWith('\x1b'))
    const checking = lines.indexOf('checking big.bin  3.0 MB  (the room verifies it)')
    expect(checking, lines.join('\n')).toBeGreaterThan(0)
    // Before it, the bytes going out, never past 100 %; after it, only the final line.
    expect(
      lines.slice(0, checking).every((line) => /^(hashing|sending) big\.bin /.test(line)),
    ).toBe(true)
    expect(lines.slice(checking + 1)).toEqual([expect.stringMatching(/^sent big\.bin \(3\.0 MB\)/)])
  })
})
