import { describe, expect, it } from 'vitest'
import { createSelfSignedCredentials } from './tls'
import {
  certificateNames,
  hostOfAddress,
  localHostName,
  namesOfCertificate,
  sameNames,
} from './tls-names'

describe('certificateNames', () => {
  it('names the join hosts, the .local name, localhost, 127.0.0.1 and ::1, sorted once each', () => {
    expect(certificateNames(['192.168.1.20', '10.0.0.7', '127.0.0.1'], 'lab-pc')).toEqual([
      '10.0.0.7',
      '127.0.0.1',
      '192.168.1.20',
      '::1',
      'lab-pc.local',
      'localhost',
    ])
  })

  it('writes IPv6 one way (compressed, lowercase, no zone, no brackets)', () => {
    expect(certificateNames(['[FE80:0:0:0:0:0:0:1%eth0]', '2001:DB8::0:1'], 'x')).toEqual([
      '127.0.0.1',
      '2001:db8::1',
      '::1',
      'fe80::1',
      'localhost',
      'x.local',
    ])
  })

  it('leaves out what is neither an IP address nor a DNS name', () => {
    const names = certificateNames(
      ['bad host', 'a..b', '-x', 'ok.example', `${'a'.repeat(64)}`],
      'h',
    )
    expect(names).toEqual(['127.0.0.1', '::1', 'h.local', 'localhost', 'ok.example'])
  })
})

describe('localHostName', () => {
  it('takes the first label of the host name, lowercase, with .local', () => {
    expect(localHostName('Lab-PC')).toBe('lab-pc.local')
    expect(localHostName('lab.example.com')).toBe('lab.local')
    expect(localHostName('lab.local')).toBe('lab.local')
  })

  it('gives none for a host name that is no DNS label', () => {
    expect(localHostName('')).toBeNull()
    expect(localHostName('Jürgens PC')).toBeNull()
    expect(localHostName('-lab')).toBeNull()
  })
})

describe('hostOfAddress', () => {
  it('takes the port off host:port and [v6]:port, and leaves a bare host', () => {
    expect(hostOfAddress('192.168.1.20:47800')).toBe('192.168.1.20')
    expect(hostOfAddress('[fe80::1%eth0]:47800')).toBe('fe80::1%eth0')
    expect(hostOfAddress('fe80::1')).toBe('fe80::1')
    expect(hostOfAddress('lab.local:1')).toBe('lab.local')
    expect(hostOfAddress('10.0.0.1')).toBe('10.0.0.1')
  })
})

describe('namesOfCertificate', () => {
  it('reads back what a certificate was made to name, in certificateNames’ spelling', async () => {
    const names = certificateNames(['192.168.1.20', 'fe80::1'], 'lab')
    const { cert } = await createSelfSignedCredentials(names)
    expect(namesOfCertificate(cert)).toEqual(names)
    expect(sameNames(namesOfCertificate(cert), [...names].reverse())).toBe(true)
    expect(sameNames(namesOfCertificate(cert), names.slice(1))).toBe(false)
  })

  it('reads none from a certificate without subjectAltNames', async () => {
    expect(namesOfCertificate((await createSelfSignedCredentials()).cert)).toEqual([])
  })
})
