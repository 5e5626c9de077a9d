import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { dispatchCommand } from '../bridge/dispatch'
import { fixtureHandlers } from '../../../test/support/bridge-fixtures'
import { BRIDGE_LIMITS, DEFAULT_PREFERENCES, type Preferences } from '../../shared/bridge'
import { createPreferenceHandlers, withRoomMuted } from './preferences'
import { SettingsStore } from './settings'

const dirs: Array<() => void> = []
afterEach(() => dirs.splice(0).forEach((remove) => remove()))

function setup() {
  const dir = tempDir()
  dirs.push(dir.remove)
  const path = join(dir.path, 'settings.json')
  const applied: Preferences[] = []
  const handlers = fixtureHandlers(
    createPreferenceHandlers(new SettingsStore(path), (preferences) => applied.push(preferences)),
  )
  const call = (name: 'getPreferences' | 'setPreferences', args: unknown) =>
    dispatchCommand(
      name,
      handlers,
      { frameUrl: 'app://lanroom/index.html', mainFrame: true },
      [args],
      {
        isTrustedSender: () => true,
        log: () => {},
      },
    )
  return { path, applied, call }
}

describe('preferences over the bridge', () => {
  it('start with spell checking on', async () => {
    const { call, applied } = setup()
    expect(await call('getPreferences', undefined)).toEqual({
      ok: true,
      value: { ...DEFAULT_PREFERENCES, downloadDir: null },
    })
    expect(applied).toEqual([])
  })

  it('turn spell checking off, keep it so, and apply it at once', async () => {
    const { call, applied, path } = setup()
    expect(await call('setPreferences', { spellcheck: false })).toEqual({
      ok: true,
      value: { ...DEFAULT_PREFERENCES, spellcheck: false, downloadDir: null },
    })
    expect(applied).toEqual([{ ...DEFAULT_PREFERENCES, spellcheck: false, downloadDir: null }])
    expect(new SettingsStore(path).current.spellcheck).toBe(false)
    expect(await call('getPreferences', undefined)).toMatchObject({ value: { spellcheck: false } })
  })

  it('choose interfaces, ports and watched hosts; keep them; back to automatic with null', async () => {
    const { call, applied, path } = setup()
    const result = await call('setPreferences', {
      interfaces: ['eth0', 'wlan0', 'eth0'],
      scanPorts: [47801, 47801, 9000],
      watched: ['192.168.1.20', '10.0.5.9/22', ' 10.0.4.0/22 '],
    })
    const value = {
      ...DEFAULT_PREFERENCES,
      interfaces: ['eth0', 'wlan0'],
      scanPorts: [47801, 9000],
      readReceipts: true,
      downloadDir: null,
    }
    const watched = ['192.168.1.20/32', '10.0.4.0/22']
    expect(result).toEqual({ ok: true, value: { ...value, watched } })
    expect(applied).toEqual([{ ...value, watched }])
    expect(new SettingsStore(path).current).toMatchObject({ ...value, watched })
    expect(await call('setPreferences', { interfaces: null })).toMatchObject({
      value: { interfaces: null, watched },
    })
  })

  it('turn read receipts off, and keep them so', async () => {
    const { call, applied, path } = setup()
    expect(await call('setPreferences', { readReceipts: false })).toMatchObject({
      ok: true,
      value: { readReceipts: false, spellcheck: true },
    })
    expect(applied).toMatchObject([{ readReceipts: false }])
    expect(new SettingsStore(path).current.readReceipts).toBe(false)
  })

  it('turn start at login on (off by default), keep it so, and apply it at once', async () => {
    const { call, applied, path } = setup()
    expect(new SettingsStore(path).current.startAtLogin).toBe(false)
    expect(await call('setPreferences', { startAtLogin: true })).toMatchObject({
      ok: true,
      value: { startAtLogin: true },
    })
    expect(applied).toMatchObject([{ startAtLogin: true }])
    expect(new SettingsStore(path).current.startAtLogin).toBe(true)
    expect(await call('setPreferences', { startAtLogin: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_ERR_INVALID_ARGS' },
    })
  })

  it('start with the settings panel defaults', async () => {
    const { call } = setup()
    expect(await call('getPreferences', undefined)).toMatchObject({
      ok: true,
      value: {
        theme: 'system',
        timeFormat: 'system',
        notifications: 'all',
        notificationText: true,
        sounds: true,
        mutedRooms: [],
      },
    })
  })

  it('change theme, time format, notifications and sounds; keep and apply them', async () => {
    const { call, applied, path } = setup()
    const changes = {
      theme: 'light',
      timeFormat: '24h',
      notifications: 'none',
      notificationText: false,
      sounds: false,
    } as const
    expect(await call('setPreferences', changes)).toMatchObject({ ok: true, value: changes })
    expect(applied).toMatchObject([changes])
    expect(new SettingsStore(path).current).toMatchObject(changes)
  })

  it('language: the system’s by default; a chosen one (the pseudo-locale too) is kept and applied', async () => {
    const { call, applied, path } = setup()
    expect(await call('getPreferences', undefined)).toMatchObject({ value: { language: 'system' } })
    expect(await call('setPreferences', { language: 'ar' })).toMatchObject({
      ok: true,
      value: { language: 'ar' },
    })
    expect(applied).toMatchObject([{ language: 'ar' }])
    expect(new SettingsStore(path).current.language).toBe('ar')
    await call('setPreferences', { language: 'en-XA' })
    await call('setPreferences', { language: 'system' })
    expect(new SettingsStore(path).current.language).toBe('system')
  })

  it('mute and unmute rooms by id, each once', async () => {
    const { call, path } = setup()
    await call('setPreferences', { muteRoom: { roomId: 'r1', muted: true } })
    await call('setPreferences', { muteRoom: { roomId: 'r2', muted: true } })
    expect(await call('setPreferences', { muteRoom: { roomId: 'r1', muted: true } })).toMatchObject(
      { value: { mutedRooms: ['r2', 'r1'] } },
    )
    await call('setPreferences', { muteRoom: { roomId: 'r2', muted: false } })
    expect(new SettingsStore(path).current.mutedRooms).toEqual(['r1'])
  })

  it('forget the oldest mute past the limit', () => {
    const muted = Array.from({ length: BRIDGE_LIMITS.mutedRooms }, (_, i) => `r${i}`)
    const after = withRoomMuted(muted, 'new', true)
    expect(after).toHaveLength(BRIDGE_LIMITS.mutedRooms)
    expect(after[0]).toBe('r1')
    expect(after.at(-1)).toBe('new')
  })

  it.each([
    [['8.8.8.8'], 'SCAN_ERR_NOT_PRIVATE'],
    [['10.0.0.0/16'], 'SCAN_ERR_TOO_WIDE'],
    [['10.0.0.300'], 'SCAN_ERR_NOT_AN_ADDRESS'],
  ])('refuse watching %j (%s), changing nothing', async (watched, code) => {
    const { call, applied } = setup()
    expect(await call('setPreferences', { watched, spellcheck: false })).toMatchObject({
      ok: false,
      error: { code },
    })
    expect(applied).toEqual([])
    expect(await call('getPreferences', undefined)).toMatchObject({ value: { spellcheck: true } })
  })

  it.each([
    { spellcheck: 'no' },
    { spellcheck: false, extra: 1 },
    null,
    'off',
    { interfaces: ['eth0; rm -rf /'] },
    { interfaces: Array.from({ length: 33 }, (_, i) => `eth${i}`) },
    { scanPorts: [0] },
    { scanPorts: [1, 2, 3, 4, 5, 6, 7, 8] },
    { watched: ['printer.local'] },
    { watched: Array.from({ length: 9 }, (_, i) => `10.0.0.${i + 1}`) },
    { theme: 'sepia' },
    { timeFormat: 12 },
    { language: 'xx' },
    { language: 'de-AT' },
    { language: 'zh-TW' },
    { notifications: 'loud' },
    { sounds: 'on' },
    { muteRoom: { roomId: '', muted: true } },
    { muteRoom: { roomId: 'r'.repeat(65), muted: true } },
    { muteRoom: { roomId: 'r1' } },
    { mutedRooms: ['r1'] },
  ])('refuse %j', async (args) => {
    const { call, applied } = setup()
    expect(await call('setPreferences', args)).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_ERR_INVALID_ARGS' },
    })
    expect(applied).toEqual([])
  })
})
