import type { Catalogue } from '../en'
import { onboarding } from './onboarding'
import { lobby } from './lobby'
import { room } from './room'
import { composer } from './composer'
import { settings } from './settings'
import { platform } from './platform'

/** Brazilian Portuguese: "você"; see docs/i18n.md. */
export const ptBR: Catalogue = {
  ...onboarding,
  ...lobby,
  ...room,
  ...composer,
  ...settings,
  ...platform,
}
