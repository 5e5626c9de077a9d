import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { bindAddress, passphraseSetting } from './arguments'

describe('bindAddress (--bind)', () => {
  it('takes IPv4 and IPv6 addresses, IPv6 with or without brackets', () => {
    expect(bindAddress('0.0.0.0')).toBe('0.0.0.0')
    expect(bindAddress('127.0.0.1')).toBe('127.0.0.1')
    expect(bindAddress('::')).toBe('::')
    expect(bindAddress('[::1]')).toBe('::1')
  })

  it('refuses what is no IP address (a usage error, not a lookup that fails)', () => {
    for (const value of ['999.1.1.1', 'localhost', '', '10.0.0', '1.2.3.4:80']) {
      expect(() => bindAddress(value), value).toThrow(InvalidArgumentError)
    }
  })
})

describe('passphraseSetting', () => {
  it('takes --passphrase first, then LANROOM_PASSPHRASE, else none', () => {
    expect(passphraseSetting('flag', 'env')).toEqual({ ok: true, passphrase: 'flag' })
    expect(passphraseSetting(undefined, 'env')).toEqual({ ok: true, passphrase: 'env' })
    expect(passphraseSetting(undefined, undefined)).toEqual({ ok: true, passphrase: undefined })
  })

  it('refuses an empty one from either, naming where it came from', () => {
    expect(passphraseSetting('', undefined)).toEqual({
      ok: false,
      problem: 'the passphrase must not be empty',
    })
    expect(passphraseSetting(' ', 'env')).toMatchObject({ ok: false })
    for (const empty of ['', '  ']) {
      expect(passphraseSetting(undefined, empty)).toEqual({
        ok: false,
        problem:
          'LANROOM_PASSPHRASE is set but empty: set it to the passphrase, or unset it for none',
      })
    }
    // The flag wins: the variable is not read at all then.
    expect(passphraseSetting('flag', '')).toEqual({ ok: true, passphrase: 'flag' })
  })
})
