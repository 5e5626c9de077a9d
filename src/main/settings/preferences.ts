/**
 * The person's preferences over the bridge (getPreferences, setPreferences): kept in the
 * settings file and applied at once by whatever only the platform can do (Electron's session
 * for spell checking, in src/main/index.ts).
 */
import type { BridgeHandlers } from '../bridge/dispatch'
import type { Preferences } from '../../shared/bridge'
import type { SettingsStore } from './settings'

export type PreferenceHandlers = Pick<BridgeHandlers, 'getPreferences' | 'setPreferences'>

/** Applies preferences where they take effect; called at start and after every change. */
export type ApplyPreferences = (preferences: Preferences) => void

export function currentPreferences(settings: SettingsStore): Preferences {
  return { spellcheck: settings.current.spellcheck }
}

export function createPreferenceHandlers(
  settings: SettingsStore,
  apply: ApplyPreferences,
): PreferenceHandlers {
  return {
    getPreferences: () => currentPreferences(settings),
    setPreferences: (changes) => {
      if (changes.spellcheck !== undefined) settings.update({ spellcheck: changes.spellcheck })
      const preferences = currentPreferences(settings)
      apply(preferences)
      return preferences
    },
  }
}
