import { describe, expect, it } from 'vitest'
import type { HubMessage } from '../../shared/protocol'
import { FakeNetwork, ManualClock, ME, ROOM, welcome } from '../../../test/support/fake-room'
import { MAX_MESSAGE_LENGTH } from './close-reason'
import { Dialer, type DialerOptions } from './dialer'

/** Lets promise continuations (the reconnect's candidate lookup) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

const HANDSHAKE: DialerOptions['handshake'] = {
  name: 'Me',
  identity: ME,
  resume: () => null,
  parse: (data) => JSON.parse(data) as HubMessage,
}

function setup(options: Partial<DialerOptions> = {}) {
  const network = new FakeNetwork()
  const clock = new ManualClock()
  const events: string[] = []
  const ends: Array<{ reason: string; message: string }> = []
  const dialer = new Dialer(
    {
      candidates: ['ws://a/ws'],
      handshake: HANDSHAKE,
      socketFactory: network.factory,
      connectTimeoutMs: 1_000,
      backoff: { initialDelayMs: 300, maxDelayMs: 5_000 },
      random: () => 0.5,
      clock,
      ...options,
    },
    {
      trying: (url) => events.push(`trying ${url}`),
      welcome: ({ url, reconnected }) =>
        events.push(`welcome ${url}${reconnected ? ' (reconnected)' : ''}`),
      end: (end) => {
        events.push(`end ${end.reason}`)
        ends.push(end)
      },
      reconnecting: (attempt, retryAt, lastError) =>
        events.push(
          `reconnecting #${attempt} ${retryAt === null ? 'now' : `in ${retryAt - clock.now()}`}: ${lastError}`,
        ),
    },
  )
  const welcomeOn = async (): Promise<void> => {
    await network.last.open()
    network.last.receive(welcome())
  }
  return { network, clock, dialer, events, ends, welcomeOn }
}

describe('Dialer', () => {
  it('tries each candidate in order for connectTimeoutMs, and hands over the first welcomed', async () => {
    const { network, clock, dialer, events, welcomeOn } = setup({
      candidates: ['ws://a/ws', 'ws://b/ws', 'ws://c/ws'],
    })
    dialer.dial()
    network.last.refuse()
    await network.last.open()
    clock.advance(999)
    expect(network.sockets).toHaveLength(2)
    clock.advance(1)
    expect(network.sockets[1]?.terminated).toBe(true)
    await welcomeOn()
    expect(events).toEqual([
      'trying ws://a/ws',
      'trying ws://b/ws',
      'trying ws://c/ws',
      'welcome ws://c/ws',
    ])
    // Nothing is left waiting: no timer, no retry.
    expect(clock.scheduled).toEqual([])
  })

  it('reports a first connection that reaches no candidate, in a sentence the window can hold', () => {
    const candidates = Array.from(
      { length: 16 },
      (_, i) =>
        `wss://[fe80::1234:5678:9abc:${i.toString(16).padStart(4, '0')}%25enp0s31f6]:53127/ws`,
    )
    const { network, dialer, ends } = setup({ candidates })
    dialer.dial()
    for (let i = 0; i < 16; i++) network.last.refuse('EHOSTUNREACH')
    expect(network.sockets).toHaveLength(16)
    expect(ends).toHaveLength(1)
    const { reason, message } = ends[0] as { reason: string; message: string }
    expect(reason).toBe('unreachable')
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
    expect(message).toBe(
      'Cannot reach the room at any of its 16 addresses: ' +
        candidates
          .slice(0, 3)
          .map((url) => `cannot connect to ${url}: EHOSTUNREACH`)
          .join('; ') +
        '; and 13 more.',
    )
  })

  it('once in, waits by backoff and tries again: discovery first, then the last good address', async () => {
    const asked: string[] = []
    const { network, clock, dialer, events, welcomeOn } = setup({
      candidates: ['ws://a/ws', 'ws://b/ws'],
      resolveCandidates: async (roomId) => {
        asked.push(roomId)
        return ['ws://moved/ws']
      },
    })
    dialer.dial()
    network.last.refuse()
    await welcomeOn()
    dialer.scheduleReconnect('the connection was lost')
    expect(clock.scheduled).toEqual([225])
    clock.advance(225)
    await settle()
    expect(asked).toEqual([ROOM.id])
    network.last.refuse()
    network.last.refuse()
    network.last.refuse()
    // A failed round waits again, longer.
    expect(clock.scheduled).toEqual([450])
    clock.advance(450)
    await settle()
    await welcomeOn()
    expect(network.sockets.slice(2).map((s) => s.url)).toEqual([
      'ws://moved/ws',
      'ws://b/ws',
      'ws://a/ws',
      'ws://moved/ws',
    ])
    expect(events).toEqual([
      'trying ws://a/ws',
      'trying ws://b/ws',
      'welcome ws://b/ws',
      'reconnecting #1 in 225: the connection was lost',
      'reconnecting #1 now: the connection was lost',
      'trying ws://moved/ws',
      'trying ws://b/ws',
      'trying ws://a/ws',
      'reconnecting #2 in 450: cannot connect to ws://a/ws: ECONNREFUSED',
      'reconnecting #2 now: cannot connect to ws://a/ws: ECONNREFUSED',
      'trying ws://moved/ws',
      'welcome ws://moved/ws (reconnected)',
    ])
  })

  it('counts a hello on an abandoned socket once, for a close that says "replaced"', async () => {
    const { network, clock, dialer, welcomeOn } = setup({
      candidates: ['ws://a/ws', 'ws://b/ws'],
    })
    expect(dialer.consumeStaleHello()).toBe(false)
    dialer.dial()
    await network.last.open()
    clock.advance(1_000)
    await welcomeOn()
    expect(dialer.consumeStaleHello()).toBe(true)
    expect(dialer.consumeStaleHello()).toBe(false)
  })

  it('forgets abandoned hellos after a minute', async () => {
    const { network, clock, dialer } = setup({ candidates: ['ws://a/ws', 'ws://b/ws'] })
    dialer.dial()
    await network.last.open()
    clock.advance(1_000)
    clock.advance(60_000)
    expect(dialer.consumeStaleHello()).toBe(false)
  })

  it('stops for good: the socket being tried is dropped, a waiting retry is cancelled', async () => {
    const first = setup()
    first.dialer.dial()
    first.dialer.stop()
    expect(first.network.last.terminated).toBe(true)
    await first.network.last.open()
    expect(first.events).toEqual(['trying ws://a/ws'])
    expect(first.clock.scheduled).toEqual([])

    const second = setup()
    second.dialer.dial()
    await second.welcomeOn()
    second.dialer.scheduleReconnect('lost')
    second.dialer.retryNow()
    second.dialer.stop()
    await settle()
    // The lookup that was under way does not start a round after the stop.
    expect(second.network.sockets).toHaveLength(1)
    expect(second.clock.scheduled).toEqual([])
  })

  it('does nothing on retryNow or networkChanged unless waiting to reconnect', async () => {
    const { network, dialer, events, welcomeOn } = setup()
    dialer.dial()
    dialer.retryNow()
    dialer.networkChanged()
    await welcomeOn()
    dialer.retryNow()
    expect(network.sockets).toHaveLength(1)
    dialer.scheduleReconnect('lost')
    dialer.networkChanged()
    await settle()
    expect(events.slice(-2)).toEqual(['reconnecting #1 now: lost', 'trying ws://a/ws'])
  })

  it('keeps what it reports bounded, whatever a hub said', async () => {
    const { dialer, events, welcomeOn } = setup()
    dialer.dial()
    await welcomeOn()
    dialer.scheduleReconnect('x'.repeat(10_000))
    const last = events.at(-1) as string
    expect(last.length).toBeLessThan(MAX_MESSAGE_LENGTH + 40)
  })

  describe("the room's other hubs (welcome.hubs)", () => {
    const FP = 'a'.repeat(64)

    /** Opens the last socket as a hub presenting `fingerprint`, of room `roomId`. */
    async function answer(
      network: ReturnType<typeof setup>['network'],
      { fingerprint = FP, roomId = ROOM.id }: { fingerprint?: string | null; roomId?: string } = {},
    ): Promise<void> {
      network.last.peerFingerprint = fingerprint
      await network.last.open({ roomId })
    }

    /** Dials in (the hub presenting `fingerprint`), takes a welcome listing `hubs`, loses the
     * connection, and finds the address that worked last refusing the reconnect. */
    async function inThenLost(
      { network, clock, dialer }: ReturnType<typeof setup>,
      hubs: string[],
      fingerprint: string | null = FP,
    ): Promise<void> {
      dialer.dial()
      await answer(network, { fingerprint })
      network.last.receive(welcome({ hubs }))
      dialer.scheduleReconnect('lost')
      clock.advance(225)
      await settle()
      network.last.refuse()
    }

    it('tries them after discovery and the last good address, before the original list', async () => {
      const { network, clock, dialer, events } = setup({
        candidates: ['ws://a/ws', 'ws://orig/ws'],
        resolveCandidates: async () => ['ws://found/ws'],
      })
      const round = async (): Promise<void> => {
        clock.advance(225)
        await settle()
      }
      dialer.dial()
      await network.last.open()
      network.last.receive(welcome({ hubs: ['ws://b/ws', 'ws://orig/ws', 'ws://c/ws'] }))
      dialer.scheduleReconnect('lost')
      await round()
      for (let i = 0; i < 4; i++) network.last.refuse()
      await network.last.open()
      network.last.receive(welcome({ hubs: ['ws://a/ws'] }))
      expect(network.sockets.map((s) => s.url)).toEqual([
        'ws://a/ws',
        'ws://found/ws',
        'ws://a/ws',
        'ws://b/ws',
        'ws://orig/ws',
        'ws://c/ws',
      ])
      expect(events.at(-1)).toBe('welcome ws://c/ws (reconnected)')

      // The last welcome's list replaces the one before; a welcome without one clears it.
      dialer.scheduleReconnect('lost again')
      await round()
      for (let i = 0; i < 2; i++) network.last.refuse()
      await network.last.open()
      network.last.receive(welcome())
      expect(network.sockets.slice(6).map((s) => s.url)).toEqual([
        'ws://found/ws',
        'ws://c/ws',
        'ws://a/ws',
      ])
      dialer.scheduleReconnect('and again')
      await round()
      for (let i = 0; i < 2; i++) network.last.refuse()
      expect(network.sockets.slice(9).map((s) => s.url)).toEqual([
        'ws://found/ws',
        'ws://a/ws',
        'ws://orig/ws',
      ])
    })

    it("fails closed on one that is not the room (another room's hub, another certificate, a close before it proves itself), and moves on", async () => {
      const checked: string[] = []
      const dialing = setup({
        candidates: ['wss://a/ws'],
        handshake: {
          ...HANDSHAKE,
          // The pin: called only for what proved to be the room.
          verifyPeer: (peer) => {
            checked.push(peer.url)
            return null
          },
        },
      })
      const { network, events, ends } = dialing
      await inThenLost(dialing, [
        'ws://plain/ws',
        'wss://other-room/ws',
        'wss://other-cert/ws',
        'wss://plain-hub/ws',
        'wss://closes/ws',
        'wss://b/ws',
      ])
      await answer(network, { roomId: 'someone-elses-room' })
      await answer(network, { fingerprint: 'b'.repeat(64) })
      await answer(network, { fingerprint: null })
      // A close that would end the connection at a trusted address (1001, the room closing).
      network.last.drop(1001, 'going away')
      await answer(network)
      network.last.receive(welcome())

      // No downgrade to plain ws; nothing was sent to the ones that were not the room.
      expect(network.sockets.map((s) => s.url)).toEqual([
        'wss://a/ws',
        'wss://a/ws',
        'wss://other-room/ws',
        'wss://other-cert/ws',
        'wss://plain-hub/ws',
        'wss://closes/ws',
        'wss://b/ws',
      ])
      for (const socket of network.sockets.slice(2, 6)) expect(socket.sent).toEqual([])
      expect(network.sockets.slice(2, 5).map((s) => s.closedWith?.code)).toEqual([1000, 1000, 1000])
      expect(ends).toEqual([])
      expect(events.at(-1)).toBe('welcome wss://b/ws (reconnected)')
      expect(checked).toEqual(['wss://a/ws', 'wss://b/ws'])
    })

    it('over plain ws, where a room id proves nothing, lets a listed hub take it in but never end it', async () => {
      const plain = setup()
      const { network, events, ends } = plain
      const hubs = ['wss://tls/ws', 'ws://replaces/ws', 'ws://asks/ws', 'ws://b/ws']
      await inThenLost(plain, hubs, null)
      // Each claims the room's id (anyone can): one then closes as if the member had joined
      // elsewhere (4001, final at a trusted address), one asks for a passphrase there is none of.
      await network.last.open()
      network.last.drop(4001, 'replaced')
      await network.last.open({ passphrase: true })
      await network.last.open()
      network.last.receive(welcome())
      // A wss hub is of no use to a client on ws (no certificate to hold it to): not tried.
      expect(network.sockets.map((s) => s.url)).toEqual([
        'ws://a/ws',
        'ws://a/ws',
        'ws://replaces/ws',
        'ws://asks/ws',
        'ws://b/ws',
      ])
      expect(ends).toEqual([])
      expect(events.at(-1)).toBe('welcome ws://b/ws (reconnected)')

      // Over wss, one that proved to be the room by its certificate is the room: its final
      // close ends the connection, as at any address.
      const secure = setup({ candidates: ['wss://a/ws'] })
      await inThenLost(secure, ['ws://plain/ws', 'wss://b/ws'])
      await answer(secure.network)
      secure.network.last.drop(4001, 'replaced')
      expect(secure.network.sockets.map((s) => s.url)).toEqual([
        'wss://a/ws',
        'wss://a/ws',
        'wss://b/ws',
      ])
      expect(secure.ends.map((end) => end.reason)).toEqual(['replaced'])
    })

    it('says why a hub it was sent to is not the room', async () => {
      const lastError = async (peer: { fingerprint?: string; roomId?: string }) => {
        const dialing = setup({ candidates: ['wss://a/ws'] })
        await inThenLost(dialing, ['wss://b/ws'])
        await answer(dialing.network, peer)
        return dialing.events.at(-1)
      }
      expect(await lastError({ roomId: 'room-2' })).toBe(
        'reconnecting #2 in 450: wss://b/ws is not a hub of this room: it serves room room-2, not room-1',
      )
      expect(await lastError({ fingerprint: 'b'.repeat(64) })).toBe(
        `reconnecting #2 in 450: wss://b/ws is not a hub of this room: its certificate (${'b'.repeat(64)}) is not the room's (${FP})`,
      )
    })
  })
})
