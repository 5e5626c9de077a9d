import { wsSocketFactory } from '../connection/ws-socket'
import { ConnectionSession } from './room-session'
import type { RoomSession, SessionOptions } from './session'

/** A room session over Node's `ws` (the app and the CLI; the guest page has its own). */
export function createRoomSession(options: SessionOptions): RoomSession {
  return new ConnectionSession(options, wsSocketFactory)
}
