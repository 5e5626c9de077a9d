import type { ClosedReason } from '../main/connection'
import { secondsText } from './format'

/** How a `lanroom join` ended: what its exit code and last line are made of. */
export interface JoinEnd {
  /** Why the connection ended for good, and its sentence. */
  reason: ClosedReason
  message: string
  /** Input had ended and the room could not be reached again within this long (ms); else null. */
  gaveUpAfterMs: number | null
  /** Written, or queued, and never acknowledged: the client cannot know whether the room has
   * them (a hub that stopped answering may still have taken them in). */
  unacknowledged: number
  /** Refused by the room or by the room's limits; each was said on a line of its own. */
  refused: number
  /** Read from a pipe whose end had not come: what it held after the last line read was never
   * sent. */
  inputLeft: boolean
}

/** Why unacknowledged messages are not called lost: only the room knows. */
const UNACKNOWLEDGED = 'not acknowledged (they may or may not have reached the room)'

/**
 * The exit code, and the one line for stderr (without `lanroom: `; null: nothing to say).
 * 0 only when nothing was left behind: every message sent acknowledged, none refused and, from
 * a pipe, the input read to its end (or to where the output closed: `| head` stops it as the
 * end of input does, by choice).
 */
export function joinOutcome(end: JoinEnd): { code: 0 | 1; line: string | null } {
  const left: string[] = []
  if (end.inputLeft) left.push('the rest of the input was not sent')
  if (end.unacknowledged > 0) left.push(`${end.unacknowledged} message(s) ${UNACKNOWLEDGED}`)
  if (end.refused > 0) left.push(`${end.refused} message(s) were not sent`)
  if (end.gaveUpAfterMs !== null) {
    const why = `could not reconnect to the room within ${secondsText(end.gaveUpAfterMs)}`
    return { code: 1, line: [why, ...left].join('; ') }
  }
  if (end.reason === 'left' || end.reason === 'ended') {
    if (left.length === 0) return { code: 0, line: null }
    const closed =
      end.reason !== 'ended'
        ? []
        : [
            end.inputLeft
              ? 'the host closed the room before the end of input'
              : 'the host closed the room',
          ]
    return { code: 1, line: [...closed, ...left].join('; ') }
  }
  return { code: 1, line: left.length > 0 ? `${end.message} (${left.join('; ')})` : end.message }
}
