import type { DirectoryRoom } from '../../src/shared/protocol'

/** How the rooms nearby would list a room "Lab" of Ada's at `url` (a wss:// URL). */
export function listedRoom(
  roomId: string,
  url: string,
  extra: Partial<DirectoryRoom> = {},
): DirectoryRoom {
  return {
    id: roomId,
    name: 'Lab',
    hostName: 'Ada',
    addresses: [new URL(url).hostname],
    port: Number(new URL(url).port),
    urls: [url],
    version: 1,
    passphrase: false,
    compatible: true,
    incompatibleReason: null,
    own: false,
    members: 1,
    ...extra,
  }
}
