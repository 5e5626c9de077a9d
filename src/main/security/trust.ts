import { verificationCode } from '../../shared/security/verification-code'
import type { PeerInfo } from '../connection/room-connection'
import type { PinStore } from './pins'

/**
 * Trust on first use, the rule every client applies to each connection before it sends
 * anything (docs/security.md): returns null when the certificate `peer` presented may be used
 * for its room, or a sentence a person can act on when not.
 * - A room pinned before must present the pinned certificate — unless it presents exactly the
 *   one the person accepted after comparing codes (`expected.fingerprint`).
 * - A room pinned before must not turn up unencrypted.
 * - A room not pinned yet is accepted (first use) — unless the person confirmed a certificate
 *   (join by address shows its code first), which it must then present.
 * - `expected.roomId`: the room the person chose; another room at that address is refused.
 */
export function checkCertificate(
  pins: PinStore,
  peer: PeerInfo,
  expected: { roomId: string | null; fingerprint?: string | null },
  roomName: string,
): string | null {
  const name = roomName ? `"${roomName}"` : 'this room'
  // The room the person chose; what the hub says it is comes second (a fake hub can say
  // anything, but cannot present the pinned certificate).
  const pin = pins.get(expected.roomId ?? peer.roomId)
  if (peer.fingerprint === null) {
    if (pin) {
      return `${name} used to be encrypted, and this connection is not. Someone may be pretending to be it; ask the host.`
    }
    if (expected.fingerprint) return `${name} is not the room you confirmed: it is not encrypted.`
    return null
  }
  if (pin && pin.fingerprint !== peer.fingerprint && expected.fingerprint !== peer.fingerprint) {
    return (
      `The certificate of ${name} has changed: its verification code was ${verificationCode(pin.fingerprint)} ` +
      `and is now ${verificationCode(peer.fingerprint)}. The host may have reinstalled LAN Room — or someone ` +
      `may be pretending to be the room. Ask the host which code their room shows before you trust it.`
    )
  }
  if (!pin && expected.fingerprint && expected.fingerprint !== peer.fingerprint) {
    return `${name} does not present the certificate you confirmed (${verificationCode(expected.fingerprint)}).`
  }
  if (expected.roomId !== null && peer.roomId !== expected.roomId) {
    return `Another room than ${name} answers at its address.`
  }
  return null
}
