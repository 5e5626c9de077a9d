// Not the connection's index, which brings the Node socket along (the guest page has none).
import { ConnectionError } from '../connection/errors'
import { ControllerError } from './errors'

/**
 * A connection's refusal of a request or op as the window is told it: a stable code and a
 * sentence. Anything that is not a ConnectionError is left as it is (unexpected).
 */
export function requestError(error: unknown, what: string): unknown {
  if (!(error instanceof ConnectionError)) return error
  switch (error.code) {
    case 'HUB_request_limited':
    case 'HUB_rate_limited':
    case 'CONN_ERR_BUSY': {
      const wait =
        error.retryAfterMs === null ? '' : ` Try again in ${seconds(error.retryAfterMs)}.`
      return new ControllerError('APP_ERR_RATE_LIMITED', `Too many requests to the room.${wait}`)
    }
    case 'CONN_ERR_DISCONNECTED':
    case 'CONN_ERR_CLOSED':
      return new ControllerError(
        'APP_ERR_NOT_CONNECTED',
        `Could not ${what}: not connected to the room.`,
      )
    case 'CONN_ERR_TIMEOUT':
      return new ControllerError('APP_ERR_TIMEOUT', `Could not ${what}: the room did not answer.`)
    case 'CONN_ERR_UNSUPPORTED':
      return new ControllerError(
        'APP_ERR_UNSUPPORTED',
        `Could not ${what}: this room's host runs a version of LAN Room without it.`,
      )
    case 'CONN_ERR_INVALID':
      return new ControllerError('APP_ERR_INVALID', `Could not ${what}: ${error.message}`)
    default:
      return new ControllerError('APP_ERR_REQUEST_FAILED', `Could not ${what}: ${error.message}`)
  }
}

/** How an op's refusal is told (the op has left the outbox). */
export function opRefusal(error: unknown, what: string): string | null {
  if (!(error instanceof ConnectionError)) return `Could not ${what}.`
  switch (error.code) {
    // A second click on a reaction that is already there: nothing to tell.
    case 'HUB_no_change':
      return null
    case 'HUB_not_author':
      return `Could not ${what}: only its author can.`
    case 'HUB_unknown_target':
      return `Could not ${what}: the message is no longer in the room.`
    case 'HUB_too_many_reactions':
      return `Could not ${what}: the message has as many reactions as it can hold.`
    default:
      return `Could not ${what}: ${error.message}`
  }
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000))
  return s === 1 ? '1 second' : `${s} seconds`
}
