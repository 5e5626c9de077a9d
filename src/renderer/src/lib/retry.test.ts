import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { tryAgainText } from './retry'

describe('tryAgainText', () => {
  it('says how long to wait, in seconds or minutes', () => {
    expect(tryAgainText(9_500, 0)).toBe(
      'Too many wrong passphrases from this computer. Try again in 10 s.',
    )
    expect(tryAgainText(120_000, 0)).toMatch(/Try again in 2 min\.$/)
    expect(tryAgainText(95_000, 0)).toMatch(/Try again in 1 min 35 s\.$/)
  })

  it('says when the wait is over', () => {
    expect(tryAgainText(1_000, 1_000)).toBe('Too many wrong passphrases. You can try again now.')
  })
})

describe('tryAgainText in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('says the wait in the user’s language and abbreviations', () => {
    setLanguage('de')
    expect(tryAgainText(95_000, 0)).toBe(
      'Zu viele falsche Passphrasen von diesem Computer. Versuche es in 1 min 35 s erneut.',
    )
    setLanguage('ja')
    expect(tryAgainText(120_000, 0)).toContain('2 分')
    setLanguage('ar')
    expect(tryAgainText(1_000, 1_000)).not.toMatch(/[a-z]/i)
  })
})
