import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CLOSE_CODES,
  LIMITS,
  createSchemas,
  type ChatEvent,
  type HelloMessage,
} from '../../shared/protocol'
import { SILENT_LOGGER, type Logger } from './logger'
import { HOLD_MS } from './pace'
import { Room } from './room'
import type { LogSink, Origin } from './room-log'
import { memoryTimeline } from './testing/memory-store'
import {
  STORE_REFUSAL,
  Seated,
  TEST_ROOM,
  testFiles,
  testHello,
  testRoom,
} from './testing/test-room'

afterEach(() => {
  vi.useRealTimers()
})

function join(room: Room<Seated>, name: string, clientId?: string): Seated {
  const link = new Seated()
  expect(room.join(link, testHello(name, clientId))).toBe(true)
  return link
}

describe('Room: presence', () => {
  it('welcomes a member with the room, the members and limits, and tells the others', () => {
    const { room } = testRoom({
      hostClientId: 'client-ada',
      rateLimit: 4,
      limits: { chatBurst: 2 },
    })
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    const welcome = bob.last('welcome')
    expect(welcome.room).toEqual(TEST_ROOM)
    expect(welcome.you).toEqual({ clientId: 'client-bob', name: 'Bob', host: false })
    expect(welcome.members.map((m) => [m.name, m.host])).toEqual([
      ['Ada', true],
      ['Bob', false],
    ])
    // The bucket is at least the rate: a second's worth always passes.
    expect(welcome.limits).toEqual({
      maxTextLength: LIMITS.maxTextLength,
      chatsPerSecond: 4,
      chatBurst: 4,
    })
    expect(ada.last('joined').member.name).toBe('Bob')
    expect(bob.all('joined')).toEqual([])
    expect(room.size).toBe(2)
  })

  it('refuses a newcomer to a full room, but not a member coming back', () => {
    const { room } = testRoom({ limits: { maxMembers: 1 } })
    join(room, 'Ada')
    const bob = new Seated()
    expect(room.join(bob, testHello('Bob'))).toBe(false)
    expect(bob.last('error').code).toBe('room_full')
    expect(bob.closed?.code).toBe(CLOSE_CODES.roomFull)
    expect(bob.seat).toBeNull()
    join(room, 'Ada')
    expect(room.size).toBe(1)
  })

  it('lets a reconnect take the old place: no flicker, a rename announced, typing ended', () => {
    const { room } = testRoom()
    const ada = join(room, 'Ada')
    const old = join(room, 'Bob')
    room.typing(old, { type: 'typing', active: true })
    const renamed = join(room, 'Robert', 'client-bob')
    expect(old.closed?.code).toBe(CLOSE_CODES.replaced)
    expect(old.seat).toBeNull()
    expect(ada.all('typing').map((t) => t.active)).toEqual([true, false])
    expect(ada.last('renamed').member).toEqual({
      clientId: 'client-bob',
      name: 'Robert',
      host: false,
    })
    expect(renamed.all('typing')).toEqual([])
    // The old connection closing now is not the member leaving.
    room.leave(old, 'left', 1000)
    expect(ada.all('left')).toEqual([])
    expect(ada.all('joined')).toHaveLength(1)
    expect(room.size).toBe(2)
    // Coming back under the same name is no news at all.
    join(room, 'Robert', 'client-bob')
    expect(ada.all('renamed')).toHaveLength(1)
  })

  it('announces a member leaving with its reason, ending its typing; nothing once closed', () => {
    const { room } = testRoom()
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    room.typing(bob, { type: 'typing', active: true })
    room.leave(bob, 'removed', CLOSE_CODES.tooManyErrors)
    expect(ada.last('typing').active).toBe(false)
    expect(ada.last('left')).toEqual({
      type: 'left',
      clientId: 'client-bob',
      name: 'Bob',
      reason: 'removed',
    })
    const carol = join(room, 'Carol')
    room.close()
    room.leave(carol, 'lost', 1006)
    expect(ada.all('left')).toHaveLength(1)
    expect(room.size).toBe(1)
  })
})

describe('Room: chats', () => {
  it('stamps a chat once, logs it, and sends the same buffer to every member', () => {
    const { room, log } = testRoom()
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    room.chat(ada, { type: 'chat', id: 'm1', text: 'hello\r\nthere' })
    expect(ada.last('chat')).toEqual(bob.last('chat'))
    expect(ada.last('chat')).toMatchObject({
      seq: 1,
      id: 'm1',
      from: 'client-ada',
      text: 'hello\nthere',
    })
    expect(ada.sharedFrames.at(-1)).toBe(bob.sharedFrames.at(-1))
    expect(log.map((json) => (JSON.parse(json) as ChatEvent).id)).toEqual(['m1'])
    expect(room.lastSeq).toBe(1)
  })

  it('acknowledges a resend to its sender alone and never stamps it twice', () => {
    const { room, log } = testRoom()
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    room.chat(ada, { type: 'chat', id: 'dup', text: 'once' })
    room.chat(ada, { type: 'chat', id: 'dup', text: 'edited?' })
    expect(ada.all('chat')).toEqual([ada.last('chat'), ada.last('chat')])
    expect(bob.all('chat')).toHaveLength(1)
    // The same id from someone else is another message.
    room.chat(bob, { type: 'chat', id: 'dup', text: 'mine' })
    expect(bob.last('chat').seq).toBe(2)
    expect(log).toHaveLength(2)
  })

  it('answers hostile chats with invalid_message, naming the id only when it is valid', () => {
    const { room, log } = testRoom()
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    const hostile: unknown[] = [
      { type: 'chat', id: 'no-text' },
      { type: 'chat', id: 'long', text: 'x'.repeat(LIMITS.maxTextLength * 2) },
      { type: 'chat', id: 'blank', text: ' \n\t ' },
      { type: 'chat', id: 'num', text: 42 },
      { type: 'chat', id: 'has space', text: 'hi' },
      { type: 'chat', id: { toString: 'x' }, text: 'hi' },
      { type: 'chat', id: 'a'.repeat(10_000), text: 'hi' },
      JSON.parse('{"type":"chat","id":"proto","text":"hi","__proto__":{"polluted":true}}'),
    ]
    for (const value of hostile) room.chat(ada, value)
    const errors = ada.all('error')
    expect(errors.map((e) => e.code).slice(0, 7)).toEqual(Array(7).fill('invalid_message'))
    expect(errors.map((e) => e.id)).toEqual([
      'no-text',
      'long',
      'blank',
      'num',
      undefined,
      undefined,
      undefined,
    ])
    expect(ada.badFrames).toBe(7)
    // Unknown fields are dropped; the chat itself is fine.
    expect(bob.all('chat').map((c) => c.id)).toEqual(['proto'])
    expect(log).toHaveLength(1)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('limits each member to its rate, telling it when to resend, the others unaffected', () => {
    vi.useFakeTimers()
    const { room } = testRoom({ rateLimit: 5, limits: { chatBurst: 5 } })
    const fast = join(room, 'Fast')
    const calm = join(room, 'Calm')
    for (let i = 0; i < 8; i++) room.chat(fast, { type: 'chat', id: `f${i}`, text: 'flood' })
    expect(fast.all('chat')).toHaveLength(5)
    const limited = fast.all('error')
    expect(limited.map((e) => [e.code, e.id])).toEqual([
      ['rate_limited', 'f5'],
      ['rate_limited', 'f6'],
      ['rate_limited', 'f7'],
    ])
    expect(limited[0]?.retryAfterMs).toBe(200)
    expect(fast.badFrames).toBe(0)
    room.chat(calm, { type: 'chat', id: 'c', text: 'calm' })
    expect(calm.all('error')).toEqual([])
    vi.advanceTimersByTime(200)
    room.chat(fast, { type: 'chat', id: 'f5', text: 'flood' })
    expect(fast.last('chat').id).toBe('f5')
  })

  it('keeps a member’s pace across its connections: reconnecting gives no fresh burst', () => {
    vi.useFakeTimers()
    const { room } = testRoom({
      rateLimit: 1,
      limits: { chatBurst: 3, typingPerSecond: 1, typingBurst: 2 },
    })
    const witness = join(room, 'Witness')
    const first = join(room, 'Fast')
    for (let i = 0; i < 3; i++) room.chat(first, { type: 'chat', id: `a${i}`, text: 'burst' })
    for (let i = 0; i < 2; i++) room.typing(first, { type: 'typing', active: i === 0 })
    // A new connection of the same client replaces the old one at once...
    const second = join(room, 'Fast')
    room.chat(second, { type: 'chat', id: 'b', text: 'again' })
    expect(second.last('error')).toMatchObject({
      code: 'rate_limited',
      id: 'b',
      retryAfterMs: 1_000,
    })
    room.typing(second, { type: 'typing', active: true })
    expect(witness.all('typing')).toHaveLength(2)
    // ...or the member leaves and comes back a moment later: the same bucket either way.
    room.leave(second, 'left', 1000)
    vi.advanceTimersByTime(500)
    const third = join(room, 'Fast')
    room.chat(third, { type: 'chat', id: 'c', text: 'back' })
    expect(third.last('error')).toMatchObject({ code: 'rate_limited', id: 'c', retryAfterMs: 500 })
    // At its rate the member's pace comes back, and its chats go in the order it sent them:
    // first the refused one, then the next. Someone else was never limited.
    vi.advanceTimersByTime(500)
    room.chat(third, { type: 'chat', id: 'b', text: 'again' })
    vi.advanceTimersByTime(1_000)
    room.chat(third, { type: 'chat', id: 'c', text: 'back' })
    room.chat(witness, { type: 'chat', id: 'w', text: 'calm' })
    expect(witness.all('chat').map((c) => c.id)).toEqual(['a0', 'a1', 'a2', 'b', 'c', 'w'])
    expect(witness.all('error')).toEqual([])
  })

  it('keeps a member’s chats in order when some were on their way as one was refused', () => {
    vi.useFakeTimers()
    const { room } = testRoom({ rateLimit: 2, limits: { chatBurst: 2 } })
    const witness = join(room, 'Witness')
    const member = join(room, 'Member')
    for (const id of ['m1', 'm2', 'm3']) room.chat(member, { type: 'chat', id, text: id })
    expect(member.last('error')).toMatchObject({ code: 'rate_limited', id: 'm3' })
    // A token comes back while m4 and m5, sent before the member heard of the refusal, are on
    // their way: they are refused too, or they would be stamped ahead of m3.
    vi.advanceTimersByTime(500)
    room.chat(member, { type: 'chat', id: 'm4', text: 'm4' })
    room.chat(member, { type: 'chat', id: 'm5', text: 'm5' })
    expect(member.all('error').map((e) => [e.code, e.id])).toEqual([
      ['rate_limited', 'm3'],
      ['rate_limited', 'm4'],
      ['rate_limited', 'm5'],
    ])
    expect(member.last('error').message).toMatch(/send m3 again first/)
    // The member resends from m3 on, in order, at the room's pace.
    for (const id of ['m3', 'm4', 'm5']) {
      room.chat(member, { type: 'chat', id, text: id })
      vi.advanceTimersByTime(500)
    }
    expect(witness.all('chat').map((c) => c.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
  })

  it('holds a member back for a refused chat it never resends only for HOLD_MS', () => {
    vi.useFakeTimers()
    const { room } = testRoom({ rateLimit: 2, limits: { chatBurst: 2 } })
    const member = join(room, 'Member')
    for (const id of ['a', 'b', 'c']) room.chat(member, { type: 'chat', id, text: id })
    vi.advanceTimersByTime(500)
    room.chat(member, { type: 'chat', id: 'd', text: 'd' })
    expect(member.last('error')).toMatchObject({ code: 'rate_limited', id: 'd' })
    // A full bucket is not enough: an op sent before the member heard of the refusal may still
    // be on its way (a stalled link).
    vi.advanceTimersByTime(5_000)
    room.chat(member, { type: 'chat', id: 'd', text: 'd' })
    expect(member.last('error')).toMatchObject({ code: 'rate_limited', id: 'd' })
    expect(member.last('error').message).toMatch(/send c again first/)
    // 'c' was given up: HOLD_MS after the refusal, the member is not held back any more.
    vi.advanceTimersByTime(HOLD_MS - 5_000)
    room.chat(member, { type: 'chat', id: 'd', text: 'd' })
    expect(member.last('chat').id).toBe('d')
  })

  it('does not limit at rate 0', () => {
    const { room } = testRoom({ rateLimit: 0 })
    const bench = join(room, 'Bench')
    for (let i = 0; i < 500; i++) room.chat(bench, { type: 'chat', id: `b${i}`, text: 'x' })
    expect(bench.all('chat')).toHaveLength(500)
  })

  it('owes a member that resumes what it missed, from the log it was given', () => {
    const old = { from: 'client-old', name: 'Old', text: 'earlier', ts: 1 }
    const loaded: ChatEvent[] = [1, 2, 3].map((seq) => ({
      type: 'chat',
      seq,
      id: `m${seq}`,
      ...old,
    }))
    const { room } = testRoom({ loaded })
    const link = new Seated()
    room.join(link, { ...testHello('Ada'), resume: { epoch: TEST_ROOM.epoch, lastSeq: 1 } })
    expect(link.last('welcome')).toMatchObject({ resumed: true, gap: false, lastSeq: 3 })
    expect(link.last('welcome').history.map((c) => c.seq)).toEqual([2, 3])
  })
})

describe('Room: typing', () => {
  it('relays typing to the others, throttled, ended by a chat or by its expiry', () => {
    vi.useFakeTimers()
    const { room } = testRoom({ limits: { typingThrottleMs: 1_000, typingTimeoutMs: 3_000 } })
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    const relayed = (): boolean[] => ada.all('typing').map((t) => t.active)
    room.typing(bob, { type: 'typing', active: true })
    room.typing(bob, { type: 'typing', active: true })
    expect(relayed()).toEqual([true])
    vi.advanceTimersByTime(1_000)
    room.typing(bob, { type: 'typing', active: true })
    expect(relayed()).toEqual([true, true])
    room.chat(bob, { type: 'chat', id: 'c', text: 'done' })
    vi.advanceTimersByTime(10_000)
    // The chat ended it (receivers clear it on the chat), so no expiry follows.
    expect(relayed()).toEqual([true, true])
    room.typing(bob, { type: 'typing', active: true })
    vi.advanceTimersByTime(2_999)
    expect(relayed()).toEqual([true, true, true])
    vi.advanceTimersByTime(1)
    expect(relayed()).toEqual([true, true, true, false])
    expect(bob.all('typing')).toEqual([])
  })

  it('ignores typing beyond the pace, and answers a malformed one', () => {
    vi.useFakeTimers()
    const { room } = testRoom({
      limits: { typingPerSecond: 1, typingBurst: 3, typingTimeoutMs: 500 },
    })
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    for (let i = 0; i < 200; i++) room.typing(bob, { type: 'typing', active: i % 2 === 0 })
    expect(ada.all('typing').map((t) => t.active)).toEqual([true, false, true])
    // The `false` among the ignored ones is ended by the expiry instead.
    vi.advanceTimersByTime(500)
    expect(ada.all('typing').map((t) => t.active)).toEqual([true, false, true, false])
    expect(bob.all('error')).toEqual([])
    room.typing(bob, { type: 'typing', active: 'yes' })
    expect(bob.last('error').code).toBe('invalid_message')
  })
})

describe('Room: memory', () => {
  it('keeps chat states only for the chats the history budget keeps', () => {
    const limits = { ...LIMITS, chatsPerSecond: 0 }
    const { store, states } = memoryTimeline([], limits, { events: 60, bytes: 1 << 30 })
    const room = new Room<Seated>({
      room: TEST_ROOM,
      store,
      states,
      rateLimit: 0,
      limits,
      schemas: createSchemas(limits),
      log: SILENT_LOGGER,
      broadcaster: { broadcast: () => {} },
    })
    const ada = join(room, 'Ada')
    for (let i = 0; i < 300; i++) {
      room.op(ada, 'chat', { type: 'chat', id: `c${i}`, text: `chat ${i}` })
      const target = room.lastSeq
      room.op(ada, 'react', { type: 'react', id: `r${i}`, target, emoji: '👍' })
    }
    expect(ada.all('error')).toEqual([])
    expect(store.firstChatSeq).toBeGreaterThan(500)
    expect(states.size).toBeLessThanOrEqual(30)
  })
})

describe('Room: a file chat refused for now', () => {
  it("holds the member's next chats until it is sent again, as a refusal for the rate does", () => {
    const sha256 = 'a'.repeat(64)
    const file = { id: 'f'.repeat(32), name: 'a.txt', size: 3, type: 'text/plain', sha256 }
    let storeTakes = false
    const { room } = testRoom({
      files: testFiles({ refusal: () => (storeTakes ? null : STORE_REFUSAL) }),
    })
    const ada = join(room, 'Ada')
    room.chat(ada, { type: 'chat', id: 'f1', text: 'a file', file })
    expect(ada.last('error')).toMatchObject({ code: 'rate_limited', id: 'f1' })
    // Sent before Ada heard of the refusal: stamped, it would come before the file.
    room.chat(ada, { type: 'chat', id: 'm2', text: 'after the file' })
    expect(ada.last('error')).toMatchObject({ code: 'rate_limited', id: 'm2' })
    expect(ada.last('error').message).toMatch(/send f1 again first/)
    storeTakes = true
    room.chat(ada, { type: 'chat', id: 'f1', text: 'a file', file })
    room.chat(ada, { type: 'chat', id: 'm2', text: 'after the file' })
    expect(ada.all('chat').map((c) => c.id)).toEqual(['f1', 'm2'])
  })
})

describe('Room: a file chat waiting for its upload check', () => {
  const sha256 = 'b'.repeat(64)
  const file = { id: 'e'.repeat(32), name: 'b.txt', size: 3, type: 'text/plain', sha256 }

  /** A room whose upload check ends when `check.end()` is called; the store refuses the file
   * for now while `check.refuse` is set. */
  function checking(
    rateLimit: number = LIMITS.chatsPerSecond,
    chatBurst: number = LIMITS.chatBurst,
  ) {
    const check = { end: (): void => {}, refuse: false, checks: 0 }
    let pending: Promise<void> | null = null
    const { room } = testRoom({
      rateLimit,
      limits: { chatBurst },
      files: testFiles({
        refusal: () => (check.refuse ? STORE_REFUSAL : null),
        verifying: () => {
          if (pending) return pending
          if (check.checks > 0) return null
          check.checks += 1
          pending = new Promise<void>((resolve) => {
            check.end = () => {
              pending = null
              resolve()
            }
          })
          return pending
        },
      }),
    })
    return { room, check }
  }

  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

  it("stamps the member's ops sent behind it after it, in the order sent", async () => {
    const { room, check } = checking()
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    room.chat(ada, { type: 'chat', id: 'f1', text: 'the file', file })
    room.chat(ada, { type: 'chat', id: 'a2', text: 'about the file' })
    room.op(ada, 'react', { type: 'react', id: 'r3', target: 1, emoji: '👍' })
    // Bob's chat does not wait behind Ada's file.
    room.chat(bob, { type: 'chat', id: 'b1', text: 'meanwhile' })
    expect(bob.all('chat').map((c) => c.id)).toEqual(['b1'])
    check.end()
    await settle()
    expect(bob.all('chat').map((c) => [c.seq, c.id])).toEqual([
      [1, 'b1'],
      [2, 'f1'],
      [3, 'a2'],
    ])
    expect(bob.all('react').map((r) => r.id)).toEqual(['r3'])
  })

  it('refuses the ops behind it when it is refused for now; sent again, all pass in order', async () => {
    const { room, check } = checking()
    const ada = join(room, 'Ada')
    check.refuse = true
    room.chat(ada, { type: 'chat', id: 'f1', text: 'the file', file })
    room.chat(ada, { type: 'chat', id: 'a2', text: 'about the file' })
    check.end()
    await settle()
    expect(ada.all('error').map((e) => [e.id, e.code])).toEqual([
      ['f1', 'rate_limited'],
      ['a2', 'rate_limited'],
    ])
    expect(ada.last('error').message).toMatch(/send f1 again first/)
    // Sent before Ada heard of the refusals: held too.
    room.chat(ada, { type: 'chat', id: 'a3', text: 'later still' })
    expect(ada.last('error')).toMatchObject({ id: 'a3', code: 'rate_limited' })
    check.refuse = false
    for (const [id, text] of [
      ['f1', 'the file'],
      ['a2', 'about the file'],
      ['a3', 'later still'],
    ] as const) {
      room.chat(ada, { type: 'chat', id, text, ...(id === 'f1' ? { file } : {}) })
    }
    expect(ada.all('chat').map((c) => c.id)).toEqual(['f1', 'a2', 'a3'])
  })

  it(`lets at most ${LIMITS.maxBehindFile} ops wait; the next are refused and held in order`, async () => {
    // No rate limit: only the bound stops them.
    const { room, check } = checking(0)
    const ada = join(room, 'Ada')
    room.chat(ada, { type: 'chat', id: 'f1', text: 'the file', file })
    for (let i = 0; i <= LIMITS.maxBehindFile; i++) {
      room.chat(ada, { type: 'chat', id: `m${i}`, text: `${i}` })
    }
    const over = `m${LIMITS.maxBehindFile}`
    expect(ada.last('error')).toMatchObject({ id: over, code: 'rate_limited' })
    check.end()
    await settle()
    expect(ada.all('chat')).toHaveLength(LIMITS.maxBehindFile + 1)
    // Sent after the refusal, before Ada heard of it: held until the refused one comes again.
    room.chat(ada, { type: 'chat', id: 'late', text: 'late' })
    expect(ada.last('error')).toMatchObject({ id: 'late', code: 'rate_limited' })
    expect(ada.last('error').message).toMatch(new RegExp(`send ${over} again first`))
    room.chat(ada, { type: 'chat', id: over, text: 'again' })
    room.chat(ada, { type: 'chat', id: 'late', text: 'late' })
    expect(
      ada
        .all('chat')
        .slice(-2)
        .map((c) => c.id),
    ).toEqual([over, 'late'])
  })

  it.each([
    ['the bound', 0, LIMITS.maxBehindFile + 2],
    ['the rate', 5, 8],
  ])(
    'keeps the order when the member reconnects during the wait after %s refused an op',
    async (_, rateLimit, count) => {
      vi.useFakeTimers()
      const { room, check } = checking(rateLimit, 2)
      const ada = join(room, 'Ada')
      const bob = join(room, 'Bob')
      const ids = ['f1', ...Array.from({ length: count }, (_, i) => `m${i}`)]
      const send = (link: Seated, id: string): void =>
        room.chat(link, { type: 'chat', id, text: id, ...(id === 'f1' ? { file } : {}) })
      for (const id of ids) send(ada, id)
      expect(ada.all('error').length).toBeGreaterThan(0)
      // Ada's acknowledgements are late: she reconnects, during the check, and sends all that
      // is not stamped again, in order, once a second, until all are.
      for (let round = 0; round < 30 && bob.all('chat').length < ids.length; round++) {
        const link = join(room, 'Ada')
        const stamped = new Set(bob.all('chat').map((c) => c.id))
        for (const id of ids) if (!stamped.has(id)) send(link, id)
        check.end()
        await vi.advanceTimersByTimeAsync(1_000)
      }
      expect(bob.all('chat').map((c) => c.id)).toEqual(ids)
    },
  )

  it('drops what waited on a connection that was replaced; the new one is taken in order', async () => {
    const { room, check } = checking()
    const ada = join(room, 'Ada')
    const bob = join(room, 'Bob')
    room.chat(ada, { type: 'chat', id: 'f1', text: 'the file', file })
    room.chat(ada, { type: 'chat', id: 'a2', text: 'about the file' })
    const again = join(room, 'Ada')
    room.chat(again, { type: 'chat', id: 'f1', text: 'the file', file })
    room.chat(again, { type: 'chat', id: 'a2', text: 'about the file' })
    check.end()
    await settle()
    expect(bob.all('chat').map((c) => c.id)).toEqual(['f1', 'a2'])
    expect(again.all('chat').map((c) => c.id)).toEqual(['f1', 'a2'])
  })
})

describe('Room: a clustered hub behind the room', () => {
  /** Lets the promises settled so far run their callbacks. */
  const microtasks = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await Promise.resolve()
  }

  /** A hub of a clustered room whose log hands it the chats of other hubs when told to. */
  function behind(log: Logger = SILENT_LOGGER): {
    room: Room<Seated>
    read: (seq: number) => void
  } {
    let sink: LogSink<Origin<Seated>> | null = null
    const { room } = testRoom({
      log,
      openLog: (opened) => {
        sink = opened
        return { propose: () => {}, close: () => {} }
      },
    })
    const read = (seq: number): void =>
      sink?.apply(
        {
          type: 'chat',
          seq,
          id: `m${seq}`,
          from: 'client-zed',
          name: 'Zed',
          text: `${seq}`,
          ts: 1,
        },
        undefined,
      )
    return { room, read }
  }

  const resuming = (lastSeq: number, epoch = TEST_ROOM.epoch): HelloMessage => ({
    ...testHello('Ada'),
    resume: { epoch, lastSeq },
  })

  it('waits for the seq a member resumes from, then welcomes it resumed', async () => {
    const { room, read } = behind()
    read(1)
    const wait = room.caughtUp(resuming(3))
    let over = false
    void wait?.then(() => (over = true))
    read(2)
    await microtasks()
    expect(over).toBe(false)
    read(3)
    await microtasks()
    expect(over).toBe(true)
    const ada = new Seated()
    room.join(ada, resuming(3))
    expect(ada.last('welcome')).toMatchObject({ resumed: true, gap: false, lastSeq: 3 })
    expect(ada.last('welcome').history).toEqual([])
  })

  it('waits LIMITS.resumeCatchUpMs at most; the welcome then says what is missing', async () => {
    vi.useFakeTimers()
    const warnings: string[] = []
    const { room, read } = behind({
      ...SILENT_LOGGER,
      warn: (_, message) => warnings.push(message),
    })
    read(1)
    const wait = room.caughtUp(resuming(5))
    let over = false
    void wait?.then(() => (over = true))
    await vi.advanceTimersByTimeAsync(LIMITS.resumeCatchUpMs - 1)
    expect(over).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(over).toBe(true)
    const ada = new Seated()
    room.join(ada, resuming(5))
    expect(ada.last('welcome')).toMatchObject({ resumed: false, gap: true, lastSeq: 1 })
    expect(warnings).toEqual([
      'the room stream was not read up to a resume in time: welcomed with a gap',
    ])
  })

  it('lets nobody wait for what it has, for another epoch, or on a closed room', async () => {
    const { room, read } = behind()
    read(1)
    read(2)
    expect(room.caughtUp(testHello('Ada'))).toBeNull()
    expect(room.caughtUp(resuming(2))).toBeNull()
    expect(room.caughtUp(resuming(9, 'another-epoch'))).toBeNull()
    const wait = room.caughtUp(resuming(9))
    let over = false
    void wait?.then(() => (over = true))
    room.close()
    await microtasks()
    expect(over).toBe(true)
    expect(room.caughtUp(resuming(9))).toBeNull()
  })

  it('lets nobody in once the room closed during the wait', async () => {
    const { room } = behind()
    const ada = new Seated()
    const wait = room.caughtUp(resuming(4))
    room.close()
    await wait
    expect(room.join(ada, resuming(4))).toBe(false)
    expect(ada.closed?.code).toBe(CLOSE_CODES.goingAway)
    expect(ada.all('welcome')).toHaveLength(0)
  })

  it('never waits on a single hub: its history is the room', () => {
    const { room } = testRoom()
    expect(room.caughtUp(resuming(3))).toBeNull()
  })
})
