import { afterEach, describe, expect, it } from 'vitest'
import { errorText } from './error-text'
import { setLanguage } from './i18n'

describe('errorText', () => {
  afterEach(() => setLanguage('en'))

  it('falls back to main’s sentence for a code the catalogue does not have', () => {
    const error = { code: 'HUB_ERR_SOMETHING_NEW', message: 'Something new went wrong.' }
    expect(errorText(error)).toBe('Something new went wrong.')
    setLanguage('de')
    expect(errorText(error)).toBe('Something new went wrong.')
  })

  it('does not look up what is not a code', () => {
    const error = { code: 'errors.nope', message: 'As it came.' }
    expect(errorText(error)).toBe('As it came.')
  })
})
