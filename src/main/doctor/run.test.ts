import { describe, expect, it } from 'vitest'
import { DOCTOR_CHECK_IDS, doctorReportSchema } from '../../shared/bridge/doctor'
import type { CheckTable } from './check'
import { doctorContext } from './context'
import { DEADLINE_GRACE_MS, runDoctor } from './run'

const ok = async () => ({ status: 'ok' as const, found: 'fine' })

function table(overrides: Partial<CheckTable> = {}): CheckTable {
  return {
    interfaces: ok,
    multicast: ok,
    'mdns-port': ok,
    firewall: ok,
    vpn: ok,
    room: ok,
    ...overrides,
  }
}

describe('the doctor’s run', () => {
  it('reports every check in order, however they finish, and progress as each does', async () => {
    const finished: string[] = []
    const report = await runDoctor({
      checks: table({
        interfaces: async () => {
          await new Promise((resolve) => setTimeout(resolve, 50))
          return { status: 'warn', found: 'slow' }
        },
        vpn: async () => ({ status: 'fail', found: 'captured', fix: 'Turn it off.' }),
      }),
      context: (deadline) => doctorContext(deadline),
      onCheck: (result) => finished.push(result.id),
    })
    expect(report.checks.map((check) => check.id)).toEqual([...DOCTOR_CHECK_IDS])
    // The mDNS port's check runs first: the others bind the port themselves.
    expect(finished[0]).toBe('mdns-port')
    expect(finished.at(-1)).toBe('interfaces')
    expect(report.failed).toBe(true)
    expect(report.checks[4]).toMatchObject({
      title: 'VPNs and virtual adapters',
      fix: 'Turn it off.',
    })
    expect(doctorReportSchema.safeParse(report).success).toBe(true)
  })

  it('ends within its bound when a check hangs, and reports a check that throws', async () => {
    const started = performance.now()
    const report = await runDoctor({
      checks: table({
        firewall: () => new Promise(() => {}),
        room: async () => {
          throw new Error('boom')
        },
      }),
      timeoutMs: 300,
      context: (deadline) => doctorContext(deadline),
    })
    const elapsed = performance.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(300)
    // A safety net far above the bound (300 + 500 ms): the machine may be busy.
    expect(elapsed).toBeLessThan(300 + DEADLINE_GRACE_MS + 10_000)
    expect(report.checks[3]).toMatchObject({
      status: 'warn',
      found: expect.stringMatching(/did not finish within the run's 0\.3 s/),
    })
    expect(report.checks[5]).toMatchObject({
      status: 'fail',
      found: 'the check itself failed: boom',
    })
  })

  it('clips what a check found to the report’s bounds', async () => {
    const report = await runDoctor({
      checks: table({
        vpn: async () => ({
          status: 'ok',
          found: 'x'.repeat(5_000),
          details: Array.from({ length: 100 }, () => 'y'.repeat(1_000)),
        }),
      }),
      context: (deadline) => doctorContext(deadline, { target: 'z'.repeat(1_000) }),
    })
    expect(doctorReportSchema.safeParse(report).success).toBe(true)
    expect(report.checks[4]?.found).toHaveLength(1_000)
    expect(report.checks[4]?.details).toHaveLength(32)
  })
})
