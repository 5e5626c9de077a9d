import { describe, expect, it } from 'vitest'
import { defaultProfileName } from './default-name'

describe('defaultProfileName', () => {
  it('uses the login name when it is a valid display name', () => {
    expect(defaultProfileName(() => ' ada ')).toBe('ada')
  })

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(41)],
    ['with control characters', 'ada\u0007'],
  ])('falls back when the login name is %s', (_label, name) => {
    expect(defaultProfileName(() => name)).toBe('Guest')
  })

  it('falls back when the login name cannot be read', () => {
    expect(
      defaultProfileName(() => {
        throw new Error('no passwd entry')
      }),
    ).toBe('Guest')
  })
})
