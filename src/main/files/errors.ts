import { safeLine } from '../../shared/protocol'
/**
 * Why a file transfer failed, as a stable code and a sentence a person can read. The codes are
 * what the controller, the CLI and the window branch on; the sentences are shown as they are.
 */
export const FILE_ERROR_CODES = [
  /** The file credential was refused (no token, or an old one). */
  'unauthorized',
  /** The hub refused the request: for this member (another member's upload), or with a status
   * it has no business sending (a redirect, an unexpected 4xx). */
  'forbidden',
  /** No such file or upload on the hub. */
  'not_found',
  /** The hub no longer has the file's bytes (the budget, or deleted). */
  'expired',
  /** Larger than the room takes. */
  'too_large',
  /** The room's file budget is full. */
  'budget',
  /** Too many uploads at once, and retrying did not help. */
  'busy',
  /** The hub computed another SHA-256 than the one declared for the upload. */
  'checksum',
  /** A download's bytes do not match the SHA-256 they were shared with. */
  'corrupt',
  /** Stopped by its AbortSignal. */
  'cancelled',
  /** The hub could not be reached or stopped answering, and retrying did not help. */
  'network',
  /** Reading or writing the local file failed. */
  'io',
] as const

export type FileErrorCode = (typeof FILE_ERROR_CODES)[number]

export class FileError extends Error {
  readonly code: FileErrorCode
  /** The HTTP status that said so, when one did. */
  readonly status: number | null

  constructor(
    code: FileErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'FileError'
    this.code = code
    this.status = options.status ?? null
  }
}

/** The FileError for a request the hub answered with `status` (null: not an HTTP failure). */
export function errorForStatus(status: number, what: string, body = ''): FileError {
  // The hub's words, as shown and printed: without what a terminal would act on, on one line.
  const said = safeLine(body).slice(0, 200)
  const detail = said === '' ? `HTTP ${status}` : `${said} (HTTP ${status})`
  const make = (code: FileErrorCode, sentence: string): FileError =>
    new FileError(code, `${sentence}: ${detail}.`, { status })
  switch (status) {
    case 401:
      return make('unauthorized', `The room refused the file credential for ${what}`)
    case 403:
      return make('forbidden', `The room does not allow ${what}`)
    case 404:
      return make('not_found', `The room does not have ${what}`)
    case 410:
      return make('expired', `The room no longer has ${what}`)
    case 413:
      return make('too_large', `${capitalize(what)} is larger than the room takes`)
    case 429:
      return make('busy', `The room is busy with other uploads; ${what} could not start`)
    case 460:
      return make('checksum', `The room found other bytes than declared for ${what}`)
    case 507:
      return make('budget', `The room's file space is full; ${what} did not fit`)
    default:
      // A server error, or an upload's conflict or lock that retrying did not clear, is the
      // room failing; any other status (a redirect, a 4xx it should not send) is the room
      // answering, and refusing.
      return status >= 500 || status === 409 || status === 423
        ? make('network', `The room could not handle ${what}`)
        : make('forbidden', `The room refused ${what}`)
  }
}

/** The FileError for anything thrown while moving bytes (already one: unchanged). */
export function asFileError(error: unknown, code: FileErrorCode, sentence: string): FileError {
  if (error instanceof FileError) return error
  const reason =
    error instanceof Error
      ? ((error as NodeJS.ErrnoException).code ?? error.message)
      : String(error)
  return new FileError(code, `${sentence} (${reason}).`, { cause: error })
}

export function cancelled(what: string): FileError {
  return new FileError('cancelled', `${capitalize(what)} was cancelled.`)
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
