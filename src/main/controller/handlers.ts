import { BridgeCommandError, type BridgeHandlers } from '../bridge/dispatch'
import type { PreferenceHandlers } from '../settings/preferences'
import { createDoctorHandler } from '../doctor/app-doctor'
import type { Controller } from './controller'
import { ControllerError } from './controller'

/** What only the platform can do (the Electron glue provides it; tests record it). */
export interface Platform {
  copyText(text: string): void
}

const OK = { ok: true } as const

/** Turns a ControllerError into the bridge's typed error; anything else stays unexpected. */
async function run<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ControllerError) throw new BridgeCommandError(error.code, error.message)
    throw error
  }
}

/** Preferences for tests that do not care about them: the defaults, changed in memory only. */
function memoryPreferences(): PreferenceHandlers {
  let spellcheck = true
  return {
    getPreferences: () => ({ spellcheck }),
    setPreferences: (changes) => ({ spellcheck: (spellcheck = changes.spellcheck ?? spellcheck) }),
  }
}

/** The network doctor's command (doctor/app-doctor.ts). */
export type DoctorHandler = BridgeHandlers['runDoctorCheck']

/**
 * Every bridge command, served by the controller; preferences by `preferences`
 * (settings/preferences.ts, which app.ts passes); the network doctor by `doctor` (default: one
 * that finds rooms among the controller's directory and compares with no pins).
 */
export function createHandlers(
  controller: Controller,
  platform: Platform,
  preferences: PreferenceHandlers = memoryPreferences(),
  doctor: DoctorHandler = createDoctorHandler({
    rooms: () => controller.snapshot().directory.rooms,
    pins: null,
  }),
): BridgeHandlers {
  return {
    ...preferences,
    runDoctorCheck: doctor,
    getSnapshot: () => controller.snapshot(),
    getTimeline: () => controller.timeline(),
    setProfile: ({ name }) => run(() => controller.setProfile(name)),
    hostRoom: ({ name, passphrase }) =>
      run(() => controller.hostRoom(name, passphrase).then(() => OK)),
    stopHosting: () => run(() => controller.stopHosting().then(() => OK)),
    joinRoom: ({ roomId, passphrase }) =>
      run(() => controller.joinRoom(roomId, passphrase).then(() => OK)),
    inspectAddress: ({ address }) => run(() => controller.inspectAddress(address)),
    joinAddress: ({ address, expectedFingerprint, passphrase }) =>
      run(() =>
        controller
          .joinAddress(address, {
            ...(expectedFingerprint !== undefined ? { expectedFingerprint } : {}),
            ...(passphrase !== undefined ? { passphrase } : {}),
          })
          .then(() => OK),
      ),
    trustNewCertificate: ({ roomId, fingerprint }) =>
      run(() => controller.trustNewCertificate(roomId, fingerprint).then(() => OK)),
    dismissCertificateWarning: () => run(() => (controller.dismissCertificateWarning(), OK)),
    leaveRoom: () => run(() => controller.leaveRoom().then(() => OK)),
    sendChat: ({ text }) => run(() => controller.sendChat(text)),
    retryMessage: ({ id }) => run(() => (controller.retryMessage(id), OK)),
    discardMessage: ({ id }) => run(() => (controller.discardMessage(id), OK)),
    setTyping: ({ active }) => run(() => (controller.setTyping(active), OK)),
    retryNow: () => run(() => (controller.retryNow(), OK)),
    markRead: () => run(() => (controller.markRead(), OK)),
    copyText: ({ text }) => run(() => (platform.copyText(text), OK)),
  }
}
