import { remaining, type CheckOutcome, type DoctorContext } from './check'
import { MDNS_PORT } from './check-multicast'
import { readMacFirewall } from './firewall-macos'
import { parseIptables, parseNftRuleset, type Probe, type RuleFinding } from './firewall-rules'
import { readWindowsFirewall } from './firewall-windows'

/** The longest a firewall tool may take (PowerShell starts slowly), when the run allows it. */
const TOOL_TIMEOUT_MS = 4_000

function probesFor(tcpPorts: number[]): Probe[] {
  const udp: Probe[] = (['input', 'output'] as const).map((direction) => ({
    protocol: 'udp',
    port: MDNS_PORT,
    direction,
  }))
  const tcp = [...new Set(tcpPorts)].flatMap((port): Probe[] =>
    (['input', 'output'] as const).map((direction) => ({ protocol: 'tcp', port, direction })),
  )
  return [...udp, ...tcp]
}

function describe(finding: RuleFinding): string {
  const { protocol, port, direction } = finding.probe
  const what =
    protocol === 'udp'
      ? `mDNS (UDP ${port}) ${direction === 'input' ? 'coming in' : 'going out'}`
      : direction === 'input'
        ? `connections to rooms hosted here on TCP ${port}`
        : `connections to rooms at TCP port ${port}`
  return `${finding.certainty === 'blocks' ? 'drops' : 'may drop'} ${what}: ${finding.rule}`
}

/** The code of a finding that a rule surely drops `probe` (the `describe` sentence's kinds). */
function dropCode(probe: Probe): string {
  if (probe.protocol === 'udp')
    return probe.direction === 'input' ? 'firewallDropsMdnsIn' : 'firewallDropsMdnsOut'
  return probe.direction === 'input' ? 'firewallDropsHosted' : 'firewallDropsRooms'
}

/** Judges what the Linux rules do to LAN Room's ports. */
export function judgeLinuxRules(
  source: string,
  findingsOf: (probe: Probe) => RuleFinding[],
  tcpPorts: number[],
): CheckOutcome {
  const findings = probesFor(tcpPorts).flatMap(findingsOf)
  const details = findings.map(describe)
  const sure = findings.filter((finding) => finding.certainty === 'blocks')
  const fix =
    'Allow LAN Room’s ports in the firewall: UDP 5353 (mDNS) in and out, and the room’s TCP ' +
    'port (default 47800) — for example `sudo ufw allow 5353/udp` and `sudo ufw allow 47800/tcp`, ' +
    'or remove the rule shown.'
  if (sure.length > 0) {
    const first = sure[0] as RuleFinding
    return {
      status: 'fail',
      code: dropCode(first.probe),
      fixCode: 'firewallLinuxFix',
      params: { source, port: first.probe.port, rule: first.rule },
      found: `${source}: a rule ${describe(first)}`,
      fix,
      details,
    }
  }
  if (findings.length > 0) {
    return {
      status: 'warn',
      code: 'firewallMayDrop',
      fixCode: 'firewallLinuxFix',
      params: { source, count: findings.length },
      found: `${source}: ${findings.length} rule(s) may drop LAN Room’s traffic, depending on interface or source`,
      fix,
      details,
    }
  }
  const ports = [...new Set(tcpPorts)].join(', ')
  return {
    status: 'ok',
    code: 'firewallOk',
    params: { source, ports },
    found: `${source}: no rule drops mDNS or TCP port ${ports}`,
    fix: null,
    details,
  }
}

async function readLinuxFirewall(context: DoctorContext): Promise<CheckOutcome> {
  const timeout = Math.min(TOOL_TIMEOUT_MS, remaining(context.deadline, 1))
  const nft = await context.run('nft', ['-j', 'list', 'ruleset'], timeout)
  const parsed = nft.ok ? parseNftRuleset(nft.stdout) : null
  if (parsed) return judgeLinuxRules('nftables', parsed, context.tcpPorts)
  const iptables = await context.run('iptables', ['-S'], timeout)
  if (iptables.ok) {
    return judgeLinuxRules('iptables', parseIptables(iptables.stdout), context.tcpPorts)
  }
  const reason = `${nft.ok ? 'nft: unexpected output' : nft.reason}; ${iptables.reason}`
  return {
    status: 'skipped',
    code: 'firewallUnreadable',
    params: { reason },
    found:
      `could not read the firewall rules (${reason}): reading them needs root. If rooms are not found, check with ` +
      '`sudo nft list ruleset` that UDP 5353 and TCP 47800 are not dropped.',
    fix: null,
  }
}

/**
 * The firewall, where it can be read: Windows' network profile and rules for this program,
 * macOS's application firewall, Linux's nftables or iptables rules for UDP 5353 and the rooms'
 * TCP ports (readable without root only where the system allows it; otherwise "could not read").
 */
export async function checkFirewall(
  context: DoctorContext,
  program: string = process.execPath,
): Promise<CheckOutcome> {
  const timeout = Math.min(TOOL_TIMEOUT_MS, remaining(context.deadline, 1))
  switch (context.platform) {
    case 'win32':
      return readWindowsFirewall(context.run, program, timeout)
    case 'darwin':
      return readMacFirewall(context.run, program, timeout)
    case 'linux':
      return readLinuxFirewall(context)
    default:
      return {
        status: 'skipped',
        code: 'firewallUnsupported',
        params: { platform: context.platform },
        found: `reading the firewall is not supported on ${context.platform}`,
        fix: null,
      }
  }
}
