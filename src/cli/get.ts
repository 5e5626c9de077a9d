import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { RoomConnection } from '../main/connection'
import { downloadFile, removePartial } from '../main/files'
import { formatFileSize } from '../shared/file-size'
import { SCHEMAS } from '../shared/protocol'
import { fileHead } from './file-head'
import type { SharedFile } from './file-lines'
import { oneLine } from './format'
import { openRoom, type RoomOptions } from './open-room'
import { ProgressLine, type ProgressOutput } from './progress-line'
import { transferStop } from './transfer-stop'
import { transferFailure, unreachable } from './transfer-errors'

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
  if (!SCHEMAS.file.shape.id.safeParse(options.id).success) {
    say(`"${oneLine(options.id)}" is not a file id (lanroom join prints them as id=…)`)
    return GET_EXIT.usage
  }
  const dir = resolve(options.out ?? '.')
  const dirProblem = await writableDirectory(dir)
  if (dirProblem !== null) {
    say(`cannot save in ${dir}: ${dirProblem}`)
    return GET_EXIT.usage
  }

  const opened = await openRoom(options, io)
  if (!opened.ok) return opened.exitCode === 1 ? GET_EXIT.unreachable : opened.exitCode
  const { connection } = opened
  const target = connection.fileTarget()
  const known = sharedFile(connection, options.id)
  const label = known ? oneLine(known.name) : options.id
  if (!target) {
    say(`could not get ${label}: this room does not share files`)
    await connection.close()
    return GET_EXIT.failed
  }
  const stop = transferStop(connection)
  const progress = new ProgressLine(io.stdout, label)
  let name = known?.name
  try {
    // Without the chat (older than the welcome's history), the hub's headers name the file.
    if (!known) name = (await fileHead(target, options.id)).name ?? undefined
    const saved = await downloadFile({
      target,
      id: options.id,
      dir,
      signal: stop.signal,
      ...(known ? { sha256: known.sha256, size: known.size } : {}),
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
    await removePartial(dir, name, options.id)
    const reason = stop.roomEnded() ? 'the connection to the room ended' : transferFailure(error)
    say(`could not get ${name !== undefined ? oneLine(name) : label}: ${reason}`)
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
    await access(dir, constants.W_OK)
    return null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'no such directory'
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
    return (error as Error).message
  }
}
