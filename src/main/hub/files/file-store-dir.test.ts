/**
 * A hub with files whose data directory is deleted the moment it stops (as tests and a person
 * cleaning up do) must not leave an uncaught exception behind: @tus/file-store's own directory
 * step threw from an fs callback when the directory was gone (seen as an unhandled error in
 * hosting.test.ts on a busy machine).
 */
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestHub } from '../../../../test/support/ws-client'
import { tempDir } from '../../../../test/support/temp-dir'

const uncaught: unknown[] = []
const record = (error: unknown): void => {
  uncaught.push(error)
}

afterEach(() => {
  process.off('uncaughtException', record)
})

describe('a files hub whose directory is removed as it stops', () => {
  it('throws nothing afterwards', async () => {
    process.on('uncaughtException', record)
    for (let round = 0; round < 20; round++) {
      const dir = tempDir()
      const { stop } = await startTestHub({ files: {}, dataDir: dir.path })
      await stop()
      rmSync(dir.path, { recursive: true, force: true })
    }
    // Long enough for any fs callback queued by the hubs to have run.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(uncaught).toEqual([])
  })
})
