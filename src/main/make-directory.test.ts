import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/support/temp-dir'
import { makeDirectory } from './make-directory'

const made: Array<{ remove: () => void }> = []
afterEach(() => {
  for (const dir of made.splice(0)) dir.remove()
})

function fresh(): string {
  const dir = tempDir()
  made.push(dir)
  return dir.path
}

describe('makeDirectory', () => {
  it('makes every missing directory of the path, with the mode asked, and takes one that exists', () => {
    const root = fresh()
    const deep = join(root, 'a', 'b', 'c')
    makeDirectory(deep, 0o700)
    expect(statSync(deep).isDirectory()).toBe(true)
    if (process.platform !== 'win32') {
      for (const dir of [join(root, 'a'), join(root, 'a', 'b'), deep]) {
        expect(statSync(dir).mode & 0o777).toBe(0o700)
      }
    }
    makeDirectory(deep)
    makeDirectory(root)
  })

  it('refuses a path through a file, making nothing', () => {
    const root = fresh()
    writeFileSync(join(root, 'file'), 'x')
    expect(() => makeDirectory(join(root, 'file', 'below'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    )
    expect(() => makeDirectory(join(root, 'file'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    )
    expect(readdirSync(root)).toEqual(['file'])
  })

  // Node's own recursive mkdir loops for ever here (ENOENT, then EEXIST for /proc, again).
  it.runIf(process.platform === 'linux')(
    'throws the refusal under a directory that holds no directories, at once',
    () => {
      expect(() => makeDirectory('/proc/lanroom-nope/rooms')).toThrow(
        expect.objectContaining({ code: 'ENOENT' }),
      )
    },
  )
})
