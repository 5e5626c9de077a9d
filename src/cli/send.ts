import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { RoomConnection } from '../main/connection'
import { hashFile, terminateUpload, uploadFile, type FileTarget } from '../main/files'
import { formatFileSize } from '../shared/file-size'
import { SCHEMAS, describeIssues, fileNameProblem } from '../shared/protocol'
import { fileLine } from './file-lines'
import { oneLine } from './format'
import { openRoom, type RoomOptions } from './open-room'
import { ProgressLine, type ProgressOutput } from './progress-line'
import { guessMediaType } from './media-type'
import { transferStop } from './transfer-stop'
import { transferFailure } from './transfer-errors'

export interface SendOptions extends RoomOptions {
  /** The files to share, in order. */
  files: string[]
  /** Said with the first file (the others go without one). */
  caption?: string
}

interface Io {
  stdout: ProgressOutput
  stderr: NodeJS.WritableStream
}

/** Exit codes of `lanroom send` (documented in its --help and the README). */
export const SEND_EXIT = {
  sent: 0,
  /** Some file was refused or could not be sent (each said on stderr). */
  failed: 1,
  /** Bad arguments, or a file that is missing, unreadable or not a file (before connecting). */
  usage: 2,
  untrusted: 3,
  /** Could not join the room. */
  unreachable: 4,
} as const

/** A file checked before connecting: what its chat will declare. */
interface LocalFile {
  path: string
  name: string
  size: number
  type: string
}

/**
 * `lanroom send ROOM FILE…`: checks every file first (exists, readable, a regular file, a name
 * the room takes), joins the room as `join` does, then one file at a time hashes it (SHA-256),
 * uploads it (resumable: a dropped connection or a restarted hub is waited out) and shares it
 * as a file chat, printing `sent NAME (SIZE) id=ID` once the room has it. Exit codes: SEND_EXIT.
 */
export async function send(
  options: SendOptions,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const say = (line: string): void => void io.stderr.write(`lanroom: ${line}\n`)
  if (options.caption !== undefined) {
    const caption = SCHEMAS.chat.shape.text.safeParse(options.caption)
    if (!caption.success) {
      say(`the caption ${describeIssues(caption.error)}`)
      return SEND_EXIT.usage
    }
  }
  const files: LocalFile[] = []
  for (const path of options.files) {
    const checked = await checkFile(path)
    if (typeof checked === 'string') {
      say(`could not send ${oneLine(basename(path) || path)}: ${checked}`)
      return SEND_EXIT.usage
    }
    files.push(checked)
  }

  // A host that stops may be restarting: the transfer resumes once it is back (transferStop
  // bounds the wait).
  const opened = await openRoom(
    { ...options, connection: { ...options.connection, hostStopIsDrop: true } },
    io,
  )
  if (!opened.ok) return opened.exitCode === 1 ? SEND_EXIT.unreachable : opened.exitCode
  const { connection, welcome } = opened
  const target = connection.fileTarget()
  const limits = welcome.files
  const stop = transferStop(connection)
  let failures = 0
  try {
    for (const [index, file] of files.entries()) {
      const failed = (reason: string): void => {
        failures += 1
        say(`could not send ${oneLine(file.name)}: ${reason}`)
      }
      if (!target || !limits) {
        failed('this room does not take files (its host turned them off or runs an older LAN Room)')
        continue
      }
      if (file.size > limits.maxFileBytes) {
        failed(`it is larger than the room takes (${formatFileSize(limits.maxFileBytes)})`)
        continue
      }
      if (stop.signal.aborted) {
        failed(stop.roomEnded() ? 'the connection to the room ended' : 'cancelled')
        continue
      }
      try {
        const caption = index === 0 ? options.caption : undefined
        const id = await sendOne(connection, target, file, caption, stop.signal, io.stdout)
        io.stdout.write(`${fileLine({ ...file, id }, file.name)}\n`)
      } catch (error) {
        failed(stop.roomEnded() ? 'the connection to the room ended' : transferFailure(error))
      }
    }
  } finally {
    stop.dispose()
    await connection.close()
  }
  return failures > 0 ? SEND_EXIT.failed : SEND_EXIT.sent
}

/** Hashes, uploads and shares one file; resolves with its id once the room acknowledged it. */
async function sendOne(
  connection: RoomConnection,
  target: FileTarget,
  file: LocalFile,
  caption: string | undefined,
  signal: AbortSignal,
  out: ProgressOutput,
): Promise<string> {
  const progress = new ProgressLine(out, file.name)
  let uploadUrl: string | null = null
  try {
    const sha256 = await hashFile(file.path, {
      signal,
      onProgress: (done, total) => progress.update('hashing', done, total),
    })
    const { id } = await uploadFile({
      target,
      path: file.path,
      size: file.size,
      sha256,
      name: file.name,
      signal,
      onUploadUrl: (url) => (uploadUrl = url),
      // Every byte sent, the hub checks the file's SHA-256 (and in a clustered room stores it)
      // before it answers: seconds for a large file, which "100 %" would not explain.
      onProgress: (sent, total) =>
        progress.update(sent >= total ? 'checking' : 'sending', sent, total),
    })
    uploadUrl = null
    await connection.sendFile({
      file: { id, name: file.name, size: file.size, type: file.type, sha256 },
      ...(caption !== undefined ? { caption } : {}),
    }).sent
    return id
  } catch (error) {
    // Ctrl+C during the upload: the hub deletes it rather than keep it until it expires.
    const url = uploadUrl as string | null
    if (signal.aborted && url !== null) await terminateUpload(target, url).catch(() => {})
    throw error
  } finally {
    progress.clear()
  }
}

/** The file at `path` as it will be declared, or why it cannot be sent. */
async function checkFile(path: string): Promise<LocalFile | string> {
  let size: number
  try {
    const stats = await stat(path)
    if (!stats.isFile()) return stats.isDirectory() ? 'it is a directory' : 'not a regular file'
    size = stats.size
    await access(path, constants.R_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file'
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied (not readable)'
    return (error as Error).message
  }
  const name = basename(path)
  const problem = fileNameProblem(name)
  if (problem !== null) return `its name ${problem}`
  return { path, name, size, type: guessMediaType(name) }
}
