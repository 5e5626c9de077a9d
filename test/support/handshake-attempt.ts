/**
 * One Handshake on a FakeSocket (test/support/fake-room.ts), as the connection tests drive it:
 * the certificate it presents, what the handshake reports, and the frames its parser could not
 * read.
 */
import type { HubMessage } from '../../src/shared/protocol'
import {
  Handshake,
  type HandshakeConfig,
  type HandshakeResult,
} from '../../src/main/connection/handshake'
import { FakeSocket, ME } from './fake-room'

/** The fingerprint of the certificate every fake socket here presents. */
export const HANDSHAKE_FINGERPRINT = 'ab'.repeat(32)

export function handshakeAttempt(config: Partial<HandshakeConfig> = {}): {
  socket: FakeSocket
  handshake: Handshake
  results: HandshakeResult[]
  unreadable: string[]
} {
  const socket = new FakeSocket('wss://a/ws')
  socket.peerFingerprint = HANDSHAKE_FINGERPRINT
  const results: HandshakeResult[] = []
  const unreadable: string[] = []
  const handshake = new Handshake(
    socket,
    socket.url,
    {
      name: 'Me',
      identity: ME,
      resume: () => null,
      parse: (data) => {
        try {
          return JSON.parse(data) as HubMessage
        } catch {
          unreadable.push(data)
          return null
        }
      },
      ...config,
    },
    (result) => results.push(result),
  )
  return { socket, handshake, results, unreadable }
}
