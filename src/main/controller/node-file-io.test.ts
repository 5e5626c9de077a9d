import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodeFileIo } from './node-file-io'

describe('nodeFileIo.readSmall', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-read-small-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('reads a file of at most maxBytes whole, and refuses a larger one', async () => {
    const io = nodeFileIo({ tempDir: () => dir })
    const file = async (name: string, size: number): Promise<string> => {
      const path = join(dir, name)
      await writeFile(path, Buffer.alloc(size, 7))
      return path
    }
    expect(await io.readSmall(await file('exact', 1000), 1000)).toEqual(
      new Uint8Array(1000).fill(7),
    )
    expect(await io.readSmall(await file('empty', 0), 1000)).toEqual(new Uint8Array(0))
    expect(await io.readSmall(await file('over', 1001), 1000)).toBeNull()
    await expect(io.readSmall(join(dir, 'missing'), 1000)).rejects.toThrow()
  })
})
