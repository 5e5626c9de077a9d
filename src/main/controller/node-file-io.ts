/**
 * File transfers' platform part in Node (file-io.ts): files on disk, read and written by
 * main/files over the pinned https agent; pasted bytes copied into the platform's temp folder.
 */
import { mkdir, open, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, sep } from 'node:path'
import { downloadFile, hashFile, removePartial, terminateUpload, uploadFile } from '../files'
import type { FilePlatform } from './deps'
import type { FileIo } from './file-io'

/**
 * `privateDirs`: folders whose files are never shared (the app's data folder), compared after
 * symbolic links are followed on both sides.
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
      return false
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
