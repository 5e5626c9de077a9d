/** Error codes of the room connection; hub refusals of a chat are `HUB_` + the hub's code. */
export type ConnectionErrorCode =
  | 'CONN_ERR_CLOSED'
  | 'CONN_ERR_UNREACHABLE'
  | 'CONN_ERR_REFUSED'
  | 'CONN_ERR_INVALID'
  | 'CONN_ERR_DISCARDED'
  | 'CONN_ERR_DUPLICATE_ID'
  | `HUB_${string}`

export class ConnectionError extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ConnectionError'
  }
}
