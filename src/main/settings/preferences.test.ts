import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { dispatchCommand } from '../bridge/dispatch'
import { fixtureHandlers } from '../../../test/support/bridge-fixtures'
import type { Preferences } from '../../shared/bridge'
import { createPreferenceHandlers } from './preferences'
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
    dispatchCommand(name, handlers, { frameUrl: 'app://lanroom/index.html' }, [args], {
      isTrustedSender: () => true,
      log: () => {},
    })
  return { path, applied, call }
}

describe('preferences over the bridge', () => {
  it('start with spell checking on', async () => {
    const { call, applied } = setup()
    expect(await call('getPreferences', undefined)).toEqual({
      ok: true,
      value: { spellcheck: true },
    })
    expect(applied).toEqual([])
  })

  it('turn spell checking off, keep it so, and apply it at once', async () => {
    const { call, applied, path } = setup()
    expect(await call('setPreferences', { spellcheck: false })).toEqual({
      ok: true,
      value: { spellcheck: false },
    })
    expect(applied).toEqual([{ spellcheck: false }])
    expect(new SettingsStore(path).current.spellcheck).toBe(false)
    expect(await call('getPreferences', undefined)).toMatchObject({ value: { spellcheck: false } })
  })

  it.each([{ spellcheck: 'no' }, { spellcheck: false, extra: 1 }, null, 'off'])(
    'refuse %j',
    async (args) => {
      const { call, applied } = setup()
      expect(await call('setPreferences', args)).toMatchObject({
        ok: false,
        error: { code: 'BRIDGE_ERR_INVALID_ARGS' },
      })
      expect(applied).toEqual([])
    },
  )
})
