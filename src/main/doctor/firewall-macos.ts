/**
 * macOS: the application firewall's state, read with `socketfilterfw` (no root needed), and
 * what can be said of the local-network permission (macOS 15 and later): it cannot be read by
 * another program, but its refusal shows as "No route to host" when sending to the local
 * network — which the Multicast check reports. Parsers tested with recorded outputs.
 */
import type { CheckOutcome } from './check'
import type { RunCommand } from './run-command'

export const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw'

export interface MacFirewallState {
  enabled: boolean | null
  blockAll: boolean | null
  /** Whether this program's incoming connections are blocked; null: not listed or unknown. */
  appBlocked: boolean | null
}

/** "Firewall is enabled. (State = 1)", "Firewall is disabled. (State = 0)", "… (State = 2)". */
export function parseGlobalState(stdout: string): boolean | null {
  const state = /State = (\d)/.exec(stdout)?.[1]
  if (state !== undefined) return state !== '0'
  if (/\bis enabled\b/i.test(stdout)) return true
  if (/\bis disabled\b/i.test(stdout)) return false
  return null
}

/** "Firewall is set to block all non-essential incoming connections" / "Block all DISABLED!". */
export function parseBlockAll(stdout: string): boolean | null {
  if (/block all (non-essential )?incoming connections/i.test(stdout) && !/disabled/i.test(stdout))
    return true
  if (/disabled/i.test(stdout)) return false
  return null
}

/** "The application /path is permitted" / "… is blocked" ("Incoming connection to … is blocked"). */
export function parseAppBlocked(stdout: string): boolean | null {
  if (/\bblocked\b/i.test(stdout)) return true
  if (/\b(permitted|allowed)\b/i.test(stdout)) return false
  return null
}

export function judgeMacFirewall(state: MacFirewallState): CheckOutcome {
  const permission =
    'The local-network permission cannot be read by another program: if the Multicast check ' +
    'fails with "No route to host", turn LAN Room on in System Settings › Privacy & Security › ' +
    'Local Network.'
  const details = [
    `application firewall: ${state.enabled === null ? 'unknown' : state.enabled ? 'on' : 'off'}`,
    `block all incoming connections: ${state.blockAll === null ? 'unknown' : state.blockAll ? 'yes' : 'no'}`,
    `this program: ${state.appBlocked === null ? 'not listed' : state.appBlocked ? 'blocked' : 'allowed'}`,
  ]
  const options = 'System Settings › Network › Firewall › Options: '
  const blocked = !state.enabled
    ? null
    : state.blockAll
      ? {
          found:
            'the macOS firewall blocks all incoming connections: nobody can join a room you host',
          fix: `${options}turn off "Block all incoming connections".`,
          code: 'firewallMacBlockAll',
          fixCode: 'firewallMacBlockAllFix',
        }
      : state.appBlocked
        ? {
            found: 'the macOS firewall blocks incoming connections to LAN Room',
            fix: `${options}set LAN Room to "Allow incoming connections".`,
            code: 'firewallMacAppBlocked',
            fixCode: 'firewallMacAppBlockedFix',
          }
        : null
  if (blocked) return { status: 'fail', ...blocked, details }
  return {
    status: 'ok',
    found: `${state.enabled ? 'the macOS firewall is on and does not block LAN Room' : 'the macOS firewall is off'}. ${permission}`,
    code: state.enabled ? 'firewallMacOn' : 'firewallMacOff',
    fix: null,
    details,
  }
}

export async function readMacFirewall(
  run: RunCommand,
  program: string,
  timeoutMs: number,
): Promise<CheckOutcome> {
  const [global, blockAll, app] = await Promise.all([
    run(SOCKETFILTERFW, ['--getglobalstate'], timeoutMs),
    run(SOCKETFILTERFW, ['--getblockall'], timeoutMs),
    run(SOCKETFILTERFW, ['--getappblocked', program], timeoutMs),
  ])
  if (!global.ok) {
    return {
      status: 'skipped',
      found: `could not read the macOS firewall: ${global.reason}`,
      code: 'firewallMacUnreadable',
      params: { reason: global.reason },
      fix: null,
    }
  }
  return judgeMacFirewall({
    enabled: parseGlobalState(global.stdout),
    blockAll: blockAll.ok ? parseBlockAll(blockAll.stdout) : null,
    appBlocked: app.ok ? parseAppBlocked(app.stdout) : null,
  })
}
