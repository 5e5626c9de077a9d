/**
 * Builds the app's parts (settings, directory, controller, bridge handlers, event batcher)
 * from plain-Node modules. The Electron glue (index.ts) calls this with what only Electron can
 * give (paths, clipboard); the browser test harness calls it with temporary directories.
 */
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from './hub/logger'
import { Hub, type HubOptions } from './hub'
import { joinHosts } from './hub/join-urls'
import { RoomAdvertiser, RoomDirectory, type DirectoryOptions } from './discovery'
import { LookHarder, selectionOf, type LookHarderOptions } from './discovery/look-harder'
import { EventBatcher, type EventSink } from './bridge/batcher'
import type { BridgeHandlers } from './bridge/dispatch'
import { Controller, createHandlers, type Platform, type SessionFactory } from './controller'
import { SettingsStore, defaultProfileName } from './settings'
import {
  createPreferenceHandlers,
  currentPreferences,
  type ApplyPreferences,
} from './settings/preferences'
import { createRoomSession } from './controller/node-session'
import { inspectRoom } from './controller/inspect'
import { loadOrCreateIdentity } from './security/identity'
import { PinStore } from './security/pins'
import { createDoctorHandler } from './doctor/app-doctor'
import { Transfers } from './controller/transfers'
import { nodeFileIo } from './controller/node-file-io'
import type { FilePlatform } from './controller/deps'
import { TlsStore } from './security/tls-renewal'
import { HostedRoom } from './controller/hosting'
import { ChatNotifier, type NotifierOptions } from './notifier'
import { LinkInbox } from './desktop/open-links'
import { Updater, type UpdaterOptions } from './updates/updater'
import { updateHandlers } from './updates/handlers'

export interface AppOptions {
  /** The app's data directory: settings.json, hosted rooms' history, the installation's
   * identity key (identity.pem), TLS certificate (tls/) and pinned certificates (pins.json). */
  dataDir: string
  platform: Platform
  /** Applies the person's preferences (spell checking) where they take effect: at start and on
   * every change. Default: nowhere (tests, the browser harness). */
  applyPreferences?: ApplyPreferences
  /** Where batched events for the window go. */
  sink: EventSink
  /** Files: the OS's folders and dialogs (Electron in the glue). Default: the home folder's
   * Downloads, the OS temp folder, no dialogs (tests, the browser harness). */
  files?: FilePlatform
  logger: Logger
  suggestedName?: string
  hostPort?: number
  hostBind?: string
  directory?: DirectoryOptions
  /** Look harder's /info fetcher and watch interval, for tests. */
  lookHarder?: Pick<LookHarderOptions, 'request' | 'watchIntervalMs'>
  connect?: SessionFactory
  /** The built guest app hosted rooms serve to browsers (out/guest). Default: none. */
  guestApp?: { dir: string } | null
  /** Starts hubs; tests wrap it to reach the hub. Default Hub.start. */
  startHub?: (options: HubOptions) => Promise<Hub>
  /** System notifications for chats (notifier.ts), as the settings allow. Default: none. */
  notifications?: Pick<NotifierOptions, 'show' | 'wanted' | 'platform' | 'now' | 'schedule'>
  /** Brings the window forward (a lanroom:// link arrived). Default: nothing (tests). */
  showWindow?: () => void
  /**
   * The app's own updates (src/main/updates): electron-updater's port and how the app was
   * installed, from the Electron glue; a fake port in tests. `shutdown` defaults to the
   * controller's. Default: none (the commands say this copy does not check).
   */
  updates?: Pick<UpdaterOptions, 'port' | 'install' | 'currentVersion' | 'clock' | 'random'> &
    Partial<Pick<UpdaterOptions, 'shutdown'>>
}

export interface App {
  controller: Controller
  handlers: BridgeHandlers
  batcher: EventBatcher
  settings: SettingsStore
  lookHarder: LookHarder
  /** Null without `notifications`. */
  notifier: ChatNotifier | null
  /** Files staged, uploads and downloads (controller/transfers.ts). */
  transfers: Transfers
  /** lanroom:// links for the window (desktop/open-links.ts). */
  links: LinkInbox
  /** Null without `updates`; started by the caller (the glue, once the window exists). */
  updater: Updater | null
}

export function createApp(options: AppOptions): App {
  const settings = new SettingsStore(join(options.dataDir, 'settings.json'), options.logger)
  const settings0 = settings.current
  const directory = new RoomDirectory({
    logger: options.logger,
    selection: selectionOf(settings0.interfaces),
    ...options.directory,
  })
  const lookHarder = new LookHarder({
    directory,
    logger: options.logger,
    ...(options.directory?.interfaces ? { interfaces: options.directory.interfaces } : {}),
    ...options.lookHarder,
  })
  const tls = new TlsStore(join(options.dataDir, 'tls'))
  const pins = new PinStore(join(options.dataDir, 'pins.json'), options.logger)
  const controller = new Controller({
    settings,
    identity: loadOrCreateIdentity(join(options.dataDir, 'identity.pem')),
    tlsCredentials: (names) => tls.credentials(names),
    pins,
    inspect: (address, inspectOptions) => inspectRoom(address, inspectOptions),
    dataDir: options.dataDir,
    suggestedName: options.suggestedName ?? defaultProfileName(),
    directory,
    startHub: options.startHub ?? ((hubOptions) => Hub.start(hubOptions)),
    hostRoom: HostedRoom.start,
    // The Interfaces setting as it is when the room starts.
    createAdvertiser: (room) =>
      new RoomAdvertiser({
        ...room,
        selection: selectionOf(settings.current.interfaces),
        logger: options.logger,
      }),
    connect: options.connect ?? createRoomSession,
    joinAddresses: (port) => {
      const hosts = joinHosts(options.hostBind ?? '0.0.0.0')
      // Loopback is only useful to others when nothing else is there.
      const shared = hosts.filter((host) => host !== '127.0.0.1')
      return (shared.length > 0 ? shared : hosts).map((host) => `${host}:${port}`)
    },
    logger: options.logger,
    ...(options.hostPort !== undefined ? { hostPort: options.hostPort } : {}),
    ...(options.hostBind !== undefined ? { hostBind: options.hostBind } : {}),
    guestApp: options.guestApp ?? null,
  })
  const batcher = new EventBatcher(options.sink)
  controller.on('snapshot', (snapshot) => batcher.pushSnapshot(snapshot))
  controller.on('timeline', (patch) => batcher.pushTimeline(patch))
  controller.on('notice', (notice) => batcher.pushNotice(notice))
  const filePlatform = options.files ?? headlessFilePlatform()
  const transfers = new Transfers({
    session: () => controller.roomSession(),
    platform: filePlatform,
    // Its identity and TLS keys are never shared, whatever path a window names.
    io: nodeFileIo(filePlatform, [options.dataDir]),
    downloadDir: () => settings.current.downloadDir,
    setDownloadDir: (downloadDir) => settings.update({ downloadDir }),
    publish: (list) => options.sink('onTransfers', list),
  })
  controller.on('snapshot', (snapshot) => transfers.observe(snapshot))
  const updater = options.updates
    ? new Updater({
        shutdown: () => controller.shutdown(),
        ...options.updates,
        enabled: () => settings.current.checkForUpdates,
        hosting: () => controller.snapshot().situation === 'hosting',
        publish: (state) => options.sink('onUpdate', state),
        logger: options.logger,
      })
    : null
  const applyPlatform = options.applyPreferences ?? (() => {})
  let language = settings.current.language
  const applyPreferences: ApplyPreferences = (preferences) => {
    applyPlatform(preferences)
    if (preferences.language !== language) {
      language = preferences.language
      controller.languageChanged()
    }
    lookHarder.configure(preferences)
    controller.setGuests(preferences.allowGuests)
    updater?.settingChanged()
  }
  applyPreferences(currentPreferences(settings))
  const handlers = createHandlers(
    controller,
    options.platform,
    createPreferenceHandlers(settings, applyPreferences),
    {
      listInterfaces: () => lookHarder.describeInterfaces(),
      lookHarder: () => {
        lookHarder.start()
        return { ok: true }
      },
      cancelLookHarder: () => {
        lookHarder.cancel()
        return { ok: true }
      },
    },
    createDoctorHandler({
      rooms: () => directory.state.rooms,
      pins,
      selection: () => selectionOf(settings.current.interfaces),
      hostedPort: () => controller.hostedPort(),
    }),
    transfers.handlers(),
    ...(updater ? [updateHandlers(updater)] : []),
  )
  // Events still waiting in the batcher go out before a full read's answer, so the window never
  // applies an older patch on top of a newer whole.
  const wrapped: BridgeHandlers = {
    ...handlers,
    getSnapshot: (args) => {
      batcher.flush()
      return handlers.getSnapshot(args)
    },
    getTimeline: (args) => {
      batcher.flush()
      return handlers.getTimeline(args)
    },
  }
  const notifier = options.notifications
    ? createNotifier(controller, settings, options.notifications, options.sink)
    : null
  const links = new LinkInbox({
    sink: options.sink,
    show: options.showWindow ?? (() => {}),
    logger: options.logger,
  })
  return {
    controller,
    handlers: wrapped,
    batcher,
    settings,
    lookHarder,
    notifier,
    transfers,
    links,
    updater,
  }
}

/**
 * The notifier, fed the room's incoming chats and asking the settings for each: the
 * Notifications level, the room's mute, whether to show the text, and whether to sound (the
 * window plays the sound: main has no audio).
 */
function createNotifier(
  controller: Controller,
  settings: SettingsStore,
  options: NonNullable<AppOptions['notifications']>,
  sink: EventSink,
): ChatNotifier {
  const notifier = new ChatNotifier({
    ...options,
    level: () => settings.current.notifications,
    muted: (roomId) => settings.current.mutedRooms.includes(roomId),
    showText: () => settings.current.notificationText,
    show: (notification) => {
      options.show(notification)
      if (settings.current.sounds) sink('onChime', { mention: notification.mention === true })
    },
  })
  controller.on('incoming', ({ name, text, roomName, roomId, mention }) => {
    // Not even gathered while the person is looking.
    if (options.wanted && !options.wanted()) return
    notifier.incoming({ room: roomName, roomId, name, text, ...(mention ? { mention } : {}) })
  })
  return notifier
}

/** Files without a desktop: the home folder's Downloads, the OS temp folder, no dialogs. */
function headlessFilePlatform(): FilePlatform {
  return {
    downloadsDir: () => join(homedir(), 'Downloads'),
    tempDir: () => join(tmpdir(), `lanroom-${process.pid}`),
    showItemInFolder: () => {},
    openPath: () => Promise.resolve('there is no desktop here'),
    pickFiles: () => Promise.resolve([]),
    pickFolder: () => Promise.resolve(null),
  }
}
