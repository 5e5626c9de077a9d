import type { DirectoryRoom } from '../../shared/protocol'
import { verificationCode } from '../../shared/security/verification-code'
import type { PinStore } from './pins'

/** What a connection presented, and what the person chose, for one room. */
export interface PeerCheckInput {
  /** The room the person chose (else the room the hub says it is). Pins are per room id. */
  roomId: string
  /**
   * The room id the hub's challenge names. When it is not `roomId`, another room answers where
   * the chosen one was looked for, and the chosen room's pin says nothing about it: refused
   * (`another-room`) before any certificate is compared. Absent: not checked.
   */
  answeringRoomId?: string
  /** SHA-256 of the certificate the connection presented; null for a plain (no TLS) one. */
  fingerprint: string | null
  /**
   * A certificate the person confirmed before connecting (join by address shows its code
   * first; `--expect-code`): the connection must present exactly this one.
   */
  expectedFingerprint?: string | null
  /**
   * The new certificate the person accepted for a room whose certificate changed, after
   * comparing codes with the host (`--trust-new-code`, the app's "trust the new code"). Only
   * exactly this fingerprint is accepted; never "any new one".
   */
  acceptChanged?: string | null
  /** The room's name for messages; default the name it had when pinned. */
  roomName?: string
}

export type PeerRefusalKind = 'changed' | 'downgraded' | 'unexpected' | 'another-room'

export type PeerCheck =
  | {
      ok: true
      /**
       * - `new`: first use (no pin yet): the caller pins it once the room let it in.
       * - `match`: the pinned certificate: verified.
       * - `accepted`: a changed certificate the person accepted (`acceptChanged`): re-pin it.
       * - `plain`: not encrypted, and the room was never pinned: nothing to verify.
       */
      status: 'new' | 'match' | 'accepted' | 'plain'
    }
  | {
      ok: false
      /**
       * - `changed`: pinned, and the connection presents another certificate.
       * - `downgraded`: pinned, and the connection is not encrypted.
       * - `unexpected`: not the certificate the person confirmed (`expectedFingerprint`);
       * - `another-room`: another room answers than the one chosen (`answeringRoomId`).
       */
      kind: PeerRefusalKind
      /** A sentence or two a person can act on: the room, both codes, what to do. */
      message: string
      pinnedFingerprint: string | null
      presentedFingerprint: string | null
    }

function codeOf(fingerprint: string | null): string {
  return fingerprint ? verificationCode(fingerprint) : 'none (not encrypted)'
}

/**
 * Trust on first use, the rule every client applies to a connection before it sends anything
 * (docs/security.md), as a pure function of the pins:
 * - the room that answers must be the one chosen (`answeringRoomId`);
 * - a room pinned before must present the pinned certificate, unless it presents exactly the
 *   new one the person accepted after comparing codes (`acceptChanged`);
 * - a room pinned before must not turn up unencrypted;
 * - a certificate the person confirmed before connecting (`expectedFingerprint`) must be the
 *   one presented;
 * - otherwise a room not pinned yet is accepted (first use) and is to be pinned once in.
 * What a room advertises (mDNS TXT `fp`) plays no part: only what the connection presented.
 */
export function checkPeer(pins: PinStore, input: PeerCheckInput): PeerCheck {
  const pin = pins.get(input.roomId)
  const pinned = pin?.fingerprint ?? null
  const presented = input.fingerprint
  const label = input.roomName || pin?.name || ''
  const name = label ? `"${label}"` : 'this room'
  const Name = label ? name : 'This room'
  const refuse = (kind: PeerRefusalKind, message: string): PeerCheck => ({
    ok: false,
    kind,
    message,
    pinnedFingerprint: pinned,
    presentedFingerprint: presented,
  })
  if (input.answeringRoomId !== undefined && input.answeringRoomId !== input.roomId) {
    return refuse(
      'another-room',
      `Another room than ${label ? name : 'the one you chose'} answers at its address.`,
    )
  }
  const expected = input.expectedFingerprint ?? null
  if (expected !== null && presented !== expected) {
    return refuse(
      'unexpected',
      `${Name} does not present the certificate you confirmed: you confirmed verification code ` +
        `${codeOf(expected)}, and this connection shows ${codeOf(presented)}. Someone may be ` +
        `pretending to be the room, or it was restarted with another certificate; compare the ` +
        `code with the host before you try again.`,
    )
  }
  if (presented === null) {
    if (pinned === null) return { ok: true, status: 'plain' }
    return refuse(
      'downgraded',
      `${Name} used to be encrypted (verification code ${codeOf(pinned)}), and this connection ` +
        `is not. Someone may be pretending to be the room to read what you send. Ask the host ` +
        `whether they turned encryption off; do not join until they say so.`,
    )
  }
  if (pinned === null) return { ok: true, status: 'new' }
  if (pinned === presented) return { ok: true, status: 'match' }
  if (input.acceptChanged && input.acceptChanged === presented) {
    return { ok: true, status: 'accepted' }
  }
  return refuse(
    'changed',
    `The certificate of ${name} has changed: its verification code was ${codeOf(pinned)} ` +
      `and is now ${codeOf(presented)}. The host may have reinstalled LAN Room — or someone ` +
      `may be pretending to be the room. Ask the host which code their room shows; only if it ` +
      `is ${codeOf(presented)}, trust the new one.`,
  )
}

export type ListedRoomTrust = 'verified' | 'unverified' | 'changed' | 'downgraded' | 'plain'

/**
 * How far a room in the rooms-nearby list is trusted: from the certificate its /info
 * connection presented, compared with the pin by the rule of `checkPeer` — never from the
 * advertisement alone (a copied TXT `fp` proves nothing).
 * - `verified`: it presented the certificate pinned when this installation joined it;
 * - `unverified`: never joined, or advertised with a certificate but not reached yet;
 * - `changed`: it presented another certificate than the pinned one;
 * - `downgraded`: joined before over TLS, and now advertised or reached without;
 * - `plain`: not encrypted, never joined.
 * `room.certificateMismatch` (advertisements disagree) is a separate warning on top.
 */
export function listedRoomTrust(
  pins: PinStore,
  room: Pick<DirectoryRoom, 'id' | 'fingerprint' | 'presentedFingerprint'>,
): ListedRoomTrust {
  const presented = room.presentedFingerprint ?? null
  if (presented === null && room.fingerprint) return 'unverified'
  const result = checkPeer(pins, { roomId: room.id, fingerprint: presented })
  if (!result.ok) return result.kind === 'downgraded' ? 'downgraded' : 'changed'
  if (result.status === 'match') return 'verified'
  return result.status === 'plain' ? 'plain' : 'unverified'
}
