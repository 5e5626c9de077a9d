/**
 * The renderer's only door to the main process. Components and state classes import from
 * here instead of reading `window.lanroom`, so tests can hand them a fake API and there is
 * one place that knows where the real one comes from.
 */
import type { LanRoomApi } from '../../../shared/bridge/api'
import type { BridgeError, BridgeResult } from '../../../shared/bridge/result'

export type { LanRoomApi, BridgeError, BridgeResult }
export type {
  ConnectionView,
  DirectoryRoomView,
  DirectoryView,
  MemberView,
  Notice,
  Profile,
  RoomView,
  Situation,
  Snapshot,
  TimelineEntry,
  TimelinePatch,
} from '../../../shared/bridge/model'

function readBridge(): LanRoomApi {
  const api = (window as Partial<Window>).lanroom
  if (!api) {
    // Opened as a plain web page: say so instead of failing later on an undefined property.
    throw new Error('window.lanroom is missing: this page runs inside the LAN Room window only.')
  }
  return api
}

export const bridge: LanRoomApi = readBridge()
