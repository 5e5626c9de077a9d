import { EventEmitter } from 'node:events'
import type { AppUpdater, ProgressInfo, UpdateCheckResult } from 'electron-updater'
import { describe, expect, it } from 'vitest'
import { SILENT_LOGGER } from '../hub/logger'
import { createElectronUpdaterPort } from './electron-port'

/** The parts of AppUpdater the port touches, on a plain emitter (no Electron here). */
class FakeAppUpdater extends EventEmitter {
  autoDownload = true
  autoInstallOnAppQuit = false
  autoRunAppAfterInstall = false
  allowDowngrade = true
  forceDevUpdateConfig = true
  disableWebInstaller = false
  disableDifferentialDownload = true
  fullChangelog = true
  logger: unknown = null
  installs: unknown[][] = []
  checkForUpdates(): Promise<UpdateCheckResult | null> {
    return Promise.resolve({
      isUpdateAvailable: true,
      updateInfo: { version: '0.2.0', files: [], path: '', sha512: '', releaseDate: '' },
      versionInfo: { version: '0.2.0', files: [], path: '', sha512: '', releaseDate: '' },
    } as UpdateCheckResult)
  }
  downloadUpdate(): Promise<string[]> {
    this.emit('download-progress', { percent: 50, transferred: 5, total: 10 } as ProgressInfo)
    return Promise.resolve(['/tmp/update'])
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args)
  }
}

describe('the electron-updater port', () => {
  it('sets AppUpdater up safely: no auto download, no downgrades, no dev feed', () => {
    const fake = new FakeAppUpdater()
    createElectronUpdaterPort(fake as unknown as AppUpdater, SILENT_LOGGER)
    expect(fake).toMatchObject({
      autoDownload: false,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      forceDevUpdateConfig: false,
      disableWebInstaller: true,
      disableDifferentialDownload: false,
    })
    // An 'error' event without a listener would throw out of electron-updater.
    expect(() => fake.emit('error', new Error('x'))).not.toThrow()
  })

  it('checks, downloads with progress, and installs silently then restarts', async () => {
    const fake = new FakeAppUpdater()
    const port = createElectronUpdaterPort(fake as unknown as AppUpdater, SILENT_LOGGER)
    expect((await port.check())?.version).toBe('0.2.0')
    const seen: number[] = []
    await port.download((progress) => seen.push(progress.percent))
    expect(seen).toEqual([50])
    expect(fake.listenerCount('download-progress')).toBe(0)
    port.quitAndInstall()
    expect(fake.installs).toEqual([[true, true]])
  })
})
