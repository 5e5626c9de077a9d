import { CLOSE_CODES, FINAL_CLOSE_CODES, safeWords, type ErrorMessage } from '../../shared/protocol'
import type { ClosedReason, ClosedState, ConnectionEnd } from './state'

/**
 * The longest sentence the connection builds. The app shows these in the bridge's text fields,
 * which hold 500 characters (src/shared/bridge/model.ts); a hub's words quoted in them, or a
 * long list of addresses, must not make them overflow.
 */
export const MAX_MESSAGE_LENGTH = 500
/** How much of one failed address a sentence about several quotes: three of them, the count
 * of the rest and the words around them fit MAX_MESSAGE_LENGTH. */
const MAX_FAILURE_LENGTH = 140
/** How many failed addresses a sentence names; the rest are counted. */
const NAMED_FAILURES = 3
/** How much of a hub's own explanation a sentence quotes. */
const MAX_DETAIL_LENGTH = 300

/** `text`, cut to at most `max` characters (UTF-16 units) with an ellipsis when it was longer. */
export function clipMessage(text: string, max = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text
  let cut = text.slice(0, Math.max(0, max - 1))
  // Never leave half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}

/** Capital first letter, full stop at the end. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '')
  // An address first (`ws://…: the connection was lost`) keeps its lower case.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed + '.'
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + '.'
}

/** Milliseconds as seconds, with one decimal when they are not whole. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)
}

/** What one candidate address's failure says, short enough to be listed with others. */
export function candidateFailure(text: string): string {
  return clipMessage(text, MAX_FAILURE_LENGTH)
}

/**
 * Why the first connection reached none of the room's addresses: the failure itself when there
 * was one address, else the first few failures and how many more there were. Bounded by
 * construction, however many addresses the room has.
 */
export function unreachableMessage(failures: readonly string[]): string {
  if (failures.length <= 1) return clipMessage(sentence(failures[0] ?? 'no address to try'))
  const named = failures.slice(0, NAMED_FAILURES).map(candidateFailure)
  const more = failures.length - named.length
  const list = more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ')
  return clipMessage(`Cannot reach the room at any of its ${failures.length} addresses: ${list}.`)
}

/** The reason a final close code stands for; null when the code is not final. */
export function finalReason(code: number): ClosedReason | null {
  if (!FINAL_CLOSE_CODES.has(code)) return null
  switch (code) {
    case CLOSE_CODES.replaced:
      return 'replaced'
    case CLOSE_CODES.roomFull:
      return 'full'
    case CLOSE_CODES.incompatibleVersion:
      return 'incompatible'
    case CLOSE_CODES.goingAway:
      return 'ended'
    case CLOSE_CODES.identityUnproven:
      return 'unproven'
    case CLOSE_CODES.passphrase:
      return 'passphrase'
    case CLOSE_CODES.tooManyAttempts:
      return 'throttled'
    default:
      return 'refused'
  }
}

/** What the hub said about a close: its refusal, else the close frame's reason (its unsafe
 * characters left out, as from a refusal), else the code. */
export function closeDetail(code: number, reason: string, refusal: ErrorMessage | null): string {
  return refusal?.message ?? (safeWords(reason).trim() || describeClose(code))
}

/** What the hub told before a socket closed: its `closing` words and its last refusal. */
export interface HubLastWords {
  closing: string | null
  refusal: ErrorMessage | null
}

/**
 * What a socket's close means: the end for good (the host closed the room, or a final close
 * code, explained by the hub's refusal before it), or null when trying again is right.
 */
export function finalEnd(code: number, reason: string, said: HubLastWords): ConnectionEnd | null {
  if (said.closing !== null || code === CLOSE_CODES.goingAway) {
    return {
      reason: 'ended',
      message: said.closing ?? 'The host closed the room.',
      closeCode: code,
    }
  }
  const final = finalReason(code)
  if (!final) return null
  return {
    reason: final,
    message: closedMessage(final, closeDetail(code, reason, said.refusal)),
    closeCode: code,
    extra: refusalExtra(said.refusal),
  }
}

/** What a hub's refusal adds to the closed state. */
function refusalExtra(refusal: ErrorMessage | null): Partial<ClosedState> {
  if (!refusal) return {}
  return {
    errorCode: refusal.code,
    ...(refusal.retryAfterMs !== undefined ? { retryAfterMs: refusal.retryAfterMs } : {}),
  }
}

/** The sentence for a final close, quoting (a bounded part of) what the hub said. */
export function closedMessage(reason: ClosedReason, said: string): string {
  const detail = clipMessage(said, MAX_DETAIL_LENGTH)
  switch (reason) {
    case 'replaced':
      return 'You joined this room from somewhere else, so this connection was closed.'
    case 'full':
      return sentence(detail)
    case 'incompatible':
      return `This room speaks another version of LAN Room (${detail}).`
    case 'ended':
      return 'The host closed the room.'
    case 'passphrase':
      return /wrong/i.test(detail) ? 'Wrong passphrase.' : 'This room needs a passphrase.'
    case 'throttled':
      return `Too many passphrase attempts: ${detail}.`
    case 'unproven':
      return `The room did not accept this app's identity: ${detail}.`
    default:
      return `The room refused to let you in: ${detail}.`
  }
}

/** A readable phrase for a close code. */
export function describeClose(code: number): string {
  switch (code) {
    case 1000:
      return 'the connection was closed'
    case CLOSE_CODES.goingAway:
      return 'the host closed the room'
    case CLOSE_CODES.unsupportedData:
      return 'the hub does not accept binary frames'
    case CLOSE_CODES.invalidPayload:
      return 'a frame was not valid UTF-8'
    case CLOSE_CODES.messageTooBig:
      return 'a frame was too large'
    case CLOSE_CODES.replaced:
      return 'you joined the room from somewhere else'
    case CLOSE_CODES.helloTimeout:
      return 'no hello was sent in time'
    case CLOSE_CODES.roomFull:
      return 'the room is full'
    case CLOSE_CODES.hubFull:
      return 'this hub of the room is full'
    case CLOSE_CODES.incompatibleVersion:
      return 'the room speaks another protocol version'
    case CLOSE_CODES.slowConsumer:
      return 'the connection was too slow to keep up'
    case CLOSE_CODES.badHello:
      return 'the hub refused the hello'
    case CLOSE_CODES.tooManyErrors:
      return 'too many malformed messages'
    case CLOSE_CODES.identityUnproven:
      return 'the hub did not accept the identity proof'
    case CLOSE_CODES.passphrase:
      return 'the passphrase was missing or wrong'
    case CLOSE_CODES.tooManyAttempts:
      return 'too many passphrase attempts'
    default:
      return `the connection was lost (code ${code})`
  }
}
