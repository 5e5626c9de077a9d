import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp-dir'
import {
  AUTOSTART_FILE,
  applyStartAtLogin,
  autostartDir,
  autostartEntry,
  autostartFiles,
  execArgument,
  startedAtLogin,
  type AutostartPort,
  type LoginItemDeps,
} from './login-item'

function fakes(platform: NodeJS.Platform): {
  deps: LoginItemDeps
  calls: Electron.Settings[]
  files: string[]
} {
  const calls: Electron.Settings[] = []
  const files: string[] = []
  const autostart: AutostartPort = {
    write: (name, text) => files.push(`write ${name}: ${text.split('\n')[4]}`),
    remove: (name) => files.push(`remove ${name}`),
  }
  return {
    deps: {
      platform,
      setLoginItemSettings: (settings) => calls.push(settings),
      autostart,
      executable: 'C:\\Program Files\\LAN Room\\LAN Room.exe',
    },
    calls,
    files,
  }
}

describe('applyStartAtLogin', () => {
  it('macOS: a login item, without arguments (macOS passes none)', () => {
    const { deps, calls, files } = fakes('darwin')
    applyStartAtLogin(true, deps)
    applyStartAtLogin(false, deps)
    expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }])
    expect(files).toEqual([])
  })

  it('Windows: a login item with --hidden, removed with the same path and arguments', () => {
    const { deps, calls, files } = fakes('win32')
    applyStartAtLogin(true, deps)
    applyStartAtLogin(false, deps)
    const path = 'C:\\Program Files\\LAN Room\\LAN Room.exe'
    expect(calls).toEqual([
      { openAtLogin: true, path, args: ['--hidden'] },
      { openAtLogin: false, path, args: ['--hidden'] },
    ])
    expect(files).toEqual([])
  })

  it('Linux: an XDG autostart entry written and removed, no Electron call', () => {
    const { deps, calls, files } = fakes('linux')
    applyStartAtLogin(true, { ...deps, executable: '/opt/LAN Room/lanroom' })
    applyStartAtLogin(false, deps)
    expect(calls).toEqual([])
    expect(files).toEqual([
      `write ${AUTOSTART_FILE}: Exec="/opt/LAN Room/lanroom" --hidden`,
      `remove ${AUTOSTART_FILE}`,
    ])
  })
})

describe('autostart files', () => {
  let cleanup: (() => void) | null = null
  afterEach(() => cleanup?.())

  it('writes the entry where the spec says, and removing twice is harmless', () => {
    const { path: dir, remove } = tempDir('lanroom-autostart-')
    cleanup = remove
    const where = autostartDir({ XDG_CONFIG_HOME: join(dir, 'config') }, '/home/nobody')
    expect(where).toBe(join(dir, 'config', 'autostart'))
    const port = autostartFiles(where)
    port.write(AUTOSTART_FILE, autostartEntry('/usr/bin/lanroom'))
    const text = readFileSync(join(where, AUTOSTART_FILE), 'utf8')
    expect(text).toContain('[Desktop Entry]\nType=Application\nName=LAN Room\n')
    expect(text).toContain('Exec="/usr/bin/lanroom" --hidden\n')
    port.remove(AUTOSTART_FILE)
    port.remove(AUTOSTART_FILE)
    expect(existsSync(join(where, AUTOSTART_FILE))).toBe(false)
  })

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset or relative', () => {
    expect(autostartDir({}, '/home/ada')).toBe('/home/ada/.config/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: 'rel' }, '/home/ada')).toBe(
      '/home/ada/.config/autostart',
    )
  })

  it('quotes the program as the Exec key needs, and refuses control characters', () => {
    expect(execArgument('/a b/c')).toBe('"/a b/c"')
    expect(execArgument('/x/$HOME`"\\%')).toBe('"/x/\\\\$HOME\\\\`\\\\"\\\\\\\\%%"')
    expect(() => execArgument('/a\nExec=/bin/evil')).toThrow(/control character/)
  })
})

describe('startedAtLogin', () => {
  it('is --hidden on Windows and Linux, and macOS says it itself', () => {
    expect(startedAtLogin(['lanroom', '--hidden'], 'linux', () => false)).toBe(true)
    expect(startedAtLogin(['lanroom.exe', '--hidden'], 'win32', () => false)).toBe(true)
    expect(startedAtLogin(['lanroom'], 'linux', () => true)).toBe(false)
    expect(startedAtLogin(['LAN Room'], 'darwin', () => true)).toBe(true)
    expect(startedAtLogin(['LAN Room', '--hidden'], 'darwin', () => false)).toBe(false)
  })
})
