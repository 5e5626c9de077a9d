import { describe, expect, it } from 'vitest'
import { canSend, lengthHint } from './composer'

describe('lengthHint', () => {
  it('stays hidden until the last tenth of the limit', () => {
    expect(lengthHint(0, 4_000).visible).toBe(false)
    expect(lengthHint(3_599, 4_000).visible).toBe(false)
    expect(lengthHint(3_600, 4_000)).toMatchObject({ visible: true, over: false })
    expect(lengthHint(4_000, 4_000)).toMatchObject({ visible: true, over: false })
  })

  it('says how much too long the text is', () => {
    expect(lengthHint(4_001, 4_000)).toEqual({
      visible: true,
      over: true,
      text: '1 character too long',
    })
    expect(lengthHint(4_010, 4_000).text).toBe('10 characters too long')
  })

  it('shows at least the last 50 characters of small limits', () => {
    expect(lengthHint(60, 100).visible).toBe(true)
    expect(lengthHint(49, 100).visible).toBe(false)
  })
})

describe('canSend', () => {
  it('needs non-blank text within the limit', () => {
    expect(canSend('hi', 10)).toBe(true)
    expect(canSend('  \n ', 10)).toBe(false)
    expect(canSend('x'.repeat(11), 10)).toBe(false)
  })
})
