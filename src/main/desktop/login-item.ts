/**
 * Start at login (the `startAtLogin` preference): LAN Room starts with the session, hidden in the
 * tray. macOS and Windows keep login items themselves (Electron's app.setLoginItemSettings, the
 * port); Linux desktops read XDG autostart entries (`~/.config/autostart/*.desktop`, the
 * Desktop Application Autostart Specification), which this module writes and removes itself.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The argument a login start carries (Windows, Linux), so the window stays hidden. */
export const HIDDEN_ARG = '--hidden'
/** The autostart entry's file name (the same as the installed desktop entry's). */
export const AUTOSTART_FILE = 'lanroom.desktop'

/** What the OS needs from Electron: app.setLoginItemSettings (macOS, Windows). */
export type SetLoginItemSettings = (settings: Electron.Settings) => void

/** Where Linux autostart entries live, and writing them (real files, or a test's record). */
export interface AutostartPort {
  write(name: string, text: string): void
  remove(name: string): void
}

export interface LoginItemDeps {
  platform: NodeJS.Platform
  setLoginItemSettings: SetLoginItemSettings
  autostart: AutostartPort
  /** The program a login starts: process.execPath, or the AppImage itself ($APPIMAGE). */
  executable: string
}

/** Adds or removes LAN Room as a login item, the way the platform does it. */
export function applyStartAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  switch (deps.platform) {
    case 'darwin':
      // macOS passes no arguments to login items: the app asks wasOpenedAtLogin instead.
      deps.setLoginItemSettings({ openAtLogin: enabled })
      return
    case 'win32':
      // Removing must name the same path and arguments the item was added with.
      deps.setLoginItemSettings({
        openAtLogin: enabled,
        path: deps.executable,
        args: [HIDDEN_ARG],
      })
      return
    default:
      if (enabled) deps.autostart.write(AUTOSTART_FILE, autostartEntry(deps.executable))
      else deps.autostart.remove(AUTOSTART_FILE)
  }
}

/** Whether this start came from a login item, so the window stays hidden in the tray. */
export function startedAtLogin(
  argv: readonly string[],
  platform: NodeJS.Platform,
  wasOpenedAtLogin: () => boolean,
): boolean {
  if (platform === 'darwin') return wasOpenedAtLogin()
  return argv.includes(HIDDEN_ARG)
}

/**
 * A desktop entry's Exec argument (Desktop Entry Specification, "The Exec key"): quoted, with
 * `"`, `` ` ``, `$` and `\` escaped inside the quotes, then every `\` escaped once more as a
 * string value, and `%` doubled (field codes).
 */
export function execArgument(value: string): string {
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new Error('The program path has a control character: no autostart entry can name it.')
  }
  const quoted = `"${value.replace(/["`$\\]/g, (c) => `\\${c}`)}"`
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')
}

/** The autostart entry that starts LAN Room hidden. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=LAN Room',
    'Comment=Chat with the people on your local network',
    `Exec=${execArgument(executable)} ${HIDDEN_ARG}`,
    'Icon=lanroom',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart. */
export function autostartDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const config = env['XDG_CONFIG_HOME']
  // The spec ignores a relative XDG_CONFIG_HOME.
  const base = config && config.startsWith('/') ? config : join(home, '.config')
  return join(base, 'autostart')
}

/** Autostart entries as real files in `dir`. */
export function autostartFiles(dir: string): AutostartPort {
  return {
    write: (name, text) => {
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, name), text, { mode: 0o644 })
    },
    remove: (name) => rmSync(join(dir, name), { force: true }),
  }
}
