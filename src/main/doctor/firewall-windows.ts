/**
 * Windows: the network profile of each connection (Public / Private / Domain) and the firewall
 * rules for this program, read with PowerShell's NetSecurity and NetConnection modules as JSON —
 * language-neutral, unlike `netsh`'s translated text. The parser and the judgement are pure and
 * tested with recorded outputs; running PowerShell is the thin part.
 */
import type { CheckOutcome } from './check'
import type { RunCommand } from './run-command'

export interface WindowsFirewallState {
  profiles: Array<{ alias: string; category: string }>
  firewall: Array<{ name: string; enabled: boolean }>
  rules: Array<{
    name: string
    enabled: boolean
    direction: string
    action: string
    profile: string
  }>
}

/** PowerShell that prints the state as one JSON document; `program` is this executable's path. */
export function windowsFirewallScript(program: string): string {
  const quoted = `'${program.replace(/'/g, "''")}'`
  return [
    "$ErrorActionPreference = 'SilentlyContinue'",
    '$profiles = @(Get-NetConnectionProfile | ForEach-Object { [pscustomobject]@{ alias = [string]$_.InterfaceAlias; category = [string]$_.NetworkCategory } })',
    '$firewall = @(Get-NetFirewallProfile | ForEach-Object { [pscustomobject]@{ name = [string]$_.Name; enabled = [string]$_.Enabled } })',
    `$rules = @(Get-NetFirewallApplicationFilter -Program ${quoted} | Get-NetFirewallRule | ForEach-Object { [pscustomobject]@{ name = [string]$_.DisplayName; enabled = [string]$_.Enabled; direction = [string]$_.Direction; action = [string]$_.Action; profile = [string]$_.Profile } })`,
    '[pscustomobject]@{ profiles = $profiles; firewall = $firewall; rules = $rules } | ConvertTo-Json -Depth 4 -Compress',
  ].join('; ')
}

/** ConvertTo-Json writes a one-element list as the element itself, and an empty one as null. */
function list(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object')
  return value && typeof value === 'object' ? [value as Record<string, unknown>] : []
}

function text(value: unknown, max = 200): string {
  return typeof value === 'string'
    ? value.slice(0, max)
    : typeof value === 'number'
      ? String(value)
      : ''
}

/** Parses the script's output; null when it is not the expected document. */
export function parseWindowsFirewall(stdout: string): WindowsFirewallState | null {
  let document: unknown
  try {
    document = JSON.parse(stdout.trim().replace(/^\uFEFF/, ''))
  } catch {
    return null
  }
  if (!document || typeof document !== 'object') return null
  const record = document as Record<string, unknown>
  // Numbers where the enum was not cast: NetworkCategory 0 Public, 1 Private, 2 Domain.
  const categories = ['Public', 'Private', 'DomainAuthenticated']
  return {
    profiles: list(record['profiles']).map((p) => ({
      alias: text(p['alias']),
      category:
        typeof p['category'] === 'number'
          ? (categories[p['category']] ?? '?')
          : text(p['category']),
    })),
    firewall: list(record['firewall']).map((f) => ({
      name: text(f['name']),
      enabled: /^(true|1)$/i.test(text(f['enabled'])),
    })),
    rules: list(record['rules']).map((r) => ({
      name: text(r['name']),
      enabled: /^(true|1)$/i.test(text(r['enabled'])),
      direction: text(r['direction']),
      action: text(r['action']),
      profile: text(r['profile']),
    })),
  }
}

/** Whether a rule's profile list ("Domain, Private", "Any") covers `profile`. */
function covers(ruleProfile: string, profile: string): boolean {
  return /\bAny\b/i.test(ruleProfile) || new RegExp(`\\b${profile}\\b`, 'i').test(ruleProfile)
}

/** The firewall profile a connection category falls under. */
function profileOf(category: string): string {
  return /domain/i.test(category) ? 'Domain' : /private/i.test(category) ? 'Private' : 'Public'
}

export function judgeWindowsFirewall(state: WindowsFirewallState): CheckOutcome {
  const details = [
    ...state.profiles.map((p) => `network "${p.alias}": ${p.category}`),
    ...state.firewall.map((f) => `firewall for ${f.name} networks: ${f.enabled ? 'on' : 'off'}`),
    ...state.rules.map(
      (r) =>
        `rule "${r.name}": ${r.action} ${r.direction} on ${r.profile}${r.enabled ? '' : ' (disabled)'}`,
    ),
  ]
  const inUse = [...new Set(state.profiles.map((p) => profileOf(p.category)))]
  const guarded = inUse.filter((profile) =>
    state.firewall.some((f) => f.enabled && f.name.toLowerCase() === profile.toLowerCase()),
  )
  const inbound = state.rules.filter((r) => r.enabled && /^in/i.test(r.direction))
  const blocking = inbound.filter(
    (r) => /block/i.test(r.action) && guarded.some((p) => covers(r.profile, p)),
  )
  if (blocking.length > 0) {
    const rules = blocking.map((r) => `"${r.name}" (${r.profile})`).join(', ')
    return {
      status: 'fail',
      found: `a Windows Firewall rule blocks LAN Room: ${rules}`,
      code: 'firewallWinBlocked',
      fixCode: 'firewallWinBlockedFix',
      params: { rules },
      fix:
        'Open Windows Security › Firewall & network protection › Allow an app through firewall, ' +
        'and allow LAN Room on Private networks (or delete the blocking rule).',
      details,
    }
  }
  const unallowed = guarded.filter(
    (profile) => !inbound.some((r) => /allow/i.test(r.action) && covers(r.profile, profile)),
  )
  const publicNets = state.profiles.filter((p) => profileOf(p.category) === 'Public')
  if (publicNets.length > 0 && unallowed.includes('Public')) {
    const networks = publicNets.map((p) => `"${p.alias}"`).join(', ')
    return {
      status: 'warn',
      code: 'firewallWinPublic',
      fixCode: 'firewallWinPublicFix',
      params: { networks },
      found:
        `Windows treats ${networks} as a Public network, ` +
        'where LAN Room is not allowed: others cannot join a room you host, and discovery may be blocked',
      fix:
        'On a network you trust, make it Private: Settings › Network & internet › (your network) › ' +
        'Network profile type › Private network. Then allow LAN Room when Windows asks.',
      details,
    }
  }
  if (unallowed.length > 0) {
    return {
      status: 'warn',
      found: `no firewall rule allows LAN Room to accept connections on ${unallowed.join(', ')} networks yet`,
      code: 'firewallWinNotAllowed',
      fixCode: 'firewallWinNotAllowedFix',
      params: { profiles: unallowed.join(', ') },
      fix: 'Windows asks the first time you host a room: answer Allow (on Private networks).',
      details,
    }
  }
  return {
    status: 'ok',
    found:
      guarded.length === 0
        ? 'the firewall is off for the networks in use'
        : `LAN Room is allowed on ${guarded.join(', ')} networks`,
    ...(guarded.length === 0
      ? { code: 'firewallWinOff' }
      : { code: 'firewallWinAllowed', params: { profiles: guarded.join(', ') } }),
    fix: null,
    details,
  }
}

export async function readWindowsFirewall(
  run: RunCommand,
  program: string,
  timeoutMs: number,
): Promise<CheckOutcome> {
  const result = await run(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-Command', windowsFirewallScript(program)],
    timeoutMs,
  )
  const state = result.ok ? parseWindowsFirewall(result.stdout) : null
  if (!state) {
    const reason = result.ok ? 'unexpected output' : result.reason
    return {
      status: 'skipped',
      found: `could not read the Windows Firewall: ${reason}`,
      code: 'firewallWinUnreadable',
      params: { reason },
      fix: null,
    }
  }
  return judgeWindowsFirewall(state)
}
