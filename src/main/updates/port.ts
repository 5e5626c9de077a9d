/**
 * What the updater needs of electron-updater, typed against its own types, so that the policy
 * (updater.ts) is tested with a fake and the real port (electron-port.ts) stays thin.
 */
import type { ProgressInfo, UpdateInfo } from 'electron-updater'

/** What the feed offers: the newest release's version and notes. */
export type FeedInfo = Pick<UpdateInfo, 'version' | 'releaseNotes'>

/** Download progress as electron-updater reports it. */
export type DownloadProgress = Pick<ProgressInfo, 'percent' | 'transferred' | 'total'>

export interface UpdaterPort {
  /** Asks the release feed; null when the updater is not active (nothing to ask). */
  check(): Promise<FeedInfo | null>
  /**
   * Downloads (differentially where a blockmap allows) and verifies the version the last
   * check found; resolves once it is ready to install.
   */
  download(onProgress: (progress: DownloadProgress) => void): Promise<void>
  /** Quits, installs the downloaded version and starts it. */
  quitAndInstall(): void
}

/** Timers, for tests to replace. */
export interface UpdateClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const SYSTEM_CLOCK: UpdateClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms)
    // A pending check never keeps a process (the CLI, a test) alive.
    timer.unref?.()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
