import { describe, expect, it } from 'vitest'
import { resolveLanguage } from './preference'

describe('resolveLanguage', () => {
  it('follows the system’s preferences for `system`', () => {
    expect(resolveLanguage('system', ['de-CH', 'en'])).toBe('de')
    expect(resolveLanguage('system', ['sv'])).toBe('en')
  })

  it('takes a chosen language whatever the system prefers', () => {
    expect(resolveLanguage('ar', ['de-CH'])).toBe('ar')
    expect(resolveLanguage('en-XA', [])).toBe('en-XA')
  })
})
