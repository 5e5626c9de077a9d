import { afterEach, describe, expect, it } from 'vitest'
import { listedRoom } from '../../../test/support/listed-room'
import { startTestHub, tempDir } from '../../../test/support/ws-client'
import { execFileSync } from 'node:child_process'
import { IN_NETNS } from '../../../test/support/netns'
import type { CommandName } from '../../shared/bridge'
import { DOCTOR_STEPS, doctorCheckSchema } from '../../shared/bridge/doctor'
import { createApp, type AppOptions } from '../app'
import { dispatchCommand } from '../bridge/dispatch'
import { SILENT_LOGGER } from '../hub/logger'
import { createDoctorHandler } from './app-doctor'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** The app as main builds it (app.ts), and its bridge commands called as the window calls them. */
function appWithCaller(options: Pick<AppOptions, 'hostBind' | 'hostPort'> = {}) {
  const dir = tempDir()
  const app = createApp({
    dataDir: dir.path,
    logger: SILENT_LOGGER,
    platform: { copyText: () => {} },
    sink: () => {},
    ...options,
  })
  cleanups.push(
    () => dir.remove(),
    () => app.controller.shutdown(),
  )
  const command = <K extends CommandName>(name: K, args?: unknown) =>
    dispatchCommand(name, app.handlers, { frameUrl: 'app://ok', mainFrame: true }, [args], {
      isTrustedSender: () => true,
      log: () => {},
    })
  return { app, command }
}

/** The app's network doctor command. */
function appCaller() {
  const { command } = appWithCaller()
  return (args: unknown) => command('runDoctorCheck', args)
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

function hasNft(): boolean {
  try {
    execFileSync('nft', ['--version'], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

// Rules go into the test namespace (scripts/in-netns.sh), never the machine's own firewall.
const firewallSkip = !IN_NETNS
  ? 'not inside the private network namespace (run through `npm test` or scripts/in-netns.sh)'
  : hasNft()
    ? null
    : 'nft is not installed (Debian: apt-get install -y nftables)'
if (firewallSkip) console.warn(`[app-doctor] the firewall test did not run: ${firewallSkip}`)

describe.skipIf(firewallSkip !== null)('the app doctor and the room the app hosts', () => {
  it('reports an nftables rule dropping the port of the room this app hosts', async () => {
    const { app, command } = appWithCaller({ hostBind: '127.0.0.1', hostPort: 0 })
    expect(await command('hostRoom', { name: 'Walled' })).toMatchObject({ ok: true })
    const port = app.controller.hostedPort()
    expect(port).toEqual(expect.any(Number))
    // Its own table, named for this process, so that nothing else's rules are touched.
    const table = `app_doctor_${process.pid}`
    const nft = (...args: string[]) => execFileSync('nft', args, { stdio: 'pipe' })
    nft('add', 'table', 'inet', table)
    cleanups.push(() => nft('delete', 'table', 'inet', table))
    nft('add', 'chain', 'inet', table, 'input', '{ type filter hook input priority 0; }')
    nft('add', 'rule', 'inet', table, 'input', 'tcp', 'dport', String(port), 'drop')

    const walled = await command('runDoctorCheck', { check: 'firewall' })
    expect(walled).toMatchObject({
      ok: true,
      value: {
        id: 'firewall',
        status: 'fail',
        found:
          `nftables: a rule drops connections to rooms hosted here on TCP ${port}: ` +
          `inet ${table} input: tcp dport ${port} drop`,
      },
    })

    // Once the room is closed, that port is nobody's: the rule is not the app's concern.
    expect(await command('stopHosting')).toMatchObject({ ok: true })
    const after = await command('runDoctorCheck', { check: 'firewall' })
    expect(after).toMatchObject({ ok: true, value: { id: 'firewall' } })
    expect(after.ok && after.value.found).not.toContain(String(port))
  })
})
