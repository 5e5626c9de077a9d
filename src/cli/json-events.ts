import type { RoomConnection } from '../main/connection'
import type { HubMessage, WelcomeMessage } from '../shared/protocol'

/**
 * `lanroom join --json`: the room as one JSON object per line, each a hub message as validated
 * (names repaired, text checked): the `welcome` first, then `chat`, `react`, `unreact`, `edit`,
 * `delete`, `joined`, `renamed`, `left`, `typing`, `reads`, `expired` (the file chats this client
 * has whose bytes the room no longer has), `error` and `closing` as they come.
 * After a reconnect, the new `welcome`, then the chats and ops missed, each once (chats and ops
 * are never repeated: a script that reads them sees each event exactly once). `reads` carries
 * the positions that moved forward; `error` also tells of frames the client could not read.
 */
export function writeJsonEvents(
  connection: RoomConnection,
  welcome: WelcomeMessage,
  write: (line: string) => void,
): void {
  const emit = (message: HubMessage): void => write(JSON.stringify(message))
  emit(welcome)
  /** Between a reconnect's welcome and the end of taking it in: its read positions are in it. */
  let catchingUp = false
  connection.on('state', (state) => {
    if (state.status !== 'connected' || !connection.welcome) return
    catchingUp = true
    emit(connection.welcome)
  })
  connection.on('welcome', () => {
    catchingUp = false
  })
  connection.on('chat', emit)
  connection.on('op', emit)
  connection.on('expired', (seqs) => emit({ type: 'expired', targets: [...seqs] }))
  connection.on('joined', emit)
  connection.on('renamed', emit)
  connection.on('left', emit)
  connection.on('typing', emit)
  connection.on('error', emit)
  connection.on('reads', (positions) => {
    if (!catchingUp && positions.length > 0) emit({ type: 'reads', positions: [...positions] })
  })
  connection.on('closing', (message) => emit({ type: 'closing', reason: 'host_stopped', message }))
}
