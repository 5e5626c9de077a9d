import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testIdentity } from '../../../test/support/identities'
import { tempDir } from '../../../test/support/ws-client'
import type { ClosedState, PeerInfo } from '../connection'
import { PinStore } from '../security/pins'
import { checkPeer } from '../security/trust'
import type { Refusal } from './certificate-warning'
import { JoinError, joinError, joinRoom, type JoinTarget } from './joining'
import type { RoomSession, SessionOptions, SessionView } from './session'

const cleanups: Array<() => unknown> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)

/** A session that meets the given peers in turn (each must pass verifyPeer), then is in. */
class ScriptedSession extends EventEmitter implements RoomSession {
  ready: Promise<void>
  ended: ClosedState | null = null
  closed = false
  view: SessionView = {
    room: { id: 'r1', name: 'Lab', hostName: 'Ada' },
    connection: { status: 'connected', attempt: 0, nextRetryAt: null, reason: null },
    members: [],
    typing: [],
    maxTextLength: 4000,
    fingerprint: null,
    features: [],
    reads: [],
  }
  constructor(
    readonly options: SessionOptions,
    peers: Array<Omit<PeerInfo, 'url'>>,
  ) {
    super()
    this.ready = (async () => {
      for (const peer of peers) {
        const refused = options.verifyPeer?.({ url: options.urls[0] ?? '', ...peer }) ?? null
        if (refused !== null) {
          this.ended = { status: 'closed', reason: 'untrusted', message: refused, closeCode: null }
          throw new Error(refused)
        }
        this.view = { ...this.view, fingerprint: peer.fingerprint }
      }
    })()
  }
  timeline() {
    return { reset: true, confirmed: [], pending: [] }
  }
  send(): string {
    return 'id'
  }
  retry(): void {}
  discard(): void {}
  setTyping(): void {}
  retryNow(): void {}
  rename(): void {}
  react(): void {}
  unreact(): void {}
  edit(): void {}
  remove(): void {}
  markRead(): void {}
  loadOlder() {
    return Promise.resolve({ added: 0, first: true, trimmed: false })
  }
  search() {
    return Promise.resolve({ matches: [], more: false })
  }
  openAt(): Promise<void> {
    return Promise.resolve()
  }
  async close(): Promise<void> {
    this.closed = true
  }
}

function setup() {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const pins = new PinStore(join(dir.path, 'pins.json'))
  const sessions: ScriptedSession[] = []
  let peers: Array<Omit<PeerInfo, 'url'>> = []
  const refusals: string[] = []
  const deps = {
    pins,
    identity: testIdentity('joiner'),
    directory: { state: { status: 'quiet' as const, rooms: [], emptySince: null, error: null } },
    connect: (options: SessionOptions) => {
      const session = new ScriptedSession(options, peers)
      sessions.push(session)
      return session
    },
  }
  const run = (target: Partial<JoinTarget>, meet: Array<Omit<PeerInfo, 'url'>>) => {
    peers = meet
    return joinRoom(
      deps as unknown as Parameters<typeof joinRoom>[0],
      {
        urls: ['wss://127.0.0.1:1/ws'],
        roomId: 'r1',
        roomName: 'Lab',
        expectedFingerprint: null,
        passphrase: null,
        ...target,
      },
      'Me',
      (roomId, name, check) => refusals.push(`${roomId} ${name} ${check.kind}`),
    )
  }
  return { pins, sessions, refusals, run }
}

describe('joinRoom', () => {
  it('pins the certificate of a room joined for the first time, and verifies it the next', async () => {
    const { pins, run } = setup()
    expect(await run({}, [{ fingerprint: A, roomId: 'r1' }])).toMatchObject({
      trust: 'first-use',
      passphrase: false,
    })
    expect(pins.get('r1')).toMatchObject({ fingerprint: A, name: 'Lab' })
    expect(await run({ passphrase: 'x' }, [{ fingerprint: A, roomId: 'r1' }])).toMatchObject({
      trust: 'verified',
      passphrase: true,
    })
    expect((await run({ roomId: 'r2' }, [{ fingerprint: null, roomId: 'r2' }])).trust).toBe('plain')
  })

  it('refuses a changed certificate, telling who keeps the warning, and fails with its kind', async () => {
    const { pins, sessions, refusals, run } = setup()
    pins.pin('r1', A, 'Lab')
    const failed = run({}, [{ fingerprint: B, roomId: 'r1' }])
    await expect(failed).rejects.toBeInstanceOf(JoinError)
    await expect(failed).rejects.toMatchObject({
      code: 'APP_ERR_CERTIFICATE_CHANGED',
      failure: { kind: 'certificate_changed', roomId: 'r1', retryAt: null },
    })
    expect(refusals).toEqual(['r1 Lab changed'])
    expect(sessions.at(-1)?.closed).toBe(true)
    expect(pins.get('r1')?.fingerprint).toBe(A)
  })

  it('refuses another room answering at the chosen room’s address, with nothing to trust', async () => {
    const { pins, refusals, run } = setup()
    const failed = run({}, [{ fingerprint: B, roomId: 'impostor' }])
    await expect(failed).rejects.toMatchObject({
      code: 'APP_ERR_CONNECT',
      failure: {
        kind: 'other',
        roomId: 'r1',
        message: 'Another room than "Lab" answers at its address.',
      },
    })
    expect(refusals).toEqual(['r1 Lab another-room'])
    expect(pins.get('r1')).toBeNull()
    expect(pins.get('impostor')).toBeNull()
    // By address, whichever room answers is the one joined.
    expect(
      await run({ roomId: null, roomName: '' }, [{ fingerprint: B, roomId: 'r9' }]),
    ).toMatchObject({ trust: 'first-use' })
  })

  it('holds a session to its room: another answering on a reconnect is refused, by address too', async () => {
    const { sessions, refusals, run } = setup()
    const reconnect = (peer: Omit<PeerInfo, 'url'>) =>
      sessions.at(-1)?.options.verifyPeer?.({ url: 'wss://127.0.0.1:1/ws', ...peer })

    // An address nobody inspected: the room that answered first is the one held to.
    await run({ roomId: null, roomName: '' }, [{ fingerprint: B, roomId: 'r9' }])
    expect(reconnect({ fingerprint: B, roomId: 'r9' })).toBeNull()
    expect(reconnect({ fingerprint: A, roomId: 'r8' })).toBe(
      'Another room than "Lab" answers at its address.',
    )
    expect(refusals).toEqual(['r9 Lab another-room'])

    // The room inspected at the address (its id and name): held to it from the first connection.
    await expect(
      run({ roomId: 'r7', roomName: 'Den' }, [{ fingerprint: A, roomId: 'r8' }]),
    ).rejects.toMatchObject({
      failure: {
        kind: 'other',
        roomId: 'r7',
        message: 'Another room than "Den" answers at its address.',
      },
    })
    await run({ roomId: 'r7', roomName: 'Den' }, [{ fingerprint: A, roomId: 'r7' }])
    expect(reconnect({ fingerprint: B, roomId: 'r8' })).toMatch(/^Another room than "Den"/)
  })
})

describe('joinError', () => {
  const target: JoinTarget = {
    urls: [],
    roomId: null,
    roomName: '',
    expectedFingerprint: A,
    passphrase: 'x',
  }
  const closed = (extra: Partial<ClosedState>): ClosedState => ({
    status: 'closed',
    reason: 'refused',
    message: 'closed',
    closeCode: null,
    ...extra,
  })

  it('gives each way a join ends a code the window acts on', () => {
    const error = new Error('Cannot connect to x: ECONNREFUSED.')
    const refusal = (check: Refusal) => ({ roomId: 'r1', check })
    const dir = tempDir()
    cleanups.push(dir.remove)
    const unexpected = checkPeer(new PinStore(join(dir.path, 'pins.json')), {
      roomId: 'r1',
      fingerprint: B,
      expectedFingerprint: A,
    }) as Refusal
    expect(
      joinError(closed({ reason: 'untrusted' }), error, refusal(unexpected), target),
    ).toMatchObject({
      code: 'APP_ERR_CERTIFICATE_UNEXPECTED',
      failure: { kind: 'certificate_unexpected', roomId: 'r1' },
    })
    expect(
      joinError(
        closed({ reason: 'passphrase', errorCode: 'wrong_passphrase' }),
        error,
        null,
        target,
      ),
    ).toMatchObject({ code: 'APP_ERR_WRONG_PASSPHRASE', message: 'Wrong passphrase.' })
    expect(joinError(closed({ reason: 'passphrase' }), error, null, target)).toMatchObject({
      code: 'APP_ERR_PASSPHRASE_REQUIRED',
    })
    const throttled = joinError(
      closed({ reason: 'throttled', retryAfterMs: 90_500 }),
      error,
      null,
      target,
    )
    expect(throttled).toMatchObject({
      code: 'APP_ERR_TOO_MANY_ATTEMPTS',
      message: 'Too many wrong passphrases from this computer. Try again in 91 s.',
    })
    expect(throttled.failure.retryAt).toBeGreaterThan(Date.now())
    expect(joinError(closed({ reason: 'unreachable' }), error, null, target)).toMatchObject({
      code: 'APP_ERR_CONNECT',
      failure: { kind: 'other', roomId: null, message: error.message },
    })
  })

  it('keeps the sentence within what the window holds', () => {
    const long = new Error('z'.repeat(2_000))
    expect(joinError(null, long, null, target).message.length).toBeLessThanOrEqual(500)
  })
})
