import { describe, expect, it } from 'vitest'
import { joinOutcome, type JoinEnd } from './join-outcome'

const left: JoinEnd = {
  reason: 'left',
  message: 'You left the room.',
  gaveUpAfterMs: null,
  unacknowledged: 0,
  refused: 0,
  inputLeft: false,
}
const ended: JoinEnd = { ...left, reason: 'ended', message: 'The host closed the room.' }
const MAYBE = 'not acknowledged (they may or may not have reached the room)'

describe('joinOutcome', () => {
  it('is 0 with nothing to say only when nothing was left behind', () => {
    expect(joinOutcome(left)).toEqual({ code: 0, line: null })
    // At a terminal nothing is unread: the host closing the room leaves nothing behind.
    expect(joinOutcome(ended)).toEqual({ code: 0, line: null })
  })

  it('is 1 when the host closed the room before the end of piped input: the rest was not sent', () => {
    expect(joinOutcome({ ...ended, inputLeft: true })).toEqual({
      code: 1,
      line: 'the host closed the room before the end of input; the rest of the input was not sent',
    })
    expect(joinOutcome({ ...ended, inputLeft: true, unacknowledged: 2 })).toEqual({
      code: 1,
      line:
        'the host closed the room before the end of input; the rest of the input was not sent; ' +
        `2 message(s) ${MAYBE}`,
    })
  })

  it('never calls unacknowledged messages lost: the room may have them', () => {
    expect(joinOutcome({ ...ended, unacknowledged: 3 })).toEqual({
      code: 1,
      line: `the host closed the room; 3 message(s) ${MAYBE}`,
    })
    expect(joinOutcome({ ...left, gaveUpAfterMs: 30_000, unacknowledged: 3 })).toEqual({
      code: 1,
      line: `could not reconnect to the room within 30 s; 3 message(s) ${MAYBE}`,
    })
    for (const end of [
      { ...ended, unacknowledged: 1 },
      { ...left, gaveUpAfterMs: 500, unacknowledged: 1 },
      { ...left, reason: 'refused', message: 'No.', unacknowledged: 1 } as const,
    ]) {
      expect(joinOutcome(end).line).not.toMatch(/delivered|lost/)
    }
  })

  it('counts refused messages apart: their reasons were said already', () => {
    expect(joinOutcome({ ...left, refused: 1 })).toEqual({
      code: 1,
      line: '1 message(s) were not sent',
    })
  })

  it('adds what was left behind to any other end, on the same line', () => {
    const other: JoinEnd = {
      ...left,
      reason: 'untrusted',
      message: 'Another room than "R" answers at its address.',
    }
    expect(joinOutcome(other)).toEqual({ code: 1, line: other.message })
    expect(joinOutcome({ ...other, inputLeft: true, unacknowledged: 1 })).toEqual({
      code: 1,
      line: `${other.message} (the rest of the input was not sent; 1 message(s) ${MAYBE})`,
    })
  })
})
