import type { RoomConnection } from '../main/connection'

/** What stops a command's transfers: Ctrl+C, or the room ending for good. */
export interface TransferStop {
  signal: AbortSignal
  /** The room ended (stopped, refused): said instead of "cancelled". */
  roomEnded(): boolean
  /** Gives Ctrl+C back to its default once the transfers are over. */
  dispose(): void
}

/** Ctrl+C cancels the transfers; a room that ended for good brings no new credential, so
 * they stop waiting for one. */
export function transferStop(connection: RoomConnection): TransferStop {
  const abort = new AbortController()
  const interrupted = (): void => abort.abort()
  process.once('SIGINT', interrupted)
  let ended = false
  connection.on('closed', () => {
    ended = true
    abort.abort()
  })
  return {
    signal: abort.signal,
    roomEnded: () => ended,
    dispose: () => void process.removeListener('SIGINT', interrupted),
  }
}
