import { RoomConnection, type RoomConnectionOptions } from '../../src/main/connection'
import { FEATURES, type WelcomeMessage } from '../../src/shared/protocol'
import { FakeNetwork, ManualClock, ME, welcome, type FakeSocket } from './fake-room'

/** A welcome from a hub that does everything issue #13 added. */
export function fullWelcome(overrides: Partial<WelcomeMessage> = {}): WelcomeMessage {
  return welcome({ features: [...FEATURES], ...overrides })
}

/**
 * A RoomConnection over fake sockets and a manual clock: the test plays the hub, frame by
 * frame (`welcomeOn` opens the newest socket and answers its hello).
 */
export function fakeConnection(options: Partial<RoomConnectionOptions> = {}) {
  const network = new FakeNetwork()
  const clock = new ManualClock()
  const connection = new RoomConnection({
    candidates: ['ws://a/ws'],
    name: 'Me',
    identity: ME,
    socketFactory: network.factory,
    clock,
    random: () => 0.5,
    connectTimeoutMs: 1_000,
    ackTimeoutMs: 2_000,
    ...options,
  })
  const welcomeOn = async (w: WelcomeMessage = fullWelcome()): Promise<FakeSocket> => {
    const socket = network.last
    await socket.open()
    socket.receive(w)
    return socket
  }
  /** Frames of `type` the client sent on `socket`. */
  const frames = (socket: FakeSocket, type: string): Array<Record<string, unknown>> =>
    socket.sent.filter((frame) => frame['type'] === type)
  /** Drops `socket` and lets the reconnect's timer and promises run. */
  const reconnect = async (socket: FakeSocket): Promise<void> => {
    socket.drop()
    clock.advance(clock.scheduled[0] ?? 0)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { network, clock, connection, welcomeOn, frames, reconnect }
}
