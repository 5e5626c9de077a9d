import { describe, expect, it } from 'vitest'
import { seededRandom as seeded } from '../../../test/support/prng'
import { DEFAULT_PORT } from './messages'
import {
  ROOM_CODE_ERRORS,
  ROOM_CODE_MIN_FINGERPRINT_BITS,
  decodeRoomCode,
  encodeRoomCode,
  fingerprintMatches,
  looksLikeRoomCode,
} from './room-code'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

function fingerprint(random: () => number): string {
  let hex = ''
  while (hex.length < 64) hex += Math.floor(random() * 16).toString(16)
  return hex
}

/** Addresses of every kind the format names: the three private networks and any other. */
function address(random: () => number): string {
  const byte = (): number => Math.floor(random() * 256)
  switch (Math.floor(random() * 5)) {
    case 0:
      return `192.168.${byte()}.${byte()}`
    case 1:
      return `10.${byte()}.${byte()}.${byte()}`
    case 2:
      return `172.${16 + Math.floor(random() * 16)}.${byte()}.${byte()}`
    case 3:
      return `127.0.0.1`
    default:
      return `${1 + Math.floor(random() * 223)}.${byte()}.${byte()}.${byte()}`
  }
}

function port(random: () => number): number {
  return random() < 0.4 ? DEFAULT_PORT : 1 + Math.floor(random() * 65_535)
}

function sample(count: number, seed: number) {
  const random = seeded(seed)
  return Array.from({ length: count }, () => ({
    address: address(random),
    port: port(random),
    fingerprint: fingerprint(random),
  }))
}

function decoded(code: string) {
  const result = decodeRoomCode(code)
  if (!result.ok) throw new Error(`${code}: ${result.message}`)
  return result
}

describe('room codes', () => {
  it('round-trip any IPv4 address, any port and the fingerprint prefix', () => {
    for (const room of sample(3_000, 1)) {
      const code = encodeRoomCode(room)
      const back = decoded(code)
      expect(back).toMatchObject({ code, address: room.address, port: room.port })
      expect(fingerprintMatches(back, room.fingerprint)).toBe(true)
      expect(back.fingerprintBits).toBeGreaterThanOrEqual(ROOM_CODE_MIN_FINGERPRINT_BITS)
      expect(back.fingerprintBits).toBeLessThanOrEqual(54)
      // Shown in groups of four; a single last character joins the group before it.
      expect(code).toMatch(
        /^[0-7][0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{4})*(-?[0-9A-HJKMNP-TV-Z]{1,3})?$/,
      )
      expect(code).not.toMatch(/-[0-9A-Z]$/)
    }
  })

  it('are 16 characters for a room on 192.168/16 or 172.16/12 at the default port, at most 22', () => {
    const fp = 'ab'.repeat(32)
    const length = (address: string, p: number): number =>
      encodeRoomCode({ address, port: p, fingerprint: fp }).replace(/-/g, '').length
    expect(length('192.168.1.20', DEFAULT_PORT)).toBe(16)
    expect(length('172.20.3.4', DEFAULT_PORT)).toBe(16)
    expect(length('10.1.2.3', DEFAULT_PORT)).toBe(17)
    expect(length('127.0.0.1', DEFAULT_PORT)).toBe(19)
    expect(length('192.168.1.20', 50_000)).toBe(19)
    expect(length('172.20.3.4', 50_000)).toBe(20)
    expect(length('10.1.2.3', 50_000)).toBe(20)
    expect(length('8.8.8.8', 50_000)).toBe(22)
  })

  it('read back what people type: lower case, spaces, no dashes, O for 0, I and L for 1', () => {
    for (const room of sample(200, 2)) {
      const code = encodeRoomCode(room)
      const sloppy = code
        .toLowerCase()
        .replace(/-/g, ' ')
        .replace(/0/g, 'o')
        .replace(/1/g, () => 'Il'[Math.floor(Math.random() * 2)] as string)
      expect(decoded(`  ${sloppy} `).code).toBe(code)
      expect(decoded(code.replace(/-/g, '')).code).toBe(code)
    }
  })

  it('refuse every single wrong character and every swap of two characters as a typo', () => {
    for (const room of sample(60, 3)) {
      const symbols = encodeRoomCode(room).replace(/-/g, '')
      for (let i = 0; i < symbols.length; i++) {
        for (const other of ALPHABET) {
          if (other === symbols[i]) continue
          const typo = symbols.slice(0, i) + other + symbols.slice(i + 1)
          const result = decodeRoomCode(typo)
          expect(result.ok, `${symbols} → ${typo}`).toBe(false)
        }
        for (let j = i + 1; j < symbols.length; j++) {
          if (symbols[i] === symbols[j]) continue
          const swapped = [...symbols]
          ;[swapped[i], swapped[j]] = [swapped[j] as string, swapped[i] as string]
          expect(decodeRoomCode(swapped.join('')).ok).toBe(false)
        }
      }
    }
  })

  it('say a wrong character after the first is a typo, and a missing or extra one is one', () => {
    const code = encodeRoomCode({
      address: '192.168.1.20',
      port: DEFAULT_PORT,
      fingerprint: 'c'.repeat(64),
    })
    const symbols = code.replace(/-/g, '')
    const wrong = symbols.slice(0, 5) + (symbols[5] === 'Z' ? 'Y' : 'Z') + symbols.slice(6)
    expect(decodeRoomCode(wrong)).toMatchObject({ ok: false, code: ROOM_CODE_ERRORS.check })
    expect(decodeRoomCode(symbols.slice(0, -1))).toMatchObject({
      ok: false,
      code: ROOM_CODE_ERRORS.length,
    })
    expect(decodeRoomCode(`${symbols}7`)).toMatchObject({
      ok: false,
      code: ROOM_CODE_ERRORS.length,
    })
    for (let i = 1; i < symbols.length; i++) {
      expect(decodeRoomCode(symbols.slice(0, i) + symbols.slice(i + 1)).ok).toBe(false)
      expect(decodeRoomCode(`${symbols.slice(0, i)}7${symbols.slice(i)}`).ok).toBe(false)
    }
  })

  it('refuse garbage with a reason, and never throw', () => {
    const cases: Array<[string, string]> = [
      ['', ROOM_CODE_ERRORS.empty],
      ['   ', ROOM_CODE_ERRORS.empty],
      ['1K7Q-2M9D-4XU5-TA8C', ROOM_CODE_ERRORS.character],
      ['192.168.1.20:47800', ROOM_CODE_ERRORS.character],
      ['1K7Q-2M9D', ROOM_CODE_ERRORS.length],
      ['ZZZZ-ZZZZ-ZZZZ-ZZZZ', ROOM_CODE_ERRORS.version],
      ['😀😀😀', ROOM_CODE_ERRORS.character],
    ]
    for (const [input, reason] of cases) {
      const result = decodeRoomCode(input)
      expect(result, input).toMatchObject({ ok: false, code: reason })
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10)
    }
    expect(decodeRoomCode('1K7Q-2M9D-4XU5-TA8C')).toMatchObject({
      message: expect.stringContaining('"U"'),
    })
    const random = seeded(4)
    for (let i = 0; i < 5_000; i++) {
      const length = Math.floor(random() * 30)
      const text = Array.from({ length }, () =>
        String.fromCharCode(32 + Math.floor(random() * 200)),
      ).join('')
      expect(() => decodeRoomCode(text)).not.toThrow()
    }
  })

  it('refuse a code that decodes to an address no room can be at', () => {
    const fp = 'd'.repeat(64)
    expect(() =>
      encodeRoomCode({ address: '0.0.0.5', port: DEFAULT_PORT, fingerprint: fp }),
    ).toThrow(RangeError)
    // 1.0.0.5 (any IPv4: 5 header bits, then the 32 address bits) with the address's first byte
    // cleared — bits 5 to 12, the 001 at the top of the third character — and whichever check
    // character makes it pass the check.
    const symbols = [
      ...encodeRoomCode({ address: '1.0.0.5', port: DEFAULT_PORT, fingerprint: fp }).replace(
        /-/g,
        '',
      ),
    ]
    expect(symbols.slice(0, 3).join('')).toMatch(/^60[4-7]/)
    symbols[2] = ALPHABET[ALPHABET.indexOf(symbols[2] as string) & 3] as string
    const passing = [...ALPHABET]
      .map((last) => decodeRoomCode([...symbols.slice(0, -1), last].join('')))
      .filter((result) => result.ok || result.code !== ROOM_CODE_ERRORS.check)
    expect(passing).toHaveLength(1)
    expect(passing[0]).toMatchObject({ ok: false, code: ROOM_CODE_ERRORS.address })
  })

  it('are only made for an IPv4 address, a port and a whole fingerprint', () => {
    const fp = 'e'.repeat(64)
    for (const bad of ['::1', 'localhost', '192.168.1', '192.168.1.256', '01.2.3.4', '']) {
      expect(() => encodeRoomCode({ address: bad, port: 1, fingerprint: fp }), bad).toThrow(
        RangeError,
      )
    }
    for (const bad of [0, 65_536, 1.5]) {
      expect(() => encodeRoomCode({ address: '10.0.0.1', port: bad, fingerprint: fp })).toThrow(
        RangeError,
      )
    }
    expect(() =>
      encodeRoomCode({ address: '10.0.0.1', port: 1, fingerprint: 'E'.repeat(64) }),
    ).toThrow(RangeError)
  })

  it('match only fingerprints that begin with the prefix they carry', () => {
    const random = seeded(5)
    for (const room of sample(300, 6)) {
      const back = decoded(encodeRoomCode(room))
      expect(fingerprintMatches(back, room.fingerprint)).toBe(true)
      // The bit just inside the prefix, flipped, no longer matches; the one just after does.
      const value = BigInt(`0x${room.fingerprint}`)
      const flip = (bit: number): string =>
        (value ^ (1n << BigInt(255 - bit))).toString(16).padStart(64, '0')
      expect(fingerprintMatches(back, flip(back.fingerprintBits - 1))).toBe(false)
      expect(fingerprintMatches(back, flip(back.fingerprintBits))).toBe(true)
      expect(fingerprintMatches(back, fingerprint(random))).toBe(false)
    }
    expect(fingerprintMatches(decoded(encodeRoomCode(sample(1, 7)[0] as never)), null)).toBe(false)
  })

  it('tell codes from host names and room names', () => {
    for (const room of sample(200, 8)) {
      const code = encodeRoomCode(room)
      expect(looksLikeRoomCode(code)).toBe(true)
      expect(looksLikeRoomCode(code.toLowerCase().replace(/-/g, ''))).toBe(true)
    }
    for (const text of [
      'workstation-kitchen',
      'printer.local',
      '192.168.1.20:47800',
      'Team room',
      'k8sworker01node03',
      'ZZZZ-ZZZZ',
      'Physics lab 2',
      '2024 Planning Meet',
      '7 wonders game night',
      // Room ids (16 characters of both cases) that are 16 code characters starting with 0-7.
      'lAalcXD6An0KRfQB',
      '7OD6YyEdnO39MdKq',
    ]) {
      expect(looksLikeRoomCode(text), text).toBe(false)
    }
    // Grouped in fours, a code of a newer format is still read as a code (to say so), and so is
    // a code with a typo, whether grouped or in one piece.
    expect(looksLikeRoomCode('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).toBe(true)
    const code = encodeRoomCode({ address: '10.1.2.3', port: 5_000, fingerprint: 'a'.repeat(64) })
    const typo = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z')
    expect(decodeRoomCode(typo).ok).toBe(false)
    expect(looksLikeRoomCode(typo)).toBe(true)
    expect(looksLikeRoomCode(typo.replace(/-/g, '').toLowerCase())).toBe(true)
  })
})
