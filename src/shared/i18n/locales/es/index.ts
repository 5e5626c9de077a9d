import type { Catalogue } from '../en'
import { onboarding } from './onboarding'
import { lobby } from './lobby'
import { room } from './room'
import { composer } from './composer'
import { settings } from './settings'
import { platform } from './platform'

/** Spanish: "tú", neutral Spanish rather than one country's; see docs/i18n.md. */
export const es: Catalogue = {
  ...onboarding,
  ...lobby,
  ...room,
  ...composer,
  ...settings,
  ...platform,
}
