/**
 * The person's preferences over the bridge (getPreferences, setPreferences): kept in the
 * settings file and applied at once by whatever only the platform can do (Electron's session
 * for spell checking, in src/main/index.ts).
 */
import { BridgeCommandError, type BridgeHandlers } from '../bridge/dispatch'
import { BRIDGE_LIMITS, preferencesSchema, type Preferences } from '../../shared/bridge'
import { parseWatchTarget, subnetText } from '../discovery/watch-target'
import type { SettingsStore } from './settings'

export type PreferenceHandlers = Pick<BridgeHandlers, 'getPreferences' | 'setPreferences'>

/** Applies preferences where they take effect; called at start and after every change. */
export type ApplyPreferences = (preferences: Preferences) => void

/** Every field of the bridge's Preferences, taken from its schema (so a new one is not missed). */
const PREFERENCE_KEYS = Object.keys(preferencesSchema.shape) as Array<keyof Preferences>

export function currentPreferences(settings: SettingsStore): Preferences {
  const current = settings.current
  return Object.fromEntries(PREFERENCE_KEYS.map((key) => [key, current[key]])) as Preferences
}

/** The muted rooms after muting or unmuting one: newest last, the oldest dropped past the limit. */
export function withRoomMuted(muted: readonly string[], roomId: string, on: boolean): string[] {
  const others = muted.filter((id) => id !== roomId)
  if (!on) return others
  return [...others, roomId].slice(-BRIDGE_LIMITS.mutedRooms)
}

/** Watched hosts as typed, checked (private, at most a /22) and written as CIDR, once each. */
function watchedTargets(typed: readonly string[]): string[] {
  const out: string[] = []
  for (const text of typed) {
    const parsed = parseWatchTarget(text)
    if (!parsed.ok) throw new BridgeCommandError(parsed.code, parsed.message)
    const cidr = subnetText(parsed.subnet)
    if (!out.includes(cidr)) out.push(cidr)
  }
  return out
}

export function createPreferenceHandlers(
  settings: SettingsStore,
  apply: ApplyPreferences,
): PreferenceHandlers {
  return {
    getPreferences: () => currentPreferences(settings),
    setPreferences: (changes) => {
      const watched = changes.watched === undefined ? undefined : watchedTargets(changes.watched)
      settings.update({
        ...(changes.spellcheck !== undefined ? { spellcheck: changes.spellcheck } : {}),
        ...(changes.interfaces !== undefined
          ? { interfaces: changes.interfaces === null ? null : [...new Set(changes.interfaces)] }
          : {}),
        ...(changes.scanPorts !== undefined ? { scanPorts: [...new Set(changes.scanPorts)] } : {}),
        ...(watched !== undefined ? { watched } : {}),
        ...(changes.readReceipts !== undefined ? { readReceipts: changes.readReceipts } : {}),
        ...(changes.theme !== undefined ? { theme: changes.theme } : {}),
        ...(changes.timeFormat !== undefined ? { timeFormat: changes.timeFormat } : {}),
        ...(changes.notifications !== undefined ? { notifications: changes.notifications } : {}),
        ...(changes.notificationText !== undefined
          ? { notificationText: changes.notificationText }
          : {}),
        ...(changes.sounds !== undefined ? { sounds: changes.sounds } : {}),
        ...(changes.allowGuests !== undefined ? { allowGuests: changes.allowGuests } : {}),
        ...(changes.muteRoom !== undefined
          ? {
              mutedRooms: withRoomMuted(
                settings.current.mutedRooms,
                changes.muteRoom.roomId,
                changes.muteRoom.muted,
              ),
            }
          : {}),
        // Only back to the default: a folder is chosen in main's own dialog (chooseDownloadDir).
        ...(changes.downloadDir === null ? { downloadDir: null } : {}),
        ...(changes.startAtLogin !== undefined ? { startAtLogin: changes.startAtLogin } : {}),
        ...(changes.checkForUpdates !== undefined
          ? { checkForUpdates: changes.checkForUpdates }
          : {}),
        ...(changes.language !== undefined ? { language: changes.language } : {}),
      })
      const preferences = currentPreferences(settings)
      apply(preferences)
      return preferences
    },
  }
}
