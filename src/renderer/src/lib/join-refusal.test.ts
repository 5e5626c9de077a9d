import { afterEach, describe, expect, it } from 'vitest'
import { JOIN_ERROR_CODES } from '../../../shared/bridge/model'
import { setLanguage } from './i18n'
import { joinRefusal } from './join-refusal'

describe('joinRefusal', () => {
  afterEach(() => setLanguage('en'))

  it('puts a wrong passphrase beside the field, in the user’s language', () => {
    const error = { code: JOIN_ERROR_CODES.wrong_passphrase, message: 'Wrong passphrase.' }
    expect(joinRefusal(error)).toEqual({
      at: 'passphrase',
      message: 'Wrong passphrase',
      throttled: false,
    })
    setLanguage('de')
    expect(joinRefusal(error)).toEqual({
      at: 'passphrase',
      message: 'Falsche Passphrase',
      throttled: false,
    })
  })

  it('counts a throttled join down beside the field, and opens the warning for a certificate', () => {
    const throttled = { code: JOIN_ERROR_CODES.throttled, message: 'Too many attempts.' }
    expect(joinRefusal(throttled)).toMatchObject({ at: 'passphrase', throttled: true })
    const changed = { code: JOIN_ERROR_CODES.certificate_changed, message: 'Changed.' }
    expect(joinRefusal(changed)).toEqual({ at: 'warning' })
  })

  it('shows anything else on the form, main’s sentence when the catalogue has none', () => {
    const error = { code: 'APP_ERR_SOMETHING_NEW', message: 'The room went away.' }
    expect(joinRefusal(error)).toEqual({ at: 'form', message: 'The room went away.' })
  })
})
