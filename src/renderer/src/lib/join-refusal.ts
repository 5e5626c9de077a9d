import { JOIN_ERROR_CODES } from '../../../shared/bridge/model'
import type { BridgeError } from './bridge'
import { errorText } from './error-text'
import { t } from './i18n'

/** How a join form shows a refused join, in the user's language (main's sentence as fallback). */
export type JoinRefusal =
  /** Beside the passphrase; `throttled`: too many wrong ones, the wait counts down. */
  | { at: 'passphrase'; message: string; throttled: boolean }
  /** The certificate warning opens over the form, with both codes; the form stays. */
  | { at: 'warning' }
  /** Anything else: the form's own error. */
  | { at: 'form'; message: string }

export function joinRefusal(error: BridgeError): JoinRefusal {
  switch (error.code) {
    case JOIN_ERROR_CODES.wrong_passphrase:
      return { at: 'passphrase', message: t('joinRefusal.wrongPassphrase'), throttled: false }
    case JOIN_ERROR_CODES.passphrase_required:
      return { at: 'passphrase', message: errorText(error), throttled: false }
    case JOIN_ERROR_CODES.throttled:
      return { at: 'passphrase', message: errorText(error), throttled: true }
    case JOIN_ERROR_CODES.certificate_changed:
    case JOIN_ERROR_CODES.certificate_downgraded:
      return { at: 'warning' }
    default:
      return { at: 'form', message: errorText(error) }
  }
}
