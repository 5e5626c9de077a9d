import { bridge, type LanRoomApi, type TimelinePatch } from '../lib/bridge'
import { NO_NAMES, copyNames, sameNames } from '../lib/names'
import { TimelineBuffer, type TimelineChange } from '../lib/timeline-buffer'

type Listener = (change: TimelineChange) => void

/**
 * The room's timeline, applied from main's patches into a bounded buffer. The entries
 * themselves are not reactive (10,000 deeply proxied objects would cost more than they
 * give); `version` changes with every patch, and the timeline view renders the few rows on
 * screen from the buffer. Listeners hear of each change, to keep their row heights in step.
 */
export class TimelineState {
  readonly buffer = new TimelineBuffer()
  version = $state(0)
  /** Names (as nameKey) used by more than one sender in the timeline. */
  collisions = $state.raw<ReadonlySet<string>>(NO_NAMES)
  /** A sentence to show when main could not be asked for the timeline. */
  error = $state<string | null>(null)

  readonly #bridge: LanRoomApi
  #listeners: Listener[] = []

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  apply(patch: TimelinePatch): void {
    const change = this.buffer.apply(patch)
    const colliding = this.buffer.collidingNames
    if (!sameNames(colliding, this.collisions)) this.collisions = copyNames(colliding)
    for (const listener of this.#listeners) listener(change)
    this.version++
  }

  /** Hears each change as it is applied, before anything re-renders. */
  onChange(listener: Listener): () => void {
    this.#listeners = [...this.#listeners, listener]
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener)
    }
  }

  /**
   * Subscribes before asking. A patch that was already on its way when the answer was made
   * arrives after it and may repeat some of it; the buffer ignores keys it already has.
   */
  async connect(): Promise<() => void> {
    const unsubscribe = this.#bridge.onTimeline((patch) => this.apply(patch))
    const result = await this.#bridge.getTimeline()
    if (result.ok) this.apply({ ...result.value, reset: true })
    else this.error = result.error.message
    return unsubscribe
  }
}

export const timeline = new TimelineState(bridge)
