import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileError } from './errors'
import { hashFile } from './hash'

describe('hashFile', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('streams the SHA-256 of a file with progress', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-hash-'))
    const bytes = randomBytes(3 * 1024 * 1024 + 7)
    const path = join(dir, 'f.bin')
    await writeFile(path, bytes)
    const seen: number[] = []
    const hex = await hashFile(path, { onProgress: (done, total) => seen.push(done, total) })
    expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(seen.at(-2)).toBe(bytes.byteLength)
    expect(seen.at(-1)).toBe(bytes.byteLength)
  })

  it('hashes an empty file, and fails with codes for a missing one and a cancel', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-hash-'))
    await writeFile(join(dir, 'empty'), '')
    expect(await hashFile(join(dir, 'empty'))).toBe(createHash('sha256').digest('hex'))
    await expect(hashFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'io' })
    const controller = new AbortController()
    controller.abort()
    const error = await hashFile(join(dir, 'empty'), { signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(FileError)
    expect(error).toMatchObject({ code: 'cancelled' })
  })
})
