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

  it('takes a server error for the room failing, any other unexpected status for a refusal', () => {
    const codes = [500, 502, 503, 409, 423, 302, 299, 400, 405].map((status) => [
      status,
      errorForStatus(status, 'the download of a.txt').code,
    ])
    expect(codes).toEqual([
      [500, 'network'],
      [502, 'network'],
      [503, 'network'],
      [409, 'network'],
      [423, 'network'],
      [302, 'forbidden'],
      [299, 'forbidden'],
      [400, 'forbidden'],
      [405, 'forbidden'],
    ])
    expect(errorForStatus(302, 'the download of a.txt').message).toBe(
      'The room refused the download of a.txt: HTTP 302.',
    )
  })
})
