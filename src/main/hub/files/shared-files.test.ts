import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/temp-dir'
import { DirBytes } from './file-bytes'
import { SharedFiles, type SharedFile } from './shared-files'

const dirs: Array<{ remove: () => void }> = []
afterEach(() => {
  while (dirs.length > 0) dirs.pop()?.remove()
})

const id = (n: number): string => n.toString(16).padStart(32, '0')

function setup(options: { budgetBytes?: number; maxFiles?: number } = {}): {
  files: () => SharedFiles
  root: string
  upload: (n: number, size: number) => string
} {
  const dir = tempDir()
  dirs.push(dir)
  const root = dir.path
  mkdirSync(join(root, 'uploads'))
  const files = (): SharedFiles => {
    const shared = new SharedFiles({
      bytes: new DirBytes(join(root, 'store')),
      indexPath: join(root, 'index.json'),
      budgetBytes: options.budgetBytes ?? 1_000_000,
      maxFiles: options.maxFiles ?? 100,
      chargeBytes: 100,
    })
    shared.load()
    return shared
  }
  const upload = (n: number, size: number): string => {
    const path = join(root, 'uploads', id(n))
    writeFileSync(path, Buffer.alloc(size, n))
    return path
  }
  return { files, root, upload }
}

const file = (n: number, size: number): SharedFile => ({
  id: id(n),
  seq: n,
  size,
  sha256: 'a'.repeat(64),
  name: `f${n}`,
  sharedAt: n,
})

describe('SharedFiles', () => {
  it('moves uploads in, indexes them, and reloads the index', () => {
    const { files, upload, root } = setup()
    const shared = files()
    expect(shared.add(file(1, 10), upload(1, 10))).toEqual([])
    expect(shared.has(id(1))).toBe(true)
    expect(existsSync(join(root, 'store', id(1)))).toBe(true)
    expect(existsSync(join(root, 'uploads', id(1)))).toBe(false)
    const again = files()
    expect(again.get(id(1))).toEqual(file(1, 10))
    expect(again.chargedBytes).toBe(100)
  })

  it('expires the oldest past the budget (each charged at least chargeBytes) or the count', () => {
    const { files, upload } = setup({ budgetBytes: 1000, maxFiles: 3 })
    const shared = files()
    expect(shared.add(file(1, 500), upload(1, 500))).toEqual([])
    expect(shared.add(file(2, 10), upload(2, 10))).toEqual([])
    expect(shared.add(file(3, 450), upload(3, 450))).toEqual([1])
    expect(shared.add(file(4, 10), upload(4, 10))).toEqual([])
    expect(shared.add(file(5, 10), upload(5, 10))).toEqual([2])
    expect(shared.wasRemoved(id(1))).toBe(true)
    expect(shared.count).toBe(3)
    expect(files().wasRemoved(id(2))).toBe(true)
  })

  it('reconciles at start: files without an entry go, entries without a file are dropped', () => {
    const { files, upload, root } = setup()
    const shared = files()
    shared.add(file(1, 10), upload(1, 10))
    shared.add(file(2, 10), upload(2, 10))
    writeFileSync(join(root, 'store', id(9)), 'stray')
    writeFileSync(join(root, 'store', 'not-an-id'), 'stray')
    const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as {
      files: SharedFile[]
    }
    writeFileSync(
      join(root, 'index.json'),
      JSON.stringify({ files: [...index.files, file(3, 5), { id: '../x', seq: 4 }] }),
    )
    const again = files()
    expect(again.count).toBe(2)
    expect(existsSync(join(root, 'store', id(9)))).toBe(false)
    expect(existsSync(join(root, 'store', 'not-an-id'))).toBe(false)
    expect(again.wasRemoved(id(3))).toBe(true)
  })

  it('removes a file, and the files of chats the history dropped', () => {
    const { files, upload } = setup()
    const shared = files()
    for (const n of [1, 2, 3]) shared.add(file(n, 10), upload(n, 10))
    expect(shared.remove(id(2))).toBe(true)
    expect(shared.remove(id(2))).toBe(false)
    shared.dropUpTo(1)
    expect(shared.count).toBe(1)
    expect(shared.has(id(3))).toBe(true)
  })

  it('starts empty from a missing or broken index', () => {
    const { files, root } = setup()
    writeFileSync(join(root, 'index.json'), '{broken')
    expect(files().count).toBe(0)
  })
})
