import { roomsMatching, type DirectoryRoom } from '../../shared/protocol'
import { ResolveError, type ResolvedTarget } from './target'

function describeRoom(room: DirectoryRoom): string {
  return `"${room.name}" hosted by ${room.hostName} (id ${room.id})`
}

/**
 * The room called `wanted` (its id first, else its name, as `lanroom join` matches) among the
 * rooms found nearby, as addresses to try; rejects when there is none, several, or one that
 * speaks another version. `lookedFor` says how long the list was gathered, for the message.
 */
export function nearbyRoom(
  wanted: string,
  rooms: readonly DirectoryRoom[],
  lookedFor: string,
): ResolvedTarget {
  const found = roomsMatching(wanted, rooms)
  if (found.length === 0) {
    throw new ResolveError(
      `no room called "${wanted}" was found nearby ${lookedFor}`,
      'Multicast may be blocked on this network (see the Multicast and VPN checks): ask the host ' +
        'for the room’s address or code, and use that instead.',
    )
  }
  if (found.length > 1) {
    throw new ResolveError(
      `${found.length} rooms are called "${wanted}": ${found.map(describeRoom).join('; ')}`,
      'Name one by its id (`lanroom rooms` lists them).',
    )
  }
  const room = found[0] as DirectoryRoom
  if (!room.compatible) {
    throw new ResolveError(
      room.incompatibleReason ?? 'the room speaks another version of LAN Room',
      'Both sides need the same version of LAN Room: update the older one.',
    )
  }
  return {
    urls: room.urls,
    scheme: null,
    roomId: room.id,
    expectedFingerprint: null,
    codePrefix: null,
    found: `room ${describeRoom(room)} found nearby`,
  }
}
