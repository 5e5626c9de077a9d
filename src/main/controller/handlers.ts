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

/** Look harder and the interfaces (discovery/look-harder.ts, which app.ts passes). */
export type DiscoveryHandlers = Pick<
  BridgeHandlers,
  'listInterfaces' | 'lookHarder' | 'cancelLookHarder'
>

/** Preferences for tests that do not care about them: the defaults, changed in memory only. */
function memoryPreferences(): PreferenceHandlers {
  let preferences = {
    spellcheck: true,
    interfaces: null,
    scanPorts: [],
    watched: [],
    readReceipts: true,
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

/** Files in the room (feature `files`): staging, transfers, the download folder. */
export type FileHandlers = Pick<
  BridgeHandlers,
  | 'stageFiles'
  | 'pickFiles'
  | 'unstageFile'
  | 'sendFiles'
  | 'downloadFile'
  | 'cancelTransfer'
  | 'resumeTransfer'
  | 'showInFolder'
  | 'openFile'
  | 'readImage'
  | 'chooseDownloadDir'
>

/** Files for tests that do not care about them: every command says files are unavailable. */
export function noFiles(): FileHandlers {
  const unavailable = (): never => {
    throw new BridgeCommandError('APP_ERR_FILES_UNAVAILABLE', 'Files are not available here.')
  }
  return {
    stageFiles: unavailable,
    pickFiles: unavailable,
    unstageFile: unavailable,
    sendFiles: unavailable,
    downloadFile: unavailable,
    cancelTransfer: unavailable,
    resumeTransfer: unavailable,
    showInFolder: unavailable,
    openFile: unavailable,
    readImage: unavailable,
    chooseDownloadDir: unavailable,
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
 * that finds rooms among the controller's directory and compares with no pins).
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
): BridgeHandlers {
  return {
    ...preferences,
    ...files,
    ...discovery,
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
    sendChat: ({ text, replyTo, mentions, mentionsRoom }) =>
      run(() =>
        controller.sendChat(text, {
          ...(replyTo !== undefined ? { replyTo } : {}),
          ...(mentions !== undefined ? { mentions } : {}),
          ...(mentionsRoom ? { mentionsRoom } : {}),
        }),
      ),
    react: ({ seq, emoji }) => run(() => (controller.react(seq, emoji), OK)),
    unreact: ({ seq, emoji }) => run(() => (controller.unreact(seq, emoji), OK)),
    editMessage: ({ seq, text }) => run(() => (controller.editMessage(seq, text), OK)),
    deleteMessage: ({ seq }) => run(() => (controller.deleteMessage(seq), OK)),
    loadOlder: () => run(() => controller.loadOlder()),
    search: ({ text, before }) => run(() => controller.search(text, before)),
    openAt: ({ seq }) => run(() => controller.openAt(seq).then(() => OK)),
    retryMessage: ({ id }) => run(() => (controller.retryMessage(id), OK)),
    discardMessage: ({ id }) => run(() => (controller.discardMessage(id), OK)),
    setTyping: ({ active }) => run(() => (controller.setTyping(active), OK)),
    retryNow: () => run(() => (controller.retryNow(), OK)),
    markRead: () => run(() => (controller.markRead(), OK)),
    copyText: ({ text }) => run(() => (platform.copyText(text), OK)),
  }
}
