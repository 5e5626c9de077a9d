import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verificationCode } from '../../shared/security/verification-code'
import { tempDir } from '../../../test/support/ws-client'
import { PinStore } from '../security/pins'
import type { InspectedRoom } from './inspect'
import { describeInspected, parseTypedAddress, plainOnly } from './typed-address'

const cleanups: Array<() => unknown> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)

describe('parseTypedAddress', () => {
  it('takes host:port as TLS first, and only an explicit ws:// as plain', () => {
    expect(parseTypedAddress(' 192.168.1.20:53127 ').href).toBe('wss://192.168.1.20:53127/ws')
    expect(parseTypedAddress('ws://10.0.0.5:4000').href).toBe('ws://10.0.0.5:4000/ws')
    expect(plainOnly('ws://10.0.0.5:4000')).toBe(true)
    expect(plainOnly('wss://10.0.0.5:4000')).toBe(false)
    expect(plainOnly('10.0.0.5:4000')).toBe(false)
  })

  it('says how to type an address, quoting at most 100 characters of what was typed', () => {
    expect(() => parseTypedAddress('not an address!')).toThrow(
      expect.objectContaining({ code: 'APP_ERR_BAD_ADDRESS' }),
    )
    expect(() => parseTypedAddress(`${'y'.repeat(250)} !`)).toThrow(
      /^"y{100}" is not an address\. Type it as host:port/,
    )
  })
})

describe('describeInspected', () => {
  function inspected(fingerprint: string | null): InspectedRoom {
    return {
      url: 'wss://127.0.0.1:1/ws',
      fingerprint,
      info: {
        v: 1,
        protocol: 'lanroom.v1',
        roomId: 'r1',
        name: 'Lab',
        hostName: 'Ada',
        members: 2,
        passphrase: true,
        tls: fingerprint !== null,
        fingerprint,
      },
    }
  }

  it('compares the certificate presented with the pin of a room joined before', () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const pins = new PinStore(join(dir.path, 'pins.json'))
    expect(describeInspected(inspected(A), pins)).toEqual({
      address: 'wss://127.0.0.1:1/ws',
      roomId: 'r1',
      name: 'Lab',
      hostName: 'Ada',
      passphrase: true,
      encrypted: true,
      fingerprint: A,
      verificationCode: verificationCode(A),
      pin: 'new',
      pinnedCode: null,
    })
    pins.pin('r1', A, 'Lab')
    expect(describeInspected(inspected(A), pins)).toMatchObject({
      pin: 'match',
      pinnedCode: verificationCode(A),
    })
    expect(describeInspected(inspected(B), pins)).toMatchObject({
      pin: 'changed',
      verificationCode: verificationCode(B),
    })
    expect(describeInspected(inspected(null), pins)).toMatchObject({
      pin: 'downgraded',
      encrypted: false,
      verificationCode: null,
    })
  })
})
