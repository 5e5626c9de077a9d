/**
 * When to check for updates, what to do with what the feed offers, and when to install: the
 * policy, with electron-updater behind a port (port.ts). It checks a short while after start
 * and then every four hours (with up to half an hour of jitter, so that every copy on a network
 * does not ask at once), only when the setting allows and the install can update itself
 * (install-kind.ts). It downloads in the background, refuses any version not newer than this
 * one (a downgrade), and never restarts on its own: "Restart to update" is the person's, and
 * while hosting it must say that the room ends for everyone.
 */
import { BridgeCommandError } from '../bridge/dispatch'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import {
  UPDATE_ERROR_CODES,
  type UpdateAvailability,
  type UpdateState,
} from '../../shared/bridge/update'
import { classifyUpdateError } from './errors'
import type { InstallDecision } from './install-kind'
import { SYSTEM_CLOCK, type DownloadProgress, type UpdateClock, type UpdaterPort } from './port'
import { releaseNotesText } from './release-notes'
import { isNewer } from './version'

export const UPDATE_TIMING = {
  /** After start: the app first gets on with starting. */
  firstCheckMs: 10_000,
  /** Between automatic checks. */
  intervalMs: 4 * 60 * 60 * 1_000,
  /** Up to this much is added to each interval, at random. */
  jitterMs: 30 * 60 * 1_000,
} as const

export interface UpdaterOptions {
  /** Null when the install cannot update itself (then `install` says why). */
  port: UpdaterPort | null
  install: InstallDecision
  /** This copy's version. */
  currentVersion: string
  /** The `checkForUpdates` preference, read at each decision. */
  enabled: () => boolean
  /** Whether this app hosts a room now. */
  hosting: () => boolean
  /** Ends the room (or leaves it) properly before the app quits to install. */
  shutdown: () => Promise<void>
  /** Called with the whole state whenever it changes (the `onUpdate` event). */
  publish: (state: UpdateState) => void
  clock?: UpdateClock
  /** 0 ≤ x < 1, for the jitter. */
  random?: () => number
  logger?: Logger
}

export class Updater {
  private current: UpdateState
  private timer: unknown = null
  private checking: Promise<UpdateState> | null = null
  private downloading: string | null = null
  private started = false
  private readonly options: UpdaterOptions
  private readonly clock: UpdateClock
  private readonly log: Logger

  constructor(options: UpdaterOptions) {
    this.options = options
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.log = options.logger ?? SILENT_LOGGER
    this.current = {
      status: 'idle',
      availability: this.availability(),
      currentVersion: options.currentVersion,
      version: null,
      releaseNotes: null,
      progress: null,
      lastCheck: null,
      error: null,
    }
  }

  get state(): UpdateState {
    return this.current
  }

  /** Starts the automatic checks (when allowed): the first one shortly after. */
  start(): void {
    this.started = true
    this.current = { ...this.current, availability: this.availability() }
    this.log.info({ reason: this.options.install.reason }, `updates: ${this.availability()}`)
    this.reschedule(UPDATE_TIMING.firstCheckMs)
  }

  /** The setting changed: start or stop the automatic checks. */
  settingChanged(): void {
    const availability = this.availability()
    if (availability !== this.current.availability) this.set({ availability })
    if (!this.started) return
    if (this.automatic()) {
      if (this.timer === null) this.reschedule(UPDATE_TIMING.firstCheckMs)
    } else {
      this.cancelTimer()
    }
  }

  dispose(): void {
    this.started = false
    this.cancelTimer()
  }

  /**
   * Asks the feed now (Check now, and each automatic check); resolves once the feed has
   * answered, while a newer version downloads in the background. A check already running is
   * joined, not repeated.
   */
  async check(): Promise<UpdateState> {
    if (this.options.port === null) {
      throw new BridgeCommandError(UPDATE_ERROR_CODES.unavailable, this.unavailableSentence())
    }
    this.checking ??= this.checkOnce(this.options.port).finally(() => {
      this.checking = null
      this.reschedule(this.interval())
    })
    return this.checking
  }

  /**
   * Restart to update. While hosting, only with `endRoom` (the person confirmed that the room
   * ends for everyone); the room is then ended properly before the app quits to install.
   */
  async restart(endRoom: boolean): Promise<void> {
    const port = this.options.port
    if (port === null || this.current.status !== 'ready') {
      throw new BridgeCommandError(UPDATE_ERROR_CODES.notReady, 'No update is ready to install.')
    }
    if (this.options.hosting() && !endRoom) {
      throw new BridgeCommandError(
        UPDATE_ERROR_CODES.hosting,
        'You are hosting a room: restarting ends it for everyone in it. Confirm to restart.',
      )
    }
    this.dispose()
    await this.options.shutdown()
    port.quitAndInstall()
  }

  private async checkOnce(port: UpdaterPort): Promise<UpdateState> {
    const ready = this.current.status === 'ready'
    // A version ready or on its way stays on show while the feed is asked again.
    const busy = ready || this.downloading !== null
    if (!busy) this.set({ status: 'checking', error: null })
    let offered
    try {
      offered = await port.check()
    } catch (error) {
      if (busy) this.log.warn({}, `updates: check failed: ${String(error).slice(0, 500)}`)
      else this.fail('check', error)
      return this.current
    }
    // Sent with the outcome, below: one state per step.
    this.current = { ...this.current, lastCheck: this.clock.now() }
    if (offered === null) {
      this.set({
        status: 'error',
        error: { code: UPDATE_ERROR_CODES.unavailable, message: this.unavailableSentence() },
      })
      return this.current
    }
    // Not newer than this copy: up to date, whatever electron-updater thought (no downgrades).
    if (!isNewer(offered.version, this.options.currentVersion)) {
      if (offered.version !== this.options.currentVersion) {
        this.log.warn({ offered: offered.version.slice(0, 64) }, 'updates: older version refused')
      }
      this.set(busy ? {} : { status: 'up-to-date', version: null, releaseNotes: null })
      return this.current
    }
    // Already downloaded or downloading this one: nothing new.
    if (
      (ready && this.current.version === offered.version) ||
      this.downloading === offered.version
    ) {
      this.set({})
      return this.current
    }
    this.set({
      status: 'available',
      version: offered.version,
      releaseNotes: releaseNotesText(offered.releaseNotes),
      progress: null,
      error: null,
    })
    void this.download(port, offered.version)
    return this.current
  }

  private async download(port: UpdaterPort, version: string): Promise<void> {
    this.downloading = version
    this.set({ status: 'downloading', progress: { percent: 0, transferred: 0, total: 0 } })
    try {
      await port.download((progress) => this.progress(version, progress))
      if (this.downloading !== version) return
      this.set({ status: 'ready', progress: null })
    } catch (error) {
      if (this.downloading === version) this.fail('download', error)
    } finally {
      if (this.downloading === version) this.downloading = null
    }
  }

  /** Progress goes out when the whole percent changes: not with every chunk. */
  private progress(version: string, progress: DownloadProgress): void {
    if (this.downloading !== version) return
    const clampInt = (n: number, max: number): number =>
      Number.isFinite(n) ? Math.min(max, Math.max(0, Math.floor(n))) : 0
    const next = {
      percent: clampInt(progress.percent, 100),
      transferred: clampInt(progress.transferred, Number.MAX_SAFE_INTEGER),
      total: clampInt(progress.total, Number.MAX_SAFE_INTEGER),
    }
    if (next.percent === this.current.progress?.percent) return
    this.set({ status: 'downloading', progress: next })
  }

  private fail(stage: 'check' | 'download', error: unknown): void {
    const failure = classifyUpdateError(error)
    this.log.warn({ stage, code: failure.code }, `updates: ${String(error).slice(0, 500)}`)
    this.set({ status: 'error', progress: null, error: failure })
  }

  private availability(): UpdateAvailability {
    const install = this.options.install.availability
    if (install !== 'automatic') return install
    return this.options.enabled() ? 'automatic' : 'off'
  }

  private automatic(): boolean {
    return this.options.port !== null && this.availability() === 'automatic'
  }

  private unavailableSentence(): string {
    switch (this.options.install.availability) {
      case 'package-manager':
        return 'Updates come from your system’s package manager.'
      case 'development':
        return 'This is a development build or a test run: it does not check for updates.'
      default:
        return 'This copy of LAN Room cannot update itself: install new versions the way you installed this one.'
    }
  }

  private interval(): number {
    const random = this.options.random ?? Math.random
    return UPDATE_TIMING.intervalMs + Math.floor(random() * UPDATE_TIMING.jitterMs)
  }

  private reschedule(delayMs: number): void {
    this.cancelTimer()
    if (!this.started || !this.automatic()) return
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      // A failure is already in the state; the next check is scheduled when this one ends.
      this.check().catch(() => {})
    }, delayMs)
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private set(changes: Partial<UpdateState>): void {
    this.current = { ...this.current, ...changes }
    this.options.publish(this.current)
  }
}
