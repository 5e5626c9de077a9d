import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { DEFAULT_PREFERENCES } from '../../shared/bridge'
import { SettingsStore } from './settings'

const dirs: Array<() => void> = []
afterEach(() => dirs.splice(0).forEach((remove) => remove()))
function file(): string {
  const dir = tempDir()
  dirs.push(dir.remove)
  return join(dir.path, 'nested', 'settings.json')
}

describe('SettingsStore', () => {
  it('starts with no name, and keeps what is set across restarts', () => {
    const path = file()
    const first = new SettingsStore(path)
    expect(first.current.name).toBeNull()
    first.update({ name: '  Ada ', lastRoomName: 'Lab' })
    const again = new SettingsStore(path)
    expect(again.current).toMatchObject({ name: 'Ada', lastRoomName: 'Lab' })
  })

  it('repairs a name saved before the name rule instead of resetting the file', () => {
    const path = file()
    new SettingsStore(path)
    writeFileSync(
      path,
      JSON.stringify({ v: 1, name: 'Ada\u200b', lastRoomName: 'Lab', window: null }),
    )
    const store = new SettingsStore(path)
    expect(store.current).toMatchObject({ name: 'Ada', lastRoomName: 'Lab' })
    expect(existsSync(`${path}.bad`)).toBe(false)
  })

  it('reads a file from before identities, ignoring its random client id', () => {
    const path = file()
    new SettingsStore(path)
    writeFileSync(
      path,
      JSON.stringify({
        v: 1,
        name: 'Ada',
        clientId: 'abcdefghijklmnop',
        lastRoomName: null,
        window: null,
      }),
    )
    const store = new SettingsStore(path)
    expect(store.current).toEqual({
      v: 1,
      name: 'Ada',
      lastRoomName: null,
      window: null,
      // Every setting added since (spell checking, discovery, read receipts, the settings
      // panel): the bridge's defaults; downloads: the OS folder.
      ...DEFAULT_PREFERENCES,
      downloadDir: null,
      // Not a preference: the window was never closed to the tray (desktop/close-policy.ts).
      trayExplained: false,
    })
    expect(existsSync(`${path}.bad`)).toBe(false)
  })

  it('gives a file from before the settings panel its defaults, and keeps what is chosen', () => {
    const path = file()
    new SettingsStore(path)
    writeFileSync(
      path,
      JSON.stringify({ v: 1, name: 'Ada', lastRoomName: null, window: null, spellcheck: false }),
    )
    const store = new SettingsStore(path)
    expect(store.current).toMatchObject({ ...DEFAULT_PREFERENCES, name: 'Ada', spellcheck: false })
    expect(existsSync(`${path}.bad`)).toBe(false)
    store.update({ theme: 'dark', timeFormat: '12h', notifications: 'mentions', sounds: false })
    expect(new SettingsStore(path).current).toMatchObject({
      theme: 'dark',
      timeFormat: '12h',
      notifications: 'mentions',
      sounds: false,
    })
  })

  it('falls back to the default for a value it does not know, keeping the rest of the file', () => {
    const path = file()
    new SettingsStore(path)
    writeFileSync(
      path,
      JSON.stringify({
        v: 1,
        name: 'Ada',
        lastRoomName: 'Lab',
        window: null,
        theme: 'sepia',
        timeFormat: 12,
        notifications: 'loud',
        notificationText: 'yes',
        mutedRooms: ['a'.repeat(65)],
        language: 'tlh',
      }),
    )
    const store = new SettingsStore(path)
    expect(store.current).toMatchObject({
      name: 'Ada',
      lastRoomName: 'Lab',
      language: 'system',
      theme: 'system',
      timeFormat: 'system',
      notifications: 'all',
      notificationText: true,
      mutedRooms: [],
    })
    expect(existsSync(`${path}.bad`)).toBe(false)
  })

  it('keeps spell checking off once turned off', () => {
    const path = file()
    expect(new SettingsStore(path).current.spellcheck).toBe(true)
    new SettingsStore(path).update({ spellcheck: false })
    expect(new SettingsStore(path).current.spellcheck).toBe(false)
  })

  it('replaces a damaged file with defaults and keeps the damaged copy', () => {
    const path = file()
    new SettingsStore(path)
    writeFileSync(path, '{"v":1,"name":')
    const store = new SettingsStore(path)
    expect(store.current.name).toBeNull()
    expect(readFileSync(`${path}.bad`, 'utf8')).toBe('{"v":1,"name":')
    expect(existsSync(path)).toBe(true)
  })

  it('refuses values the hub would refuse', () => {
    const store = new SettingsStore(file())
    expect(() => store.update({ name: 'x'.repeat(100) })).toThrow()
    expect(store.current.name).toBeNull()
  })
})
