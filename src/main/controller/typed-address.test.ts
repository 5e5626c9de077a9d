import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verificationCode } from '../../shared/security/verification-code'
import { tempDir } from '../../../test/support/ws-client'
import { listedRoom } from '../../../test/support/listed-room'
import { PinStore } from '../security/pins'
import type { InspectedRoom } from './inspect'
import { decodeRoomCode, encodeRoomCode } from '../../shared/protocol/room-code'
import { describeInspected, findRoomByCode, parseTypedAddress, plainOnly } from './typed-address'

const cleanups: Array<() => unknown> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)

/** What inspecting a room "Lab" at `url` found. */
function inspected(fingerprint: string | null, url = 'wss://127.0.0.1:1/ws'): InspectedRoom {
  return {
    url,
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
      roomCode: null,
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

describe('findRoomByCode', () => {
  const CODE = decodeRoomCode(
    encodeRoomCode({ address: '192.168.1.20', port: 47_800, fingerprint: A }),
  )
  if (!CODE.ok) throw new Error('the test code does not decode')

  it('takes the room at the code’s address when its certificate begins as the code says', async () => {
    const asked: string[] = []
    const found = await findRoomByCode(CODE, {
      inspect: async (url) => {
        asked.push(url.href)
        return inspected(A, url.href)
      },
      nearby: async () => {
        throw new Error('not asked when the address does')
      },
    })
    expect(asked).toEqual(['wss://192.168.1.20:47800/ws'])
    expect(found).toMatchObject({ codeAddress: '192.168.1.20:47800', fallback: null })
  })

  it('counts a plain room at the code’s address as another certificate', async () => {
    const lookup = findRoomByCode(CODE, {
      inspect: async (url) => inspected(null, url.href.replace('wss:', 'ws:')),
      nearby: async () => [],
    })
    await expect(lookup).rejects.toMatchObject({ kind: 'mismatch' })
    await expect(lookup).rejects.toThrow('"Lab" answers there with no encryption')
  })

  it('asks at most four rooms nearby, those that presented the certificate first, and trusts only what a connection presents', async () => {
    const asked: string[] = []
    const copied = Array.from({ length: 20 }, (_, i) =>
      listedRoom(`copy${i}`, `wss://192.168.1.${100 + i}:47800/ws`, { fingerprint: A }),
    )
    const real = listedRoom('r1', 'wss://192.168.1.99:47800/ws', {
      fingerprint: A,
      presentedFingerprint: A,
    })
    const inspect = async (url: URL): Promise<InspectedRoom> => {
      asked.push(url.host)
      if (url.host === '192.168.1.20:47800') throw new Error('No LAN Room answers at x (timeout).')
      return inspected(url.host === '192.168.1.99:47800' ? A : B, url.href)
    }
    const found = await findRoomByCode(CODE, { inspect, nearby: async () => [...copied, real] })
    expect(found.inspected.url).toBe('wss://192.168.1.99:47800/ws')
    expect(found.fallback).toBe(
      'This room code names 192.168.1.20:47800, but no LAN Room answers there (timeout)',
    )
    expect(asked).toEqual(['192.168.1.20:47800', '192.168.1.99:47800'])

    asked.length = 0
    await expect(
      findRoomByCode(CODE, { inspect, nearby: async () => copied }),
    ).rejects.toMatchObject({
      kind: 'unreachable',
    })
    // The code's address, then four of the twenty that only advertise the certificate.
    expect(asked).toHaveLength(5)
  })

  it('a room code typed as an address is refused: it is looked up first', () => {
    expect(() =>
      parseTypedAddress(encodeRoomCode({ address: '10.0.0.1', port: 47_800, fingerprint: A })),
    ).toThrow(expect.objectContaining({ code: 'APP_ERR_BAD_ADDRESS' }))
  })
})
