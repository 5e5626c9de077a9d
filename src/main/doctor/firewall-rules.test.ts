import { describe, expect, it } from 'vitest'
import { parseIptables, parseNftRuleset, type Probe } from './firewall-rules'

const TCP_IN: Probe = { protocol: 'tcp', port: 47800, direction: 'input' }
const TCP_OUT: Probe = { ...TCP_IN, direction: 'output' }
const MDNS_IN: Probe = { protocol: 'udp', port: 5353, direction: 'input' }

/** Recorded with `nft -j list ruleset` (nftables 1.0.6) after the rules in each comment. */
const NFT = {
  // nft add rule inet t input tcp dport 47800 drop
  dropPort:
    '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "t", "handle": 1}}, {"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}}, {"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 2, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 47800}}, {"drop": null}]}}]}',
  // iptables(-nft) -A OUTPUT -p tcp --dport 47800 -j REJECT
  xtReject:
    '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "ip", "name": "filter", "handle": 1}}, {"chain": {"family": "ip", "table": "filter", "name": "OUTPUT", "handle": 1, "type": "filter", "hook": "output", "prio": 0, "policy": "accept"}}, {"rule": {"family": "ip", "table": "filter", "chain": "OUTPUT", "handle": 2, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 47800}}, {"counter": {"packets": 0, "bytes": 0}}, {"xt": {"type": "target", "name": "REJECT"}}]}}]}',
  // policy drop; iif lo accept; tcp dport { 22, 47800-47810 } accept; udp dport 5353 accept
  policyDrop:
    '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "fw", "handle": 2}}, {"chain": {"family": "inet", "table": "fw", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}, {"rule": {"family": "inet", "table": "fw", "chain": "input", "handle": 2, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "lo"}}, {"accept": null}]}}, {"rule": {"family": "inet", "table": "fw", "chain": "input", "handle": 3, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": {"set": [22, {"range": [47800, 47810]}]}}}, {"accept": null}]}}]}',
  // meta pkttype multicast drop
  multicast:
    '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "t", "handle": 1}}, {"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}}, {"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 2, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "pkttype"}}, "right": "multicast"}}, {"drop": null}]}}]}',
}

describe('nftables rules', () => {
  it('finds a rule that drops the port, in its direction only', () => {
    const rules = parseNftRuleset(NFT.dropPort)
    expect(rules?.(TCP_IN)).toEqual([
      { probe: TCP_IN, certainty: 'blocks', rule: 'inet t input: tcp dport 47800 drop' },
    ])
    expect(rules?.(TCP_OUT)).toEqual([])
    expect(rules?.({ ...TCP_IN, port: 47801 })).toEqual([])
    expect(rules?.(MDNS_IN)).toEqual([])
  })

  it('reads iptables-nft targets as verdicts', () => {
    const rules = parseNftRuleset(NFT.xtReject)
    expect(rules?.(TCP_OUT)).toEqual([
      {
        probe: TCP_OUT,
        certainty: 'blocks',
        rule: 'ip filter OUTPUT: tcp dport 47800 counter REJECT',
      },
    ])
  })

  it('follows accept rules before a drop policy: sets, ranges, and rules that only may apply', () => {
    const rules = parseNftRuleset(NFT.policyDrop)
    // Accepted by the set's range: nothing drops it.
    expect(rules?.(TCP_IN)).toEqual([])
    // Only loopback is accepted for the rest: the policy may drop it (depends on the interface).
    expect(rules?.(MDNS_IN)).toEqual([
      { probe: MDNS_IN, certainty: 'may', rule: 'policy drop of chain inet fw input' },
    ])
  })

  it('sees that a multicast drop takes mDNS', () => {
    expect(parseNftRuleset(NFT.multicast)?.(MDNS_IN)[0]?.certainty).toBe('blocks')
    expect(parseNftRuleset(NFT.multicast)?.(TCP_IN)).toEqual([])
  })

  it('refuses what is not a ruleset (hostile or broken output)', () => {
    expect(parseNftRuleset('Error: Could not process rule: Operation not permitted')).toBeNull()
    expect(parseNftRuleset('{"nftables": 3}')).toBeNull()
    expect(
      parseNftRuleset(
        '{"nftables": [null, 1, {"rule": {"expr": "x"}}, {"chain": {"hook": "input", "family": "inet", "table": "t", "name": "c"}}, {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [null, 7, {"drop": null}]}}]}',
      )?.(TCP_IN),
    ).toEqual([{ probe: TCP_IN, certainty: 'blocks', rule: 'inet t c: drop' }])
  })
})

describe('iptables rules', () => {
  /** Recorded with `iptables -S` (1.8.9). */
  const SAVED = [
    '-P INPUT DROP',
    '-P FORWARD ACCEPT',
    '-P OUTPUT ACCEPT',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -p udp -m udp --dport 5353 -j ACCEPT',
    '-A INPUT -p tcp -m multiport --dports 22,47000:47900 -j ACCEPT',
    '-A OUTPUT -p tcp -m tcp --dport 47800 -j REJECT --reject-with icmp-port-unreachable',
  ].join('\n')

  it('walks INPUT and OUTPUT in order: accepts, drops and the policy', () => {
    const rules = parseIptables(SAVED)
    expect(rules(TCP_IN)).toEqual([])
    expect(rules(MDNS_IN)).toEqual([])
    expect(rules({ ...TCP_IN, port: 8080 })).toEqual([
      { probe: { ...TCP_IN, port: 8080 }, certainty: 'may', rule: 'policy drop of chain INPUT' },
    ])
    expect(rules(TCP_OUT)).toEqual([
      {
        probe: TCP_OUT,
        certainty: 'blocks',
        rule: '-A OUTPUT -p tcp -m tcp --dport 47800 -j REJECT --reject-with icmp-port-unreachable',
      },
    ])
  })

  it('finds nothing in an empty or unreadable listing', () => {
    expect(parseIptables('')(TCP_IN)).toEqual([])
    expect(parseIptables('iptables: Permission denied (you must be root).')(TCP_IN)).toEqual([])
  })
})
