import type {
  EventName,
  EventPayload,
  Notice,
  Snapshot,
  TimelineEntry,
  TimelinePatch,
} from '../../shared/bridge'

export type BatchedEvents = { [K in EventName]: EventPayload<K> }

export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void
/** Told when the sink throws; the batcher goes on with the next event. */
export type SinkErrorReport = (name: EventName, error: unknown) => void

/** About one animation frame at 60 Hz. */
export const FRAME_MS = 16
/**
 * Notices sent per frame at most. A hub can make the app say something for every frame it
 * sends (10,000 unreadable frames a second); the person can read a few, and the rest is
 * summed up in one more notice.
 */
export const MAX_NOTICES_PER_FLUSH = 10
/** The code of the notice that says how many others were left out. */
export const NOTICES_DROPPED_CODE = 'APP_ERR_TOO_MANY_NOTICES'

/**
 * Coalesces events for the window: at most one IPC message per event per frame's worth of
 * time, so a busy room (hundreds of chats a second) cannot flood the renderer. Snapshots: the
 * newest wins. Timeline patches: appended entries are concatenated, the pending list is the
 * newest, and a reset replaces whatever came before it. Notices are rare and delivered, up to
 * MAX_NOTICES_PER_FLUSH a frame.
 * A sink that throws loses that one event, never the others nor the batcher's next flush.
 */
export class EventBatcher {
  private snapshot: Snapshot | null = null
  private timeline: TimelinePatch | null = null
  private notices: Notice[] = []
  private droppedNotices = 0
  private timer: NodeJS.Timeout | null = null
  private lastFlush = 0

  constructor(
    private readonly sink: EventSink,
    private readonly intervalMs = FRAME_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly report: SinkErrorReport = (name, error) =>
      console.error(`[bridge] sending ${name} failed:`, error),
  ) {}

  pushSnapshot(snapshot: Snapshot): void {
    this.snapshot = snapshot
    this.schedule()
  }

  pushTimeline(patch: TimelinePatch): void {
    const queued = this.timeline
    if (patch.reset || !queued) {
      this.timeline = {
        ...patch,
        confirmed: [...patch.confirmed],
        ...(patch.older ? { older: [...patch.older] } : {}),
        ...(patch.updated ? { updated: [...patch.updated] } : {}),
      }
    } else {
      // Older pages go before what is queued of them; an update of an entry still queued
      // replaces it there, so that the window never sees an update before its entry.
      if (patch.older) queued.older = [...patch.older, ...(queued.older ?? [])]
      queued.confirmed.push(...patch.confirmed)
      queued.pending = patch.pending
      if (patch.start) queued.start = patch.start
      for (const entry of patch.updated ?? []) {
        if (replaceByKey(queued.confirmed, entry) || replaceByKey(queued.older, entry)) continue
        if (!replaceByKey(queued.updated, entry)) (queued.updated ??= []).push(entry)
      }
    }
    this.schedule()
  }

  pushNotice(notice: Notice): void {
    if (this.notices.length < MAX_NOTICES_PER_FLUSH) this.notices.push(notice)
    else this.droppedNotices += 1
    this.schedule()
  }

  /** Sends what is queued now (on quit, or in tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.lastFlush = this.now()
    const { snapshot, timeline, notices, droppedNotices } = this
    this.snapshot = null
    this.timeline = null
    this.notices = []
    this.droppedNotices = 0
    if (snapshot) this.send('onSnapshot', snapshot)
    if (timeline) this.send('onTimeline', timeline)
    for (const notice of notices) this.send('onNotice', notice)
    if (droppedNotices > 0) {
      this.send('onNotice', {
        level: 'error',
        code: NOTICES_DROPPED_CODE,
        message: `${droppedNotices} more messages like these were not shown.`,
      })
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private send<K extends EventName>(name: K, payload: EventPayload<K>): void {
    try {
      this.sink(name, payload)
    } catch (error) {
      // This runs in a timer: a throw would reach the process as an uncaught exception.
      this.report(name, error)
    }
  }

  private schedule(): void {
    if (this.timer) return
    // The first event after a quiet spell goes out at once; a burst waits for the next frame.
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }
}

/** Replaces the entry with `entry`'s key in `list`; false when there is none. */
function replaceByKey(list: TimelineEntry[] | undefined, entry: TimelineEntry): boolean {
  if (!list) return false
  const index = list.findIndex((item) => item.key === entry.key)
  if (index < 0) return false
  list[index] = entry
  return true
}
