import { afterEach, describe, expect, it } from 'vitest'
import type { DoctorCheckResult } from '../../../shared/bridge/doctor'
import { checkTitle, doctorFix, doctorFound, statusText } from './doctor-text'
import { setLanguage } from './i18n'

function result(overrides: Partial<DoctorCheckResult>): DoctorCheckResult {
  return {
    id: 'firewall',
    title: 'Firewall',
    status: 'warn',
    found: 'nftables: 2 rule(s) may drop LAN Room’s traffic, depending on interface or source',
    fix: 'Allow LAN Room’s ports in the firewall.',
    details: [],
    steps: [],
    durationMs: 3,
    ...overrides,
  }
}

describe('the doctor’s findings in the person’s language', () => {
  afterEach(() => setLanguage('en'))

  it('says a coded finding and its fix from the catalogue, plurals by the language', () => {
    const coded = result({
      code: 'firewallMayDrop',
      fixCode: 'firewallLinuxFix',
      params: { source: 'nftables', count: 2 },
    })
    setLanguage('de')
    expect(doctorFound(coded)).toBe(
      'nftables: 2 Regeln könnten den Verkehr von LAN Room verwerfen, je nach Schnittstelle oder Quelle',
    )
    expect(doctorFix(coded)).toMatch(/^Erlaube die Ports von LAN Room/)
    setLanguage('ar')
    expect(doctorFound(coded)).toContain('قاعدتان')
    expect(checkTitle('firewall')).toBe('جدار الحماية')
    expect(statusText('warn')).toBe('تحذير')
  })

  it('shows main’s English for a finding without a code, or with one it does not know', () => {
    setLanguage('fr')
    expect(doctorFound(result({}))).toBe(result({}).found)
    const unknown = result({ code: 'somethingNew', fixCode: 'somethingNewFix' })
    expect(doctorFound(unknown)).toBe(unknown.found)
    expect(doctorFix(unknown)).toBe(unknown.fix)
    expect(doctorFix(result({ fix: null, fixCode: 'firewallLinuxFix' }))).toBeNull()
  })

  it('keeps a value that looks like an option or a nesting as plain text', () => {
    const sneaky = result({
      code: 'roomStepFailed',
      fix: null,
      params: { step: 'tls', reason: '$t(doctor.roomOk) {{lng}}' },
    })
    expect(doctorFound(sneaky)).toBe('tls failed: $t(doctor.roomOk) {{lng}}')
  })
})
