// Not the connection's index, which brings the Node socket along (the guest page has none).
import { ConnectionError } from '../connection/errors'
import type { ErrorMessage } from '../../shared/protocol'
import { ControllerError } from './errors'
import type { SessionNotice } from './session'

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

/** The ops whose refusal is a notice, and how main's English sentence names them (the window
 * names them from the catalogue's `errorOps.<op>`). */
const OP_WORDS = {
  react: 'add the reaction',
  unreact: 'take the reaction back',
  edit: 'edit the message',
  delete: 'delete the message',
} as const
export type OpName = keyof typeof OP_WORDS

/**
 * How an op's refusal is told (the op has left the outbox): `ROOM_ERR_OP_<REASON>` with the op's
 * name, so that the window says it in the person's language; null when there is nothing to tell.
 */
export function opRefusal(error: unknown, op: OpName): SessionNotice | null {
  const what = OP_WORDS[op]
  const told = (code: `ROOM_ERR_OP_${string}`, message: string): SessionNotice => ({
    code,
    message,
    params: { op },
  })
  if (!(error instanceof ConnectionError)) return told('ROOM_ERR_OP_FAILED', `Could not ${what}.`)
  switch (error.code) {
    // A second click on a reaction that is already there: nothing to tell.
    case 'HUB_no_change':
      return null
    case 'HUB_not_author':
      return told('ROOM_ERR_OP_NOT_AUTHOR', `Could not ${what}: only its author can.`)
    case 'HUB_unknown_target':
      return told(
        'ROOM_ERR_OP_UNKNOWN_TARGET',
        `Could not ${what}: the message is no longer in the room.`,
      )
    case 'HUB_too_many_reactions':
      return told(
        'ROOM_ERR_OP_TOO_MANY_REACTIONS',
        `Could not ${what}: the message has as many reactions as it can hold.`,
      )
    // The connection's own reasons, and the hub's for the rest, stay in main's English sentence.
    case 'CONN_ERR_CLOSED':
      return told('ROOM_ERR_OP_CLOSED', `Could not ${what}: ${error.message}`)
    case 'CONN_ERR_UNSUPPORTED':
      return told('ROOM_ERR_OP_UNSUPPORTED', `Could not ${what}: ${error.message}`)
    case 'CONN_ERR_INVALID':
    case 'HUB_invalid_message':
      return told('ROOM_ERR_OP_INVALID', `Could not ${what}: ${error.message}`)
    default:
      return told('ROOM_ERR_OP_REFUSED', `Could not ${what}: ${error.message}`)
  }
}

/**
 * A hub's `error` about no message of ours, told as `ROOM_ERR_HUB_<CODE>` (the protocol's codes,
 * docs/protocol.md "Error codes") with its wait in seconds (`count`) when it gives one. The
 * message is the hub's own sentence: the window shows it in English, and for a code its
 * catalogue does not know.
 */
export function hubNotice(error: ErrorMessage): SessionNotice {
  return {
    code: `ROOM_ERR_HUB_${error.code.toUpperCase()}`,
    message: error.message,
    ...(error.retryAfterMs === undefined
      ? {}
      : { params: { count: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) } }),
  }
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000))
  return s === 1 ? '1 second' : `${s} seconds`
}
