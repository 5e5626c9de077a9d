import { describe, expect, it } from 'vitest'
import { hostFlagsProblem } from './host-flags'

const NATS = ['nats://127.0.0.1:4222']
const PAIR = { cert: 'c.pem', key: 'k.pem' }

describe('hostFlagsProblem', () => {
  it('takes the flags that go together', () => {
    expect(hostFlagsProblem({ tls: true })).toBeNull()
    expect(hostFlagsProblem({ tls: true, ...PAIR })).toBeNull()
    expect(hostFlagsProblem({ tls: true, nats: NATS, name: 'R', ...PAIR, replicas: 3 })).toBeNull()
    expect(hostFlagsProblem({ tls: false, nats: NATS, name: 'R', natsCreds: 'x.creds' })).toBeNull()
  })

  it('says why the others do not', () => {
    expect(hostFlagsProblem({ tls: true, natsCreds: 'x' })).toBe('--nats-creds needs --nats')
    expect(hostFlagsProblem({ tls: true, replicas: 3 })).toContain('--replicas needs --nats')
    expect(hostFlagsProblem({ tls: true, nats: NATS, ...PAIR })).toContain('--nats needs --name')
    expect(hostFlagsProblem({ tls: true, cert: 'c' })).toBe('--cert needs --key')
    expect(hostFlagsProblem({ tls: true, key: 'k' })).toBe('--key needs --cert')
    expect(hostFlagsProblem({ tls: false, ...PAIR })).toContain('cannot go with --no-tls')
    expect(hostFlagsProblem({ tls: true, nats: NATS, name: 'R' })).toContain(
      'every hub of a room must serve the same certificate',
    )
  })
})
