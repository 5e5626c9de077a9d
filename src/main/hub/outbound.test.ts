import { describe, expect, it } from 'vitest'
import { HeldSocket } from './testing/held-socket'
import { Outbound, type UniqueBudget } from './outbound'

function setup(maxBufferedBytes = 1_000): {
  socket: HeldSocket
  budget: UniqueBudget
  out: Outbound
} {
  const socket = new HeldSocket()
  const budget: UniqueBudget = { used: 0 }
  return { socket, budget, out: new Outbound(socket.asSocket(), maxBufferedBytes, budget) }
}

describe('Outbound', () => {
  it('counts a member’s own frames against the budget until the socket has taken them', () => {
    const { socket, budget, out } = setup()
    out.push(Buffer.alloc(10), true)
    out.push(Buffer.alloc(100)) // shared: a broadcast, bounded elsewhere
    out.pushParts([Buffer.alloc(5), Buffer.alloc(50), Buffer.alloc(5)], 10)
    expect(out.unique).toBe(20)
    expect(budget.used).toBe(20)
    out.flush()
    expect(socket.written.map((b) => b.length)).toEqual([10, 100, 5, 50, 5])
    expect(socket.corked).toBe(0)
    expect(budget.used).toBe(20)
    socket.drain()
    expect(out.unique).toBe(0)
    expect(budget.used).toBe(0)
  })

  it('gives everything back on discard, and nothing twice when writes complete later', () => {
    const { socket, budget, out } = setup()
    out.push(Buffer.alloc(30), true)
    out.flush()
    out.push(Buffer.alloc(40), true)
    expect(budget.used).toBe(70)
    out.discard()
    expect(budget.used).toBe(0)
    socket.drain()
    expect(budget.used).toBe(0)
    out.discard()
    expect(budget.used).toBe(0)
  })

  it('releases what it could not write to a socket that is gone', () => {
    const { socket, budget, out } = setup()
    out.push(Buffer.alloc(30), true)
    socket.destroyed = true
    out.flush()
    expect(socket.written).toEqual([])
    expect(budget.used).toBe(0)
  })

  it('refuses a frame once more than maxBufferedBytes wait, except within a welcome allowance', () => {
    const { socket, out } = setup(100)
    expect(out.push(Buffer.alloc(150), true)).toBe(true)
    out.flush()
    expect(out.push(Buffer.alloc(1))).toBe(false)
    out.allow(200)
    expect(out.push(Buffer.alloc(1))).toBe(true)
    socket.drain()
    expect(out.push(Buffer.alloc(1))).toBe(true)
  })

  it('reads the socket’s counts once per turn, however many frames it is queued', () => {
    const { socket, out } = setup(1_000)
    const frame = [Buffer.alloc(100)]
    for (let i = 0; i < 50; i++) expect(out.pushParts(frame, 0, 100)).toBe(true)
    expect(socket.lengthReads).toBe(1)
    out.flush()
    // Written: the socket now holds 5,000 bytes, past the bound, so the next frame is refused.
    expect(out.push(Buffer.alloc(1))).toBe(false)
  })

  it('checks again once allowed more, and counts TLS ciphertext still queued below', () => {
    const { socket, out } = setup(1_000)
    const below = { writeQueueSize: 0 }
    Object.assign(socket, { _parent: { _handle: below } })
    expect(out.push(Buffer.alloc(10))).toBe(true)
    out.flush()
    socket.drain()
    // TLS passed 5,000 bytes of ciphertext down that the network has not taken.
    below.writeQueueSize = 5_000
    expect(out.backlog).toBe(5_000)
    expect(out.push(Buffer.alloc(1))).toBe(false)
    out.allow(10_000)
    expect(out.push(Buffer.alloc(1))).toBe(true)
  })
})
