import type { Snapshot } from '../../shared/bridge'
import { FRAME_MS } from '../bridge/batcher'
import { unref } from './unref'

export interface SnapshotPublisherOptions {
  /** Builds the whole snapshot from the controller's state. */
  build: () => Snapshot
  /** Tells the listeners (the bridge's batcher, the badge) of a new snapshot. */
  send: (snapshot: Snapshot) => void
  /** What goes wrong while sending (a listener that throws) is told here, not thrown. */
  failed: (error: unknown) => void
  /** At most one snapshot is sent per this many ms. Default FRAME_MS (one frame at 60 Hz). */
  intervalMs?: number
  now?: () => number
}

/**
 * Builds the snapshot only when it is wanted, and at most once per change: a change marks it
 * stale, and it is built when read (`current`) or when it is sent. It is sent at most once a
 * frame: the first change after a quiet spell at the end of the task that made it (so the
 * changes a command or a burst of frames makes together are one snapshot), the changes after
 * that once the frame is over. A room whose members type at every rate limit thus costs a
 * snapshot a frame, not one per event.
 *
 * One exception keeps the window consistent: in a task that also sends it a timeline change or
 * a notice (`alongside`), the snapshot goes at the end of that task, so that the bridge's batch
 * never carries a timeline ahead of the snapshot (a join notice for someone the member list
 * does not show yet). That is one snapshot per batch of such changes, not per event.
 */
export class SnapshotPublisher {
  private latest: Snapshot | null = null
  /** A change the listeners have not been told of yet (a send is scheduled). */
  private unsent = false
  private timer: NodeJS.Timeout | null = null
  /** A send is queued for the end of this task. */
  private queued = false
  private lastSent = Number.NEGATIVE_INFINITY
  private readonly intervalMs: number
  private readonly now: () => number
  /** Snapshots built so far: what the changes cost (the cost tests count them). */
  builds = 0
  /** Snapshots sent so far. */
  sent = 0

  constructor(private readonly options: SnapshotPublisherOptions) {
    this.intervalMs = options.intervalMs ?? FRAME_MS
    this.now = options.now ?? (() => performance.now())
  }

  /** The state changed: the snapshot is stale, and the listeners will be told. */
  changed(): void {
    this.latest = null
    if (this.unsent) return
    this.unsent = true
    if (this.queued) return
    const wait = this.lastSent + this.intervalMs - this.now()
    if (wait <= 0) return this.sendAtEndOfTask()
    this.timer = unref(setTimeout(() => this.send(), wait))
  }

  /**
   * Something else goes to the window in this task (a timeline change, a notice): what changed
   * in the snapshot, before or later in the task, goes at the end of it too, frame or not.
   */
  alongside(): void {
    if (!this.queued) this.sendAtEndOfTask()
  }

  /** The snapshot of the state now: built if anything changed since it was last built. */
  current(): Snapshot {
    if (!this.latest) {
      this.latest = this.options.build()
      this.builds += 1
    }
    return this.latest
  }

  private sendAtEndOfTask(): void {
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      this.send()
    })
  }

  private send(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.unsent) return
    this.unsent = false
    this.lastSent = this.now()
    try {
      this.sent += 1
      this.options.send(this.current())
    } catch (error) {
      this.options.failed(error)
    }
  }
}
