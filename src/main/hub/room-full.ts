import { CLOSE_CODES, type Limits } from '../../shared/protocol'

/** A hello turned away for want of room: the `room_full` error's sentence, and the close. */
export interface FullRefusal {
  message: string
  /** 4003: the room is full, on every hub (final). 4012: only this hub of a clustered room is,
   * and another of its hubs may take the member (not final). */
  closeCode: typeof CLOSE_CODES.roomFull | typeof CLOSE_CODES.hubFull
  reason: string
}

/** Who is here, as a newcomer's admission counts them. */
export interface RoomCounts {
  /** This hub's own members. */
  own: number
  /** The whole room's, on every hub (one per client id): counted only when it matters. */
  room: () => number
  /** Whether the room has other hubs (a clustered room). */
  clustered: boolean
}

/**
 * Why a newcomer (a client id that is not a member on this hub) finds no room here, or null.
 * The room, every hub together, holds at most maxRoomMembers, what a welcome's member list is
 * bounded by; a member listed on another hub (`moving`, as when its hub died) is counted there
 * already. This hub holds at most maxMembers of its own, moving ones too: each costs this hub a
 * socket and its buffers, wherever it came from. In a room of one hub that is the room being
 * full; in a clustered room only this hub is, and the member may try another (4012, not final).
 */
export function fullRefusal(
  limits: Pick<Limits, 'maxMembers' | 'maxRoomMembers'>,
  counts: RoomCounts,
  moving: boolean,
): FullRefusal | null {
  const { maxMembers, maxRoomMembers } = limits
  if (!moving && counts.room() >= maxRoomMembers) return roomFull(maxRoomMembers)
  if (counts.own < maxMembers) return null
  if (!counts.clustered) return roomFull(maxMembers)
  return {
    message: `this hub of the room is full (${maxMembers}); another of its hubs may not be`,
    closeCode: CLOSE_CODES.hubFull,
    reason: 'hub full',
  }
}

function roomFull(max: number): FullRefusal {
  return {
    message: `the room is full (${max})`,
    closeCode: CLOSE_CODES.roomFull,
    reason: 'room full',
  }
}
