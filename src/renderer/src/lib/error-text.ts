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
  /** Values for the catalogue's sentence (a notice's `params`): `count`, and `op`, the key of
   * an op's name (`errorOps.<op>`: "Could not add the reaction"). */
  readonly params?: Readonly<Record<string, string | number>> | undefined
}

/** Codes are SCREAMING_CASE (`AREA_ERR_WHAT`); anything else is not looked up. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/
/** An op's key (`react`, `edit`…). */
const OP = /^[a-z][A-Za-z]{0,31}$/
/** What a missing key gives back (no catalogue text has it). */
const MISSING = '\u0000'

// Keys are built from codes at run time, so they cannot be checked against the catalogue's
// type; a missing one falls back to the message.
const translate = t as unknown as (key: string, options: Record<string, unknown>) => string

function lookup(key: string, values: Record<string, string | number>): string | null {
  const text = translate(key, { ...values, defaultValue: MISSING })
  return text === MISSING ? null : text
}

export function errorText(error: CodedError): string {
  // In English, main's own sentence; the catalogue's English is the translations' source.
  if (!CODE.test(error.code) || language() === 'en') return error.message
  // Only the values sentences use: others would be i18next's options (lng, returnObjects…).
  const values: Record<string, string | number> = {}
  const { count, op } = error.params ?? {}
  if (typeof count === 'number') values['count'] = count
  if (op !== undefined) {
    // The op's name is a whole clause of the sentence, from the catalogue too.
    const failed = typeof op === 'string' && OP.test(op) ? lookup(`errorOps.${op}`, {}) : null
    if (failed === null) return error.message
    values['op'] = failed
  }
  return lookup(`errors.${error.code}`, values) ?? error.message
}

/**
 * The text errorText shows is the room's hub's own words (its sentence for a code this
 * catalogue does not know, or any of its refusals in English): not ours, so marked as such
 * where it is shown (`data-verbatim`).
 */
export function isHubText(error: CodedError): boolean {
  return error.code.startsWith('ROOM_ERR_HUB') && errorText(error) === error.message
}
