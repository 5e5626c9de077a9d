import { describe, expect, it } from 'vitest'
import type { DoctorReport } from '../shared/bridge/doctor'
import { formatDoctorReport } from './doctor-report'

const REPORT: DoctorReport = {
  target: '10.0.0.2:47800',
  platform: 'linux',
  failed: true,
  durationMs: 3_120,
  checks: [
    {
      id: 'multicast',
      title: 'Multicast comes back',
      status: 'ok',
      found: 'our mDNS query came back on eth0',
      fix: null,
      details: ['eth0 10.0.0.5: came back'],
      steps: [],
      durationMs: 3,
    },
    {
      id: 'room',
      title: 'Room',
      status: 'fail',
      found: 'websocket failed: the WebSocket upgrade failed: HTTP 403',
      fix: 'Ask the host to restart the room.',
      details: [],
      steps: [
        { step: 'resolve', status: 'ok', found: 'the address 10.0.0.2:47800', durationMs: 0 },
        {
          step: 'websocket',
          status: 'fail',
          found: 'HTTP 403 from "\u001b[31mEvil"',
          durationMs: 4,
        },
      ],
      durationMs: 20,
    },
  ],
}

describe('the doctor’s report for people', () => {
  it('marks each check and step, then lists the fixes with the failing step', () => {
    expect(formatDoctorReport(REPORT, true)).toBe(
      [
        'LAN Room network doctor for 10.0.0.2:47800 (linux, 3.1 s)',
        '',
        '✓ Multicast comes back  our mDNS query came back on eth0',
        '      eth0 10.0.0.5: came back',
        '✗ Room                  websocket failed: the WebSocket upgrade failed: HTTP 403',
        '    ✓ resolve     the address 10.0.0.2:47800',
        '    ✗ websocket   HTTP 403 from "?[31mEvil"',
        '',
        'What to do:',
        '✗ Room (websocket): Ask the host to restart the room.',
        '',
      ].join('\n'),
    )
  })

  it('writes plain ASCII marks when not on a terminal, and says when there is nothing to fix', () => {
    const text = formatDoctorReport(
      { ...REPORT, failed: false, checks: [REPORT.checks[0]!] },
      false,
    )
    expect(text).toContain('OK   Multicast comes back')
    expect(text).toMatch(/Nothing to fix\.\n$/)
    expect(formatDoctorReport(REPORT, false)).toContain('FAIL Room (websocket):')
  })
})
