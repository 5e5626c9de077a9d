/**
 * Look harder and the Interfaces setting through the bridge, as the window uses them: the real
 * app (createApp), its real directory (never started: no mDNS here) and a real hub on loopback.
 * The machine's interfaces are a fake 10.77.0.0/24 (plus a VPN); requests to 10.77.0.9 go to
 * the hub on 127.0.0.1, every other address is refused at once.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../app'
import { dispatchCommand } from '../bridge/dispatch'
import { SILENT_LOGGER } from '../hub/logger'
import { useHubFixture } from '../hub/testing/hub-fixture'
import { tempDir } from '../../../test/support/temp-dir'
import { freePort } from '../../../test/support/free-port'
import { ipv4Info } from '../../../test/support/interface-info'
import type { CommandName } from '../../shared/bridge'
import type { Interfaces } from './addresses'
import { fetchInfo, requestInfo, type InfoRequest, type InfoResult } from './probe'

const { hubWith } = useHubFixture()
const apps: App[] = []
const dirs: Array<() => void> = []
afterEach(async () => {
  for (const app of apps.splice(0)) {
    app.lookHarder.stop()
    await app.controller.shutdown()
  }
  dirs.splice(0).forEach((remove) => remove())
})

const MACHINE: Interfaces = { eth0: [ipv4Info('10.77.0.2', 24)], tun0: [ipv4Info('10.8.0.5', 24)] }
const HUB_ADDRESS = '10.77.0.9'

function setup(hubPort: number, request?: typeof requestInfo, watchIntervalMs?: number) {
  const dir = tempDir()
  dirs.push(dir.remove)
  const asked: string[] = []
  const toHub = (host: string): string | null => (host === HUB_ADDRESS ? '127.0.0.1' : null)
  const forward =
    request ??
    ((host: string, port: number, options: InfoRequest): Promise<InfoResult> => {
      asked.push(host)
      const real = toHub(host)
      if (real === null || port !== hubPort)
        return Promise.resolve({ ok: false, reason: 'ECONNREFUSED' })
      return requestInfo(real, port, options)
    })
  const app = createApp({
    dataDir: dir.path,
    logger: SILENT_LOGGER,
    platform: { copyText: () => {} },
    sink: () => {},
    directory: {
      interfaces: () => MACHINE,
      fetchInfo: (address, port, timeoutMs, tls) =>
        fetchInfo(toHub(address) ?? address, port, timeoutMs, tls),
    },
    lookHarder: { request: forward, ...(watchIntervalMs !== undefined ? { watchIntervalMs } : {}) },
  })
  apps.push(app)
  const call = (name: CommandName, args?: unknown) =>
    dispatchCommand(
      name,
      app.handlers,
      { frameUrl: 'app://lanroom/index.html', mainFrame: true },
      [args],
      {
        isTrustedSender: () => true,
        log: () => {},
      },
    )
  return { app, call, asked }
}

describe('Look harder over the bridge', () => {
  it('scans the chosen subnet on the ports set, and lists the room found, marked', async () => {
    const { hub } = await hubWith({ roomName: 'Lab' })
    const { app, call, asked } = setup(hub.port)
    expect(app.controller.snapshot().directory.scan).toBeUndefined()
    expect(await call('setPreferences', { scanPorts: [hub.port] })).toMatchObject({ ok: true })
    expect(await call('lookHarder')).toEqual({ ok: true, value: { ok: true } })
    await expect
      .poll(() => app.controller.snapshot().directory.scan?.status, { timeout: 30_000 })
      .toBe('done')
    expect(app.controller.snapshot().directory.scan).toEqual({
      status: 'done',
      probed: 253 * 2,
      total: 253 * 2,
      found: 1,
    })
    await expect
      .poll(() => app.controller.snapshot().directory.rooms, { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({
          id: hub.roomId,
          name: 'Lab',
          scanned: true,
          addresses: [HUB_ADDRESS],
          trust: 'unverified',
          certificateMismatch: false,
        }),
      ])
    // Only the automatic interface's subnet: not the VPN's, not its own address.
    expect(asked.every((a) => a.startsWith('10.77.0.'))).toBe(true)
    expect(asked).not.toContain('10.77.0.2')
  })

  it('shows progress while running, and cancels', async () => {
    const held: Array<() => void> = []
    const holding = (_host: string, _port: number, options: InfoRequest): Promise<InfoResult> =>
      new Promise((resolve) => {
        const done = (): void => resolve({ ok: false, reason: 'cancelled' })
        held.push(done)
        options.signal?.addEventListener('abort', done)
      })
    const { app, call } = setup(1, holding)
    await call('lookHarder')
    await call('lookHarder') // a second request while it runs changes nothing
    await expect.poll(() => held.length).toBe(64)
    await expect
      .poll(() => app.controller.snapshot().directory.scan)
      .toEqual({
        status: 'running',
        probed: 0,
        total: 253,
        found: 0,
      })
    expect(await call('cancelLookHarder')).toEqual({ ok: true, value: { ok: true } })
    await expect.poll(() => app.controller.snapshot().directory.scan?.status).toBe('cancelled')
  })

  it('asks a watched host again on its timer, lists a room that appears there later, and stops when the watch is removed', async () => {
    // The room will start on this port, once the watch has asked a few times in vain.
    const port = await freePort()
    const { app, call, asked } = setup(port, undefined, 100)
    const askedThere = (): number => asked.filter((address) => address === HUB_ADDRESS).length
    expect(
      await call('setPreferences', { watched: [HUB_ADDRESS], scanPorts: [port] }),
    ).toMatchObject({ ok: true })
    // Two ports a round: three rounds at least, and nothing listed yet.
    await expect.poll(askedThere, { timeout: 30_000 }).toBeGreaterThanOrEqual(6)
    expect(app.controller.snapshot().directory.rooms).toEqual([])
    // Only the watched host: watching is not a scan.
    expect(new Set(asked)).toEqual(new Set([HUB_ADDRESS]))

    const { hub } = await hubWith({ roomName: 'Later', port })
    await expect
      .poll(() => app.controller.snapshot().directory.rooms, { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({
          id: hub.roomId,
          name: 'Later',
          scanned: true,
          addresses: [HUB_ADDRESS],
        }),
      ])

    expect(await call('setPreferences', { watched: [] })).toMatchObject({ ok: true })
    // A request already on its way may still land; after that, none for ten intervals.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const stopped = askedThere()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(askedThere()).toBe(stopped)
  })

  it('lists the interfaces with what the automatic choice and the setting take', async () => {
    const { call } = setup(1)
    const listed = await call('listInterfaces')
    expect(listed).toEqual({
      ok: true,
      value: [
        {
          name: 'eth0',
          addresses: ['10.77.0.2/24'],
          up: true,
          private: true,
          virtual: null,
          automatic: true,
          chosen: true,
        },
        {
          name: 'tun0',
          addresses: ['10.8.0.5/24'],
          up: true,
          private: true,
          virtual: 'vpn',
          automatic: false,
          chosen: false,
        },
      ],
    })
    await call('setPreferences', { interfaces: ['tun0'] })
    const after = (await call('listInterfaces')) as {
      value: Array<{ name: string; chosen: boolean }>
    }
    expect(after.value.map((i) => [i.name, i.chosen])).toEqual([
      ['eth0', false],
      ['tun0', true],
    ])
  })
})
