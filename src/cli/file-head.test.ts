import { describe, expect, it } from 'vitest'
import { dispositionName } from './file-head'

describe('dispositionName', () => {
  it('prefers the UTF-8 name, and falls back to the quoted ASCII one', () => {
    expect(
      dispositionName(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`),
    ).toBe('résumé.pdf')
    expect(dispositionName('attachment; filename="report.pdf"')).toBe('report.pdf')
  })

  it('refuses what a member could not declare, and anything malformed', () => {
    expect(dispositionName(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBeNull()
    expect(dispositionName(`attachment; filename*=UTF-8''%E2%80%AEgnp.exe`)).toBeNull()
    expect(dispositionName(`attachment; filename*=UTF-8''%E0%A4%A`)).toBeNull()
    expect(dispositionName('attachment')).toBeNull()
    expect(dispositionName(undefined)).toBeNull()
  })
})
