import { onboarding } from './onboarding'
import { lobby } from './lobby'
import { room } from './room'
import { composer } from './composer'
import { settings } from './settings'
import { platform } from './platform'

/**
 * English, the source catalogue: every other language has the same keys (i18n.test.ts checks
 * it, with the plural forms each language needs). Keys are grouped by screen; a plural is a key
 * with `_one`/`_other` (and whatever other forms a language has: Intl.PluralRules names them).
 */
export const en = { ...onboarding, ...lobby, ...room, ...composer, ...settings, ...platform }

/** The shape every catalogue has: the same groups, strings for leaves. */
export type Catalogue = { [group: string]: { [key: string]: string } }
