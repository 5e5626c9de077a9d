import type { PeerCheck } from '../security/trust'
import type { JoinTarget } from './joining'

/** A refusal by the trust-on-first-use rule (security/trust.ts). */
export type Refusal = Extract<PeerCheck, { ok: false }>

/** A connection refused for its certificate: what the person may choose to trust instead. */
export interface Refused {
  kind: 'changed' | 'downgraded'
  roomId: string
  roomName: string
  pinned: string | null
  presented: string | null
  /** How the room was being joined, to join it again the same way once trusted. */
  target: JoinTarget
}

/**
 * The certificate warning: the last connection refused because its room's certificate changed
 * or went away. The person compares codes with the host and may then trust exactly the
 * certificate that connection presented — nothing else, for no other room.
 */
export class CertificateWarning {
  private refused: Refused | null = null

  get current(): Refused | null {
    return this.refused
  }

  /**
   * Keeps a refused certificate (changed or gone), with what it takes to join again once the
   * person trusts it. A certificate other than the one the person confirmed a moment ago
   * (`unexpected`) is not offered for trust: they start over and compare again; nor is
   * another room's. True when the warning changed.
   */
  offer(roomId: string, roomName: string, check: Refusal, target: JoinTarget): boolean {
    if (check.kind !== 'changed' && check.kind !== 'downgraded') return false
    this.refused = {
      kind: check.kind,
      roomId,
      roomName,
      pinned: check.pinnedFingerprint,
      presented: check.presentedFingerprint,
      target,
    }
    return true
  }

  /** The warning, if it is about `roomId` and its connection presented exactly `fingerprint`. */
  find(roomId: string, fingerprint: string): Refused | null {
    const refused = this.refused
    if (!refused || refused.roomId !== roomId) return null
    if (refused.presented === null || refused.presented !== fingerprint) return null
    return refused
  }

  /** Takes the warning down (only if it is still `which`, when given). True when it was up. */
  clear(which?: Refused): boolean {
    if (!this.refused || (which !== undefined && this.refused !== which)) return false
    this.refused = null
    return true
  }
}
