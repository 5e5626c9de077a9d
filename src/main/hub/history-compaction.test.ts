import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { HistoryCompaction } from './history-compaction'
import { writeAt } from './history-file'
import { SILENT_LOGGER } from './logger'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function file(content: string): string {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const path = join(dir.path, 'history.log')
  writeFileSync(path, content)
  return path
}

describe('HistoryCompaction', () => {
  it('copies the kept bytes, then what came and what was rewritten while it copied', async () => {
    const path = file('old one\nold two\nkept AAA\nkept BBB\n')
    const from = 'old one\nold two\n'.length
    const compaction = new HistoryCompaction({ path, from, to: 34, logger: SILENT_LOGGER })
    expect(await compaction.run()).toBe(true)
    expect(readFileSync(compaction.tmp, 'utf8')).toBe('kept AAA\nkept BBB\n')
    // Meanwhile, in the old file: a record rewritten in place (after the copy read it), one
    // rewritten among the dropped ones, and one appended.
    const fd = openSync(path, 'r+')
    writeAt(fd, Buffer.from('kept xxx\n'), from)
    compaction.redacted(from, Buffer.from('kept xxx\n'))
    compaction.redacted(0, Buffer.from('old xxx\n'))
    writeAt(fd, Buffer.from('new CCC\n'), 34)
    compaction.finish(fd, 42)
    closeSync(fd)
    expect(readFileSync(compaction.tmp, 'utf8')).toBe('kept xxx\nkept BBB\nnew CCC\n')
    compaction.discard()
    compaction.discard()
  })

  it('says it failed when the file is shorter than it was told', async () => {
    const path = file('short\n')
    const compaction = new HistoryCompaction({ path, from: 0, to: 100, logger: SILENT_LOGGER })
    expect(await compaction.run()).toBe(false)
    compaction.discard()
  })
})
