/**
 * Electron glue only: the app's lifecycle and its window. Everything with logic lives in
 * plain-Node modules (app.ts builds them) that are tested without Electron.
 */
// Loaded by src/main/boot.ts once V8's young-generation flag is set (see there).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BrowserWindow,
  Menu,
  Notification,
  app,
  clipboard,
  dialog,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  type OpenDialogOptions,
  type WebContents,
} from 'electron'
import pino from 'pino'
// CommonJS: its named exports are read from the default one (as for pino).
import electronUpdater from 'electron-updater'
import { createApp } from './app'
import { createTrustedSenderCheck, emit, registerBridge } from './bridge'
import { contextMenuTemplate } from './context-menu'
import { isExternalLink } from './external-link'
import {
  RENDERER_ENTRY_URL,
  RENDERER_SCHEME,
  RENDERER_SCHEME_PRIVILEGES,
  createRendererHandler,
} from './renderer-scheme'
import { installCrashGuard } from './crash-guard'
import { mainT, setMainLanguage } from './i18n'
import { Desktop } from './desktop/desktop'
import {
  createTrayPort,
  createUnreadOverlay,
  explainByNotification,
  loginItemDeps,
} from './desktop/electron-ports'
import { applyStartAtLogin, startedAtLogin } from './desktop/login-item'
import { protocolClientRegistration, type LinkInbox } from './desktop/open-links'
import { LANROOM_SCHEME } from '../shared/lanroom-link'
import type { WindowBounds } from './settings'
import type { Logger } from './hub/logger'
import { decideInstall } from './updates/install-kind'
import { createElectronUpdaterPort } from './updates/electron-port'
import type { UpdaterPort } from './updates/port'
import type { Preferences } from '../shared/bridge'

// out/main/app.js (loaded by out/main/index.js, src/main/boot.ts) is an ES module (package.json
// "type": "module"): no __dirname. It is built beside the entry, so the paths below hold.
const MAIN_DIR = dirname(fileURLToPath(import.meta.url))
const PRELOAD_PATH = join(MAIN_DIR, '../preload/index.cjs')
const RENDERER_DIR = join(MAIN_DIR, '../renderer')
/** The guest app hosted rooms serve to browsers (a second build, beside the renderer). */
const GUEST_DIR = join(MAIN_DIR, '../guest')

// Only an unpackaged app may load a dev server; a packaged one always shows its own files.
const DEV_SERVER_URL = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined
/** What the window shows: the dev server in development, else the app's own scheme. */
const PAGE_URL = DEV_SERVER_URL ?? RENDERER_ENTRY_URL

let mainWindow: BrowserWindow | null = null
/** lanroom:// links (desktop/open-links.ts), once the app is built; before, macOS's newest
 * waits in earlyLink. */
let links: LinkInbox | null = null
let earlyLink: string | null = null

// Before anything else can throw: errors are logged, and only those while starting end the app.
const crashGuard = installCrashGuard({
  process,
  logger: pino({ level: 'info' }),
  exit: (code) => app.exit(code),
  onFatal: (error) => dialog.showErrorBox(mainT('dialogs.couldNotStart'), String(error)),
})

/** `hidden`: started at login, the window waits in the tray until opened. */
function createWindow(saved: WindowBounds | null, hidden = false): BrowserWindow {
  // A remembered position is used only if it is still on a screen (monitors come and go).
  const onScreen =
    saved !== null &&
    screen.getAllDisplays().some(({ workArea: a }) => {
      return (
        saved.x < a.x + a.width &&
        saved.x + saved.width > a.x &&
        saved.y < a.y + a.height &&
        saved.y + saved.height > a.y
      )
    })
  const window = new BrowserWindow({
    title: 'LAN Room',
    width: saved?.width ?? 1024,
    height: saved?.height ?? 720,
    ...(onScreen && saved ? { x: saved.x, y: saved.y } : {}),
    minWidth: 480,
    minHeight: 400,
    show: false,
    autoHideMenuBar: true,
    // Matches the page background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17181c' : '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize()
    if (!hidden) window.show()
  })
  window.on('closed', () => {
    links?.windowGone()
    if (mainWindow === window) mainWindow = null
  })
  // A link that arrived before the page listened is handed over once it has loaded.
  window.webContents.on('did-start-loading', () => links?.windowGone())
  window.webContents.on('did-finish-load', () => links?.windowReady())
  void window.loadURL(PAGE_URL)
  return window
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/**
 * The page shows text other people typed: whatever a link or script in it tries, the window
 * stays on the app's own page, no new window opens, and no permission is granted.
 */
function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      // Links people post open in their browser, never inside the app.
      if (isExternalLink(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
}

/**
 * The renderer's files come from `app://lanroom/` (renderer-scheme.ts): not file://, whose
 * pages share one origin with every file on the disk. The scheme's privileges must be known
 * before the app is ready; the handler is registered once it is.
 */
function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { ...RENDERER_SCHEME_PRIVILEGES } },
  ])
}

function serveRenderer(): boolean {
  // The dev server serves the page itself; out/renderer may not even be built then.
  if (DEV_SERVER_URL) return true
  try {
    protocol.handle(RENDERER_SCHEME, createRendererHandler(RENDERER_DIR))
    return true
  } catch (error) {
    // A build whose page has no Content Security Policy is not shown at all.
    dialog.showErrorBox(
      mainT('dialogs.couldNotStart'),
      mainT('dialogs.windowCannotShow', { error: String(error) }),
    )
    app.exit(1)
    return false
  }
}

/** Spell checking follows the person's preference (settings dialog); off means no dictionary
 * is downloaded (Windows and Linux fetch them from Google's servers). The theme is Chromium's
 * too: the page's prefers-color-scheme, the window's background before the page paints, and
 * native controls follow it (the page also marks it, as data-theme). */
/** The tray, once made: rebuilt when the language changes. */
let desktopShown: Desktop | null = null

function applyPreferences(preferences: Preferences): void {
  // Main's texts follow the Language setting (`system`: the OS's languages, as the window's).
  if (setMainLanguage(preferences.language, app.getPreferredSystemLanguages())) {
    desktopShown?.refresh()
  }
  session.defaultSession.setSpellCheckerEnabled(preferences.spellcheck)
  nativeTheme.themeSource = preferences.theme
  applyLoginItem(preferences.startAtLogin)
}

/** The login item follows startAtLogin: set at start, then on each change only. */
let loginItemApplied: boolean | null = null
function applyLoginItem(enabled: boolean): void {
  if (loginItemApplied === enabled) return
  loginItemApplied = enabled
  try {
    applyStartAtLogin(enabled, loginItemDeps())
  } catch (error) {
    console.error(`[desktop] start at login could not be ${enabled ? 'set' : 'removed'}:`, error)
  }
}

/** The right-click menu (context-menu.ts): editing, spelling suggestions, copying links. */
function enableContextMenu(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('context-menu', (_menuEvent, params) => showContextMenu(contents, params))
  })
}

function showContextMenu(contents: WebContents, params: Electron.ContextMenuParams): void {
  const items = contextMenuTemplate(
    params,
    {
      replaceMisspelling: (suggestion) => contents.replaceMisspelling(suggestion),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      copyText: (text) => clipboard.writeText(text),
    },
    { spellcheck: contents.session.isSpellCheckerEnabled() },
  )
  if (items.length === 0) return
  const window = BrowserWindow.fromWebContents(contents)
  Menu.buildFromTemplate(items).popup(window ? { window } : {})
}

/** The OS's open dialog, on the window while there is one. */
function openDialog(options: OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> {
  return mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)
}

/** A file electron-builder put beside app.asar (package-type, app-update.yml), or null. */
function readResource(name: string): string | null {
  try {
    return readFileSync(join(process.resourcesPath, name), 'utf8')
  } catch {
    return null
  }
}

/**
 * How this copy was installed decides whether it updates itself (updates/install-kind.ts);
 * electron-updater is set up only when it does. LANROOM_UPDATES=off (the test tiers) turns
 * checking off whatever the build.
 */
function updatesOf(logger: Logger): {
  port: UpdaterPort | null
  install: ReturnType<typeof decideInstall>
} {
  const install = decideInstall({
    platform: process.platform,
    isPackaged: app.isPackaged,
    updatesEnv: process.env['LANROOM_UPDATES'],
    appImage: process.env['APPIMAGE'],
    packageType: readResource('package-type'),
    updateConfig: readResource('app-update.yml'),
  })
  const port =
    install.availability === 'automatic'
      ? createElectronUpdaterPort(electronUpdater.autoUpdater, logger)
      : null
  return { port, install }
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)

  const logger = pino({ level: app.isPackaged ? 'warn' : 'info' })
  const dataDir = app.getPath('userData')
  let built: ReturnType<typeof createApp>
  // Stops hosting and leaves once, whether the app quits or restarts to update.
  let shuttingDown: Promise<void> | null = null
  let shutDown = false
  const shutdown = (): Promise<void> =>
    (shuttingDown ??= built.controller
      .shutdown()
      .catch((error: unknown) => logger.error({}, `shutting down: ${String(error)}`))
      .finally(() => {
        shutDown = true
        built.batcher.dispose()
      }))
  try {
    built = createApp({
      dataDir,
      logger,
      platform: { copyText: (text) => clipboard.writeText(text) },
      files: {
        downloadsDir: () => app.getPath('downloads'),
        tempDir: () => join(app.getPath('temp'), `lanroom-${process.pid}`),
        showItemInFolder: (path) => shell.showItemInFolder(path),
        openPath: (path) => shell.openPath(path),
        pickFiles: async () => {
          const picked = await openDialog({ properties: ['openFile', 'multiSelections'] })
          return picked.canceled ? [] : picked.filePaths
        },
        pickFolder: async () => {
          const picked = await openDialog({ properties: ['openDirectory', 'createDirectory'] })
          return picked.canceled ? null : (picked.filePaths[0] ?? null)
        },
      },
      applyPreferences,
      showWindow: focusMainWindow,
      // A build without it (the guest build failed or was skipped) hosts without guests.
      guestApp: existsSync(join(GUEST_DIR, 'index.html')) ? { dir: GUEST_DIR } : null,
      notifications: {
        platform: process.platform,
        wanted: () => !!mainWindow && !mainWindow.isFocused() && Notification.isSupported(),
        // Silent: the window plays the app's own short sound, when Sounds is on.
        show: ({ title, body }) => {
          const notification = new Notification({ title, body, silent: true })
          notification.on('click', focusMainWindow)
          notification.show()
        },
      },
      sink: (name, payload) => {
        if (mainWindow) emit(mainWindow.webContents, name, payload)
      },
      // package.json's, as built: unpackaged, app.getVersion() can be Electron's own.
      updates: { ...updatesOf(logger), currentVersion: __APP_VERSION__, shutdown },
    })
  } catch (error) {
    // The installation's key (identity.pem) is never replaced behind the person's back: that
    // would make them someone else in every room. Say what is wrong and where, then stop.
    logger.error({}, `starting: ${String(error)}`)
    dialog.showErrorBox(
      mainT('dialogs.couldNotStart'),
      `${(error as Error).message}\n\n${mainT('dialogs.identityAdvice', { dir: dataDir })}`,
    )
    app.exit(1)
    return
  }
  const { controller, handlers, settings, notifier, updater } = built
  links = built.links
  if (!serveRenderer()) return
  registerBridge(handlers, { isTrustedSender: createTrustedSenderCheck(PAGE_URL) })

  const unreadOverlay = createUnreadOverlay()
  controller.on('snapshot', (snapshot) => {
    // The dock (macOS) and launcher (Linux Unity) badge; Windows has none for this API, and
    // gets a dot over its taskbar button instead.
    app.setBadgeCount(snapshot.room?.unread ?? 0)
    if (mainWindow) unreadOverlay(mainWindow, snapshot.room?.unread ?? 0)
  })

  const tray = createTrayPort(focusMainWindow)
  const desktop = new Desktop({
    controller,
    settings,
    tray,
    showWindow: focusMainWindow,
    quit: () => app.quit(),
    explain: (message) => explainByNotification(message, focusMainWindow),
    platform: process.platform,
    logger,
  })
  desktopShown = desktop
  // Started at login: the window waits in the tray (shown anyway if there is no tray).
  const hidden =
    tray !== null &&
    startedAtLogin(
      process.argv,
      process.platform,
      () => app.getLoginItemSettings().wasOpenedAtLogin,
    )
  mainWindow = createWindow(settings.current.window, hidden)
  const remember = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    const bounds = mainWindow.getNormalBounds()
    settings.update({ window: { ...bounds, maximized: mainWindow.isMaximized() } })
  }
  mainWindow.on('close', (event) => {
    remember()
    // In a room or hosting, closing keeps LAN Room running in the tray (desktop/close-policy.ts).
    if (desktop.windowClosing().action === 'hide') {
      event.preventDefault()
      mainWindow?.hide()
    }
  })
  mainWindow.on('focus', () => {
    controller.markRead()
    notifier?.clear()
  })
  controller.start()
  updater?.start()
  crashGuard.started()
  // The link that started the app (Windows, Linux: on the command line; macOS: open-url).
  built.links.openFromArgv(process.argv)
  if (earlyLink !== null) built.links.open(earlyLink)
  earlyLink = null

  // Stop hosting and leave before quitting, so members see the room end instead of timing out.
  // Restart to update has done so already (updates/updater.ts) and quits through here too.
  app.on('before-quit', (event) => {
    desktop.quitRequested()
    if (shutDown) return
    event.preventDefault()
    remember()
    updater?.dispose()
    void shutdown().finally(() => {
      desktop.dispose()
      app.quit()
    })
  })
}

/** The lanroom: scheme, where no installer registered it (desktop/open-links.ts). */
function registerProtocolClient(): void {
  const registration = protocolClientRegistration({
    platform: process.platform,
    defaultApp: process.defaultApp === true,
    appPath: process.argv[1] ? resolve(process.argv[1]) : undefined,
    appImage: process.env['APPIMAGE'] !== undefined,
  })
  if (registration) {
    app.setAsDefaultProtocolClient(LANROOM_SCHEME, process.execPath, registration.args)
  }
}

// Every renderer is sandboxed, whatever its webPreferences say: the window already asks for
// it, and this keeps it so for any renderer added later. Must run before the app is ready.
app.enableSandbox()
registerRendererScheme()

// A second copy would fight the first over the hub's port and the mDNS name: hand over to
// the running one instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  lockDownWebContents()
  enableContextMenu()
  registerProtocolClient()
  // A second start (a lanroom:// link clicked on Windows or Linux, or the launcher while the
  // window waits in the tray) brings this one forward with its link.
  app.on('second-instance', (_event, argv) => {
    focusMainWindow()
    links?.openFromArgv(argv)
  })
  // macOS hands links over as open-url, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    if (links) links.open(url)
    else earlyLink = url
  })
  // The dock icon brings a window hidden in the menu bar back.
  app.on('activate', focusMainWindow)
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(start)
}
