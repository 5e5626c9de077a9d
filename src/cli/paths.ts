import { randomBytes } from 'node:crypto'
import { open, unlink } from 'node:fs/promises'
import { homedir, userInfo } from 'node:os'
import { join } from 'node:path'
import { SCHEMAS, eachGrapheme } from '../shared/protocol'

/** Where the lanroom command keeps rooms and their history unless told otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['LANROOM_DATA_DIR']) return env['LANROOM_DATA_DIR']
  if (process.platform === 'win32') {
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'lanroom')
  }
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'lanroom')
  }
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'lanroom')
}

/**
 * The OS user name, as a default display name: its first 40 characters, and only if the hub
 * takes it as a name (no control or invisible characters, at most 240 bytes); else `someone`.
 * Commander does not check a default as it checks a given value.
 */
export function osUserName(): string {
  try {
    const name = Array.from(userInfo().username.trim()).slice(0, 40).join('')
    const parsed = SCHEMAS.displayName.safeParse(name)
    if (name && parsed.success) return parsed.data
  } catch {
    // No passwd entry (containers): fall through.
  }
  return 'someone'
}

/**
 * The room name when `--name` is not given: "NAME's room". A host name near the name's byte
 * bound would make it too long for a room name, so the host name loses graphemes from its end
 * until it fits.
 */
export function defaultRoomName(hostName: string): string {
  const graphemes: string[] = []
  eachGrapheme(hostName, (grapheme) => graphemes.push(grapheme) > 0)
  for (let kept = graphemes.length; kept > 0; kept--) {
    const parsed = SCHEMAS.roomName.safeParse(`${graphemes.slice(0, kept).join('').trim()}'s room`)
    if (parsed.success) return parsed.data
  }
  return 'A room'
}

/**
 * Why the file system refused, as a few words for a line that names the path already: the
 * usual errors in plain words, any other by its code (or its message).
 */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'read-only file system'
    // A path through a regular file: mkdir says EEXIST for the file itself, ENOTDIR below it.
    case 'EEXIST':
    case 'ENOTDIR':
      return 'not a directory'
    // On creating a file in a directory that exists: one that holds no files (/proc, /sys).
    case 'ENOENT':
      return 'files cannot be created there'
    case 'ENOSPC':
      return 'no space left on the device'
    default:
      return code ?? (error instanceof Error ? error.message : String(error))
  }
}

/**
 * Null when files can be made in the directory `dir`, else why not (fileProblem's words).
 * Permission bits do not tell it all (a read-only mount; /proc, even as root): only a file made
 * there does, and is removed at once.
 */
export async function cannotMakeFilesIn(dir: string): Promise<string | null> {
  const probe = join(dir, `.lanroom-${randomBytes(8).toString('hex')}.tmp`)
  try {
    await (await open(probe, 'wx')).close()
  } catch (error) {
    return fileProblem(error)
  }
  await unlink(probe).catch(() => {})
  return null
}

/** Why a file could not be read, in words: `no such file`, `it is a directory`… */
export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file'
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOTDIR':
      return 'a part of its path is not a directory'
    default:
      return fileProblem(error)
  }
}
