/**
 * The sentence to show for a failure that crossed the bridge: the catalogue's text for its
 * stable code (`errors.<CODE>` in src/shared/i18n/locales/<lang>/platform.ts), so that errors
 * speak the user's language; main's English sentence in English (it may name the file or the
 * address), or when the catalogue has no entry (a code new to this version), so nothing is
 * ever shown blank.
 */
import { language, t } from './i18n'

export interface CodedError {
  readonly code: string
  readonly message: string
}

/** Codes are SCREAMING_CASE (`AREA_ERR_WHAT`); anything else is not looked up. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/

export function errorText(error: CodedError): string {
  // In English, main's own sentence; the catalogue's English is the translations' source.
  if (!CODE.test(error.code) || language() === 'en') return error.message
  // Keys are built from codes at run time, so they cannot be checked against the catalogue's
  // type; a missing one falls back to the message.
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string
  return translate(`errors.${error.code}`, { defaultValue: error.message })
}
