/**
 * The real port: electron-updater's AppUpdater, set up as LAN Room's policy needs it. Thin on
 * purpose; the decisions are updater.ts's. Only the Electron glue (src/main/index.ts) builds
 * it: electron-updater needs Electron at run time.
 */
import type { AppUpdater, ProgressInfo } from 'electron-updater'
import type { Logger } from '../hub/logger'
import type { UpdaterPort } from './port'

/**
 * The AppUpdater settings LAN Room relies on (docs/updates.md):
 * - no automatic download: the policy downloads only a version it found newer itself;
 * - no downgrades, no development feed, no web installer; differential downloads where the
 *   format has a blockmap (NSIS, AppImage, the macOS zip);
 * - a downloaded update is also installed when the person quits (it never restarts by itself).
 * The feed (GitHub, HTTPS) and, on Windows, the publisher whose signature each update must
 * carry (verifyUpdateCodeSignature is on by default) come from app-update.yml, which
 * electron-builder writes from electron-builder.config.ts.
 */
export function configureAppUpdater(updater: AppUpdater, logger: Logger): void {
  updater.autoDownload = false
  updater.autoInstallOnAppQuit = true
  updater.autoRunAppAfterInstall = true
  updater.allowDowngrade = false
  updater.forceDevUpdateConfig = false
  updater.disableWebInstaller = true
  updater.disableDifferentialDownload = false
  updater.fullChangelog = false
  updater.logger = {
    info: (message?: unknown) => logger.info({}, `electron-updater: ${String(message)}`),
    warn: (message?: unknown) => logger.warn({}, `electron-updater: ${String(message)}`),
    error: (message?: unknown) => logger.error({}, `electron-updater: ${String(message)}`),
    debug: (message: string) => logger.debug({}, `electron-updater: ${message}`),
  }
  // Failures also reject the calls below; without a listener an 'error' event would throw.
  updater.on('error', () => {})
}

export function createElectronUpdaterPort(updater: AppUpdater, logger: Logger): UpdaterPort {
  configureAppUpdater(updater, logger)
  return {
    check: async () => (await updater.checkForUpdates())?.updateInfo ?? null,
    download: async (onProgress) => {
      const listener = (progress: ProgressInfo): void => onProgress(progress)
      updater.on('download-progress', listener)
      try {
        await updater.downloadUpdate()
      } finally {
        updater.off('download-progress', listener)
      }
    },
    // Silent: the installer reuses the choices made at install time; then the app starts again.
    quitAndInstall: () => updater.quitAndInstall(true, true),
  }
}
