import { describe, expect, it } from 'vitest'
import { fakeConnection, fullWelcome } from '../../test/support/fake-connection'
import { ME_ID, chat } from '../../test/support/fake-room'
import { opEvent } from '../../test/support/op-events'
import type { ChatEvent } from '../shared/protocol'
import { clock } from './format'
import { MAX_FETCHES, MAX_WAITING_REPLIES, RoomPrinter, formatEntry } from './room-printer'

const OTHER = 'client-other'

const op = opEvent

/** A printer over a fake connection, welcomed with `history`; what it printed, line by line. */
async function printing(history: ChatEvent[], options: { showSeq?: boolean } = {}) {
  const fake = fakeConnection()
  void fake.connection.connect()
  const socket = await fake.welcomeOn(
    fullWelcome({ history, lastSeq: history.at(-1)?.seq ?? 0, members: [] }),
  )
  const out: string[] = []
  const mentions: number[] = []
  const shown: number[] = []
  const printer = new RoomPrinter(fake.connection, {
    print: (text) => out.push(...text.split('\n')),
    showSeq: options.showSeq ?? false,
    mentioned: () => mentions.push(out.length),
    shown: (seq) => shown.push(seq),
    now: () => fake.clock.now(),
  })
  printer.start()
  await printer.settled()
  return { ...fake, socket, printer, out, mentions, shown }
}

const T = (seq: number): string => clock(seq)

/** Lets the connection's promises run (requests are sent, answers taken in). */
const tick = (): Promise<unknown> => new Promise((resolve) => setImmediate(resolve))

/** `fakeConnection`'s request timeout (RoomConnection's default). */
const REQUEST_TIMEOUT_MS = 15_000

const NOT_AVAILABLE = (seq: number): string => `        ↪ reply to message #${seq} (not available)`

describe('RoomPrinter', () => {
  it('prints the history, then each chat and op once, in order', async () => {
    const { socket, printer, out, shown } = await printing([chat(1, 'a', OTHER, 'one')])
    socket.receive(chat(2, 'b', OTHER, 'two'))
    socket.receive(op('react', 3, 1, { emoji: '👍' }))
    socket.receive(op('react', 3, 1, { emoji: '👍' }))
    socket.receive(op('edit', 4, 2, { text: 'two!' }))
    socket.receive(chat(2, 'b', OTHER, 'two'))
    await printer.settled()
    expect(out).toEqual([
      `${T(1)} Other: one`,
      `${T(2)} Other: two`,
      `${T(3)} Other reacted 👍 to Other: "one"`,
      `${T(4)} Other (edited): two!`,
    ])
    expect(shown).toEqual([1, 2, 3, 4])
  })

  it('does not print again what a resumed welcome shows in its chats', async () => {
    const { socket, printer, out, reconnect, welcomeOn } = await printing(
      [chat(1, 'a', OTHER, 'one')],
      { showSeq: true },
    )
    await reconnect(socket)
    const three: ChatEvent = {
      ...chat(3, 'c', OTHER, 'three!'),
      edited: true,
      reactions: [{ emoji: '🎉', from: [ME_ID] }],
    }
    const second = await welcomeOn(
      fullWelcome({
        history: [chat(1, 'a', OTHER, 'one'), chat(2, 'b', OTHER, 'two'), three],
        lastSeq: 6,
        resumed: true,
        members: [],
        events: [
          op('react', 4, 3, { emoji: '🎉' }),
          op('edit', 5, 3, { text: 'three!' }),
          op('react', 6, 1, { emoji: '👀' }),
        ],
      }),
    )
    await printer.settled()
    // Chat 3 comes with its edit and reaction; the ops on chat 1 are news.
    expect(out).toEqual([
      `#1 ${T(1)} Other: one`,
      `#2 ${T(2)} Other: two`,
      `#3 ${T(3)} Other (edited): three!`,
      '           🎉 1',
      `#1 ${T(6)} Other reacted 👀 to Other: "one"`,
    ])
    // Live ops on chat 3 are printed again from now on.
    second.receive(op('delete', 7, 3))
    await printer.settled()
    expect(out.slice(5)).toEqual([`#3 ${T(7)} Other deleted a message`])
  })

  it('fetches the original of a reply before printing it, and keeps what follows after it', async () => {
    const { socket, printer, out, frames, network } = await printing([chat(5, 'e', OTHER, 'five')])
    const live = network.last
    expect(live).toBe(socket)
    socket.receive({ ...chat(6, 'f', OTHER, 'agreed'), replyTo: 2 })
    socket.receive(chat(7, 'g', OTHER, 'next'))
    await new Promise((resolve) => setImmediate(resolve))
    const [request] = frames(socket, 'history')
    expect(request).toMatchObject({ type: 'history', before: 3, limit: 1 })
    expect(out).toEqual([`${T(5)} Other: five`])
    socket.receive({
      type: 'page',
      id: String(request?.['id']),
      chats: [chat(2, 'b', OTHER, 'the original')],
      first: false,
      last: false,
      trimmed: false,
    })
    await printer.settled()
    expect(out).toEqual([
      `${T(5)} Other: five`,
      `        ↪ reply to Other: "the original"`,
      `${T(6)} Other: agreed`,
      `${T(7)} Other: next`,
    ])
  })

  it('quotes an original the hub does not have as not available', async () => {
    const { socket, printer, out, frames } = await printing([])
    socket.receive({ ...chat(6, 'f', OTHER, 'agreed'), replyTo: 2 })
    await new Promise((resolve) => setImmediate(resolve))
    const [request] = frames(socket, 'history')
    socket.receive({
      type: 'error',
      code: 'request_limited',
      message: 'slow down',
      id: String(request?.['id']),
      retryAfterMs: 500,
    })
    await printer.settled()
    expect(out).toEqual([`        ↪ reply to message #2 (not available)`, `${T(6)} Other: agreed`])
  })

  it('asks for an original once at a time, and not again once the room said it has none', async () => {
    const { socket, out, frames } = await printing([])
    socket.receive({ ...chat(6, 'f', OTHER, 'one'), replyTo: 2 })
    socket.receive({ ...chat(7, 'g', OTHER, 'two'), replyTo: 2 })
    await tick()
    const requests = frames(socket, 'history')
    expect(requests).toHaveLength(1)
    socket.receive({
      type: 'page',
      id: String(requests[0]?.['id']),
      chats: [],
      first: true,
      last: false,
      trimmed: true,
    })
    await tick()
    socket.receive({ ...chat(8, 'h', OTHER, 'three'), replyTo: 2 })
    await tick()
    expect(frames(socket, 'history')).toHaveLength(1)
    expect(out).toEqual([
      NOT_AVAILABLE(2),
      `${T(6)} Other: one`,
      NOT_AVAILABLE(2),
      `${T(7)} Other: two`,
      NOT_AVAILABLE(2),
      `${T(8)} Other: three`,
    ])
  })

  it('does not wait again for an original whose fetch timed out, until a while later', async () => {
    const { socket, printer, out, frames, clock: time } = await printing([])
    socket.receive({ ...chat(6, 'f', OTHER, 'one'), replyTo: 2 })
    await tick()
    time.advance(REQUEST_TIMEOUT_MS)
    await printer.settled()
    expect(out).toEqual([NOT_AVAILABLE(2), `${T(6)} Other: one`])
    // Printed at once, without a request: no timer needs to run for it.
    socket.receive({ ...chat(7, 'g', OTHER, 'two'), replyTo: 2 })
    await tick()
    expect(frames(socket, 'history')).toHaveLength(1)
    expect(out.slice(2)).toEqual([NOT_AVAILABLE(2), `${T(7)} Other: two`])
    time.advance(30_000)
    socket.receive({ ...chat(8, 'h', OTHER, 'three'), replyTo: 2 })
    await tick()
    expect(frames(socket, 'history')).toHaveLength(2)
  })

  it('keeps at most a bounded number of replies waiting for a hub that never answers', async () => {
    const { socket, out, frames, clock: time } = await printing([])
    const replies = MAX_WAITING_REPLIES + 8
    for (let i = 0; i < replies; i++) {
      socket.receive({ ...chat(100 + i, `r${i}`, OTHER, `reply ${i}`), replyTo: 10 + i })
    }
    socket.receive(chat(100 + replies, 'last', OTHER, 'after them'))
    await tick()
    // A few asked at once; none printed before those ahead of it.
    expect(frames(socket, 'history')).toHaveLength(MAX_FETCHES)
    expect(out).toEqual([])
    // The waiting replies' requests run several at once, and those past the bound ask for
    // nothing: the output lags a few timeouts behind, not one timeout per reply.
    for (let round = 0; round < MAX_WAITING_REPLIES / MAX_FETCHES; round++) {
      time.advance(REQUEST_TIMEOUT_MS)
      await tick()
    }
    expect(frames(socket, 'history')).toHaveLength(MAX_WAITING_REPLIES)
    const expected = Array.from({ length: replies }, (_, i) => [
      NOT_AVAILABLE(10 + i),
      `${T(100 + i)} Other: reply ${i}`,
    ]).flat()
    expect(out).toEqual([...expected, `${T(100 + replies)} Other: after them`])
  })

  it('tells of mentions of this client', async () => {
    const { socket, printer, out, mentions } = await printing([])
    socket.receive({ ...chat(1, 'a', OTHER, '@Me hi'), mentions: [ME_ID] })
    socket.receive({ ...chat(2, 'b', OTHER, 'hi all') })
    await printer.settled()
    expect(out).toEqual([`${T(1)} Other (mentions you): @Me hi`, `${T(2)} Other: hi all`])
    expect(mentions).toEqual([0])
  })
})

describe('RoomPrinter files', () => {
  it("prints a file chat's line again, marked (expired), when the room expires it", async () => {
    const file = {
      id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      name: 'report.pdf',
      size: 2048,
      type: 'application/pdf',
      sha256: 'ab'.repeat(32),
    }
    const shared: ChatEvent = { ...chat(1, 'a', OTHER, 'report.pdf'), file }
    const { socket, printer, out } = await printing([shared, chat(2, 'b', OTHER, 'two')])
    socket.receive({ type: 'expired', targets: [1, 2] })
    await printer.settled()
    expect(out).toEqual([
      `${T(1)} Other: sent report.pdf (2.0 KB) id=${file.id}`,
      `${T(2)} Other: two`,
      `${T(1)} Other: sent report.pdf (2.0 KB) id=${file.id} (expired)`,
    ])
  })
})

describe('RoomPrinter: people of one name', () => {
  it('tags names that look alike with the client id, from the line that shows the second', async () => {
    const [host, bob, mallory, bob2] = [
      'HoStxxxxxxxx',
      'BoBoxxxxxxxx',
      'MaLLxxxxxxxx',
      'BoB2xxxxxxxx',
    ]
    const named = (seq: number, from: string, name: string, text: string): ChatEvent => ({
      ...chat(seq, `m${seq}`, from, text),
      name,
    })
    const { socket, printer, out } = await printing([named(1, host, 'Alice', 'hi')])
    socket.receive(named(2, bob, 'Bob', 'hello'))
    // Someone else calls themselves Alice, in other case: told apart from now on.
    socket.receive(named(3, mallory, 'ALICE', 'I am Alice, the host'))
    socket.receive(named(4, host, 'Alice', 'no, I am'))
    socket.receive(op('react', 5, 3, { emoji: '👍', from: mallory, name: 'ALICE' }))
    socket.receive(named(6, 'Carolxxxxxxx', 'Carol', 'and me'))
    await printer.settled()
    expect(out).toEqual([
      `${T(1)} Alice: hi`,
      `${T(2)} Bob: hello`,
      `${T(3)} ALICE #MaLL: I am Alice, the host`,
      `${T(4)} Alice #HoSt: no, I am`,
      `${T(5)} ALICE #MaLL reacted 👍 to ALICE #MaLL: "I am Alice, the host"`,
      `${T(6)} Carol: and me`,
    ])
    // Joins and leaves print a person's name the same way.
    const label = (clientId: string, name: string): string => `${name} #${clientId.slice(0, 4)}`
    const member = { clientId: bob2, name: 'Bob', host: false }
    expect(formatEntry({ kind: 'joined', key: 'j', at: 0, member }, label)).toBe(
      '* Bob #BoB2 joined',
    )
    expect(
      formatEntry(
        { kind: 'left', key: 'l', at: 0, clientId: bob2, name: 'Bob', reason: 'lost' },
        label,
      ),
    ).toBe('* Bob #BoB2 left (connection lost)')
  })
})
