import { describe, expect, it } from 'vitest'
import type { RunCommand } from './run-command'
import {
  SOCKETFILTERFW,
  parseAppBlocked,
  parseBlockAll,
  parseGlobalState,
  readMacFirewall,
} from './firewall-macos'

/**
 * socketfilterfw's answers in the form macOS 13–14 prints them (transcribed: no Mac records them
 * on the machines these tests run on).
 */
const OUTPUT = {
  enabled: 'Firewall is enabled. (State = 1)\n',
  disabled: 'Firewall is disabled. (State = 0)\n',
  blockAll: 'Firewall is set to block all non-essential incoming connections\n',
  blockAllOff: 'Block all DISABLED! \n',
  permitted: 'The application /usr/local/bin/node is permitted\n',
  blocked: 'The application /Applications/LAN Room.app/Contents/MacOS/LAN Room is blocked\n',
}

function fake(answers: Record<string, string>): RunCommand {
  return async (file, args) => {
    expect(file).toBe(SOCKETFILTERFW)
    const answer = answers[args[0] ?? '']
    return answer === undefined
      ? { ok: false, reason: 'no such option' }
      : { ok: true, stdout: answer }
  }
}

describe('macOS firewall', () => {
  it('parses socketfilterfw', () => {
    expect(parseGlobalState(OUTPUT.enabled)).toBe(true)
    expect(parseGlobalState(OUTPUT.disabled)).toBe(false)
    expect(parseGlobalState('Firewall is enabled. (State = 2)')).toBe(true)
    expect(parseGlobalState('')).toBeNull()
    expect(parseBlockAll(OUTPUT.blockAll)).toBe(true)
    expect(parseBlockAll(OUTPUT.blockAllOff)).toBe(false)
    expect(parseAppBlocked(OUTPUT.permitted)).toBe(false)
    expect(parseAppBlocked(OUTPUT.blocked)).toBe(true)
  })

  it('fails when all incoming connections are blocked, or LAN Room is', async () => {
    expect(
      await readMacFirewall(
        fake({ '--getglobalstate': OUTPUT.enabled, '--getblockall': OUTPUT.blockAll }),
        '/x',
        1_000,
      ),
    ).toMatchObject({ status: 'fail', fix: expect.stringMatching(/Block all incoming/) })
    expect(
      await readMacFirewall(
        fake({
          '--getglobalstate': OUTPUT.enabled,
          '--getblockall': OUTPUT.blockAllOff,
          '--getappblocked': OUTPUT.blocked,
        }),
        '/x',
        1_000,
      ),
    ).toMatchObject({
      status: 'fail',
      found: 'the macOS firewall blocks incoming connections to LAN Room',
    })
  })

  it('is content otherwise, and says where the local-network permission shows', async () => {
    const outcome = await readMacFirewall(
      fake({ '--getglobalstate': OUTPUT.disabled, '--getappblocked': OUTPUT.permitted }),
      '/x',
      1_000,
    )
    expect(outcome.status).toBe('ok')
    expect(outcome.found).toMatch(/^the macOS firewall is off\. The local-network permission/)
    expect(outcome.found).toMatch(/Privacy & Security › Local Network/)
  })

  it('says when it cannot read the firewall', async () => {
    expect(await readMacFirewall(fake({}), '/x', 1_000)).toMatchObject({ status: 'skipped' })
  })
})
