import { describe, expect, it } from 'vitest'
import type { RunCommand } from './run-command'
import {
  judgeWindowsFirewall,
  parseWindowsFirewall,
  readWindowsFirewall,
  windowsFirewallScript,
} from './firewall-windows'

/**
 * Outputs in the shape the script prints (written out by hand: no Windows machine records them
 * where these tests run) (PowerShell 5.1's ConvertTo-Json -Compress, a UTF-8
 * byte-order mark first as Windows PowerShell writes it to a pipe): a home network made Public,
 * the rule Windows adds when the person answers "Allow" for Private networks only, and a
 * blocking rule.
 */
const RECORDED = {
  publicNoRule:
    '\uFEFF{"profiles":[{"alias":"Wi-Fi","category":"Public"}],"firewall":[{"name":"Domain","enabled":"True"},{"name":"Private","enabled":"True"},{"name":"Public","enabled":"True"}],"rules":[]}\r\n',
  privateAllowed:
    '{"profiles":{"alias":"Ethernet","category":"Private"},"firewall":[{"name":"Domain","enabled":"True"},{"name":"Private","enabled":"True"},{"name":"Public","enabled":"True"}],"rules":[{"name":"lanroom.exe","enabled":"True","direction":"Inbound","action":"Allow","profile":"Private"},{"name":"lanroom.exe","enabled":"True","direction":"Inbound","action":"Block","profile":"Public"}]}',
  blocked:
    '{"profiles":[{"alias":"Ethernet","category":"Private"},{"alias":"vEthernet (WSL)","category":"Public"}],"firewall":[{"name":"Domain","enabled":"True"},{"name":"Private","enabled":"True"},{"name":"Public","enabled":"True"}],"rules":[{"name":"LAN Room","enabled":"True","direction":"Inbound","action":"Block","profile":"Domain, Private"}]}',
  off: '{"profiles":[{"alias":"Wi-Fi","category":1}],"firewall":[{"name":"Private","enabled":"False"}],"rules":null}',
}

describe('Windows firewall', () => {
  it('reads the script’s JSON, with one-element lists, numbers for enums and a BOM', () => {
    expect(parseWindowsFirewall(RECORDED.privateAllowed)?.profiles).toEqual([
      { alias: 'Ethernet', category: 'Private' },
    ])
    expect(parseWindowsFirewall(RECORDED.off)).toEqual({
      profiles: [{ alias: 'Wi-Fi', category: 'Private' }],
      firewall: [{ name: 'Private', enabled: false }],
      rules: [],
    })
    expect(parseWindowsFirewall(RECORDED.publicNoRule)?.firewall).toHaveLength(3)
  })

  it('warns about a Public network, where LAN Room is not allowed, and says how to make it Private', () => {
    const outcome = judgeWindowsFirewall(parseWindowsFirewall(RECORDED.publicNoRule)!)
    expect(outcome.status).toBe('warn')
    expect(outcome.found).toMatch(/treats "Wi-Fi" as a Public network/)
    expect(outcome.fix).toMatch(/Network profile type › Private network/)
  })

  it('is content with a Private network where a rule allows LAN Room', () => {
    const outcome = judgeWindowsFirewall(parseWindowsFirewall(RECORDED.privateAllowed)!)
    expect(outcome).toMatchObject({
      status: 'ok',
      found: 'LAN Room is allowed on Private networks',
    })
    expect(outcome.details).toContain('rule "lanroom.exe": Block Inbound on Public')
  })

  it('fails on a rule that blocks LAN Room on a network in use', () => {
    const outcome = judgeWindowsFirewall(parseWindowsFirewall(RECORDED.blocked)!)
    expect(outcome.status).toBe('fail')
    expect(outcome.found).toMatch(/blocks LAN Room: "LAN Room" \(Domain, Private\)/)
    expect(outcome.fix).toMatch(/Allow an app through firewall/)
  })

  it('is content when the firewall is off', () => {
    expect(judgeWindowsFirewall(parseWindowsFirewall(RECORDED.off)!).found).toBe(
      'the firewall is off for the networks in use',
    )
  })

  it('refuses output that is not the document, and says when PowerShell cannot run', async () => {
    expect(parseWindowsFirewall('Get-NetConnectionProfile : Access denied')).toBeNull()
    expect(parseWindowsFirewall('[1,2]')?.profiles).toEqual([])
    const missing: RunCommand = async (file) => ({ ok: false, reason: `${file} is not installed` })
    expect(await readWindowsFirewall(missing, 'C:\\x.exe', 1_000)).toMatchObject({
      status: 'skipped',
      found: 'could not read the Windows Firewall: powershell.exe is not installed',
    })
  })

  it('quotes the program path for PowerShell (a quote in a path cannot end the string)', () => {
    const script = windowsFirewallScript("C:\\Users\\O'Brien\\lanroom.exe")
    expect(script).toContain("-Program 'C:\\Users\\O''Brien\\lanroom.exe'")
  })
})
