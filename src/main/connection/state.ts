import type { WelcomeMessage } from '../../shared/protocol'

/** What a connection learned of the hub before `hello`: its certificate and its room id. */
export interface PeerInfo {
  url: string
  /** SHA-256 of the certificate (64 hex digits), or null over plain ws. */
  fingerprint: string | null
  /** The room id the hub's challenge names. */
  roomId: string
}

/** Why a connection ended for good. */
export type ClosedReason =
  /** This client left (`close()`). */
  | 'left'
  /** The host closed the room. */
  | 'ended'
  /** The hub refused the hello (invalid name or client id). */
  | 'refused'
  /** The room is full. */
  | 'full'
  /** The room speaks another protocol version. */
  | 'incompatible'
  /** The same client id joined from somewhere else. */
  | 'replaced'
  /** The first connection could not reach the room at any candidate address. */
  | 'unreachable'
  /** The room's certificate is not the trusted one (`verifyPeer` refused it). */
  | 'untrusted'
  /** The room needs a passphrase: none was given, or it was wrong (see `errorCode`). */
  | 'passphrase'
  /** Too many passphrase attempts from this address; `retryAfterMs` says when to try again. */
  | 'throttled'
  /** The hub did not accept this client's proof of its id. */
  | 'unproven'

/**
 * The one observable state of a connection.
 * - `idle`: created, `connect()` not called yet;
 * - `connecting`: the first connection, trying `url`;
 * - `connected`: in the room;
 * - `reconnecting`: the connection dropped; attempt `attempt` runs at `retryAt` (a wall-clock
 *   time in ms), or is running now when `retryAt` is null;
 * - `closed`: for good, with a sentence a person can read.
 */
export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; url: string }
  | {
      status: 'connected'
      url: string
      room: WelcomeMessage['room']
      /** The certificate this connection presented (null: plain ws, not encrypted). */
      fingerprint: string | null
    }
  | { status: 'reconnecting'; attempt: number; retryAt: number | null; lastError: string }
  | {
      status: 'closed'
      reason: ClosedReason
      message: string
      closeCode: number | null
      /** The hub's error code, when its refusal said one (`wrong_passphrase`, ...). */
      errorCode?: string
      /** For `throttled`: how long to wait, in ms. */
      retryAfterMs?: number
      /** For `untrusted`: what the refused connection presented. */
      peer?: PeerInfo
    }

export type ClosedState = Extract<ConnectionState, { status: 'closed' }>

/** How a connection ends for good, before it becomes the `closed` state. */
export interface ConnectionEnd {
  reason: ClosedReason
  message: string
  closeCode: number | null
  extra?: Partial<ClosedState>
}
