/**
 * File transfers' platform part in a browser page (main/controller/file-io.ts): the person's
 * File objects stand where the app has paths, and downloads are held as Blobs (within a
 * MemoryBudget) until the person saves them with the browser's own download. A ref is
 * "<kind>:<uuid>/<name>", so that its name (for the executable warning) is its last part; the
 * page can only ever name refs this module gave out.
 */
import { safeFileName } from '../../shared/file-name'
import { formatFileSize } from '../../shared/file-size'
import { BridgeCommandError } from '../../main/bridge/dispatch'
import type { FilePlatform } from '../../main/controller/deps'
import type { FileIo } from '../../main/controller/file-io'
import { FileError } from '../../main/files/errors'
import { MemoryBudget } from './memory-budget'
import { hashBlob } from './web-hash'
import { PartialDownload, downloadToMemory } from './web-download'
import { terminateWebUpload, uploadBlob } from './web-upload'

interface Held {
  blob: Blob
  name: string
  /** Saved by the person at least once: the first to be let go when room is needed. */
  saved: boolean
}

export interface WebFileIoOptions {
  fetch: typeof fetch
  /** Hands a verified file to the browser's download under `name` (save.ts). */
  save: (blob: Blob, name: string) => void
  budget?: MemoryBudget
}

export interface WebFiles {
  io: FileIo
  platform: FilePlatform
  /** The ref of a File the person chose (the bridge transport's filePath); throws for anything
   * that is not a Blob (it then crosses as its bytes, bounded, like a paste). */
  refOf(file: { readonly name: string }): string
}

const nameOfRef = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1)

export function webFiles(options: WebFileIoOptions): WebFiles {
  const budget = options.budget ?? new MemoryBudget()
  /** Files the person chose or pasted, by ref, until unstaged or sent. */
  const chosen = new Map<string, Blob>()
  /** Verified downloads, by ref, oldest first. */
  const held = new Map<string, Held>()
  /** Unfinished downloads by file id (each resumes from what it received after a drop). */
  const partials = new Map<string, PartialDownload>()
  const newRef = (kind: string, name: string): string =>
    `${kind}:${globalThis.crypto.randomUUID()}/${safeFileName(name)}`

  /** Lets go of saved downloads, oldest first, until `bytes` fit; whether they do. */
  function makeRoom(bytes: number): boolean {
    for (const [ref, entry] of held) {
      if (budget.used + bytes <= budget.limit) break
      if (!entry.saved) continue
      held.delete(ref)
      budget.release(entry.blob.size)
    }
    return budget.reserve(bytes)
  }

  function heldFile(ref: string): Held {
    const entry = held.get(ref)
    if (entry) return entry
    throw new BridgeCommandError(
      'APP_ERR_NOT_DOWNLOADED',
      `${nameOfRef(ref)} was let go to make room for later downloads: download it again.`,
    )
  }

  function save(ref: string): void {
    const entry = heldFile(ref)
    entry.saved = true
    options.save(entry.blob, entry.name)
  }

  const io: FileIo = {
    sizeOf: (ref) => Promise.resolve(chosen.get(ref)?.size ?? null),
    nameOf: nameOfRef,
    keep: (_id, bytes) => {
      const ref = newRef('pasted', 'pasted')
      chosen.set(ref, new Blob([new Uint8Array(bytes)]))
      return Promise.resolve(ref)
    },
    discard: (ref) => {
      chosen.delete(ref)
      return Promise.resolve()
    },
    hash: (ref, hashOptions) => hashBlob(chosenFile(chosen, ref), hashOptions),
    upload: (uploadOptions) => uploadBlob(chosenFile(chosen, uploadOptions.path), uploadOptions),
    terminate: (target, url) => terminateWebUpload(target, url, options.fetch),
    download: async (downloadOptions) => {
      const { id, size } = downloadOptions
      const name = safeFileName(downloadOptions.name ?? id)
      if (size === undefined) throw new FileError('corrupt', `No size was declared for ${name}.`)
      if (!makeRoom(size)) {
        throw new FileError(
          'too_large',
          `${name} (${formatFileSize(size)}) is more than this page can hold ` +
            `(${formatFileSize(budget.limit)} of downloads, ${formatFileSize(budget.used)} ` +
            'held now). It stays in the room: save earlier downloads, or use the LAN Room app ' +
            'or `lanroom get` for it.',
        )
      }
      let partial = partials.get(id)
      if (!partial) partials.set(id, (partial = new PartialDownload()))
      try {
        const blob = await downloadToMemory({
          ...downloadOptions,
          size,
          partial,
          fetch: options.fetch,
        })
        partials.delete(id)
        const ref = newRef('download', name)
        held.set(ref, { blob, name, saved: false })
        return { path: ref, sha256: downloadOptions.sha256 ?? '', size: blob.size }
      } catch (error) {
        // Drops, restarts and new credentials were retried inside: this one is final (or
        // cancelled), and its memory goes back.
        partials.delete(id)
        budget.release(size)
        throw error
      }
    },
    removePartial: (_dir, _name, id) => {
      partials.delete(id)
      return Promise.resolve()
    },
    readSmall: async (ref, maxBytes) => {
      const { blob } = heldFile(ref)
      if (blob.size > maxBytes) return null
      return new Uint8Array(await blob.arrayBuffer())
    },
  }

  // Nothing here opens a file or shows a folder: "Open" saves (the window offers "Save" only).
  const platform: FilePlatform = {
    downloadsDir: () => '',
    tempDir: () => '',
    showItemInFolder: (ref) => save(ref),
    openPath: async (ref) => {
      save(ref)
      return ''
    },
    pickFiles: () => Promise.resolve([]),
    pickFolder: () => Promise.resolve(null),
  }

  return {
    io,
    platform,
    refOf: (file) => {
      if (!(file instanceof Blob)) throw new TypeError('not a File')
      const ref = newRef('chosen', file.name)
      chosen.set(ref, file)
      return ref
    },
  }
}

function chosenFile(chosen: ReadonlyMap<string, Blob>, ref: string): Blob {
  const file = chosen.get(ref)
  if (!file) throw new FileError('io', `${nameOfRef(ref)} is no longer available to this page.`)
  return file
}
