import type { LanRoomApi } from '../shared/bridge/api'

declare global {
  interface Window {
    /** Exposed by the preload; read it only through src/renderer/src/lib/bridge.ts. */
    readonly lanroom: LanRoomApi
  }
}

export {}
