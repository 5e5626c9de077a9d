/**
 * The stable code of a chat of yours the room did not take, so that the window says why in
 * the person's language (`errors.<CODE>` in the catalogue) rather than in main's English. The
 * client's own checks keep their code (CONN_ERR_…); a refusal by the hub becomes `CHAT_ERR_`
 * and the protocol's code upper-cased. Only the refusals a chat can meet are listed: any other
 * code gives none, and the window shows the sentence as it came.
 */
import { ERROR_CODES, type ErrorCode } from '../protocol'

const HUB_REFUSALS: Partial<Record<ErrorCode, string>> = {
  [ERROR_CODES.invalidMessage]: 'CHAT_ERR_INVALID_MESSAGE',
  [ERROR_CODES.unknownTarget]: 'CHAT_ERR_UNKNOWN_TARGET',
  [ERROR_CODES.unknownUpload]: 'CHAT_ERR_UNKNOWN_UPLOAD',
  [ERROR_CODES.fileMismatch]: 'CHAT_ERR_FILE_MISMATCH',
}
const OWN_CHECKS = ['CONN_ERR_INVALID', 'CONN_ERR_UNSUPPORTED'] as const

/** Every code `chatErrorCode` can give (for the catalogue's test). */
export const CHAT_ERROR_CODES: readonly string[] = [...Object.values(HUB_REFUSALS), ...OWN_CHECKS]

export function chatErrorCode(code: string): string | undefined {
  if ((OWN_CHECKS as readonly string[]).includes(code)) return code
  return Object.hasOwn(HUB_REFUSALS, code) ? HUB_REFUSALS[code as ErrorCode] : undefined
}
