/// <reference types="electron-vite/node" />
/**
 * The Electron side of the desktop ports, kept thin: each turns plain data from desktop.ts,
 * tray-menu.ts and login-item.ts into Electron calls, with no decisions of its own. Only the
 * Electron tier (e2e/electron.e2e.ts) runs this file; everything it is handed is tested there
 * and in the unit tests with fakes.
 */
import { readFileSync } from 'node:fs'
import { Menu, Notification, Tray, app, dialog, nativeImage, type BrowserWindow } from 'electron'
// electron-vite copies the file into out/ and gives its path at run time.
import TRAY_ICON from '../../../build/icons/32x32.png?asset'
import TRAY_TEMPLATE from '../../../build/tray/trayTemplate.png?asset'
import TRAY_TEMPLATE_2X from '../../../build/tray/trayTemplate@2x.png?asset'
import { badgeDescription, badgeDotBitmap } from './badge-dot'
import type { TrayPort } from './desktop'
import { autostartDir, autostartFiles, type LoginItemDeps } from './login-item'
import { trayIconPlan } from './tray-icon'
import type { TrayAction, TrayMenuItem, TrayStatus } from './tray-menu'

/** Electron's menu template for the model's items. */
export function trayTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): Electron.MenuItemConstructorOptions[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' }
      case 'label':
        return { label: item.label, enabled: false }
      case 'action':
        return { label: item.label, click: () => onAction(item.action) }
    }
  })
}

/** The tray's image as tray-icon.ts plans it (a template image in macOS's menu bar). */
function trayImage(): Electron.NativeImage {
  const plan = trayIconPlan(process.platform, {
    colour: TRAY_ICON,
    template: TRAY_TEMPLATE,
    template2x: TRAY_TEMPLATE_2X,
  })
  if (!plan.template) return nativeImage.createFromPath(plan.path)
  const image = nativeImage.createEmpty()
  for (const { scaleFactor, path } of plan.representations) {
    image.addRepresentation({ scaleFactor, buffer: readFileSync(path) })
  }
  image.setTemplateImage(true)
  return image
}

/**
 * The tray (menu-bar) icon, or null where none can be made (a Linux desktop without a tray:
 * Electron then throws or shows nothing; closing the window then closes it as before).
 */
export function createTrayPort(showWindow: () => void): TrayPort | null {
  let tray: Tray
  try {
    tray = new Tray(trayImage())
  } catch {
    return null
  }
  // Windows opens the window on a click (the menu is the right click); macOS and Linux show the
  // menu on a click, which begins with Open.
  if (process.platform === 'win32') tray.on('click', showWindow)
  return {
    update(menu: TrayMenuItem[], status: TrayStatus, onAction: (action: TrayAction) => void) {
      tray.setContextMenu(Menu.buildFromTemplate(trayTemplate(menu, onAction)))
      tray.setToolTip(status.tooltip)
      if (process.platform === 'darwin') tray.setTitle(status.title)
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy()
    },
  }
}

/** Login items through Electron on macOS and Windows, autostart files on Linux. */
export function loginItemDeps(): LoginItemDeps {
  return {
    platform: process.platform,
    setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
    autostart: autostartFiles(autostartDir()),
    // An AppImage runs from a mount that changes with every start: the login item names the file.
    executable: process.env['APPIMAGE'] ?? process.execPath,
  }
}

/** The one-time "still running" explanation: a system notification, or a small dialog where
 * the system has no notifications. */
export function explainByNotification(
  message: { title: string; body: string },
  onClick: () => void,
): void {
  if (!Notification.isSupported()) {
    void dialog.showMessageBox({ type: 'info', title: message.title, message: message.body })
    return
  }
  const notification = new Notification({ ...message, silent: true })
  notification.on('click', onClick)
  notification.show()
}

const OVERLAY_SIZE = 16

/**
 * Windows' unread badge: a dot over the taskbar button while messages are unread (the dock and
 * launcher badge, app.setBadgeCount, does nothing there). Set only when the count changes.
 */
export function createUnreadOverlay(): (window: BrowserWindow, unread: number) => void {
  let shown: number | null = null
  let dot: Electron.NativeImage | null = null
  return (window, unread) => {
    if (process.platform !== 'win32' || window.isDestroyed() || unread === shown) return
    shown = unread
    if (unread === 0) {
      window.setOverlayIcon(null, '')
      return
    }
    dot ??= nativeImage.createFromBitmap(Buffer.from(badgeDotBitmap(OVERLAY_SIZE)), {
      width: OVERLAY_SIZE,
      height: OVERLAY_SIZE,
    })
    window.setOverlayIcon(dot, badgeDescription(unread))
  }
}
