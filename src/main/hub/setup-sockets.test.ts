import { EventEmitter } from 'node:events'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { peerGroup, SetupSockets } from './setup-sockets'

/** What SetupSockets looks at of a TCP socket: its four addresses, close, destroy. */
class FakeSocket extends EventEmitter {
  destroyed = false
  bytesRead = 0
  readonly localAddress = '127.0.0.1'
  readonly localPort = 7000
  private static nextPort = 40_000

  constructor(readonly remoteAddress: string) {
    super()
  }

  readonly remotePort = FakeSocket.nextPort++

  destroy(): this {
    if (!this.destroyed) {
      this.destroyed = true
      this.emit('close')
    }
    return this
  }
}

const socketFrom = (address: string): FakeSocket & Socket =>
  new FakeSocket(address) as unknown as FakeSocket & Socket

describe('SetupSockets', () => {
  it('passes over a connection answering a request when it takes the oldest', () => {
    const setup = new SetupSockets({ maxHttpConnections: 2, setupGraceMs: 0 })
    const downloading = socketFrom('10.0.0.1')
    const idle = socketFrom('10.0.0.2')
    expect([setup.add(downloading), setup.add(idle)]).toEqual(['setting-up', 'setting-up'])
    setup.answering(downloading, true)
    expect(setup.add(socketFrom('10.0.0.3'))).toBe('setting-up')
    expect([downloading.destroyed, idle.destroyed]).toEqual([false, true])
    // Its answer sent, it is idle again and the oldest.
    setup.answering(downloading, false)
    expect(setup.add(socketFrom('10.0.0.4'))).toBe('setting-up')
    expect(downloading.destroyed).toBe(true)
  })

  it('takes the youngest of a peer only when it holds an eighth of them all', () => {
    // 32 places, no grace: the peer rule alone decides. An eighth of 32 is 4.
    const setup = new SetupSockets({ maxHttpConnections: 32, setupGraceMs: 60_000 })
    const browser = [1, 2, 3].map(() => socketFrom('10.0.0.9'))
    for (const socket of browser) setup.add(socket)
    for (let i = 0; i < 29; i++) setup.add(socketFrom(`10.0.1.${i}`))
    // A page loading over three connections is not cut short by a newcomer...
    expect(setup.add(socketFrom('10.0.2.1'))).toBe('refusing')
    expect(browser.map((s) => s.destroyed)).toEqual([false, false, false])
    // ...but a peer holding four is, by its youngest.
    const heavy = socketFrom('10.0.1.0')
    const crowded = new SetupSockets({ maxHttpConnections: 32, setupGraceMs: 60_000 })
    const four = [1, 2, 3, 4].map(() => socketFrom('10.0.0.9'))
    for (const socket of four) crowded.add(socket)
    for (let i = 0; i < 27; i++) crowded.add(socketFrom(`10.0.1.${i}`))
    crowded.add(heavy)
    expect(crowded.add(socketFrom('10.0.2.1'))).toBe('setting-up')
    expect(four.map((s) => s.destroyed)).toEqual([false, false, false, true])
  })

  it('counts the addresses of one IPv6 /64 as one peer', () => {
    const setup = new SetupSockets({ maxHttpConnections: 8, setupGraceMs: 60_000 })
    // One host, a new address of its /64 for each connection.
    const spread = Array.from({ length: 7 }, (_, i) => socketFrom(`2001:db8:1:2::${i + 1}`))
    for (const socket of spread) setup.add(socket)
    setup.add(socketFrom('10.0.0.1'))
    expect(setup.add(socketFrom('10.0.0.2'))).toBe('setting-up')
    expect(spread.filter((s) => s.destroyed)).toHaveLength(1)
    expect(spread[6]?.destroyed).toBe(true)
  })

  it('closes everything it holds when the server closes', () => {
    const setup = new SetupSockets({ maxHttpConnections: 1, setupGraceMs: 60_000 })
    const held = socketFrom('10.0.0.1')
    const refused = socketFrom('10.0.0.1')
    setup.add(held)
    expect(setup.add(refused)).toBe('refusing')
    setup.destroyAll()
    expect([held.destroyed, refused.destroyed]).toEqual([true, true])
  })
})

describe('peerGroup', () => {
  it('is the IPv4 address, also when written IPv4-mapped', () => {
    expect(peerGroup('192.168.1.20')).toBe('192.168.1.20')
    expect(peerGroup('::ffff:192.168.1.20')).toBe('192.168.1.20')
  })

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(peerGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(peerGroup('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(peerGroup('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(peerGroup('fe80::1%eth0')).toBe(peerGroup('fe80::abcd'))
    expect(peerGroup('::1')).toBe('0:0:0:0::/64')
  })

  it('leaves anything else as it is', () => {
    expect(peerGroup('?')).toBe('?')
  })
})
