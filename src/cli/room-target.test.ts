import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { looksLikeAddress, roomTarget, roomTargetProblem } from './room-target'
import { parseRoomAddress } from '../main/connection/address'

describe('roomTargetProblem', () => {
  it('takes addresses, room codes, names and ids', () => {
    for (const target of [
      '127.0.0.1:47800',
      '127.0.0.1',
      '[::1]:47800',
      // An IPv6 address alone, as an IPv4 one: port 47800.
      '::1',
      '2001:db8::1',
      'pc.local:47800',
      'wss://192.168.1.20:47800/ws',
      'ws://127.0.0.1:5/ws',
      '004A-3P7V-C1TD-4TAQ',
      'Team room',
      'fPpoxUt5BNETdNH5',
      // A name may hold a colon: looked up by name, as before.
      'team:alpha',
      'Notes: monday',
    ]) {
      expect(roomTargetProblem(target), target).toBeNull()
    }
  })

  it('refuses what is shaped like host:port and has no port', () => {
    const noPort = "not a room address: no port after ':' (a port is from 1 to 65535)"
    expect(roomTargetProblem('127.0.0.1:')).toBe(noPort)
    expect(roomTargetProblem('[::1]:')).toBe(noPort)
    expect(roomTargetProblem('myhost:')).toBe(noPort)
    expect(roomTargetProblem('127.0.0.1:abc')).toBe(
      'not a room address: the port "abc" is not a number from 1 to 65535',
    )
    expect(roomTargetProblem('localhost:http')).toMatch(/the port "http" is not a number/)
    expect(roomTargetProblem('pc.local:4x')).toMatch(/the port "4x" is not a number/)
    expect(roomTargetProblem('host:999999')).toMatch(/the port "999999" is not a number/)
    for (const target of ['127.0.0.1:0', '127.0.0.1:65536', 'host:99999', 'wss://[zz/ws']) {
      expect(roomTargetProblem(target), target).toBe(
        'not a room address: use host:port (a port from 1 to 65535) or wss://host:port/ws',
      )
    }
  })

  it('refuses an IPv6 address that is not one, with its port out of brackets', () => {
    for (const target of ['::1:47963', 'fe80::1::2']) {
      expect(roomTargetProblem(target), target).toBe(
        'not a room address: an IPv6 address with a port goes in brackets, as [::1]:47800',
      )
    }
  })

  it('refuses an empty or blank room', () => {
    for (const target of ['', ' ', '\t']) {
      expect(roomTargetProblem(target)).toBe(
        'no room given: a room code, host:port, or a room name or id',
      )
    }
  })

  it('is the argParser of the room argument: a usage error, never a lookup', () => {
    expect(roomTarget('127.0.0.1:47800')).toBe('127.0.0.1:47800')
    expect(() => roomTarget('127.0.0.1:')).toThrow(InvalidArgumentError)
  })
})

describe('looksLikeAddress', () => {
  it('tells addresses from names', () => {
    expect(looksLikeAddress('10.0.0.2')).toBe(true)
    expect(looksLikeAddress('fe80::2')).toBe(true)
    expect(looksLikeAddress('host:80')).toBe(true)
    expect(looksLikeAddress('wss://x/ws')).toBe(true)
    expect(looksLikeAddress('Team room')).toBe(false)
  })
})

describe('parseRoomAddress', () => {
  it('takes an IPv6 address alone as one at the default port, as an IPv4 one', () => {
    expect(parseRoomAddress('::1', 47800)?.href).toBe('ws://[::1]:47800/ws')
    expect(parseRoomAddress(' 2001:db8::1 ', 47800)?.href).toBe('ws://[2001:db8::1]:47800/ws')
    expect(parseRoomAddress('127.0.0.1', 47800)?.href).toBe('ws://127.0.0.1:47800/ws')
    for (const text of ['::1:x', ':::', '1::2::3', 'a:b']) {
      expect(parseRoomAddress(text, 47800), text).toBeNull()
    }
  })
})
