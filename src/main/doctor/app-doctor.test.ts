import { afterEach, describe, expect, it } from 'vitest'
import { listedRoom } from '../../../test/support/listed-room'
import { startTestHub, tempDir } from '../../../test/support/ws-client'
import { DOCTOR_STEPS, doctorCheckSchema } from '../../shared/bridge/doctor'
import { createApp } from '../app'
import { dispatchCommand } from '../bridge/dispatch'
import { SILENT_LOGGER } from '../hub/logger'
import { createDoctorHandler } from './app-doctor'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** The app's bridge handlers as main builds them (app.ts), called as the window calls them. */
function appCaller() {
  const dir = tempDir()
  const app = createApp({
    dataDir: dir.path,
    logger: SILENT_LOGGER,
    platform: { copyText: () => {} },
    sink: () => {},
  })
  cleanups.push(() => dir.remove())
  return (args: unknown) =>
    dispatchCommand('runDoctorCheck', app.handlers, { frameUrl: 'app://ok' }, [args], {
      isTrustedSender: () => true,
      log: () => {},
    })
}

describe('the network doctor through the bridge', () => {
  it('refuses arguments the contract does not allow (hostile window)', async () => {
    const call = appCaller()
    const refused = { ok: false, error: { code: 'BRIDGE_ERR_INVALID_ARGS' } }
    expect(await call({ check: 'everything' })).toMatchObject(refused)
    expect(await call({ check: 'room', target: '   ' })).toMatchObject(refused)
    expect(await call({ check: 'room', target: 'x'.repeat(301) })).toMatchObject(refused)
    expect(await call({ check: 'room', command: 'rm -rf /' })).toMatchObject(refused)
    expect(await call(undefined)).toMatchObject(refused)
  })

  it('runs one check and answers within the contract: the room at an address, step by step', async () => {
    const hub = await startTestHub({ tls: false })
    cleanups.push(hub.stop)
    const call = appCaller()
    const result = await call({ check: 'room', target: ` 127.0.0.1:${hub.hub.port} ` })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(doctorCheckSchema.safeParse(result.value).success).toBe(true)
    expect(result.value).toMatchObject({ id: 'room', title: 'Room', status: 'warn' })
    expect(result.value.steps.map((step) => step.step)).toEqual([...DOCTOR_STEPS])
    const skipped = await call({ check: 'room' })
    expect(skipped).toMatchObject({ ok: true, value: { status: 'skipped' } })
  })

  it('finds a room by name or id among the rooms the app lists, and says when it is not there', async () => {
    const hub = await startTestHub({ tls: false })
    cleanups.push(hub.stop)
    const run = createDoctorHandler({
      rooms: () => [listedRoom(hub.hub.roomId, hub.url)],
      pins: null,
    })
    const byName = await run({ check: 'room', target: 'lab' })
    expect(byName.steps[0]?.found).toMatch(/^room "Lab" hosted by Ada \(id .+\) found nearby/)
    expect(byName.status).toBe('warn')
    const missing = await run({ check: 'room', target: 'Kitchen' })
    expect(missing).toMatchObject({ status: 'fail' })
    expect(missing.steps).toEqual([
      expect.objectContaining({
        step: 'resolve',
        status: 'fail',
        found: expect.stringMatching(/no room called "Kitchen"/),
      }),
    ])
    expect(missing.fix).toMatch(/ask the host for the room’s address or code/)
  })
})
