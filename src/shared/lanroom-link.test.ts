import { describe, expect, it } from 'vitest'
import { LINK_ERRORS, LINK_LIMITS, parseJoinTarget, parseLanroomLink } from './lanroom-link'

// docs/room-code.md's first example: 192.168.1.20:47800.
const CODE = '004A-3P7V-C1TD-4TAQ'

describe('parseLanroomLink', () => {
  it('reads a room code, in any case and grouping, as the code is shown', () => {
    for (const written of [CODE, CODE.toLowerCase(), CODE.replace(/-/g, ''), `${CODE}/`]) {
      expect(parseLanroomLink(`lanroom://join/${written}`)).toEqual({
        ok: true,
        action: 'join',
        kind: 'code',
        target: CODE,
      })
    }
    expect(parseLanroomLink(`LANROOM://JOIN/${CODE}`)).toMatchObject({ ok: true, target: CODE })
  })

  it('reads host:port, IPv4, a host name and a bracketed IPv6 address', () => {
    for (const address of [
      '192.168.1.20:47800',
      'studio.local:47801',
      'my-host:1',
      '[fe80::1]:47800',
      '[::ffff:10.0.0.1]:65535',
    ]) {
      expect(parseLanroomLink(`lanroom://join/${address}`)).toEqual({
        ok: true,
        action: 'join',
        kind: 'address',
        target: address,
      })
    }
  })

  const refusals: [string, string][] = [
    // Other schemes, whatever follows.
    ['javascript:alert(1)', LINK_ERRORS.scheme],
    ['file:///etc/passwd', LINK_ERRORS.scheme],
    ['https://join/192.168.1.20:47800', LINK_ERRORS.scheme],
    ['lanroomx://join/192.168.1.20:47800', LINK_ERRORS.scheme],
    ['', LINK_ERRORS.scheme],
    // Other actions and shapes.
    ['lanroom:join/192.168.1.20:47800', LINK_ERRORS.action],
    ['lanroom:///join/192.168.1.20:47800', LINK_ERRORS.action],
    ['lanroom://host/192.168.1.20:47800', LINK_ERRORS.action],
    ['lanroom://join', LINK_ERRORS.action],
    ['lanroom://join.evil.example/192.168.1.20:47800', LINK_ERRORS.action],
    ['lanroom://join:80/192.168.1.20:47800', LINK_ERRORS.action],
    ['lanroom://join/', LINK_ERRORS.target],
    ['lanroom://join//', LINK_ERRORS.target],
    ['lanroom://join/192.168.1.20:47800/extra', LINK_ERRORS.target],
    ['lanroom://join/../192.168.1.20:47800', LINK_ERRORS.target],
    ['lanroom://join/192.168.1.20:47800//', LINK_ERRORS.target],
    // Query strings, fragments, credentials.
    ['lanroom://join/192.168.1.20:47800?passphrase=x', LINK_ERRORS.query],
    ['lanroom://join/192.168.1.20:47800#x', LINK_ERRORS.query],
    ['lanroom://join?target=192.168.1.20:47800', LINK_ERRORS.query],
    ['lanroom://user:pass@join/192.168.1.20:47800', LINK_ERRORS.credentials],
    ['lanroom://join@evil/192.168.1.20:47800', LINK_ERRORS.credentials],
    // Characters: controls, spaces, non-ASCII look-alikes, backslashes.
    ['lanroom://join/192.168.1.20:47800\n', LINK_ERRORS.character],
    ['lanroom://join/192.168.1.20:47800\u0000', LINK_ERRORS.character],
    ['lanroom://join/192.168.1.20 :47800', LINK_ERRORS.character],
    [' lanroom://join/192.168.1.20:47800', LINK_ERRORS.character],
    ['lanroom://join/\u0441tudio.local:47800', LINK_ERRORS.character],
    ['lanroom://join/192.168.1.20:47800\u202e', LINK_ERRORS.character],
    ['lanroom://join\\192.168.1.20:47800', LINK_ERRORS.action],
    // Percent-encoding, however it is used.
    ['lanroom://join/192.168.1.20%3A47800', LINK_ERRORS.encoded],
    ['lanroom://join/%2e%2e/x', LINK_ERRORS.encoded],
    ['lanroom://%6Aoin/192.168.1.20:47800', LINK_ERRORS.encoded],
    ['lanroom://join/[fe80::1%25eth0]:47800', LINK_ERRORS.encoded],
    // Targets that are neither.
    ['lanroom://join/192.168.1.20', LINK_ERRORS.code],
    ['lanroom://join/studio', LINK_ERRORS.code],
    [`lanroom://join/${CODE.slice(0, -1)}Z`, LINK_ERRORS.code],
    ['lanroom://join/192.168.1.20:0', LINK_ERRORS.address],
    ['lanroom://join/192.168.1.20:65536', LINK_ERRORS.address],
    ['lanroom://join/192.168.1.20:047800', LINK_ERRORS.address],
    ['lanroom://join/192.168.1.20:', LINK_ERRORS.address],
    ['lanroom://join/:47800', LINK_ERRORS.address],
    ['lanroom://join/999.1.1.1:47800', LINK_ERRORS.address],
    ['lanroom://join/1.2.3:47800', LINK_ERRORS.address],
    ['lanroom://join/-host:47800', LINK_ERRORS.address],
    ['lanroom://join/host..local:47800', LINK_ERRORS.address],
    ['lanroom://join/fe80::1:47800', LINK_ERRORS.address],
    ['lanroom://join/[fe80::1:47800', LINK_ERRORS.address],
    ['lanroom://join/[not:v6:x]:47800', LINK_ERRORS.address],
    ['lanroom://join/[1.2.3.4]:47800', LINK_ERRORS.address],
    ['lanroom://join/ws:', LINK_ERRORS.address],
    ['lanroom://join/host_name:47800', LINK_ERRORS.address],
    ['lanroom://join/<script>:1', LINK_ERRORS.address],
  ]

  it.each(refusals)('refuses %j with %s', (link, code) => {
    const result = parseLanroomLink(link)
    expect(result).toMatchObject({ ok: false, code })
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10)
  })

  it('refuses a link longer than the limit before reading it, and accepts the longest host name', () => {
    const label = 'a'.repeat(63)
    const host = [label, label, label, 'a'.repeat(61)].join('.')
    expect(host).toHaveLength(LINK_LIMITS.maxHostName)
    expect(parseLanroomLink(`lanroom://join/${host}:47800`)).toMatchObject({ ok: true })
    expect(parseLanroomLink(`lanroom://join/${host}a:47800`)).toMatchObject({
      code: LINK_ERRORS.address,
    })
    const overlong = `lanroom://join/${'a'.repeat(LINK_LIMITS.maxLength)}:1`
    expect(parseLanroomLink(overlong)).toMatchObject({ code: LINK_ERRORS.tooLong })
    expect(parseLanroomLink('\u0000'.repeat(10_000))).toMatchObject({ code: LINK_ERRORS.tooLong })
  })

  it('never throws, whatever it is given', () => {
    const pieces = ['lanroom:', '//', 'join', '/', ':', '[', ']', '@', '%', '?', '0', 'A', '.']
    let seed = 7
    for (let i = 0; i < 2_000; i++) {
      let text = ''
      for (let j = 0; j < 12; j++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
        text += pieces[seed % pieces.length]
      }
      const result = parseLanroomLink(text)
      expect(typeof result.ok).toBe('boolean')
    }
    expect(parseLanroomLink(undefined as unknown as string)).toMatchObject({ ok: false })
  })
})

describe('parseJoinTarget', () => {
  it('is the part after join/, with the same refusals', () => {
    expect(parseJoinTarget(CODE)).toMatchObject({ ok: true, kind: 'code' })
    expect(parseJoinTarget('10.0.0.1:47800')).toMatchObject({ ok: true, kind: 'address' })
    expect(parseJoinTarget('a/b:1')).toMatchObject({ ok: false })
    expect(parseJoinTarget('x'.repeat(400))).toMatchObject({ ok: false, code: LINK_ERRORS.target })
  })
})
