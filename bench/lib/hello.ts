/**
 * The hello the benchmark's clients send: to the LAN Room hub, a proven one (it answers the
 * hub's challenge, signed with a key of its own, as every client must); to the baseline hub,
 * which has no challenge, a plain one.
 */
import type { Socket } from 'node:net'
import { ephemeralIdentity, helloTranscript } from '../../src/main/security/identity'
import { peerFingerprint } from '../../src/main/security/tls'

/** True when the text frame `buf[start, end)` is the hub's challenge. */
export function isChallenge(buf: Buffer, start: number, end: number): boolean {
  return buf.toString('latin1', start, Math.min(end, start + 24)).startsWith('{"type":"challenge"')
}

/** A hello answering the challenge in `buf[start, end)`, seen through `socket`. */
export function provenHello(
  socket: Socket,
  buf: Buffer,
  start: number,
  end: number,
  name: string,
): { text: string; clientId: string } {
  const { nonce } = JSON.parse(buf.toString('utf8', start, end)) as { nonce: string }
  const fingerprint = peerFingerprint(socket)
  const identity = ephemeralIdentity()
  const clientId = identity.clientId
  const sig = identity.signNow(helloTranscript({ nonce, fingerprint, clientId }))
  return {
    text: JSON.stringify({ type: 'hello', v: 1, name, clientId, key: identity.publicKey, sig }),
    clientId,
  }
}

/** The hello of a hub without a challenge (the baseline). */
export function plainHello(name: string): string {
  return JSON.stringify({ type: 'hello', v: 1, name, clientId: name })
}
