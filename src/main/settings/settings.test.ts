import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { SettingsStore } from './settings'

const dirs: Array<() => void> = []
afterEach(() => dirs.splice(0).forEach((remove) => remove()))
function file(): string {
  const dir = tempDir()
  dirs.push(dir.remove)
  return join(dir.path, 'nested', 'settings.json')
}

describe('SettingsStore', () => {
  it('starts with no name and a stable client id, and keeps both across restarts', () => {
    const path = file()
    const first = new SettingsStore(path)
    expect(first.current.name).toBeNull()
    expect(first.current.clientId).toMatch(/^[A-Za-z0-9_-]{16}$/)
    first.update({ name: '  Ada ', lastRoomName: 'Lab' })
    const again = new SettingsStore(path)
    expect(again.current).toMatchObject({
      name: 'Ada',
      lastRoomName: 'Lab',
      clientId: first.current.clientId,
    })
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
