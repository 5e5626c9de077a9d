import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/support/temp-dir'
import { Uploads } from './uploads'

const dirs: Array<{ remove: () => void }> = []
afterEach(() => {
  while (dirs.length > 0) dirs.pop()?.remove()
})

const id = (n: number): string => n.toString(16).padStart(32, '0')
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

function dir(): string {
  const made = tempDir()
  dirs.push(made)
  mkdirSync(join(made.path, 'uploads'))
  return join(made.path, 'uploads')
}

/** An upload as the tus file store leaves it. */
function record(
  path: string,
  n: number,
  bytes: Buffer,
  size = bytes.length,
  sha256 = sha(bytes),
): void {
  writeFileSync(join(path, id(n)), bytes)
  writeFileSync(
    join(path, `${id(n)}.json`),
    JSON.stringify({ id: id(n), size, offset: 0, metadata: { owner: 'ada', sha256 } }),
  )
}

describe('Uploads', () => {
  it('loads the uploads left in the directory and removes what is not one', async () => {
    const path = dir()
    const full = Buffer.from('complete')
    record(path, 1, full)
    record(path, 2, Buffer.from('part'), 100)
    record(path, 3, full, full.length, 'f'.repeat(64))
    writeFileSync(join(path, 'stray.txt'), 'x')
    writeFileSync(join(path, `${id(4)}.json`), '{not json')
    const uploads = new Uploads(path)
    uploads.load()
    expect(existsSync(join(path, 'stray.txt'))).toBe(false)
    expect(existsSync(join(path, `${id(4)}.json`))).toBe(false)
    expect(uploads.get(id(2))?.state).toBe('open')
    // Finished uploads are verified again: the good one passes, the wrong one goes.
    expect(await uploads.verify(id(1))).toBe(true)
    expect(uploads.get(id(1))?.state).toBe('verified')
    expect(await uploads.verify(id(3))).toBe(false)
    expect(uploads.get(id(3))).toBeUndefined()
    expect(existsSync(join(path, id(3)))).toBe(false)
    expect(uploads.unfinishedOf('ada')).toBe(1)
    expect(uploads.declaredBytes).toBe(100 + full.length)
  })

  it('expires uploads untouched for the TTL', () => {
    const path = dir()
    let now = Date.now()
    const uploads = new Uploads(path, () => now)
    record(path, 1, Buffer.from('a'), 10)
    uploads.add({ id: id(1), owner: 'ada', size: 10, sha256: 'a'.repeat(64) })
    now += 1000
    expect(uploads.expire(2000)).toEqual([])
    now += 1001
    expect(uploads.expire(2000)).toEqual([id(1)])
    expect(existsSync(join(path, id(1)))).toBe(false)
    expect(existsSync(join(path, `${id(1)}.json`))).toBe(false)
  })
})
