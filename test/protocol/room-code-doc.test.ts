/**
 * docs/room-code.md and the code must never disagree: every example code is what the encoder
 * makes and decodes back, the table of lengths is the encoder's, the error codes it lists are
 * the decoder's, and the worked example's pieces are right.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PORT } from '../../src/shared/protocol'
import {
  ROOM_CODE_ERRORS,
  decodeRoomCode,
  encodeRoomCode,
  fingerprintMatches,
} from '../../src/shared/protocol/room-code'
import { verificationCode } from '../../src/shared/security/verification-code'

const DOC = readFileSync(join(import.meta.dirname, '../../docs/room-code.md'), 'utf8')

/** The rows of the first table after the line that starts with `header`. */
function table(header: string): string[][] {
  const lines = DOC.split('\n')
  const start = lines.findIndex((line) => line.startsWith(header))
  expect(start, header).toBeGreaterThan(0)
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    )
  }
  return rows
}

const FINGERPRINT = /the one \[protocol\.md\]\(protocol\.md\) uses,\s+`([0-9a-f]{64})`/.exec(
  DOC,
)?.[1]

describe('docs/room-code.md', () => {
  it('gives the fingerprint of protocol.md and its verification code', () => {
    expect(FINGERPRINT).toBeDefined()
    const protocol = readFileSync(join(import.meta.dirname, '../../docs/protocol.md'), 'utf8')
    expect(protocol).toContain(FINGERPRINT as string)
    expect(DOC).toContain(`(verification code\n\`${verificationCode(FINGERPRINT as string)}\`)`)
  })

  it('has examples the encoder makes and the decoder reads back', () => {
    const rows = table('| address')
    expect(rows.length).toBeGreaterThanOrEqual(8)
    for (const [address, port, code, bits] of rows as Array<[string, string, string, string]>) {
      const fingerprint = FINGERPRINT as string
      expect(encodeRoomCode({ address, port: Number(port), fingerprint }), address).toBe(code)
      const decoded = decodeRoomCode(code)
      expect(decoded).toMatchObject({ ok: true, address, port: Number(port) })
      if (!decoded.ok) continue
      expect(decoded.fingerprintBits).toBe(Number(bits))
      expect(fingerprintMatches(decoded, fingerprint)).toBe(true)
    }
  })

  it('has the lengths and fingerprint sizes the encoder uses', () => {
    const sample: Record<string, string> = {
      '192.168.0.0/16': '192.168.7.9',
      '172.16.0.0/12': '172.31.255.1',
      '10.0.0.0/8': '10.200.3.4',
      'any IPv4': '203.0.113.5',
    }
    const rows = table('| network ')
    expect(rows.map((row) => row[0])).toEqual(Object.keys(sample))
    for (const [network, atDefault, atOther] of rows as Array<[string, string, string]>) {
      for (const [cell, port] of [
        [atDefault, DEFAULT_PORT],
        [atOther, 50_000],
      ] as const) {
        const code = encodeRoomCode({
          address: sample[network] as string,
          port,
          fingerprint: 'f0'.repeat(32),
        })
        const decoded = decodeRoomCode(code)
        expect(decoded.ok).toBe(true)
        if (!decoded.ok) continue
        expect(`${code.replace(/-/g, '').length}, ${decoded.fingerprintBits}`, network).toBe(cell)
      }
    }
  })

  it('lists exactly the decoder’s error codes', () => {
    const listed = new Set(DOC.match(/ROOM_CODE_ERR_[A-Z]+/g))
    expect([...listed].sort()).toEqual(Object.values(ROOM_CODE_ERRORS).sort())
  })

  it('works the first example out correctly', () => {
    const code = encodeRoomCode({
      address: '192.168.1.20',
      port: DEFAULT_PORT,
      fingerprint: FINGERPRINT as string,
    })
    expect(DOC).toContain(`\`${code.replace(/-/g, '').slice(0, -1)}\``)
    expect(DOC).toContain(`is\n\`${code.at(-1)}\``)
    expect(1 * 256 + 20).toBe(276)
    expect((276).toString(2).padStart(16, '0')).toBe('0000000100010100')
    expect(DOC).toContain('`0000000100010100`')
  })
})
