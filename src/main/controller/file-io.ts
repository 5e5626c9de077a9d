/**
 * The platform seam of file transfers: what Transfers (transfers.ts) needs of the files
 * themselves. One transfer logic, two thin parts: Node's file system and the room's hub over
 * Node's https (node-file-io.ts, the app and its tests), and a browser page's File and Blob
 * objects over fetch and tus-js-client's browser build (src/guest/files/, the guest page).
 * No Node import here: the guest page's bundle includes this file.
 */
import type { DownloadFileOptions, DownloadedFile } from '../files/download'
import type { HashOptions } from '../files/hash'
import type { FileTarget } from '../files/target'
import type { UploadFileOptions } from '../files/upload'

export interface FileIo {
  /** The size of the file a person chose (`ref`: a path in the app, a File's token in a page),
   * or null when it is not a readable file. */
  sizeOf(ref: string): Promise<number | null>
  /** Whether `ref` is part of the app's own data (its identity and TLS keys), which is never
   * shared, whoever asks: a window can only name what a person dropped or picked, but main does
   * not rely on that. Absent: nothing is. */
  isPrivate?(ref: string): Promise<boolean>
  /** The name `ref` is shared under when nothing else names it (a path's last part). */
  nameOf(ref: string): string
  /** Keeps pasted bytes until they are sent or unstaged; their ref. */
  keep(id: string, bytes: Uint8Array): Promise<string>
  /** Forgets what `keep` kept (nothing else is ever removed through this). */
  discard(ref: string): Promise<void>
  /** The SHA-256 of `ref`, lowercase hex, read in chunks (never whole in memory). */
  hash(ref: string, options: HashOptions): Promise<string>
  /** A resumable upload of `options.path` (a ref) to the room (see files/upload.ts). */
  upload(options: UploadFileOptions): Promise<{ id: string }>
  /** Deletes a cancelled upload on the hub (tus termination). */
  terminate(target: FileTarget, url: string): Promise<void>
  /** A resumable, verified download (see files/download.ts); the result's path is a ref. */
  download(options: DownloadFileOptions): Promise<DownloadedFile>
  /** Drops a cancelled download's partial bytes. */
  removePartial(dir: string, name: string | undefined, id: string): Promise<void>
  /** The bytes of a finished download, or null when it is larger than `maxBytes`. */
  readSmall(ref: string, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null>
}
