import { afterEach, describe, expect, it, vi } from 'vitest'
import { FLUSH_INTERVAL_MS, Fanout, PRESENCE_DELAY_MS, type Outlet } from './fanout'
import { HeldSocket } from './testing/held-socket'
import { SILENT_LOGGER } from './logger'
import { Outbound } from './outbound'

afterEach(() => {
  vi.useRealTimers()
})

class FakeOutlet implements Outlet {
  readonly remote = '192.0.2.1:1'
  readonly out: Outbound
  closing = false
  dropped = false

  constructor(
    readonly id: number,
    readonly socket: HeldSocket,
    fanout: Fanout<FakeOutlet>,
    maxBufferedBytes: number,
  ) {
    this.out = new Outbound(socket.asSocket(), maxBufferedBytes, fanout.budget)
  }

  dropSlow(): void {
    this.closing = true
    this.dropped = true
  }
}

/** A fan-out over `count` outlets on held sockets; `events` records persisting and writing. */
function setup(
  count: number,
  options: {
    encrypted?: boolean
    maxBufferedBytes?: number
    maxTotalUniqueBytes?: number
    /** What the store's write says (false: the disk refused it). */
    persisted?: () => boolean
  } = {},
): { fanout: Fanout<FakeOutlet>; outlets: FakeOutlet[]; events: string[] } {
  const events: string[] = []
  const fanout = new Fanout<FakeOutlet>({
    maxTotalUniqueBytes: options.maxTotalUniqueBytes ?? 1 << 30,
    log: SILENT_LOGGER,
    beforeWrite: () => events.push('persist') > 0 && (options.persisted?.() ?? true),
  })
  const outlets = Array.from({ length: count }, (_, i) => {
    const socket = new HeldSocket(options.encrypted ?? false, () => events.push(`write ${i}`))
    const outlet = new FakeOutlet(i, socket, fanout, options.maxBufferedBytes ?? 1 << 20)
    fanout.add(outlet)
    return outlet
  })
  return { fanout, outlets, events }
}

/** Lets the fan-out's end-of-turn flush (and held-back retries) run. */
async function endOfTurn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
}

/** Lets the next flush run even when it waits for FLUSH_INTERVAL_MS after the last. */
async function nextFlush(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, FLUSH_INTERVAL_MS + 1))
  await endOfTurn()
}

describe('Fanout', () => {
  it('queues one buffer for every member but the one excepted, written at the end of the turn', async () => {
    const { fanout, outlets, events } = setup(3)
    const [a, b, c] = outlets as [FakeOutlet, FakeOutlet, FakeOutlet]
    const frames = [Buffer.from('one'), Buffer.from('two'), Buffer.from('three')]
    for (const frame of frames) fanout.broadcast(frame, outlets, b)
    expect(events).toEqual([])
    await endOfTurn()
    // The turn's chats are persisted before any member is written to.
    expect(events[0]).toBe('persist')
    for (const outlet of [a, c]) {
      expect(outlet.socket.written).toHaveLength(3)
      outlet.socket.written.forEach((buffer, i) => expect(buffer).toBe(frames[i]))
      // Three frames, one corked write.
      expect(outlet.socket.writes).toBe(1)
    }
    expect(b.socket.written).toEqual([])
    expect(fanout.budget.used).toBe(0)
  })

  it('counts frames made for one member against the budget until its socket took them', async () => {
    const { fanout, outlets } = setup(1)
    const [a] = outlets as [FakeOutlet]
    fanout.send(a, Buffer.alloc(100))
    fanout.sendLarge(a, [Buffer.alloc(10), Buffer.alloc(5_000), Buffer.alloc(10)], 20)
    expect(fanout.budget.used).toBe(120)
    await endOfTurn()
    a.socket.drain()
    expect(fanout.budget.used).toBe(0)
  })

  it('closes a member that stops reading as a slow consumer, and keeps serving the others', async () => {
    const { fanout, outlets } = setup(2, { maxBufferedBytes: 10_000 })
    const [reader, stalled] = outlets as [FakeOutlet, FakeOutlet]
    const frame = Buffer.alloc(4_000)
    for (let turn = 0; turn < 5 && !stalled.dropped; turn++) {
      fanout.broadcast(frame, outlets)
      await nextFlush()
      reader.socket.drain()
    }
    expect(stalled.dropped).toBe(true)
    expect(stalled.out.hasPending).toBe(false)
    fanout.broadcast(frame, outlets)
    await nextFlush()
    expect(reader.dropped).toBe(false)
    expect(reader.socket.written.length).toBeGreaterThan(stalled.socket.written.length)
  })

  it('lets presence wait for the next write, PRESENCE_DELAY_MS at most, in order', () => {
    vi.useFakeTimers()
    const { fanout, outlets } = setup(2)
    const [a, b] = outlets as [FakeOutlet, FakeOutlet]
    const [joined, chat, left] = ['joined', 'chat', 'left'].map((type) => Buffer.from(type))
    fanout.broadcast(joined as Buffer, outlets, undefined, 'joined')
    vi.advanceTimersByTime(0)
    expect(a.socket.written).toEqual([])
    // A chat for a takes the presence along, in one write, at the end of its turn...
    fanout.send(a, chat as Buffer)
    vi.advanceTimersByTime(0)
    expect(a.socket.written).toEqual([joined, chat])
    expect(a.socket.writes).toBe(1)
    // ...while b, sent nothing else, gets it PRESENCE_DELAY_MS after it was queued.
    expect(b.socket.written).toEqual([])
    vi.advanceTimersByTime(PRESENCE_DELAY_MS - 1)
    expect(b.socket.written).toEqual([])
    vi.advanceTimersByTime(1)
    vi.advanceTimersToNextTimer()
    expect(b.socket.written).toEqual([joined])
    // Any other type is written at the end of the turn, or FLUSH_INTERVAL_MS after the last
    // write when that was less long ago (b's presence just now).
    fanout.broadcast(left as Buffer, outlets, undefined, 'chat')
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS)
    expect([a.socket.written.length, b.socket.written.length]).toEqual([3, 2])
  })

  it('writes a member at most once per FLUSH_INTERVAL_MS: at once after a quiet spell, a busy spell together', () => {
    vi.useFakeTimers()
    const { fanout, outlets, events } = setup(2)
    const [a, b] = outlets as [FakeOutlet, FakeOutlet]
    const [one, two, three, four] = ['one', 'two', 'three', 'four'].map((text) => Buffer.from(text))
    fanout.broadcast(one as Buffer, outlets)
    vi.advanceTimersByTime(0)
    expect(a.socket.written).toEqual([one])
    // Two more in the next turns, within the interval: they wait for its end, then leave in one write.
    fanout.broadcast(two as Buffer, outlets)
    vi.advanceTimersByTime(1)
    fanout.broadcast(three as Buffer, outlets, b)
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS - 2)
    expect(a.socket.written).toEqual([one])
    vi.advanceTimersByTime(1)
    expect(a.socket.written).toEqual([one, two, three])
    expect(b.socket.written).toEqual([one, two])
    expect([a.socket.writes, b.socket.writes]).toEqual([2, 2])
    // Each flush persists first, then writes (corked: one event per frame written).
    expect(events).toEqual([
      ...['persist', 'write 0', 'write 1'],
      ...['persist', 'write 0', 'write 0', 'write 1'],
    ])
    // After a quiet spell as long as the interval, the next frame leaves at the end of its turn.
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS)
    fanout.broadcast(four as Buffer, outlets)
    vi.advanceTimersByTime(0)
    expect(a.socket.written).toEqual([one, two, three, four])
    expect(a.socket.writes).toBe(3)
  })

  it('feeds a TLS member in steps, holding back the rest until its socket drains', async () => {
    vi.useFakeTimers()
    const { fanout, outlets } = setup(1, { encrypted: true })
    const [member] = outlets as [FakeOutlet]
    const frames = Array.from({ length: 10 }, () => Buffer.alloc(16 * 1024))
    for (const frame of frames) fanout.broadcast(frame, outlets)
    vi.advanceTimersByTime(0)
    const first = member.socket.written.length
    expect(first).toBeGreaterThan(0)
    expect(first).toBeLessThan(10)
    // Not drained: retried, but nothing more is written.
    vi.advanceTimersByTime(100)
    expect(member.socket.written).toHaveLength(first)
    for (let i = 0; i < 20 && member.socket.written.length < 10; i++) {
      member.socket.drain()
      vi.advanceTimersByTime(50)
    }
    expect(member.socket.written).toHaveLength(10)
    expect(member.dropped).toBe(false)
  })

  it('persists before a held-back TLS member is written what was queued since the flush', () => {
    vi.useFakeTimers()
    const { fanout, outlets, events } = setup(1, { encrypted: true })
    const [member] = outlets as [FakeOutlet]
    fanout.broadcast(Buffer.alloc(16 * 1024), outlets)
    fanout.broadcast(Buffer.alloc(1_024), outlets)
    vi.advanceTimersByTime(0)
    // The feed bound took the first frame only; the second is held back for the socket.
    expect(member.socket.written).toHaveLength(1)
    member.socket.drain()
    events.length = 0
    // An acknowledgment queued now, before the next flush, is not written before its persist.
    fanout.send(member, Buffer.from('ack'))
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS)
    expect(member.socket.written.at(-1)?.toString()).toBe('ack')
    expect(events[0]).toBe('persist')
  })

  it('flushes and retries nothing after stop; drain still writes what a closing member is owed', () => {
    vi.useFakeTimers()
    const { fanout, outlets, events } = setup(2)
    const [a, b] = outlets as [FakeOutlet, FakeOutlet]
    fanout.broadcast(Buffer.from('one'), outlets)
    vi.advanceTimersByTime(0)
    // Queued within the interval: its flush waits, and the hub stops meanwhile.
    fanout.broadcast(Buffer.from('two'), outlets)
    fanout.stop()
    fanout.broadcast(Buffer.from('three'), [b])
    vi.advanceTimersByTime(10 * FLUSH_INTERVAL_MS)
    expect(vi.getTimerCount()).toBe(0)
    expect(a.socket.written.map(String)).toEqual(['one'])
    events.length = 0
    fanout.drain(a)
    expect(events).toEqual(['persist', 'write 0'])
    expect(a.socket.written.map(String)).toEqual(['one', 'two'])
    expect(b.socket.written.map(String)).toEqual(['one'])
  })

  it('writes nothing, flushed or drained, when the store could not persist', () => {
    vi.useFakeTimers()
    const { fanout, outlets, events } = setup(2, { persisted: () => false })
    const [a, b] = outlets as [FakeOutlet, FakeOutlet]
    fanout.broadcast(Buffer.from('unsaved'), outlets)
    vi.advanceTimersByTime(10 * FLUSH_INTERVAL_MS)
    fanout.drain(a)
    expect(events).toEqual(['persist', 'persist'])
    expect([a.socket.written, b.socket.written]).toEqual([[], []])
    // The closing member's queue is dropped all the same.
    expect(a.out.hasPending).toBe(false)
  })

  it('closes the members holding the most of their own bytes when the budget is exceeded', () => {
    const { fanout, outlets } = setup(3, { maxTotalUniqueBytes: 1_000 })
    const [small, large, witness] = outlets as [FakeOutlet, FakeOutlet, FakeOutlet]
    fanout.send(small, Buffer.alloc(300))
    fanout.send(large, Buffer.alloc(600))
    fanout.broadcast(Buffer.alloc(50_000), outlets)
    expect([small.dropped, large.dropped]).toEqual([false, false])
    fanout.send(small, Buffer.alloc(200))
    expect([small.dropped, large.dropped, witness.dropped]).toEqual([false, true, false])
    expect(fanout.budget.used).toBe(500)
  })

  it('writes everything on drain, before a close, and nothing for a member removed', async () => {
    const { fanout, outlets, events } = setup(2, { encrypted: true })
    const [closing, gone] = outlets as [FakeOutlet, FakeOutlet]
    for (let i = 0; i < 10; i++) fanout.broadcast(Buffer.alloc(16 * 1024), outlets)
    fanout.drain(closing)
    expect(events[0]).toBe('persist')
    expect(closing.socket.written).toHaveLength(10)
    fanout.remove(gone)
    fanout.send(closing, Buffer.from('after'))
    await nextFlush()
    expect(closing.socket.written).toHaveLength(10)
    expect(gone.socket.written).toEqual([])
  })
})
