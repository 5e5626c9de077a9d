import type { DoctorReport, DoctorStatus } from '../shared/bridge/doctor'

const MARKS: Record<'tty' | 'plain', Record<DoctorStatus, string>> = {
  tty: { ok: '✓', warn: '!', fail: '✗', skipped: '-' },
  plain: { ok: 'OK  ', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' },
}

/**
 * What the report quotes comes partly from the network (room names) and the system (command
 * output): control characters are replaced so that nothing can drive the terminal.
 */
function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?')
}

/**
 * The doctor's report for people: one line per check (✓ ok, ! warning, ✗ failed, - skipped; on
 * a terminal — otherwise OK, WARN, FAIL, SKIP), its details indented below, the room's steps
 * up to the one that failed, then the fixes.
 */
export function formatDoctorReport(report: DoctorReport, tty: boolean): string {
  const marks = MARKS[tty ? 'tty' : 'plain']
  const width = Math.max(...report.checks.map((check) => check.title.length))
  const lines: string[] = [
    `LAN Room network doctor${report.target ? ` for ${safe(report.target)}` : ''} ` +
      `(${report.platform}, ${(report.durationMs / 1000).toFixed(1)} s)`,
    '',
  ]
  for (const check of report.checks) {
    lines.push(`${marks[check.status]} ${check.title.padEnd(width)}  ${safe(check.found)}`)
    for (const step of check.steps) {
      lines.push(`    ${marks[step.status]} ${step.step.padEnd(11)} ${safe(step.found)}`)
    }
    if (check.status !== 'skipped') {
      for (const detail of check.details) lines.push(`      ${safe(detail)}`)
    }
  }
  const fixes = report.checks.filter(
    (check) => check.fix !== null && (check.status === 'fail' || check.status === 'warn'),
  )
  lines.push('')
  if (fixes.length === 0) {
    lines.push('Nothing to fix.')
  } else {
    lines.push('What to do:')
    for (const check of fixes) {
      const failedStep = check.steps.find((step) => step.status === 'fail')
      const where = failedStep ? ` (${failedStep.step})` : ''
      lines.push(`${marks[check.status]} ${check.title}${where}: ${safe(check.fix ?? '')}`)
    }
  }
  return `${lines.join('\n')}\n`
}
