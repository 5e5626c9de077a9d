import { afterEach, describe, expect, it, vi } from 'vitest'
import { seededRandom } from '../../../test/support/prng'
import type { HubMessage, TimelineEvent } from '../../shared/protocol'
import { Outbox, type OutboxOp } from '../connection/outbox'
import { Sender } from '../connection/sender'
import type { Clock, RoomSocket } from '../connection/socket'
import type { MemberLink, Seat } from './room'
import { RecordingLink } from './testing/recording-link'
import { STORE_REFUSAL, Seated, testFiles, testHello, testRoom } from './testing/test-room'

// A seeded model of one member sending chats and file chats to a single hub while the hub
// checks some uploads (for a while), its file store refuses some for now, frames arrive late
// and the member reconnects at random: the real Room (pace, FileWaits, rules) on one side, the
// app's real Outbox and Sender on the other, on one virtual clock. Another member must see the
// chats stamped exactly in the order they were written, each once.

afterEach(() => {
  vi.useRealTimers()
})

const SEEDS = Number(process.env.FILE_ORDER_SEEDS ?? 150)
/** Few ops may wait behind a file chat here, so that the bound is met often. */
const BEHIND = 3
const WRITES = 40

/** A member's connection whose frames reach the client in order, each a little late. */
class ClientLink extends RecordingLink implements MemberLink {
  seat: Seat | null = null
  private lastAt = 0

  constructor(
    private readonly deliver: (message: HubMessage) => void,
    private readonly lateness: () => number,
  ) {
    super()
  }

  override send(frame: Buffer, shared = false): void {
    const before = this.received.length
    super.send(frame, shared)
    this.forward(before)
  }

  override sendLarge(parts: readonly Buffer[]): void {
    const before = this.received.length
    super.sendLarge(parts)
    this.forward(before)
  }

  private forward(before: number): void {
    const message = this.received[before]
    if (!message) return
    this.lastAt = Math.max(this.lastAt, Date.now() + this.lateness())
    setTimeout(() => this.deliver(message), this.lastAt - Date.now())
  }
}

interface Paths {
  checks: number
  storeRefusals: number
  reconnects: number
  refusals: number
}

/** One run of the model; returns the ids the other member saw stamped, and what happened. */
async function run(seed: number): Promise<{ written: string[]; seen: string[]; paths: Paths }> {
  const rand = seededRandom(seed)
  const paths: Paths = { checks: 0, storeRefusals: 0, reconnects: 0, refusals: 0 }
  /** Each upload's check: done at a time, or never started (no check needed). */
  const checks = new Map<string, { promise: Promise<void>; done: boolean }>()
  const files = testFiles({
    refusal: () => {
      if (rand() >= 0.15) return null
      paths.storeRefusals += 1
      return STORE_REFUSAL
    },
    verifying: (id) => {
      const known = checks.get(id)
      if (known) return known.done ? null : known.promise
      // Some uploads are being checked when their chat comes (the first time only).
      if (rand() < 0.3) {
        checks.set(id, { promise: Promise.resolve(), done: true })
        return null
      }
      paths.checks += 1
      const check = { promise: Promise.resolve(), done: false }
      check.promise = new Promise<void>((resolve) =>
        setTimeout(
          () => {
            check.done = true
            resolve()
          },
          100 + rand() * 3_000,
        ),
      )
      checks.set(id, check)
      return check.promise
    },
  })
  const { room } = testRoom<MemberLink>({ files, limits: { maxBehindFile: BEHIND } })
  const bob = new Seated()
  room.join(bob, testHello('Bob'))

  const clock: Clock = {
    now: () => Date.now(),
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms)
      return () => clearTimeout(timer)
    },
  }
  const outbox = new Outbox()
  let link: ClientLink | null = null
  const sender = new Sender({ outbox, clock, ackTimeoutMs: 10_000 }, () => reconnect())
  /** Client → hub: in order per connection, a little late, now and then much later. */
  let upAt = 0
  const socketFor = (to: ClientLink): RoomSocket => ({
    onopen: null,
    onmessage: null,
    onerror: null,
    onclose: null,
    send: (data) => {
      const late = rand() < 0.1 ? 100 + rand() * 400 : rand() * 30
      upAt = Math.max(upAt, Date.now() + late)
      const value = JSON.parse(data) as { type: 'chat' }
      // Nothing is read from a connection once the hub has seen it close.
      setTimeout(() => to.closed === null && room.op(to, value.type, value), upAt - Date.now())
    },
    close: () => {},
  })
  const fromHub = (from: ClientLink) => (message: HubMessage) => {
    if (from !== link) return
    if (message.type === 'chat' && message.from === 'client-ada') {
      outbox.acknowledge(message.id, message as TimelineEvent)
      return
    }
    if (message.type === 'error' && message.id !== undefined) {
      if (message.code === 'rate_limited') paths.refusals += 1
      sender.refused(message)
    }
  }
  const connect = (): void => {
    const next = new ClientLink(
      (message) => fromHub(next)(message),
      () => rand() * 30,
    )
    link = next
    upAt = Date.now()
    room.join(next, testHello('Ada'))
    const welcome = next.last('welcome')
    sender.start(socketFor(next), welcome)
    sender.pump()
  }
  const reconnect = (): void => {
    if (!link) return
    paths.reconnects += 1
    sender.stop()
    const old = link
    link = null
    // The hub notices the old connection closing, or the new one replaces it.
    if (rand() < 0.5) {
      old.close(1006, 'lost')
      room.leave(old, 'lost', 1006)
    }
    setTimeout(connect, rand() * 300)
  }
  connect()

  const written: string[] = []
  for (let i = 0; i < WRITES; i++) {
    await vi.advanceTimersByTimeAsync(rand() * 250)
    const id = `a${i}`
    const op: OutboxOp =
      rand() < 0.3
        ? {
            type: 'chat',
            text: id,
            file: {
              id: (seed * 100 + i).toString(16).padStart(32, '0'),
              name: 'f.txt',
              size: 3,
              type: 'text/plain',
              sha256: 'c'.repeat(64),
            },
          }
        : { type: 'chat', text: id }
    written.push(id)
    void outbox.add(id, op).catch(() => {})
    sender.pump()
    if (rand() < 0.06) reconnect()
  }
  for (let t = 0; t < 120 && outbox.undelivered > 0; t++) {
    await vi.advanceTimersByTimeAsync(500)
  }
  await vi.advanceTimersByTimeAsync(1_000)
  const seen = bob.all('chat').map((chat) => chat.id)
  room.close()
  return { written, seen, paths }
}

describe('FileWaits with the app’s outbox (seeded model)', () => {
  it(`stamps one member's chats in the order written, each once (${SEEDS} seeds)`, async () => {
    vi.useFakeTimers()
    const total: Paths = { checks: 0, storeRefusals: 0, reconnects: 0, refusals: 0 }
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { written, seen, paths } = await run(seed)
      expect(seen, `seed ${seed}`).toEqual(written)
      for (const key of Object.keys(total) as Array<keyof Paths>) total[key] += paths[key]
    }
    // Every path was taken, and often.
    expect(total.checks).toBeGreaterThan(SEEDS)
    expect(total.storeRefusals).toBeGreaterThan(SEEDS / 2)
    expect(total.reconnects).toBeGreaterThan(SEEDS)
    expect(total.refusals).toBeGreaterThan(SEEDS)
  }, 120_000)
})
