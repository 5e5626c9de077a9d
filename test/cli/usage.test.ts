/**
 * What the README promises of the commands' arguments and --help, checked against the built
 * command. Nothing here reaches a network: a usage error ends before anything is asked.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, runCli } from '../support/cli'

beforeAll(assertBuilt)

describe('lanroom rooms arguments', () => {
  it('takes up to 7 --scan-port and refuses an eighth with one line, exit 2', async () => {
    const ports = (count: number): string[] =>
      Array.from({ length: count }, (_, i) => ['--scan-port', String(1001 + i)]).flat()
    // A bad --timeout last, so that nothing runs (no mDNS here) even if the ports were taken:
    // the first bad flag is the one reported.
    const eight = await runCli(['rooms', ...ports(8), '--timeout', '0'])
    expect(eight.code).toBe(2)
    expect(eight.stdout).toBe('')
    expect(eight.stderr).toMatch(/^lanroom: [^\n]*at most 7 --scan-port may be given[^\n]*\n$/)
    const seven = await runCli(['rooms', ...ports(7), '--timeout', '0'])
    expect(seven.code).toBe(2)
    expect(seven.stderr).toMatch(/^lanroom: option '--timeout <s>' argument '0' is invalid/)
  })
})
