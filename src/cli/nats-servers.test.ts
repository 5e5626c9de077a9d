import { describe, expect, it } from 'vitest'
import { MAX_NATS_SERVERS, natsServers } from './nats-servers'

describe('natsServers', () => {
  it('takes nats:// and tls:// URLs and a bare HOST:PORT (nats://), as given', () => {
    expect(natsServers('nats://10.0.0.1:4222, tls://nats.example:4443,127.0.0.1:4222')).toEqual([
      'nats://10.0.0.1:4222',
      'tls://nats.example:4443',
      '127.0.0.1:4222',
    ])
  })

  it('refuses other schemes, addresses that are not one, none and too many', () => {
    expect(() => natsServers('http://127.0.0.1:4222')).toThrow('is not a nats:// or tls:// address')
    expect(() => natsServers('127.0.0.1:99999')).toThrow('is not a NATS server address')
    expect(() => natsServers(' , ')).toThrow(`must list 1 to ${MAX_NATS_SERVERS} NATS servers`)
    const many = Array.from({ length: MAX_NATS_SERVERS + 1 }, (_, i) => `10.0.0.${i}:4222`)
    expect(() => natsServers(many.join(','))).toThrow(`must list 1 to ${MAX_NATS_SERVERS}`)
  })
})
