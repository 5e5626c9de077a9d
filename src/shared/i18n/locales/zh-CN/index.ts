import type { Catalogue } from '../en'
import { onboarding } from './onboarding'
import { lobby } from './lobby'
import { room } from './room'
import { composer } from './composer'
import { settings } from './settings'
import { platform } from './platform'

/** Simplified Chinese: full-width punctuation, a space between Chinese and Latin text or
 * numbers; see docs/i18n.md. */
export const zhCN: Catalogue = {
  ...onboarding,
  ...lobby,
  ...room,
  ...composer,
  ...settings,
  ...platform,
}
