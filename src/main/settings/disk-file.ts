import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { TextFile } from './text-file'
import { makeDirectory } from '../make-directory'

/** A file on disk, written atomically (a temporary file, then rename). */
export function diskFile(path: string): TextFile {
  return {
    name: path,
    read: () => {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return null
      }
    },
    write: (text) => {
      makeDirectory(dirname(path))
      writeFileSync(`${path}.tmp`, text)
      renameSync(`${path}.tmp`, path)
    },
    setAside: () => {
      try {
        renameSync(path, `${path}.bad`)
      } catch {
        // Keeping the damaged copy is a courtesy; failing to is not a reason to stop.
      }
    },
  }
}

/** A path names a file on disk; anything else is already a TextFile. */
export function textFileOf(place: string | TextFile): TextFile {
  return typeof place === 'string' ? diskFile(place) : place
}
