import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodeFileIo } from './node-file-io'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lanroom-node-file-io-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('nodeFileIo.readSmall', () => {
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
    // A file that says 0 bytes and has more (as one that grew after it was measured): refused.
    if (process.platform === 'linux')
      expect(await io.readSmall('/proc/self/status', 1 << 20)).toBeNull()
    await expect(io.readSmall(join(dir, 'missing'), 1000)).rejects.toThrow()
  })
})

describe('nodeFileIo.isPrivate', () => {
  it('finds the files of the data folder, through symbolic links too, and no other', async () => {
    const data = join(dir, 'data')
    await mkdir(join(data, 'tls'), { recursive: true })
    await writeFile(join(data, 'identity.pem'), 'key')
    await writeFile(join(data, 'tls', 'key.pem'), 'key')
    await writeFile(join(data, '..hidden'), 'key')
    await writeFile(join(dir, 'data-notes.txt'), 'mine')
    await symlink(join(data, 'identity.pem'), join(dir, 'innocent.txt'))
    const io = nodeFileIo({ tempDir: () => dir }, [data])
    const isPrivate = io.isPrivate
    if (!isPrivate) throw new Error('no isPrivate')
    expect(await isPrivate(join(data, 'identity.pem'))).toBe(true)
    expect(await isPrivate(join(data, 'tls', 'key.pem'))).toBe(true)
    expect(await isPrivate(join(data, '..hidden'))).toBe(true)
    expect(await isPrivate(join(dir, 'innocent.txt'))).toBe(true)
    expect(await isPrivate(join(data, '..', 'data', 'identity.pem'))).toBe(true)
    // A name that merely starts like the folder's is not in it.
    expect(await isPrivate(join(dir, 'data-notes.txt'))).toBe(false)
    expect(await isPrivate(join(dir, 'missing'))).toBe(false)
  })

  it('finds a hard link to a file of the data folder made elsewhere', async () => {
    const data = join(dir, 'data')
    await mkdir(join(data, 'keys'), { recursive: true })
    await writeFile(join(data, 'keys', 'identity.pem'), 'key')
    await link(join(data, 'keys', 'identity.pem'), join(dir, 'holiday.jpg'))
    // A file with two names of its own, neither in the data folder, is shared as usual.
    await writeFile(join(dir, 'mine.txt'), 'mine')
    await link(join(dir, 'mine.txt'), join(dir, 'also-mine.txt'))
    const isPrivate = nodeFileIo({ tempDir: () => dir }, [data]).isPrivate
    if (!isPrivate) throw new Error('no isPrivate')
    expect(await isPrivate(join(dir, 'holiday.jpg'))).toBe(true)
    expect(await isPrivate(join(dir, 'mine.txt'))).toBe(false)
    expect(await isPrivate(join(dir, 'also-mine.txt'))).toBe(false)
  })
})
