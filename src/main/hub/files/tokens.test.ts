import { describe, expect, it } from 'vitest'
import { FileTokens } from './tokens'

describe('FileTokens', () => {
  it('issues base64url tokens bound to a client id, valid until the grace after the end', () => {
    let now = 1000
    const tokens = new FileTokens(500, () => now)
    const a = tokens.issue('client-a')
    const b = tokens.issue('client-b')
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a).not.toBe(b)
    expect(tokens.clientOf(a)).toBe('client-a')
    expect(tokens.clientOf(b)).toBe('client-b')
    expect(tokens.clientOf('unknown')).toBeNull()
    now += 1_000_000
    expect(tokens.clientOf(a)).toBe('client-a')
    tokens.ended(a)
    now += 500
    expect(tokens.clientOf(a)).toBe('client-a')
    now += 1
    expect(tokens.clientOf(a)).toBeNull()
    expect(tokens.clientOf(b)).toBe('client-b')
  })

  it('forgets run-out tokens as new ones are issued', () => {
    let now = 0
    const tokens = new FileTokens(10, () => now)
    for (let i = 0; i < 100; i++) tokens.ended(tokens.issue(`c${i}`))
    now = 100
    tokens.issue('last')
    expect(tokens.size).toBe(1)
  })
})
