import { describe, expect, it } from 'vitest'
import { errorForStatus } from './errors'

describe('errorForStatus', () => {
  it("quotes the hub's answer on one line, without what a terminal would act on", () => {
    const body = '\u001b[2J\u001b]0;PWNED\u0007go\naway\u202e'
    const error = errorForStatus(403, 'this upload', body)
    expect(error.code).toBe('forbidden')
    expect(error.message).toBe(
      'The room does not allow this upload: [2J]0;PWNEDgo away (HTTP 403).',
    )
  })

  it('quotes at most 200 characters of it', () => {
    const error = errorForStatus(500, 'this upload', 'x'.repeat(1000))
    expect(error.message).toContain(`${'x'.repeat(200)} (HTTP 500)`)
    expect(error.message).not.toContain('x'.repeat(201))
  })
})
