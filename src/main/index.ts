/**
 * Electron glue only: the app's lifecycle and its window. Everything with logic lives in
 * plain-Node modules (app-state, bridge/dispatch) that are tested without Electron.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BrowserWindow, app, nativeTheme, session, shell } from 'electron'
import { AppStateStore, createAppStateHandlers, defaultProfileName } from './app-state'
import { createTrustedSenderCheck, emit, registerBridge } from './bridge'

// out/main/index.js is an ES module (package.json "type": "module"): no __dirname.
const MAIN_DIR = dirname(fileURLToPath(import.meta.url))
const PRELOAD_PATH = join(MAIN_DIR, '../preload/index.cjs')
const RENDERER_INDEX = join(MAIN_DIR, '../renderer/index.html')

// Only an unpackaged app may load a dev server; a packaged one always shows its own files.
// An empty variable counts as unset, like a missing one.
const DEV_SERVER_URL = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined

let mainWindow: BrowserWindow | null = null

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'LAN Room',
    width: 960,
    height: 680,
    minWidth: 480,
    minHeight: 400,
    show: false,
    autoHideMenuBar: true,
    // Matches the page background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })

  if (DEV_SERVER_URL) void window.loadURL(DEV_SERVER_URL)
  else void window.loadFile(RENDERER_INDEX)
  return window
}

function focusMainWindow(): void {
  if (!mainWindow) {
    mainWindow = createWindow()
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * The page shows text other people typed: whatever a link or script in it tries, the window
 * stays on the app's own page, no new window opens, and no permission is granted.
 */
function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      // Links people post open in their browser, never inside the app.
      if (isExternalLink(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)

  const store = new AppStateStore({ profile: { name: defaultProfileName() } })
  registerBridge(createAppStateHandlers(store), {
    isTrustedSender: createTrustedSenderCheck(DEV_SERVER_URL ?? pathToFileURL(RENDERER_INDEX).href),
  })
  store.subscribe((state) => {
    if (mainWindow) emit(mainWindow.webContents, 'onState', state)
  })

  mainWindow = createWindow()

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
}

// A second copy would fight the first over the hub's port and the mDNS name: hand over to
// the running one instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  lockDownWebContents()
  app.on('second-instance', focusMainWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  void app.whenReady().then(start)
}
