/** Error codes of the room connection; hub refusals of a chat, an op or a request are `HUB_` +
 * the hub's code. */
export type ConnectionErrorCode =
  | 'CONN_ERR_CLOSED'
  | 'CONN_ERR_UNREACHABLE'
  | 'CONN_ERR_REFUSED'
  | 'CONN_ERR_INVALID'
  | 'CONN_ERR_DISCARDED'
  | 'CONN_ERR_DUPLICATE_ID'
  /** A request was made while not connected, or the connection dropped before its answer. */
  | 'CONN_ERR_DISCONNECTED'
  /** A request's answer did not come in time. */
  | 'CONN_ERR_TIMEOUT'
  /** Too many requests are waiting for their answers. */
  | 'CONN_ERR_BUSY'
  /** The room's hub does not do this (it is not in `welcome.features`). */
  | 'CONN_ERR_UNSUPPORTED'
  | `HUB_${string}`

export class ConnectionError extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
    /** For a refusal for the rate (`HUB_request_limited`, `HUB_rate_limited`): when to try
     * again, as the hub said; null otherwise. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
    this.name = 'ConnectionError'
  }
}
