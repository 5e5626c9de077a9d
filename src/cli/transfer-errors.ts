import { ConnectionError } from '../main/connection'
import { FileError } from '../main/files'
import { oneLine } from './format'

/** Why a transfer failed, as the end of `lanroom: could not send NAME: …`. */
export function transferFailure(error: unknown): string {
  if (error instanceof ConnectionError && error.code === 'CONN_ERR_CLOSED') {
    return 'the connection to the room ended before the room had the file'
  }
  if (error instanceof FileError) {
    // The library's sentences name the file again; the line has already named it.
    if (error.code === 'cancelled') return 'cancelled'
    if (error.code === 'not_found') return 'the room has no file with this id'
    if (error.code === 'expired') return 'the room no longer has it (it expired or was deleted)'
  }
  return oneLine(error instanceof Error ? error.message : String(error))
}

/**
 * Why a download failed, as the end of `lanroom: could not get ID: …`: the line names the id,
 * the reason names the file (`name`, when known). The library's sentence for the rest, as a
 * clause: it says "the download of NAME" and that nothing was saved, which the line says already.
 */
export function downloadFailure(error: unknown, name: string | null): string {
  const file = name === null ? 'this file' : oneLine(name)
  if (error instanceof FileError) {
    if (error.code === 'cancelled') return 'cancelled'
    if (error.code === 'not_found') return 'the room has no file with this id'
    if (error.code === 'expired')
      return `the room no longer has ${file} (it expired or was deleted)`
  }
  const sentence = oneLine(error instanceof Error ? error.message : String(error))
  return sentence
    .replace(/^[A-Z](?=[a-z ])/, (first) => first.toLowerCase())
    .replace(/\bthe download of /g, '')
    .replace(/(: it was not saved)?\.$/, '')
}

/** Whether a failed download is the room's answer about the file (exit 1) rather than the
 * room not being reachable (exit 4). */
export function unreachable(error: unknown): boolean {
  return error instanceof FileError && error.code === 'network'
}
