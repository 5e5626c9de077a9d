import { describe, expect, it } from 'vitest'
import { CertificateWarning, type Refusal } from './certificate-warning'
import type { JoinTarget } from './joining'

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)
const TARGET: JoinTarget = {
  urls: ['wss://127.0.0.1:1/ws'],
  roomId: 'r1',
  roomName: 'Lab',
  expectedFingerprint: null,
  passphrase: null,
}

function refusal(kind: Refusal['kind'], presented: string | null = B): Refusal {
  return { ok: false, kind, message: kind, pinnedFingerprint: A, presentedFingerprint: presented }
}

describe('CertificateWarning', () => {
  it('keeps a changed or vanished certificate, with how to join again', () => {
    const warning = new CertificateWarning()
    expect(warning.current).toBeNull()
    expect(warning.offer('r1', 'Lab', refusal('changed'), TARGET)).toBe(true)
    expect(warning.current).toEqual({
      kind: 'changed',
      roomId: 'r1',
      roomName: 'Lab',
      pinned: A,
      presented: B,
      target: TARGET,
    })
    expect(warning.offer('r1', 'Lab', refusal('downgraded', null), TARGET)).toBe(true)
    expect(warning.current).toMatchObject({ kind: 'downgraded', presented: null })
  })

  it('offers nothing to trust for a certificate other than the one confirmed, nor for another room', () => {
    const warning = new CertificateWarning()
    expect(warning.offer('r1', 'Lab', refusal('unexpected'), TARGET)).toBe(false)
    expect(warning.offer('r1', 'Lab', refusal('another-room'), TARGET)).toBe(false)
    expect(warning.current).toBeNull()
  })

  it('is found only by its room and exactly the certificate it presented', () => {
    const warning = new CertificateWarning()
    warning.offer('r1', 'Lab', refusal('changed'), TARGET)
    expect(warning.find('r1', B)).toBe(warning.current)
    expect(warning.find('r2', B)).toBeNull()
    expect(warning.find('r1', A)).toBeNull()
    warning.offer('r1', 'Lab', refusal('downgraded', null), TARGET)
    // Nothing to trust in a connection that presented no certificate.
    expect(warning.find('r1', B)).toBeNull()
  })

  it('is taken down, or left up when another refusal replaced the one in question', () => {
    const warning = new CertificateWarning()
    expect(warning.clear()).toBe(false)
    warning.offer('r1', 'Lab', refusal('changed'), TARGET)
    const first = warning.current ?? undefined
    warning.offer('r1', 'Lab', refusal('changed', A), TARGET)
    expect(warning.clear(first)).toBe(false)
    expect(warning.current).toMatchObject({ presented: A })
    expect(warning.clear(warning.current ?? undefined)).toBe(true)
    expect(warning.current).toBeNull()
  })
})
