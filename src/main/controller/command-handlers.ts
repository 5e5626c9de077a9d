/**
 * The bridge commands the controller itself answers, apart from the platform's (preferences,
 * discovery, the network doctor, files): shared by the app (handlers.ts) and the guest page,
 * which runs the same controller in a browser. No Node import here or below.
 */
import { BridgeCommandError, type BridgeHandlers } from '../bridge/dispatch'
import type { Controller } from './controller'
import { ControllerError } from './errors'

/** What only the platform can do (the Electron glue provides it; tests record it). */
export interface Platform {
  copyText(text: string): void
}

export const OK = { ok: true } as const

/** Turns a ControllerError into the bridge's typed error; anything else stays unexpected. */
async function run<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ControllerError) throw new BridgeCommandError(error.code, error.message)
    throw error
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

/** Files for tests that do not care about them: every command says files are unavailable, in
 * `sentence`. (The app and the guest page both run Transfers, transfers.ts.) */
export function noFiles(sentence = 'Files are not available here.'): FileHandlers {
  const unavailable = (): never => {
    throw new BridgeCommandError('APP_ERR_FILES_UNAVAILABLE', sentence)
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

/** The commands that are the controller's own. */
export type ControllerHandlers = Omit<
  BridgeHandlers,
  | keyof FileHandlers
  | 'getPreferences'
  | 'setPreferences'
  | 'listInterfaces'
  | 'lookHarder'
  | 'cancelLookHarder'
  | 'runDoctorCheck'
  | 'getUpdate'
  | 'checkForUpdates'
  | 'restartToUpdate'
>

export function controllerHandlers(controller: Controller, platform: Platform): ControllerHandlers {
  return {
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
