import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Snapshot } from '../../shared/bridge'
import { SnapshotPublisher } from './snapshot-publisher'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Lets the microtasks queued so far run. */
const endOfTask = (): Promise<void> => Promise.resolve()

function publisher() {
  let time = 0
  let state = 0
  const sent: number[] = []
  const times: number[] = []
  const failures: unknown[] = []
  let throwing = false
  const p = new SnapshotPublisher({
    // The "snapshot" is the state it was built from, so that a test sees what was sent.
    build: () => ({ state }) as unknown as Snapshot,
    send: (snapshot) => {
      if (throwing) throw new Error('a listener broke')
      sent.push((snapshot as unknown as { state: number }).state)
      times.push(time)
    },
    failed: (error) => failures.push(error),
    intervalMs: 16,
    now: () => time,
  })
  const change = () => {
    state += 1
    p.changed()
  }
  const advance = (ms: number) => {
    time += ms
    vi.advanceTimersByTime(ms)
  }
  return {
    p,
    sent,
    times,
    failures,
    change,
    advance,
    breakListener: () => (throwing = true),
  }
}

describe('SnapshotPublisher', () => {
  it('builds only when read or sent, and once per change', async () => {
    const { p, sent, change } = publisher()
    const first = p.current()
    expect(p.current()).toBe(first)
    expect(p.builds).toBe(1)
    change()
    change()
    expect(p.builds, 'changes alone build nothing').toBe(1)
    expect(p.current()).toMatchObject({ state: 2 })
    expect(p.builds).toBe(2)
    await endOfTask()
    expect(sent).toEqual([2])
    expect(p.builds, 'what was read is what is sent').toBe(2)
  })

  it('sends the changes of one task together, at its end', async () => {
    const { p, sent, change } = publisher()
    for (let i = 0; i < 1_000; i++) change()
    expect(sent).toEqual([])
    await endOfTask()
    expect(sent).toEqual([1_000])
    expect(p.builds).toBe(1)
  })

  it('sends at most once a frame: the changes after a send wait for the frame to end', async () => {
    const { p, sent, times, change, advance } = publisher()
    change()
    await endOfTask()
    expect(sent).toEqual([1])
    // A change every millisecond for 100 ms: one send per 16 ms, the newest state each time.
    for (let ms = 0; ms < 100; ms++) {
      advance(1)
      change()
      await endOfTask()
    }
    for (let ms = 0; ms < 16; ms++) advance(1)
    expect(times).toEqual([0, 16, 32, 48, 64, 80, 96, 112])
    expect(sent.at(-1)).toBe(101)
    expect(p.builds).toBe(sent.length)
    // After a quiet frame, the next change goes out at the end of its task again.
    advance(100)
    change()
    await endOfTask()
    expect(sent.at(-1)).toBe(102)
  })

  it('goes with a timeline change or notice at the end of its task, frame or not', async () => {
    const { p, sent, times, change, advance } = publisher()
    change()
    await endOfTask()
    advance(1)
    // Within the frame: a change alone waits for the frame's end…
    change()
    await endOfTask()
    expect(sent).toEqual([1])
    // …and goes with the timeline change the next task sends, and with what that task changes
    // after it.
    advance(1)
    p.alongside()
    change()
    change()
    expect(sent).toEqual([1])
    await endOfTask()
    expect(sent).toEqual([1, 4])
    expect(times).toEqual([0, 2])
    // The frame's timer has nothing left to send.
    advance(20)
    expect(sent).toEqual([1, 4])
    // Nothing changed: nothing to send alongside.
    p.alongside()
    await endOfTask()
    expect(sent).toEqual([1, 4])
    expect(p.builds).toBe(2)
  })

  it('reports a listener that throws instead of throwing, and goes on', async () => {
    const { sent, failures, change, advance, breakListener } = publisher()
    breakListener()
    change()
    await endOfTask()
    expect(failures).toHaveLength(1)
    expect(sent).toEqual([])
    advance(20)
    change()
    await endOfTask()
    expect(failures).toHaveLength(2)
  })
})
