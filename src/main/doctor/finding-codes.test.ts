import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import type { DoctorCheckId, DoctorCheckResult, DoctorParams } from '../../shared/bridge/doctor'
import { createTranslator } from '../../shared/i18n/translator'
import type { Check, CheckTable, DoctorContext } from './check'
import { judgeLinuxRules } from './check-firewall'
import { checkInterfaces } from './check-interfaces'
import { checkRoom } from './check-room'
import { checkVpn } from './check-vpn'
import { doctorContext } from './context'
import { judgeMacFirewall, readMacFirewall } from './firewall-macos'
import { judgeWindowsFirewall, parseWindowsFirewall, readWindowsFirewall } from './firewall-windows'
import { runCheck } from './run'
import { STEP_FIXES, stepFixCode } from './target-steps'

/**
 * The app says each finding from its code (the catalogue's `doctor.<code>`), `lanroom doctor`
 * prints main's English: the English catalogue must say exactly what main says.
 */
const { t } = createTranslator('en')
const lookup = t as unknown as (key: string, options: Record<string, unknown>) => string

function say(code: string | undefined, params: DoctorParams | undefined): string {
  const count = params?.count
  return lookup(`doctor.${code ?? ''}`, {
    replace: params ?? {},
    ...(typeof count === 'number' ? { count } : {}),
  })
}

function expectSaidAlike(result: DoctorCheckResult): void {
  expect(result.code, result.found).toBeDefined()
  expect(say(result.code, result.params)).toBe(result.found)
  if (result.fix !== null) {
    expect(result.fixCode, result.fix).toBeDefined()
    expect(say(result.fixCode, result.params)).toBe(result.fix)
  }
}

async function run(
  id: DoctorCheckId,
  check: Check,
  options: Partial<DoctorContext> = {},
): Promise<DoctorCheckResult> {
  const checks = Object.fromEntries(
    (['interfaces', 'multicast', 'mdns-port', 'firewall', 'vpn', 'room'] as const).map((name) => [
      name,
      check,
    ]),
  ) as unknown as CheckTable
  return runCheck(id, checks, doctorContext(Date.now() + 2_000, options))
}

function ipv4(address: string, netmask: string): NetworkInterfaceInfo {
  return {
    address,
    netmask,
    family: 'IPv4',
    mac: '02:00:00:00:00:01',
    internal: false,
    cidr: null,
  }
}

const failing = async () => ({ ok: false as const, reason: 'route is not installed' })

describe('the doctor’s finding codes', () => {
  it.each<[string, NodeJS.Dict<NetworkInterfaceInfo[]>]>([
    ['offline', {}],
    ['on a private network', { eth0: [ipv4('192.168.1.20', '255.255.255.0')] }],
    ['on a public network only', { eth0: [ipv4('8.8.4.20', '255.255.255.0')] }],
    ['self-assigned only', { eth0: [ipv4('169.254.3.4', '255.255.0.0')] }],
  ])('say the interfaces check in the app as the CLI does: %s', async (_, interfaces) => {
    expectSaidAlike(await run('interfaces', checkInterfaces, { interfaces: () => interfaces }))
  })

  it('say the firewall’s findings as the CLI does, a plural among them', () => {
    const probe = { protocol: 'udp', port: 5353, direction: 'input' } as const
    const rule = 'udp dport 5353 drop'
    const sure = judgeLinuxRules('nftables', () => [{ probe, certainty: 'blocks', rule }], [47800])
    const maybe = judgeLinuxRules('nftables', () => [{ probe, certainty: 'may', rule }], [47800])
    const none = judgeLinuxRules('iptables', () => [], [47800, 47801])
    for (const outcome of [sure, maybe, none]) {
      expectSaidAlike({ ...outcome, fix: outcome.fix ?? null } as DoctorCheckResult)
    }
    expect(maybe.params).toMatchObject({ count: 4 })
  })

  it('say the VPN check, the room check without a target, and a check that threw alike', async () => {
    expectSaidAlike(await run('vpn', checkVpn, { run: failing, interfaces: () => ({}) }))
    expectSaidAlike(await run('room', (context) => checkRoom(context)))
    const threw = await run('vpn', () => Promise.reject(new Error('boom')))
    expectSaidAlike(threw)
    expect(threw.params).toEqual({ reason: 'boom' })
  })

  it.each<[string, string]>([
    [
      'a Public network without a rule',
      '{"profiles":[{"alias":"Wi-Fi","category":"Public"}],"firewall":[{"name":"Public","enabled":"True"}],"rules":[]}',
    ],
    [
      'a Private network without a rule',
      '{"profiles":[{"alias":"Ethernet","category":"Private"}],"firewall":[{"name":"Private","enabled":"True"}],"rules":[]}',
    ],
    [
      'a Private network where a rule allows LAN Room',
      '{"profiles":[{"alias":"Ethernet","category":"Private"}],"firewall":[{"name":"Private","enabled":"True"}],"rules":[{"name":"lanroom.exe","enabled":"True","direction":"Inbound","action":"Allow","profile":"Private"}]}',
    ],
    [
      'a blocking rule',
      '{"profiles":[{"alias":"Ethernet","category":"Private"}],"firewall":[{"name":"Private","enabled":"True"}],"rules":[{"name":"LAN Room","enabled":"True","direction":"Inbound","action":"Block","profile":"Domain, Private"}]}',
    ],
    [
      'the firewall off',
      '{"profiles":[{"alias":"Wi-Fi","category":1}],"firewall":[{"name":"Private","enabled":"False"}],"rules":null}',
    ],
  ])('say the Windows firewall’s findings as the CLI does: %s', (_, json) => {
    const state = parseWindowsFirewall(json)
    expect(state).not.toBeNull()
    const outcome = state ? judgeWindowsFirewall(state) : null
    if (outcome) expectSaidAlike({ ...outcome, fix: outcome.fix ?? null } as DoctorCheckResult)
  })

  it.each([
    { enabled: true, blockAll: true, appBlocked: null },
    { enabled: true, blockAll: false, appBlocked: true },
    { enabled: true, blockAll: false, appBlocked: false },
    { enabled: false, blockAll: null, appBlocked: null },
  ])('say the macOS firewall’s findings as the CLI does: %o', (state) => {
    const outcome = judgeMacFirewall(state)
    expectSaidAlike({ ...outcome, fix: outcome.fix ?? null } as DoctorCheckResult)
  })

  it('say an unreadable Windows or macOS firewall as the CLI does', async () => {
    const broken = async () => ({ ok: false as const, reason: 'not found' })
    for (const outcome of [
      await readWindowsFirewall(broken, 'lanroom.exe', 1_000),
      await readMacFirewall(broken, '/x', 1_000),
    ]) {
      expectSaidAlike({ ...outcome, fix: outcome.fix ?? null } as DoctorCheckResult)
      expect(outcome.params).toEqual({ reason: 'not found' })
    }
  })

  it.each(Object.entries(STEP_FIXES))(
    'say the room check’s fix for a failing step as the CLI does: %s',
    (_, fix) => {
      expect(say(stepFixCode(fix), undefined)).toBe(fix)
    },
  )

  it('give the room check’s failing step its fix’s code', async () => {
    const result = await run('room', (context) => checkRoom(context), {
      target: 'nowhere',
      resolve: () => Promise.reject(new Error('cannot read it')),
    })
    expect(result).toMatchObject({ status: 'fail', fixCode: 'roomFixTyped' })
    expectSaidAlike(result)
  })
})
