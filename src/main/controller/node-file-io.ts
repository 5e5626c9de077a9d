/**
 * File transfers' platform part in Node (file-io.ts): files on disk, read and written by
 * main/files over the pinned https agent; pasted bytes copied into the platform's temp folder.
 */
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { downloadFile, hashFile, removePartial, terminateUpload, uploadFile } from '../files'
import type { FilePlatform } from './deps'
import type { FileIo } from './file-io'

export function nodeFileIo(platform: Pick<FilePlatform, 'tempDir'>): FileIo {
  return {
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
      await writeFile(path, bytes)
      return path
    },
    discard: (path) => rm(path, { force: true }),
    hash: hashFile,
    upload: uploadFile,
    terminate: terminateUpload,
    download: downloadFile,
    removePartial,
    readSmall: async (path, maxBytes) => {
      const info = await stat(path)
      if (info.size > maxBytes) return null
      return new Uint8Array(await readFile(path))
    },
  }
}
