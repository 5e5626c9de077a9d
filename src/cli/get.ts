import { stat, statfs } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { RoomConnection } from '../main/connection'
import { downloadFile, removePartial } from '../main/files'
import { formatFileSize } from '../shared/file-size'
import { FILE_ID } from '../shared/protocol'
import { fileHead } from './file-head'
import type { SharedFile } from './file-lines'
import { oneLine } from './format'
import { openRoom, type RoomOptions } from './open-room'
import { cannotMakeFilesIn, fileProblem } from './paths'
import { ProgressLine, type ProgressOutput } from './progress-line'
import { transferStop } from './transfer-stop'
import { downloadFailure, unreachable } from './transfer-errors'

export interface GetOptions extends RoomOptions {
  /** The file's id, as `lanroom join` prints it (`id=…`). */
  id: string
  /** Where to save it. Default: the current directory. */
  out?: string
}

interface Io {
  stdout: ProgressOutput
  stderr: NodeJS.WritableStream
}

/** Exit codes of `lanroom get` (documented in its --help and the README). */
export const GET_EXIT = {
  saved: 0,
  /** Not found, expired or deleted, refused, or the bytes did not match (nothing is left). */
  failed: 1,
  usage: 2,
  untrusted: 3,
  /** Could not join the room, or lost it during the download and could not get it back. */
  unreachable: 4,
} as const

/**
 * `lanroom get ROOM ID`: joins the room as `join` does, downloads the file (resumed with a
 * Range request after a drop), verifies its SHA-256 (the file chat's when this client has seen
 * it, else the one the hub states in `Repr-Digest`, from the verified upload), and saves it
 * under a safe, de-duplicated name in the output directory. Nothing is left behind on failure.
 * Exit codes: GET_EXIT.
 */
export async function get(
  options: GetOptions,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const say = (line: string): void => void io.stderr.write(`lanroom: ${line}\n`)
  // Checked before connecting. Typed in upper case, it is still the id.
  const id = options.id.toLowerCase()
  if (!FILE_ID.test(id)) {
    say(
      `"${oneLine(options.id)}" is not a file id: a file id is 32 hex digits ` +
        '(lanroom join and lanroom send print them as id=…)',
    )
    return GET_EXIT.usage
  }
  const dir = resolve(options.out ?? '.')
  const dirProblem = await writableDirectory(dir)
  if (dirProblem !== null) {
    say(`cannot save in ${dir}: ${dirProblem}`)
    return GET_EXIT.usage
  }

  // A host that stops may be restarting: the transfer resumes once it is back (transferStop
  // bounds the wait).
  const opened = await openRoom(
    { ...options, connection: { ...options.connection, hostStopIsDrop: true } },
    io,
  )
  if (!opened.ok) return opened.exitCode === 1 ? GET_EXIT.unreachable : opened.exitCode
  const { connection } = opened
  const target = connection.fileTarget()
  const known = sharedFile(connection, id)
  // Every failure is one line that names the id (the reason names the file when it is known).
  const failed = (reason: string): void => say(`could not get ${id}: ${reason}`)
  if (!target) {
    failed('this room does not share files')
    await connection.close()
    return GET_EXIT.failed
  }
  const stop = transferStop(connection)
  const progress = new ProgressLine(io.stdout, known ? known.name : id)
  let name = known?.name
  try {
    // Without the chat (older than the welcome's history), the hub's headers name the file.
    if (!known) name = (await fileHead(target, id, { signal: stop.signal })).name ?? undefined
    const saved = await downloadFile({
      target,
      id,
      dir,
      signal: stop.signal,
      ...(known ? { sha256: known.sha256, size: known.size } : {}),
      // Without the chat nothing says the file's size but the hub: what does not fit in the
      // output directory is refused before a byte is written.
      ...(!known ? { maxSize: { bytes: await freeBytes(dir), of: `bytes free in ${dir}` } } : {}),
      ...(name !== undefined ? { name } : {}),
      onProgress: (received, total) => progress.update('receiving', received, total),
    })
    progress.clear()
    io.stdout.write(
      `saved ${oneLine(saved.path)} (${formatFileSize(saved.size)}, SHA-256 verified)\n`,
    )
    return GET_EXIT.saved
  } catch (error) {
    progress.clear()
    await removePartial(dir, name, id)
    failed(
      stop.roomEnded() ? 'the connection to the room ended' : downloadFailure(error, name ?? null),
    )
    return unreachable(error) || stop.roomEnded() ? GET_EXIT.unreachable : GET_EXIT.failed
  } finally {
    stop.dispose()
    await connection.close()
  }
}

/** The file chat with this file id, when the welcome's history (or later) brought it. */
function sharedFile(connection: RoomConnection, id: string): SharedFile | null {
  for (const entry of connection.timeline.entries) {
    if (entry.kind === 'chat' && entry.chat.file?.id === id && entry.chat.deleted !== true) {
      return entry.chat.file
    }
  }
  return null
}

/** Null when files can be saved in `dir`, else why not. */
async function writableDirectory(dir: string): Promise<string | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return 'not a directory'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? 'no such directory' : fileProblem(error)
  }
  // Before connecting rather than after the download began.
  return cannotMakeFilesIn(dir)
}

/** Bytes an unprivileged process may still write on `dir`'s file system (Infinity if unknown). */
async function freeBytes(dir: string): Promise<number> {
  try {
    const stats = await statfs(dir)
    return stats.bavail * stats.bsize
  } catch {
    return Number.POSITIVE_INFINITY
  }
}
