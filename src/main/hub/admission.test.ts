import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CLOSE_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  createSchemas,
  type HelloMessage,
  type Limits,
} from '../../shared/protocol'
import { cid, signedHello } from '../../../test/support/identities'
import { Admission, passphraseProblem, type Applicant } from './admission'
import { SILENT_LOGGER } from './logger'
import { RecordingLink } from './testing/recording-link'
import { clientFinishLogin, clientStartLogin } from '../security/passphrase'
import { loadPassphraseCheck, type PassphraseCheck } from './passphrase-check'

const FINGERPRINT = 'ab'.repeat(32)

afterEach(() => {
  vi.useRealTimers()
})

class Visitor extends RecordingLink implements Applicant {
  /** The nonce of this connection's challenge. */
  get nonce(): string {
    return this.last('challenge').nonce
  }

  hello(name: string, clientId: string, extra: Record<string, unknown> = {}): object {
    return signedHello(this.nonce, FINGERPRINT, name, clientId, extra)
  }
}

function admission(
  options: {
    passphrase?: PassphraseCheck
    limits?: Partial<Limits>
    caughtUp?: (hello: HelloMessage) => Promise<void> | null
  } = {},
): {
  gate: Admission
  admitted: Array<[Applicant, HelloMessage]>
} {
  const limits = { ...LIMITS, ...options.limits }
  const admitted: Array<[Applicant, HelloMessage]> = []
  const gate = new Admission({
    roomId: 'room-1',
    fingerprint: FINGERPRINT,
    passphrase: options.passphrase ?? null,
    schemas: createSchemas(limits),
    limits,
    log: SILENT_LOGGER,
    admit: (applicant, hello) => {
      admitted.push([applicant, hello])
      return true
    },
    ...(options.caughtUp ? { caughtUp: options.caughtUp } : {}),
  })
  return { gate, admitted }
}

function arrive(gate: Admission, address?: string): Visitor {
  const visitor = new Visitor(address)
  gate.challenge(visitor)
  return visitor
}

describe('Admission: the challenge and the hello', () => {
  it('challenges every connection with a nonce of its own', () => {
    const { gate } = admission()
    const [a, b] = [arrive(gate), arrive(gate)]
    expect(a.last('challenge')).toMatchObject({ v: PROTOCOL_VERSION, roomId: 'room-1' })
    expect(a.last('challenge').passphrase).toBe(false)
    expect(a.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.nonce).not.toBe(b.nonce)
  })

  it('admits a hello proven for its own challenge once; a second hello is refused', () => {
    const { gate, admitted } = admission()
    const visitor = arrive(gate)
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    expect(admitted.map(([, hello]) => hello.name)).toEqual(['Ada'])
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    expect(visitor.last('error').code).toBe('already_joined')
    expect(admitted).toHaveLength(1)
    expect(visitor.closed).toBeNull()
  })

  it('refuses a hello replayed from another connection, or signed for another certificate', () => {
    const { gate, admitted } = admission()
    const victim = arrive(gate)
    const thief = arrive(gate)
    gate.hello(thief, victim.hello('Ada', cid('ada')))
    expect(thief.last('error').code).toBe('identity_unproven')
    expect(thief.closed?.code).toBe(CLOSE_CODES.identityUnproven)
    const relayed = arrive(gate)
    gate.hello(relayed, signedHello(relayed.nonce, 'cd'.repeat(32), 'Ada', cid('ada')))
    expect(relayed.closed?.code).toBe(CLOSE_CODES.identityUnproven)
    // A client id that is not its key's: a stranger claiming Ada's id with its own key.
    const claimant = arrive(gate)
    gate.hello(claimant, { ...claimant.hello('Ada', cid('stranger')), clientId: cid('ada') })
    expect(claimant.last('error').message).toMatch(/not derived from the key/)
    expect(admitted).toEqual([])
  })

  it('refuses another version first, then hostile shapes, each closing the connection', () => {
    const { gate, admitted } = admission()
    const cases: Array<[(v: Visitor) => object, number, RegExp]> = [
      [(v) => ({ ...v.hello('a', cid('a')), v: 2 }), CLOSE_CODES.incompatibleVersion, /not 2/],
      [
        (v) => ({ ...v.hello('a', cid('a')), v: '1' }),
        CLOSE_CODES.incompatibleVersion,
        /not a string$/,
      ],
      [
        (v) => ({ ...v.hello('a', cid('a')), v: null }),
        CLOSE_CODES.incompatibleVersion,
        /not null$/,
      ],
      [
        (v) => ({ ...v.hello('a', cid('a')), v: [1] }),
        CLOSE_CODES.incompatibleVersion,
        /not an array$/,
      ],
      [
        (v) => ({ ...v.hello('a', cid('a')), v: true }),
        CLOSE_CODES.incompatibleVersion,
        /not a boolean$/,
      ],
      [() => ({ type: 'hello' }), CLOSE_CODES.incompatibleVersion, /not missing/],
      [(v) => ({ ...v.hello('a', cid('a')), v: 1e300 }), CLOSE_CODES.incompatibleVersion, /not 1e/],
      [(v) => v.hello('x'.repeat(10_000), cid('a')), CLOSE_CODES.badHello, /^invalid hello: name/],
      [(v) => v.hello('a\u202e', cid('a')), CLOSE_CODES.badHello, /^invalid hello: name/],
      [(v) => ({ ...v.hello('a', cid('a')), clientId: 7 }), CLOSE_CODES.badHello, /clientId/],
      [(v) => ({ ...v.hello('a', cid('a')), sig: ['x'] }), CLOSE_CODES.badHello, /sig/],
      [
        (v) =>
          JSON.parse(
            `{"__proto__":{"admin":true},${JSON.stringify(v.hello('a', cid('a'))).slice(1)}`,
          ) as object,
        -1,
        /./,
      ],
    ]
    for (const [make, code, message] of cases) {
      const visitor = arrive(gate)
      gate.hello(visitor, make(visitor))
      if (code === -1) continue
      expect(visitor.closed?.code, String(message)).toBe(code)
      expect(visitor.all('error'), String(message)).toHaveLength(1)
      expect(visitor.last('error').message).toMatch(message)
    }
    // Only the hello whose extra __proto__ key is just an unknown field got in, unpolluted.
    expect(admitted.map(([, hello]) => hello.name)).toEqual(['a'])
    expect(({} as { admin?: boolean }).admin).toBeUndefined()
  })

  it('closes a connection without a hello after helloTimeoutMs, and not one that left', () => {
    vi.useFakeTimers()
    const { gate } = admission({ limits: { helloTimeoutMs: 1_000 } })
    const silent = arrive(gate)
    const gone = arrive(gate)
    const admittedInTime = arrive(gate)
    gate.release(gone)
    gate.hello(admittedInTime, admittedInTime.hello('Ada', cid('ada')))
    vi.advanceTimersByTime(999)
    expect(silent.closed).toBeNull()
    vi.advanceTimersByTime(1)
    expect(silent.closed?.code).toBe(CLOSE_CODES.helloTimeout)
    expect([gone.closed, admittedInTime.closed]).toEqual([null, null])
  })
})

describe('Admission: a hub catching up first', () => {
  it('admits a proven hello once the wait is over; another hello meanwhile is refused', async () => {
    let done = (): void => {}
    const waits: string[] = []
    const { gate, admitted } = admission({
      caughtUp: (hello) => {
        waits.push(hello.name)
        return new Promise((resolve) => (done = resolve))
      },
    })
    const visitor = arrive(gate)
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    expect(waits).toEqual(['Ada'])
    expect(admitted).toHaveLength(0)
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    expect(visitor.last('error').code).toBe('already_joined')
    done()
    await Promise.resolve()
    expect(admitted.map(([, hello]) => hello.name)).toEqual(['Ada'])
    expect(waits).toEqual(['Ada'])
  })

  it('admits nobody whose connection closed during the wait', async () => {
    let done = (): void => {}
    const { gate, admitted } = admission({
      caughtUp: () => new Promise((resolve) => (done = resolve)),
    })
    const visitor = arrive(gate)
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    gate.release(visitor)
    done()
    await Promise.resolve()
    expect(admitted).toHaveLength(0)
  })

  it('admits nobody the hello timeout closed during the wait', async () => {
    vi.useFakeTimers()
    let done = (): void => {}
    const { gate, admitted } = admission({
      caughtUp: () => new Promise((resolve) => (done = resolve)),
    })
    const visitor = arrive(gate)
    await vi.advanceTimersByTimeAsync(LIMITS.helloTimeoutMs - 1_000)
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    await vi.advanceTimersByTimeAsync(1_000)
    // Closed, its close handshake not over yet (no release from the hub), when the wait ends.
    expect(visitor.closed?.code).toBe(CLOSE_CODES.helloTimeout)
    done()
    await vi.advanceTimersByTimeAsync(0)
    expect(admitted).toHaveLength(0)
  })

  it('admits at once when there is nothing to wait for', () => {
    const { gate, admitted } = admission({ caughtUp: () => null })
    const visitor = arrive(gate)
    gate.hello(visitor, visitor.hello('Ada', cid('ada')))
    expect(admitted).toHaveLength(1)
  })
})

describe('Admission: passphrase rooms', () => {
  const passphrase = 'correct horse'
  let check: PassphraseCheck | null = null
  async function room(limits: Partial<Limits> = {}): Promise<ReturnType<typeof admission>> {
    check ??= await loadPassphraseCheck(passphrase, FINGERPRINT)
    return admission({ passphrase: check, limits })
  }

  /** Runs a login with `guess`; true once admitted. */
  function login(gate: Admission, visitor: Visitor, guess: string, name = 'Ada'): boolean {
    const start = clientStartLogin(guess)
    gate.hello(visitor, visitor.hello(name, cid(name), { login: start.request }))
    if (visitor.closed) return false
    const finish = clientFinishLogin(
      guess,
      start.state,
      visitor.last('login').response,
      FINGERPRINT,
    )
    // A wrong passphrase cannot finish on the client: send what a guesser would, garbage.
    gate.loginFinish(visitor, { type: 'login_finish', finish: finish ?? 'A'.repeat(128) })
    return visitor.closed === null
  }

  it('admits the right passphrase and refuses a wrong one, a missing login, a bogus one', async () => {
    const { gate, admitted } = await room()
    const visitor = arrive(gate)
    expect(visitor.last('challenge').passphrase).toBe(true)
    expect(login(gate, visitor, passphrase)).toBe(true)
    expect(admitted).toHaveLength(1)

    const wrong = arrive(gate)
    expect(login(gate, wrong, 'Tr0ub4dor&3')).toBe(false)
    expect(wrong.last('error').code).toBe('wrong_passphrase')
    expect(wrong.closed?.code).toBe(CLOSE_CODES.passphrase)

    const none = arrive(gate)
    gate.hello(none, none.hello('Bob', cid('bob')))
    expect(none.last('error').code).toBe('passphrase_required')

    const bogus = arrive(gate)
    gate.hello(bogus, bogus.hello('Bob', cid('bob'), { login: 'AAAA' }))
    expect(bogus.last('error').message).toMatch(/not a login request/)
    expect(bogus.closed?.code).toBe(CLOSE_CODES.badHello)
    expect(admitted).toHaveLength(1)
  })

  it('refuses login_finish out of turn, and a second hello during a login', async () => {
    const { gate } = await room()
    const early = arrive(gate)
    gate.loginFinish(early, { type: 'login_finish', finish: 'x' })
    expect(early.last('error').code).toBe('hello_required')
    const twice = arrive(gate)
    gate.hello(twice, twice.hello('Ada', cid('ada'), { login: clientStartLogin('x').request }))
    gate.hello(twice, twice.hello('Ada', cid('ada')))
    expect(twice.last('error').code).toBe('already_joined')
  })

  it('bounds guesses per address; a right passphrase costs none, other addresses are free', async () => {
    const { gate } = await room({ passphraseAttemptBurst: 2 })
    for (let i = 0; i < 3; i++) expect(login(gate, arrive(gate), passphrase)).toBe(true)
    expect(login(gate, arrive(gate), 'guess 1')).toBe(false)
    expect(login(gate, arrive(gate), 'guess 2')).toBe(false)
    const third = arrive(gate)
    expect(login(gate, third, passphrase)).toBe(false)
    expect(third.last('error').code).toBe('too_many_attempts')
    expect(third.last('error').retryAfterMs).toBeGreaterThan(0)
    expect(third.closed?.code).toBe(CLOSE_CODES.tooManyAttempts)
    expect(login(gate, arrive(gate, '192.0.2.8'), passphrase)).toBe(true)
  })

  it('says why a passphrase cannot be used', () => {
    expect(passphraseProblem(' \n ')).toBe('must not be empty')
    expect(passphraseProblem('x'.repeat(1025))).toBe('must be at most 1024 characters')
    expect(passphraseProblem('ok')).toBeNull()
  })
})
