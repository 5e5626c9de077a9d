import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/bridge'
import { SNAPSHOT } from '../../../test/support/bridge-fixtures'
import { tempDir } from '../../../test/support/temp-dir'
import { SILENT_LOGGER } from '../hub/logger'
import { SettingsStore } from '../settings'
import { Desktop, type DesktopControllerPort, type TrayPort } from './desktop'
import type { TrayAction, TrayMenuItem, TrayStatus } from './tray-menu'

/** The controller as the tray sees it: snapshots, and stopHosting recorded. */
class FakeController extends EventEmitter implements DesktopControllerPort {
  current: Snapshot = SNAPSHOT
  stops = 0
  snapshot(): Snapshot {
    return this.current
  }
  stopHosting(): Promise<void> {
    this.stops++
    this.set('idle')
    return Promise.resolve()
  }
  set(situation: Snapshot['situation'], unread = 0): void {
    const room =
      situation === 'idle'
        ? null
        : ({ id: 'room-lab', name: 'Lab', hosting: situation === 'hosting', unread } as Partial<
            NonNullable<Snapshot['room']>
          > as NonNullable<Snapshot['room']>)
    this.current = { ...SNAPSHOT, situation, room }
    this.emit('snapshot', this.current)
  }
}

class FakeTray implements TrayPort {
  updates = 0
  menu: TrayMenuItem[] = []
  status: TrayStatus | null = null
  click: (action: TrayAction) => void = () => {}
  destroyed = false
  update(menu: TrayMenuItem[], status: TrayStatus, onAction: (action: TrayAction) => void): void {
    this.updates++
    this.menu = menu
    this.status = status
    this.click = onAction
  }
  destroy(): void {
    this.destroyed = true
  }
  actions(): string[] {
    return this.menu.flatMap((item) => (item.kind === 'action' ? [item.action] : []))
  }
}

describe('Desktop', () => {
  let cleanup: (() => void) | null = null
  afterEach(() => cleanup?.())

  function setUp(tray: FakeTray | null = new FakeTray()) {
    const dir = tempDir('lanroom-desktop-')
    cleanup = dir.remove
    const settings = new SettingsStore(join(dir.path, 'settings.json'))
    const controller = new FakeController()
    const log: string[] = []
    const desktop = new Desktop({
      controller,
      settings,
      tray,
      showWindow: () => log.push('show'),
      quit: () => log.push('quit'),
      explain: ({ title }) => log.push(`explain ${title}`),
      platform: 'linux',
      logger: SILENT_LOGGER,
    })
    return { desktop, controller, settings, tray, log, path: join(dir.path, 'settings.json') }
  }

  it("follows main's snapshots: lobby, hosting with unread, back to the lobby", () => {
    const { controller, tray } = setUp()
    expect(tray?.actions()).toEqual(['open', 'quit'])
    controller.set('hosting', 3)
    expect(tray?.actions()).toEqual(['open', 'mute', 'stopHosting', 'quit'])
    expect(tray?.status).toEqual({
      tooltip: 'LAN Room: Hosting Lab (3 unread)',
      title: '3',
    })
    controller.set('idle')
    expect(tray?.actions()).toEqual(['open', 'quit'])
    expect(tray?.status?.title).toBe('')
  })

  it('updates the tray only when what it shows changed', () => {
    const { controller, tray } = setUp()
    controller.set('joined', 1)
    const before = tray?.updates
    controller.set('joined', 1)
    controller.set('joined', 1)
    expect(tray?.updates).toBe(before)
  })

  it('mutes and unmutes the room in the settings, as the Settings dialog does', () => {
    const { controller, tray, settings } = setUp()
    controller.set('joined')
    tray?.click('mute')
    expect(settings.current.mutedRooms).toEqual(['room-lab'])
    expect(tray?.actions()).toContain('unmute')
    expect(tray?.status?.tooltip).toBe('LAN Room: In Lab, muted')
    tray?.click('unmute')
    expect(settings.current.mutedRooms).toEqual([])
    // A muted room set elsewhere (the Settings dialog) shows after the next refresh.
    settings.update({ mutedRooms: ['room-lab'] })
    controller.set('joined')
    expect(tray?.actions()).toContain('unmute')
  })

  it('stops hosting, opens the window and quits from the menu', () => {
    const { controller, tray, log } = setUp()
    controller.set('hosting')
    tray?.click('stopHosting')
    expect(controller.stops).toBe(1)
    tray?.click('open')
    tray?.click('quit')
    expect(log).toEqual(['show', 'quit'])
  })

  it('closing in a room hides the window and explains once, remembered across starts', () => {
    const { desktop, controller, log, path } = setUp()
    expect(desktop.windowClosing()).toEqual({ action: 'close' })
    controller.set('joined')
    expect(desktop.windowClosing()).toEqual({ action: 'hide', explain: true })
    expect(desktop.windowClosing()).toEqual({ action: 'hide', explain: false })
    expect(log).toEqual(['explain LAN Room is still running'])
    expect(new SettingsStore(path).current.trayExplained).toBe(true)
  })

  it('after Quit, closing closes even in a room', () => {
    const { desktop, controller, tray } = setUp()
    controller.set('hosting')
    tray?.click('quit')
    expect(desktop.windowClosing()).toEqual({ action: 'close' })
    desktop.dispose()
    expect(tray?.destroyed).toBe(true)
  })

  it('without a tray, closing closes as before', () => {
    const { desktop, controller } = setUp(null)
    controller.set('hosting')
    expect(desktop.windowClosing()).toEqual({ action: 'close' })
  })
})
