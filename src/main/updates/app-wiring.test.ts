/**
 * The updater as createApp wires it (src/main/app.ts): the `checkForUpdates` preference kept in
 * settings.json and applied at once to the automatic checks, the state sent as `onUpdate`, the
 * commands served, and hosting read from the controller.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { SILENT_LOGGER } from '../hub/logger'
import { createApp, type App } from '../app'
import { SettingsStore } from '../settings'
import type { UpdateState } from '../../shared/bridge/update'
import type { UpdateClock, UpdaterPort } from './port'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** Records the timers it is given and never runs them. */
function recordingClock(): UpdateClock & { pending: Set<number> } {
  let next = 1
  const pending = new Set<number>()
  return {
    pending,
    now: () => 0,
    setTimeout: () => {
      pending.add(next)
      return next++
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  }
}

const PORT: UpdaterPort = {
  check: () => Promise.resolve({ version: '0.1.0', releaseNotes: null }),
  download: () => Promise.resolve(),
  quitAndInstall: () => {},
}

function build(settingsJson?: string): {
  app: App
  sent: UpdateState[]
  clock: ReturnType<typeof recordingClock>
  dataDir: string
} {
  const dir = tempDir()
  cleanups.push(dir.remove)
  if (settingsJson !== undefined) writeFileSync(join(dir.path, 'settings.json'), settingsJson)
  const sent: UpdateState[] = []
  const clock = recordingClock()
  const app = createApp({
    dataDir: dir.path,
    logger: SILENT_LOGGER,
    platform: { copyText: () => {} },
    sink: (name, payload) => {
      if (name === 'onUpdate') sent.push(payload as UpdateState)
    },
    updates: {
      port: PORT,
      install: { availability: 'automatic', reason: 'test' },
      currentVersion: '0.1.0',
      clock,
    },
  })
  cleanups.push(async () => {
    app.updater?.dispose()
    app.batcher.dispose()
    await app.controller.shutdown()
  })
  return { app, sent, clock, dataDir: dir.path }
}

describe('the updater in the app', () => {
  it('checks automatically by default; the setting stops and starts the checks at once', async () => {
    const { app, sent, clock, dataDir } = build()
    expect(app.settings.current.checkForUpdates).toBe(true)
    app.updater?.start()
    expect(clock.pending.size).toBe(1)
    const off = await app.handlers.setPreferences({ checkForUpdates: false })
    expect(off.checkForUpdates).toBe(false)
    expect(clock.pending.size).toBe(0)
    expect(sent.at(-1)?.availability).toBe('off')
    expect(new SettingsStore(join(dataDir, 'settings.json')).current.checkForUpdates).toBe(false)
    await app.handlers.setPreferences({ checkForUpdates: true })
    expect(clock.pending.size).toBe(1)
    expect(sent.at(-1)?.availability).toBe('automatic')
    // Other preferences do not disturb it.
    const before = sent.length
    await app.handlers.setPreferences({ sounds: false })
    expect(sent.length).toBe(before)
  })

  it('keeps automatic checks off after a restart, and on for settings files from before', () => {
    expect(
      build(JSON.stringify({ v: 1, name: null, lastRoomName: null, window: null })).app.settings
        .current.checkForUpdates,
    ).toBe(true)
    const { app } = build(
      JSON.stringify({
        v: 1,
        name: null,
        lastRoomName: null,
        window: null,
        checkForUpdates: false,
      }),
    )
    expect(app.updater?.state.availability).toBe('off')
    // A value this version does not know: the default, the rest of the file kept.
    const odd = build(
      JSON.stringify({
        v: 1,
        name: 'Ada',
        lastRoomName: null,
        window: null,
        checkForUpdates: 'yes',
      }),
    )
    expect(odd.app.settings.current).toMatchObject({ name: 'Ada', checkForUpdates: true })
  })

  it('serves the update commands', async () => {
    const { app } = build()
    expect(await app.handlers.getUpdate(undefined)).toMatchObject({
      status: 'idle',
      currentVersion: '0.1.0',
    })
    expect(await app.handlers.checkForUpdates(undefined)).toMatchObject({ status: 'up-to-date' })
    await expect(Promise.resolve(app.handlers.restartToUpdate({}))).rejects.toMatchObject({
      code: 'UPDATE_ERR_NOT_READY',
    })
  })
})
