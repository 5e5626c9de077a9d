import { describe, expect, it } from 'vitest'
import { HOLD_MS, Pace, laterRefusal, paceRefusal } from './pace'
import { TokenBucket } from './token-bucket'

/** A pace of `burst` ops and no refill while the test runs, on a clock the test moves. */
function pace(burst: number, clock = { now: 0 }): Pace {
  const now = () => clock.now
  return new Pace(
    new TokenBucket(10, burst, now),
    new TokenBucket(10, 10, now),
    1_000,
    () => clock.now,
  )
}

/** Judges ops in order; returns the ids let through, and each let-through op's later refusal. */
function judge(p: Pace, ids: readonly string[]) {
  const passed: string[] = []
  const refuseLater = new Map<string, (retryAfterMs: number) => void>()
  for (const id of ids) {
    if (paceRefusal(p, id, 10) !== null) continue
    passed.push(id)
    refuseLater.set(
      id,
      laterRefusal(() => p, id),
    )
  }
  return { passed, refuseLater }
}

describe('pace: one hold for refusals of the rate and of the log', () => {
  it('holds new ops behind the earliest refused one, whichever refused it', () => {
    // 13–20 pass the pace and go to the log; 21 is refused for the rate. Then the log refuses
    // 13–20 (its stream had no leader). The member resends from 13 on: 13 must be let through
    // first, not 21, or 21 would be stamped ahead of 13–20.
    const p = pace(8)
    const ids = ['c13', 'c14', 'c15', 'c16', 'c17', 'c18', 'c19', 'c20', 'c21']
    const { passed, refuseLater } = judge(p, ids)
    expect(passed).toEqual(ids.slice(0, 8))
    expect(p.refused).toBe('c21')
    for (const id of passed) refuseLater.get(id)?.(1_000)
    expect(p.refused).toBe('c13')
    // Another new op is still held, naming the op to send first.
    expect(paceRefusal(p, 'c22', 10)?.message).toMatch(/send c13 again first/)
  })

  it('keeps an earlier hold when an op that arrived after it is refused later', () => {
    const p = pace(2)
    const { passed, refuseLater } = judge(p, ['a1', 'a2', 'a3'])
    expect(passed).toEqual(['a1', 'a2'])
    expect(p.refused).toBe('a3')
    // a1 arrived before a3: it takes the hold; a2 arrived after a1: the hold stays a1's.
    refuseLater.get('a1')?.(1_000)
    refuseLater.get('a2')?.(1_000)
    expect(p.refused).toBe('a1')
  })

  it('holds new ops after a refusal of the log alone, until that op comes again', () => {
    const p = pace(5)
    const { refuseLater } = judge(p, ['b1'])
    refuseLater.get('b1')?.(1_000)
    expect(paceRefusal(p, 'b2', 10)?.message).toMatch(/send b1 again first/)
    expect(paceRefusal(p, 'b1', 10)).toBeNull()
    expect(p.refused).toBeNull()
    expect(paceRefusal(p, 'b2', 10)).toBeNull()
  })

  it('holds after a refusal of the log even when the bucket is full, for what was on its way', () => {
    // The log refuses c14 with the member's bucket full (it had waited out the retry). The rest
    // of the member's round reaches the hub after that refusal: none may go ahead of c14.
    const clock = { now: 0 }
    const p = new Pace(
      new TokenBucket(10, 20, () => clock.now),
      new TokenBucket(10, 10, () => clock.now),
      1_000,
      () => clock.now,
    )
    const { refuseLater } = judge(p, ['c14'])
    refuseLater.get('c14')?.(1_000)
    clock.now = 190
    expect(p.chats.full).toBe(true)
    for (const id of ['r1', 'c15', 'c16']) {
      expect(paceRefusal(p, id, 10)?.message).toMatch(/send c14 again first/)
    }
    expect(judge(p, ['c14', 'r1', 'c15', 'c16']).passed).toEqual(['c14', 'r1', 'c15', 'c16'])
  })

  it('waits for the next refused op when the named one is stamped meanwhile', () => {
    // a1's hold refused a2 and a3, then another copy of a1 reached the log: the member will not
    // send a1 again, but a4, sent before it heard of a2's refusal, must still not pass a2.
    const p = pace(5)
    const { refuseLater } = judge(p, ['a1'])
    refuseLater.get('a1')?.(1_000)
    expect(judge(p, ['a2', 'a3']).passed).toEqual([])
    p.settled('a1')
    expect(p.refused).toBe('a2')
    expect(paceRefusal(p, 'a4', 10)?.message).toMatch(/send a2 again first/)
    p.settled('a3')
    expect(p.refused).toBe('a2')
    expect(judge(p, ['a2', 'a3', 'a4']).passed).toEqual(['a2', 'a3', 'a4'])
    expect(p.refused).toBeNull()
  })

  it('forgets a refused op HOLD_MS after it was last refused, not the ones refused since', () => {
    const clock = { now: 0 }
    const p = pace(5, clock)
    expect(judge(p, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']).passed).toHaveLength(5)
    expect(p.refused).toBe('a6')
    clock.now = HOLD_MS - 1
    expect(paceRefusal(p, 'a7', 10)?.message).toMatch(/send a6 again first/)
    // a6 was given up; a7, refused a moment ago, still holds a8, which may have been behind it.
    clock.now = HOLD_MS
    expect(paceRefusal(p, 'a8', 10)?.message).toMatch(/send a7 again first/)
    expect(p.full).toBe(false)
    clock.now = 3 * HOLD_MS
    expect(paceRefusal(p, 'a9', 10)).toBeNull()
  })

  it('tells an op held back to wait as long as the op it names', () => {
    const clock = { now: 0 }
    const p = pace(5, clock)
    const { refuseLater } = judge(p, ['b1'])
    refuseLater.get('b1')?.(1_000)
    clock.now = 300
    expect(paceRefusal(p, 'b2', 10)?.retryAfterMs).toBe(700)
  })
})
