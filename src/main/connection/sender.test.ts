import { describe, expect, it } from 'vitest'
import type { ErrorMessage } from '../../shared/protocol'
import { FakeSocket, ManualClock, chat } from '../../../test/support/fake-room'
import { Outbox } from './outbox'
import { Sender } from './sender'
import type { RoomSocket } from './socket'

const LIMITS = { maxTextLength: 20, chatsPerSecond: 10, chatBurst: 6 }

function setup() {
  const clock = new ManualClock()
  const outbox = new Outbox()
  const dead: Array<[RoomSocket, string]> = []
  const sender = new Sender({ outbox, clock, ackTimeoutMs: 2_000 }, (socket, lastError) =>
    dead.push([socket, lastError]),
  )
  const socket = new FakeSocket('ws://a/ws')
  const write = (...ids: string[]): void => {
    for (const id of ids) void outbox.add(id, `text ${id}`)
  }
  const states = (): string[] => outbox.entries.map((e) => `${e.id}:${e.state}`)
  return { clock, outbox, sender, socket, dead, write, states }
}

describe('Sender', () => {
  it('writes nothing until a session starts, then the outbox in order', () => {
    const { sender, socket, write, states } = setup()
    write('a', 'b')
    sender.pump()
    expect(states()).toEqual(['a:pending', 'b:pending'])
    sender.start(socket, { limits: LIMITS })
    sender.pump()
    expect(socket.chatIds).toEqual(['a', 'b'])
    expect(socket.sent[0]).toEqual({ type: 'chat', id: 'a', text: 'text a' })
    expect(states()).toEqual(['a:sent', 'b:sent'])
  })

  it('paces a burst of chatBurst − 2, then 90 % of the rate', () => {
    const { clock, sender, socket, write } = setup()
    sender.start(socket, { limits: LIMITS })
    write('1', '2', '3', '4', '5', '6', '7')
    sender.pump()
    expect(socket.chatIds).toEqual(['1', '2', '3', '4'])
    // 9 a second: one every 111 ms.
    expect(clock.scheduled).toContain(112)
    clock.advance(112)
    expect(socket.chatIds).toHaveLength(5)
    clock.advance(223)
    expect(socket.chatIds).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  })

  it('waits at most an hour at a time, whatever rate the room names', () => {
    const { clock, sender, socket, write } = setup()
    // A valid number that would otherwise make a wait of 2 × 10^12 ms: a timer that long fires
    // at once, again and again.
    sender.start(socket, { limits: { ...LIMITS, chatsPerSecond: 1e-9, chatBurst: 1 } })
    write('1', '2')
    sender.pump()
    expect(socket.chatIds).toEqual(['1'])
    expect(clock.scheduled).toContain(3_600_000)
    expect(Math.max(...clock.scheduled)).toBeLessThanOrEqual(3_600_000)
    clock.advance(3_600_000)
    expect(socket.chatIds).toEqual(['1'])
  })

  it('resends from a chat refused for the rate, in order, once the hub has room', () => {
    const { clock, sender, socket, write, states } = setup()
    sender.start(socket, { limits: LIMITS })
    write('a', 'b', 'c')
    sender.pump()
    const refusal: ErrorMessage = { type: 'error', code: 'rate_limited', message: 'slow down' }
    expect(sender.refused({ ...refusal, id: 'b', retryAfterMs: 300 })).toBe(true)
    expect(states()).toEqual(['a:sent', 'b:pending', 'c:pending'])
    clock.advance(299)
    expect(socket.chatIds).toEqual(['a', 'b', 'c'])
    clock.advance(1)
    expect(socket.chatIds).toEqual(['a', 'b', 'c', 'b', 'c'])
  })

  it('fails a chat the hub refused, and leaves other refusals alone', async () => {
    const { outbox, sender, socket } = setup()
    sender.start(socket, { limits: LIMITS })
    const sent = outbox.add('x', 'text x')
    sender.pump()
    const refusal: ErrorMessage = { type: 'error', code: 'invalid_message', message: 'no' }
    expect(sender.refused({ ...refusal, id: 'x' })).toBe(true)
    await expect(sent).rejects.toMatchObject({ code: 'HUB_invalid_message', message: 'no' })
    const long = outbox.add('y', 'text y')
    sender.pump()
    sender.refused({ ...refusal, id: 'y', message: 'n'.repeat(5_000) })
    await expect(long).rejects.toThrow(/^n{499}…$/)
    expect(sender.refused({ ...refusal, id: 'not ours' })).toBe(false)
    expect(sender.refused(refusal)).toBe(false)
  })

  it("checks text against the room's limit, failing what it cannot send", async () => {
    const { outbox, sender, socket } = setup()
    expect(sender.maxTextLength).toBe(4000)
    sender.start(socket, { limits: LIMITS })
    expect(sender.maxTextLength).toBe(20)
    expect(sender.check('fine')).toBeNull()
    expect(sender.check('   ')).toMatch(/^the message /)
    expect(sender.check('x'.repeat(21))).toBe('the message must be at most 20 characters')
    // Characters as the hub counts them: 20 thumbs-up with a skin tone are 80 UTF-16 units.
    expect(sender.check('👍🏽'.repeat(20))).toBeNull()
    expect(sender.check('👍🏽'.repeat(21))).toBe('the message must be at most 20 characters')
    const tooLong = outbox.add('long', 'y'.repeat(21))
    sender.pump()
    await expect(tooLong).rejects.toMatchObject({ code: 'CONN_ERR_INVALID' })
    expect(socket.sent).toEqual([])
  })

  it('finds the connection dead when a chat waits ackTimeoutMs, and not before', () => {
    const { clock, outbox, sender, socket, dead, write } = setup()
    sender.start(socket, { limits: LIMITS })
    write('a')
    sender.pump()
    clock.advance(1_000)
    write('b')
    sender.pump()
    outbox.acknowledge('a', chat(1, 'a'))
    // The check falls due for `a`, finds `b` younger, and waits for it.
    clock.advance(1_000)
    expect(dead).toEqual([])
    clock.advance(999)
    expect(dead).toEqual([])
    clock.advance(1)
    expect(dead).toEqual([[socket, 'no acknowledgement for 2 s']])
  })

  it('stops: nothing more is written, and what was sent goes back to pending', () => {
    const { clock, sender, socket, write, states, dead } = setup()
    sender.start(socket, { limits: LIMITS })
    write('a', 'b', 'c', 'd', 'e')
    sender.pump()
    sender.stop()
    expect(states()).toEqual(['a:pending', 'b:pending', 'c:pending', 'd:pending', 'e:pending'])
    expect(clock.scheduled).toEqual([])
    sender.pump()
    clock.advance(10_000)
    expect(socket.chatIds).toEqual(['a', 'b', 'c', 'd'])
    expect(dead).toEqual([])
  })
})
