import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { connectionSchema, joinFailureSchema } from '../../shared/bridge'
import { CLOSE_CODES, FINAL_CLOSE_CODES, type ErrorMessage } from '../../shared/protocol'
import {
  MAX_MESSAGE_LENGTH,
  clipMessage,
  closedMessage,
  describeClose,
  finalEnd,
  finalReason,
  unreachableMessage,
} from './close-reason'
import type { ClosedReason } from './state'

const NOTHING_SAID = { closing: null, refusal: null }
/** Every ClosedReason (the compiler checks that none is missing). */
const EVERY_REASON: Record<ClosedReason, true> = {
  left: true,
  ended: true,
  refused: true,
  full: true,
  incompatible: true,
  replaced: true,
  unreachable: true,
  untrusted: true,
  passphrase: true,
  throttled: true,
  unproven: true,
}

describe('final close codes', () => {
  it('has a reason for every final code, and none for the others', () => {
    const reasons = [...FINAL_CLOSE_CODES].map((code) => [code, finalReason(code)])
    expect(reasons).toEqual([
      [1001, 'ended'],
      [4001, 'replaced'],
      [4003, 'full'],
      [4004, 'incompatible'],
      [4006, 'refused'],
      [4009, 'unproven'],
      [4010, 'passphrase'],
      [4011, 'throttled'],
    ])
    for (const code of [1000, 1003, 1006, 1007, 1009, 4000, 4002, 4005, 4007, 4008, 4012, 4999]) {
      expect(finalReason(code)).toBeNull()
      expect(finalEnd(code, '', NOTHING_SAID)).toBeNull()
    }
  })

  it('reads a close after the host said it is closing as the end, whatever the code', () => {
    expect(finalEnd(1006, '', { closing: 'Lab is closing.', refusal: null })).toEqual({
      reason: 'ended',
      message: 'Lab is closing.',
      closeCode: 1006,
    })
    expect(finalEnd(CLOSE_CODES.goingAway, '', NOTHING_SAID)).toMatchObject({
      reason: 'ended',
      message: 'The host closed the room.',
    })
  })

  it('explains a final close by the refusal before it, else its reason, else its code', () => {
    const refusal: ErrorMessage = {
      type: 'error',
      code: 'too_many_attempts',
      message: 'try again in 90 s',
      retryAfterMs: 90_000,
    }
    expect(finalEnd(CLOSE_CODES.tooManyAttempts, 'x', { closing: null, refusal })).toEqual({
      reason: 'throttled',
      message: 'Too many passphrase attempts: try again in 90 s.',
      closeCode: 4011,
      extra: { errorCode: 'too_many_attempts', retryAfterMs: 90_000 },
    })
    expect(finalEnd(CLOSE_CODES.roomFull, 'the room is full (20 members)', NOTHING_SAID)).toEqual({
      reason: 'full',
      message: 'The room is full (20 members).',
      closeCode: 4003,
      extra: {},
    })
    expect(finalEnd(CLOSE_CODES.badHello, '', NOTHING_SAID)?.message).toBe(
      `The room refused to let you in: ${describeClose(CLOSE_CODES.badHello)}.`,
    )
  })

  it("leaves out of a close frame's reason what a terminal would act on", () => {
    // A window title, a cleared screen and red text, then a bidi override: all in 123 bytes.
    const reason = '\u001b]0;PWNED\u0007\u001b[2Jno room for you\u202e'
    expect(finalEnd(CLOSE_CODES.badHello, reason, NOTHING_SAID)?.message).toBe(
      'The room refused to let you in: ]0;PWNED[2Jno room for you.',
    )
    // Nothing left to say: the code's own words.
    expect(finalEnd(CLOSE_CODES.badHello, '\u001b\u0007', NOTHING_SAID)?.message).toBe(
      `The room refused to let you in: ${describeClose(CLOSE_CODES.badHello)}.`,
    )
  })
})

describe('docs/connection.md', () => {
  const doc = readFileSync(new URL('../../../docs/connection.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('## How a connection ends'), doc.indexOf('\n## Outbox'))

  it('lists exactly the final close codes of the code', () => {
    const listed = /final close codes are \*\*([^*]+)\*\*/.exec(section)?.[1] ?? ''
    const codes = (listed.match(/\d{4}/g) ?? []).map(Number)
    expect(codes).toEqual([...FINAL_CLOSE_CODES].sort((a, b) => a - b))
  })

  it('gives each final code the reason the code gives it, and every reason a row', () => {
    const rows = section
      .split('\n')
      .map((line) => /^\| `(\w+)` +\|[^|]+\| ([^|]+)\|/.exec(line))
      .filter((match) => match !== null)
    for (const [, reason, closeCode] of rows) {
      for (const code of closeCode?.match(/\d{4}/g) ?? []) {
        if (!FINAL_CLOSE_CODES.has(Number(code))) continue
        expect([code, finalReason(Number(code))]).toEqual([code, reason])
      }
    }
    expect(rows.map(([, reason]) => reason).sort()).toEqual(Object.keys(EVERY_REASON).sort())
  })
})

describe('unreachableMessage', () => {
  it('says one failure as a sentence, an address at its start kept as it is', () => {
    expect(unreachableMessage(['no answer within 5 s'])).toBe('No answer within 5 s.')
    expect(unreachableMessage(['ws://127.0.0.1:9/ws: the connection was lost (code 1006)'])).toBe(
      'ws://127.0.0.1:9/ws: the connection was lost (code 1006).',
    )
  })
})

describe('messages the connection builds fit the bridge', () => {
  it('MAX_MESSAGE_LENGTH is what the bridge fields hold', () => {
    const failure = (message: string) =>
      joinFailureSchema.safeParse({ kind: 'other', roomId: null, message, retryAt: null })
    expect(failure('x'.repeat(MAX_MESSAGE_LENGTH)).success).toBe(true)
    expect(failure('x'.repeat(MAX_MESSAGE_LENGTH + 1)).success).toBe(false)
  })

  it('clips with an ellipsis, never splitting a surrogate pair', () => {
    expect(clipMessage('short')).toBe('short')
    const long = clipMessage('a'.repeat(1000))
    expect(long).toHaveLength(MAX_MESSAGE_LENGTH)
    expect(long.endsWith('…')).toBe(true)
    const emoji = clipMessage('😀'.repeat(400), 10)
    expect(emoji.length).toBeLessThanOrEqual(10)
    expect(emoji).toBe('😀😀😀😀…')
  })

  it('names at most three of 16 unreachable addresses, and still says what happened', () => {
    const failures = Array.from(
      { length: 16 },
      (_, i) =>
        `cannot connect to wss://[fe80::1234:5678:9abc:${i.toString(16).padStart(4, '0')}%25enp0s31f6]:53127/ws: ETIMEDOUT`,
    )
    const naive = `Cannot reach the room at any of its 16 addresses: ${failures.join('; ')}.`
    expect(naive.length).toBeGreaterThan(1_400)
    const message = unreachableMessage(failures)
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
    expect(message).toBe(
      `Cannot reach the room at any of its 16 addresses: ${failures.slice(0, 3).join('; ')}; and 13 more.`,
    )
    // As the window gets it.
    expect(
      connectionSchema.safeParse({
        status: 'closed',
        attempt: 0,
        nextRetryAt: null,
        reason: message,
      }).success,
    ).toBe(true)
  })

  it('lists every address when there are few, and bounds each one', () => {
    expect(unreachableMessage(['cannot connect to a: ECONNREFUSED'])).toBe(
      'Cannot connect to a: ECONNREFUSED.',
    )
    expect(unreachableMessage(['a: x', 'b: y'])).toBe(
      'Cannot reach the room at any of its 2 addresses: a: x; b: y.',
    )
    const huge = unreachableMessage(['h'.repeat(5_000), 'i'.repeat(5_000), 'j'.repeat(5_000)])
    expect(huge.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
    expect(huge).toMatch(/^Cannot reach the room at any of its 3 addresses: h+…; i+…; j+…\.$/)
    expect(unreachableMessage(['z'.repeat(5_000)]).length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
  })

  it("quotes a bounded part of a hub's long refusal", () => {
    const refusal: ErrorMessage = {
      type: 'error',
      code: 'invalid_message',
      message: 'w'.repeat(9_000),
    }
    for (const code of [...FINAL_CLOSE_CODES]) {
      const end = finalEnd(code, 'r'.repeat(123), { closing: null, refusal })
      expect(end?.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
    }
    expect(closedMessage('refused', 'w'.repeat(9_000))).toMatch(
      /^The room refused to let you in: w+…\.$/,
    )
  })
})
