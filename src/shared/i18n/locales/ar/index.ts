import type { Catalogue } from '../en'
import { onboarding } from './onboarding'
import { lobby } from './lobby'
import { room } from './room'
import { composer } from './composer'
import { settings } from './settings'
import { platform } from './platform'

/** Arabic: Modern Standard Arabic, addressed to one person in the masculine by convention;
 * six plural forms (zero, one, two, few, many, other); shown right to left; see docs/i18n.md. */
export const ar: Catalogue = {
  ...onboarding,
  ...lobby,
  ...room,
  ...composer,
  ...settings,
  ...platform,
}
