import { RoomStore } from './room-store'
import type { TimelineStore, TimelineStoreOptions } from './timeline-store'

/** Opens a room's history: the file log with its index (room-store.ts). Tests may pass another
 * TimelineStore through HubOptions.openStore (testing/memory-store.ts). */
export function openTimelineStore(options: TimelineStoreOptions): TimelineStore {
  return RoomStore.open(options)
}
