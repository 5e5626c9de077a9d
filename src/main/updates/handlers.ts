/** The update commands of the bridge (getUpdate, checkForUpdates, restartToUpdate). */
import { BridgeCommandError, type BridgeHandlers } from '../bridge/dispatch'
import { UPDATE_ERROR_CODES, type UpdateState } from '../../shared/bridge/update'
import type { Updater } from './updater'

export type UpdateHandlers = Pick<
  BridgeHandlers,
  'getUpdate' | 'checkForUpdates' | 'restartToUpdate'
>

const OK = { ok: true } as const

export function updateHandlers(updater: Updater): UpdateHandlers {
  return {
    getUpdate: () => updater.state,
    checkForUpdates: () => updater.check(),
    restartToUpdate: async ({ endRoom }) => {
      await updater.restart(endRoom === true)
      return OK
    },
  }
}

/** For what has no app to update (tests that do not care, the guest page): never checks. */
export function noUpdates(currentVersion = '0.0.0'): UpdateHandlers {
  const state: UpdateState = {
    status: 'idle',
    availability: 'development',
    currentVersion,
    version: null,
    releaseNotes: null,
    progress: null,
    lastCheck: null,
    error: null,
  }
  const refuse = (message: string) => (): never => {
    throw new BridgeCommandError(UPDATE_ERROR_CODES.unavailable, message)
  }
  return {
    getUpdate: () => state,
    checkForUpdates: refuse('This copy of LAN Room does not check for updates.'),
    restartToUpdate: () => {
      throw new BridgeCommandError(UPDATE_ERROR_CODES.notReady, 'No update is ready to install.')
    },
  }
}
