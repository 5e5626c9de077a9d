import { describe, expect, it } from 'vitest'
import { hubUrlProblem, hubUrlsSchema } from './hub-urls'
import { LIMITS } from './limits'

describe('hub join URLs', () => {
  it.each([
    'wss://192.168.1.21:47800/ws',
    'ws://10.0.0.7:1/ws',
    'wss://[fe80::1]:47800/ws',
    'wss://[::ffff:192.168.1.2]:65535/ws',
    'wss://hub-2.office.example:47800/ws',
    'wss://hub2/ws',
    `wss://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}:47800/ws`,
  ])('accepts %s', (url) => {
    expect(hubUrlProblem(url)).toBeNull()
  })

  it.each([
    ['https://192.168.1.21:47800/ws', 'ws://HOST:PORT/ws'],
    ['WSS://192.168.1.21:47800/ws', 'ws://HOST:PORT/ws'],
    ['javascript:alert(1)//ws', 'ws://HOST:PORT/ws'],
    ['wss://user:pw@192.168.1.21:47800/ws', 'ws://HOST:PORT/ws'],
    ['wss://@192.168.1.21:47800/ws', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:47800/', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:47800/ws/', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:47800/ws?x=1', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:47800/ws#x', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:47800/./ws', 'ws://HOST:PORT/ws'],
    ['wss://exa%6dple.com:47800/ws', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:047800/ws', 'ws://HOST:PORT/ws'],
    [' wss://192.168.1.21:47800/ws', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:47800/ws\n', 'ws://HOST:PORT/ws'],
    ['wss://[fe80::1%25eth0]:47800/ws', 'ws://HOST:PORT/ws'],
    ['wss://192.168.1.21:65536/ws', 'port of 1-65535'],
    ['wss://192.168.1.256:47800/ws', 'IP address or a DNS name'],
    ['wss://0x7f.1:47800/ws', 'IP address or a DNS name'],
    ['wss://-hub.example:47800/ws', 'IP address or a DNS name'],
    ['wss://hub..example:47800/ws', 'IP address or a DNS name'],
    [`wss://${'a'.repeat(64)}.example:47800/ws`, 'IP address or a DNS name'],
    ['wss://[1.2.3.4]:47800/ws', 'valid IPv6'],
    [`wss://${'a.'.repeat(150)}example/ws`, 'at most 300 characters'],
  ])('refuses %j (%s)', (url, problem) => {
    expect(hubUrlProblem(url)).toContain(problem)
  })

  it('takes a list of at most maxHubUrls, each a hub URL', () => {
    const schema = hubUrlsSchema()
    const urls = Array.from({ length: LIMITS.maxHubUrls }, (_, i) => `wss://10.0.0.${i}:47800/ws`)
    expect(schema.safeParse(urls).success).toBe(true)
    expect(schema.safeParse([...urls, 'wss://10.0.1.1:47800/ws']).success).toBe(false)
    expect(schema.safeParse(['wss://10.0.0.1:47800/ws', 'file:///etc/passwd']).success).toBe(false)
    expect(schema.safeParse([42]).success).toBe(false)
    expect(schema.safeParse('wss://10.0.0.1:47800/ws').success).toBe(false)
    const smaller = hubUrlsSchema({ ...LIMITS, maxHubUrls: 2, maxHubUrlLength: 23 })
    expect(smaller.safeParse(urls.slice(0, 3)).success).toBe(false)
    expect(smaller.safeParse(['wss://10.0.0.1:47800/ws']).success).toBe(true)
    expect(smaller.safeParse(['wss://10.0.0.10:47800/ws']).success).toBe(false)
  })
})
