import { describe, expect, it } from 'vitest'
import { parseWatchTarget, subnetText } from './watch-target'

describe('parseWatchTarget', () => {
  it('takes a private host or subnet up to a /22, clearing host bits', () => {
    const host = parseWatchTarget(' 192.168.1.20 ')
    expect(host.ok && subnetText(host.subnet)).toBe('192.168.1.20/32')
    const block = parseWatchTarget('10.0.5.9/22')
    expect(block.ok && subnetText(block.subnet)).toBe('10.0.4.0/22')
  })

  it.each([
    ['printer.local', 'SCAN_ERR_NOT_AN_ADDRESS'],
    ['10.0.0.256', 'SCAN_ERR_NOT_AN_ADDRESS'],
    ['10.0.0.0/33', 'SCAN_ERR_NOT_AN_ADDRESS'],
    ['10.0.0.0/21', 'SCAN_ERR_TOO_WIDE'],
    ['8.8.8.8', 'SCAN_ERR_NOT_PRIVATE'],
    ['100.64.0.0/24', 'SCAN_ERR_NOT_PRIVATE'],
    ['169.254.1.0/24', 'SCAN_ERR_NOT_PRIVATE'],
    ['1'.repeat(10_000), 'SCAN_ERR_NOT_AN_ADDRESS'],
  ])('refuses %.20s (%s) with a sentence', (text, code) => {
    const result = parseWatchTarget(text)
    expect(result).toMatchObject({ ok: false, code })
    expect(!result.ok && result.message.length).toBeLessThan(200)
  })
})
