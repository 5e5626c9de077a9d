/**
 * File transfers' platform part in Node (file-io.ts): files on disk, read and written by
 * main/files over the pinned https agent; pasted bytes copied into the platform's temp folder.
 */
import { lstat, mkdir, open, opendir, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, sep } from 'node:path'
import { downloadFile, hashFile, removePartial, terminateUpload, uploadFile } from '../files'
import type { FilePlatform } from './deps'
import type { FileIo } from './file-io'

/** Entries of the private folders looked at for a hard link before giving up (and refusing). */
const MAX_ENTRIES_SEARCHED = 20_000

/**
 * Whether `file`, a file with more than one name, is also a file in `dirs` (a hard link to the
 * identity key made elsewhere). Only a file with several links is looked for, so an ordinary
 * file costs one stat. Past MAX_ENTRIES_SEARCHED entries it counts as private: refused, not
 * risked.
 */
async function hardLinkedInto(file: string, dirs: readonly string[]): Promise<boolean> {
  const info = await stat(file, { bigint: true }).catch(() => null)
  if (!info?.isFile() || info.nlink < 2n) return false
  let searched = 0
  for (const dir of dirs) {
    const entries = await opendir(dir, { recursive: true }).catch(() => null)
    if (!entries) continue
    for await (const entry of entries) {
      if (++searched > MAX_ENTRIES_SEARCHED) return true
      if (!entry.isFile()) continue
      const other = await lstat(join(entry.parentPath, entry.name), { bigint: true }).catch(
        () => null,
      )
      if (other && other.ino === info.ino && other.dev === info.dev) return true
    }
  }
  return false
}

/**
 * `privateDirs`: folders whose files are never shared (the app's data folder), compared after
 * symbolic links are followed on both sides; a hard link to one of their files is found too.
 */
export function nodeFileIo(
  platform: Pick<FilePlatform, 'tempDir'>,
  privateDirs: readonly string[] = [],
): FileIo {
  const real = (path: string): Promise<string | null> => realpath(path).catch(() => null)
  return {
    isPrivate: async (path) => {
      const file = await real(path)
      if (file === null) return false
      for (const dir of privateDirs) {
        const folder = await real(dir)
        if (folder === null) continue
        const inside = relative(folder, file)
        const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)
        if (!outside) return true
      }
      return hardLinkedInto(file, privateDirs)
    },
    sizeOf: async (path) => {
      const info = await stat(path).catch(() => null)
      if (!info?.isFile()) return null
      // Readable now (the hash reads it again later).
      const readable = await open(path, 'r').then(
        (handle) => handle.close().then(() => true),
        () => false,
      )
      return readable ? info.size : null
    },
    nameOf: (path) => basename(path),
    keep: async (id, bytes) => {
      const dir = join(platform.tempDir(), 'staged')
      await mkdir(dir, { recursive: true })
      const path = join(dir, id)
      // A write that fails part-way (a full disk) leaves nothing behind.
      await writeFile(path, bytes).catch(async (error: unknown) => {
        await rm(path, { force: true })
        throw error
      })
      return path
    },
    discard: (path) => rm(path, { force: true }),
    hash: hashFile,
    upload: uploadFile,
    terminate: terminateUpload,
    download: downloadFile,
    removePartial,
    readSmall: async (path, maxBytes) => {
      // No more than its size (at most maxBytes) is read, and one byte more: a file that grew
      // since it was measured is refused as too large, never read whole.
      const handle = await open(path, 'r')
      try {
        const { size } = await handle.stat()
        if (size > maxBytes) return null
        const buffer = Buffer.allocUnsafe(size + 1)
        let length = 0
        for (;;) {
          const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
          if (bytesRead === 0) break
          length += bytesRead
          if (length > size) return null
        }
        return new Uint8Array(buffer.subarray(0, length))
      } finally {
        await handle.close()
      }
    },
  }
}
