/**
 * Reading Linux firewall rules (nftables, iptables) for the ports LAN Room uses: which rule
 * would drop a packet to a given protocol and port, in the input or output hook. A rule is
 * judged by the matches it makes on protocol and destination port; any other match (interface,
 * source, connection state) makes it one that *may* apply. Accept rules before a drop count:
 * walking a chain stops at the first rule that settles the packet. Jumps to other chains are
 * not followed.
 */

export type Direction = 'input' | 'output'

export interface Probe {
  protocol: 'tcp' | 'udp'
  port: number
  direction: Direction
}

export interface RuleFinding {
  probe: Probe
  /** blocks: the rule drops such packets; may: it drops some of them (other matches). */
  certainty: 'blocks' | 'may'
  /** The rule as the firewall prints it, or the chain policy. */
  rule: string
}

/** How one match of a rule relates to the probe. */
type Match = 'yes' | 'no' | 'unknown'
type Verdict = 'drop' | 'accept' | null

interface Rule {
  verdict: Verdict
  matches: Match[]
  text: string
}

interface Chain {
  direction: Direction
  policy: 'drop' | 'accept'
  rules: Rule[]
  name: string
}

function walk(chains: Chain[], probe: Probe): RuleFinding[] {
  const findings: RuleFinding[] = []
  for (const chain of chains.filter((c) => c.direction === probe.direction)) {
    let uncertain = false
    let settled = false
    for (const rule of chain.rules) {
      if (rule.verdict === null || rule.matches.includes('no')) continue
      const sure = rule.matches.every((m) => m === 'yes')
      if (rule.verdict === 'accept') {
        if (sure) {
          settled = true
          break
        }
        uncertain = true
        continue
      }
      findings.push({ probe, certainty: sure && !uncertain ? 'blocks' : 'may', rule: rule.text })
      if (sure) {
        settled = true
        break
      }
    }
    if (!settled && chain.policy === 'drop') {
      findings.push({
        probe,
        certainty: uncertain ? 'may' : 'blocks',
        rule: `policy drop of chain ${chain.name}`,
      })
    }
  }
  return findings
}

function portIn(value: unknown, port: number): Match {
  if (typeof value === 'number') return value === port ? 'yes' : 'no'
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value) === port ? 'yes' : 'no'
  if (Array.isArray(value)) {
    const results = value.map((item) => portIn(item, port))
    return results.includes('yes') ? 'yes' : results.includes('unknown') ? 'unknown' : 'no'
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (Array.isArray(record['set'])) return portIn(record['set'], port)
    const range = record['range']
    if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') {
      return port >= range[0] && port <= range[1] ? 'yes' : 'no'
    }
  }
  return 'unknown'
}

function negate(match: Match, op: unknown): Match {
  if (op !== '!=' || match === 'unknown') return match
  return match === 'yes' ? 'no' : 'yes'
}

/** One match expression of an nft JSON rule, against the probe. */
function nftMatch(match: Record<string, unknown>, probe: Probe): Match {
  const left = match['left'] as Record<string, Record<string, unknown>> | undefined
  const right = match['right']
  const payload = left?.['payload']
  if (payload && payload['field'] === 'dport') {
    if (payload['protocol'] !== probe.protocol) return negate('no', match['op'])
    return negate(portIn(right, probe.port), match['op'])
  }
  const meta = left?.['meta']
  if (meta && (meta['key'] === 'l4proto' || meta['key'] === 'nfproto')) {
    if (meta['key'] === 'nfproto') return 'unknown'
    const names = JSON.stringify(right)
    return negate(names.includes(`"${probe.protocol}"`) ? 'yes' : 'no', match['op'])
  }
  if (meta && meta['key'] === 'pkttype' && right === 'multicast') {
    return negate(probe.protocol === 'udp' && probe.port === 5353 ? 'yes' : 'no', match['op'])
  }
  return 'unknown'
}

function nftRuleText(expr: unknown[]): string {
  return expr
    .map((item) => {
      const entry = item as Record<string, Record<string, unknown>>
      const match = entry['match']
      if (!match) {
        const xt = entry['xt']
        return xt ? String(xt['name']) : (Object.keys(entry)[0] ?? '?')
      }
      const left = match['left'] as Record<string, Record<string, unknown>> | undefined
      const payload = left?.['payload']
      const meta = left?.['meta']
      const what = payload
        ? `${String(payload['protocol'])} ${String(payload['field'])}`
        : meta
          ? `meta ${String(meta['key'])}`
          : JSON.stringify(left)
      const op = match['op'] === '==' || match['op'] === 'in' ? '' : `${String(match['op'])} `
      return `${what} ${op}${JSON.stringify(match['right'])}`
    })
    .join(' ')
}

/** A rule's verdict: nft's own, or an iptables target that nft shows as `xt` (iptables-nft). */
function nftVerdict(entry: Record<string, unknown>): Verdict {
  if ('drop' in entry || 'reject' in entry) return 'drop'
  if ('accept' in entry) return 'accept'
  const xt = entry['xt'] as Record<string, unknown> | undefined
  if (xt && xt['type'] === 'target') {
    if (xt['name'] === 'DROP' || xt['name'] === 'REJECT') return 'drop'
    if (xt['name'] === 'ACCEPT') return 'accept'
  }
  return null
}

/** Parses `nft -j list ruleset`; null when it is not such a document. */
export function parseNftRuleset(json: string): ((probe: Probe) => RuleFinding[]) | null {
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch {
    return null
  }
  const items = (document as { nftables?: unknown })?.nftables
  if (!Array.isArray(items)) return null
  const chains = new Map<string, Chain>()
  const rules: Array<{ key: string; expr: unknown[] }> = []
  for (const item of items as Array<Record<string, Record<string, unknown>> | null>) {
    if (!item || typeof item !== 'object') continue
    const chain = item['chain']
    if (chain && (chain['hook'] === 'input' || chain['hook'] === 'output')) {
      const key = `${String(chain['family'])} ${String(chain['table'])} ${String(chain['name'])}`
      chains.set(key, {
        direction: chain['hook'],
        policy: chain['policy'] === 'drop' ? 'drop' : 'accept',
        rules: [],
        name: key,
      })
    }
    const rule = item['rule']
    if (rule && Array.isArray(rule['expr'])) {
      const key = `${String(rule['family'])} ${String(rule['table'])} ${String(rule['chain'])}`
      const expr = (rule['expr'] as unknown[]).filter((entry) => entry && typeof entry === 'object')
      rules.push({ key, expr })
    }
  }
  return (probe) => {
    const built = [...chains.values()].map((chain) => ({ ...chain, rules: [] as Rule[] }))
    const byName = new Map(built.map((chain) => [chain.name, chain]))
    for (const { key, expr } of rules) {
      const chain = byName.get(key)
      if (!chain) continue
      const entries = expr as Array<Record<string, unknown>>
      const verdict = entries.map(nftVerdict).find((v) => v !== null) ?? null
      const matches = entries.flatMap((entry): Match[] => {
        if (entry['match']) return [nftMatch(entry['match'] as Record<string, unknown>, probe)]
        // An iptables match that nft cannot translate (iptables-nft): not understood.
        const xt = entry['xt'] as Record<string, unknown> | undefined
        return xt && xt['type'] === 'match' ? ['unknown'] : []
      })
      chain.rules.push({ verdict, matches, text: `${key}: ${nftRuleText(expr)}` })
    }
    return walk(built, probe)
  }
}

function iptablesPort(spec: string, port: number): Match {
  const parts = spec.split(',')
  for (const part of parts) {
    const [low, high] = part.split(':').map(Number)
    if (low === undefined || Number.isNaN(low)) return 'unknown'
    if (port >= low && port <= (high ?? low)) return 'yes'
  }
  return 'no'
}

/** Parses `iptables -S` (its INPUT and OUTPUT chains). */
export function parseIptables(text: string): (probe: Probe) => RuleFinding[] {
  const lines = text.split('\n').map((line) => line.trim())
  return (probe) => {
    const chains: Chain[] = (['input', 'output'] as const).map((direction) => {
      const name = direction.toUpperCase()
      const policy = lines.some((line) => line === `-P ${name} DROP`) ? 'drop' : 'accept'
      const rules = lines
        .filter((line) => line.startsWith(`-A ${name} `))
        .map((line): Rule => {
          const words = line.split(/\s+/).slice(2)
          const target = words[words.indexOf('-j') + 1]
          const verdict: Verdict =
            target === 'DROP' || target === 'REJECT'
              ? 'drop'
              : target === 'ACCEPT'
                ? 'accept'
                : null
          const matches: Match[] = []
          for (let i = 0; i < words.length; i++) {
            const word = words[i]
            const value = words[i + 1] ?? ''
            if (word === '-j' || word === '-m') i++
            else if (word === '-p') {
              matches.push(value === probe.protocol ? 'yes' : 'no')
              i++
            } else if (word === '--dport' || word === '--dports' || word === '--destination-port') {
              matches.push(iptablesPort(value, probe.port))
              i++
            } else if (word?.startsWith('-') && word !== '--reject-with') {
              matches.push('unknown')
            }
          }
          return { verdict, matches, text: line }
        })
      return { direction, policy, rules, name }
    })
    return walk(chains, probe)
  }
}
