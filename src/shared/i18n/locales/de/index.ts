import type { Catalogue } from '../en'
import { onboarding } from './onboarding'
import { lobby } from './lobby'
import { room } from './room'
import { composer } from './composer'
import { settings } from './settings'
import { platform } from './platform'

/** German: informal "du", as chat apps speak to people; see docs/i18n.md's glossary. */
export const de: Catalogue = {
  ...onboarding,
  ...lobby,
  ...room,
  ...composer,
  ...settings,
  ...platform,
}
