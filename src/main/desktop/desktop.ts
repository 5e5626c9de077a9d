/**
 * The desktop citizen's main-side logic: the tray icon's state and menu actions, and what closing
 * the window does. Fed by main's own controller (its snapshot: situation, room, unread count) and
 * the settings file (mutedRooms): nothing here trusts the window. Electron stays behind the ports
 * (electron-ports.ts builds the real ones; tests pass fakes).
 */
import type { Snapshot } from '../../shared/bridge'
import type { Logger } from '../hub/logger'
import type { SettingsStore } from '../settings'
import { withRoomMuted } from '../settings/preferences'
import { closeDecision, trayExplanation, type CloseDecision } from './close-policy'
import {
  LOBBY,
  trayMenuModel,
  trayStatus,
  type TrayAction,
  type TrayMenuItem,
  type TrayState,
  type TrayStatus,
} from './tray-menu'

/** The tray icon (Electron's Tray and Menu in the app). */
export interface TrayPort {
  /** Shows this menu and status; `onAction` is called with the clicked item's action. */
  update(menu: TrayMenuItem[], status: TrayStatus, onAction: (action: TrayAction) => void): void
  destroy(): void
}

export interface DesktopControllerPort {
  on(event: 'snapshot', listener: (snapshot: Snapshot) => void): unknown
  snapshot(): Snapshot
  stopHosting(): Promise<void>
}

export interface DesktopOptions {
  controller: DesktopControllerPort
  settings: SettingsStore
  /** Null where no tray icon could be made: closing then always closes. */
  tray: TrayPort | null
  /** Brings the window forward (showing it if hidden). */
  showWindow: () => void
  /** Quits the app (before-quit ends the room properly). */
  quit: () => void
  /** Tells the person something once (a system notification in the app). */
  explain: (message: { title: string; body: string }) => void
  platform: NodeJS.Platform
  logger: Logger
}

export class Desktop {
  private quitting = false
  private shown: string | null = null

  constructor(private readonly options: DesktopOptions) {
    options.controller.on('snapshot', () => this.refresh())
    this.refresh()
  }

  /** What the tray shows now, from the controller and the settings. */
  state(): TrayState {
    const snapshot = this.options.controller.snapshot()
    const room = snapshot.room
    if (snapshot.situation === 'idle' || !room) return LOBBY
    return {
      situation: snapshot.situation,
      room: { id: room.id, name: room.name },
      unread: room.unread,
      muted: this.options.settings.current.mutedRooms.includes(room.id),
    }
  }

  /** Brings the tray up to date (after a snapshot, or a preference change). Cheap when equal. */
  refresh(): void {
    const { tray } = this.options
    if (!tray) return
    const state = this.state()
    const menu = trayMenuModel(state)
    const status = trayStatus(state)
    const key = JSON.stringify([menu, status])
    if (key === this.shown) return
    this.shown = key
    tray.update(menu, status, (action) => this.act(action))
  }

  /** Carries out a tray menu item. */
  act(action: TrayAction): void {
    switch (action) {
      case 'open':
        this.options.showWindow()
        return
      case 'mute':
      case 'unmute':
        this.mute(action === 'mute')
        return
      case 'stopHosting':
        void this.options.controller
          .stopHosting()
          .catch((error: unknown) =>
            this.options.logger.error({}, `stopping hosting from the tray: ${String(error)}`),
          )
        return
      case 'quit':
        this.quitRequested()
        this.options.quit()
        return
    }
  }

  /** Quit was chosen (tray, app menu, Cmd+Q: before-quit): the window may close from now on. */
  quitRequested(): void {
    this.quitting = true
  }

  /**
   * The window is closing: hide it (and say why, the first time) or let it close. index.ts
   * prevents the close when this says hide.
   */
  windowClosing(): CloseDecision {
    const snapshot = this.options.controller.snapshot()
    const decision = closeDecision({
      situation: snapshot.situation,
      quitting: this.quitting,
      explained: this.options.settings.current.trayExplained,
      hasTray: this.options.tray !== null,
    })
    if (decision.action === 'hide' && decision.explain) {
      this.options.settings.update({ trayExplained: true })
      this.options.explain(
        trayExplanation(snapshot.situation, snapshot.room?.name ?? '', this.options.platform),
      )
    }
    return decision
  }

  dispose(): void {
    this.options.tray?.destroy()
  }

  private mute(on: boolean): void {
    const room = this.options.controller.snapshot().room
    if (!room) return
    const { settings } = this.options
    // The notifier asks the settings for each message, so this applies at once.
    settings.update({ mutedRooms: withRoomMuted(settings.current.mutedRooms, room.id, on) })
    this.refresh()
  }
}
