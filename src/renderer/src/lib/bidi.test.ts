import { describe, expect, it } from 'vitest'
import { startsRightToLeft } from './bidi'

describe('startsRightToLeft', () => {
  it('follows the first letter, as dir="auto" does', () => {
    expect(startsRightToLeft('مرحبا بالعالم')).toBe(true)
    expect(startsRightToLeft('**שלום** world')).toBe(true)
    expect(startsRightToLeft('12 > שלום')).toBe(true)
    expect(startsRightToLeft('Hello שלום')).toBe(false)
    expect(startsRightToLeft('🎉 123')).toBe(false)
    expect(startsRightToLeft('')).toBe(false)
  })
})
