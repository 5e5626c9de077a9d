import type { BridgeHandlers } from '../bridge/dispatch'
import type { PreferenceHandlers } from '../settings/preferences'
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/bridge'
import { createDoctorHandler } from '../doctor/app-doctor'
import { noUpdates, type UpdateHandlers } from '../updates/handlers'
import type { Controller } from './controller'
import {
  controllerHandlers,
  noFiles,
  OK,
  type FileHandlers,
  type Platform,
} from './command-handlers'

export { noFiles, type FileHandlers, type Platform } from './command-handlers'

/** Look harder and the interfaces (discovery/look-harder.ts, which app.ts passes). */
export type DiscoveryHandlers = Pick<
  BridgeHandlers,
  'listInterfaces' | 'lookHarder' | 'cancelLookHarder'
>

/** Preferences for tests that do not care about them: the defaults, changed in memory only. */
function memoryPreferences(): PreferenceHandlers {
  let preferences: Preferences = {
    ...DEFAULT_PREFERENCES,
    scanPorts: [],
    watched: [],
    mutedRooms: [],
  }
  return {
    getPreferences: () => preferences,
    setPreferences: (changes) => {
      preferences = {
        ...preferences,
        spellcheck: changes.spellcheck ?? preferences.spellcheck,
        readReceipts: changes.readReceipts ?? preferences.readReceipts,
      }
      return preferences
    },
  }
}

/** The network doctor's command (doctor/app-doctor.ts). */
export type DoctorHandler = BridgeHandlers['runDoctorCheck']

/** Discovery for tests that do not care about it: no interfaces, nothing scanned. */
function noDiscovery(): DiscoveryHandlers {
  return { listInterfaces: () => [], lookHarder: () => OK, cancelLookHarder: () => OK }
}

/**
 * Every bridge command, served by the controller; preferences by `preferences`
 * (settings/preferences.ts, which app.ts passes); the network doctor by `doctor` (default: one
 * that finds rooms among the controller's directory and compares with no pins); the app's own
 * updates by `updates` (default: none, as in a development build).
 */
export function createHandlers(
  controller: Controller,
  platform: Platform,
  preferences: PreferenceHandlers = memoryPreferences(),
  discovery: DiscoveryHandlers = noDiscovery(),
  doctor: DoctorHandler = createDoctorHandler({
    rooms: () => controller.snapshot().directory.rooms,
    pins: null,
    hostedPort: () => controller.hostedPort(),
  }),
  files: FileHandlers = noFiles(),
  updates: UpdateHandlers = noUpdates(),
): BridgeHandlers {
  return {
    ...preferences,
    ...files,
    ...updates,
    ...discovery,
    runDoctorCheck: doctor,
    ...controllerHandlers(controller, platform),
  }
}
