import { bridge, type LanRoomApi, type TimelinePatch } from '../lib/bridge'
import { errorText } from '../lib/error-text'
import { NO_NAMES, copyNames, sameNames } from '../lib/names'
import { TimelineBuffer, type TimelineChange } from '../lib/timeline-buffer'

type Listener = (change: TimelineChange) => void

/** How long a jump waits for the message to arrive after main said it is loading it. */
const OPEN_WAIT_MS = 5_000
/** How long a page of older messages may take to follow main's answer. */
const PAGE_WAIT_MS = 5_000
/** A page that failed is asked again after this long, this many times in a row at most. */
const OLDER_RETRY_MS = 1_500
const OLDER_RETRIES = 3

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
  /** The oldest messages of the room are loaded (null: older ones may be asked for). */
  start = $state.raw<{ trimmed: boolean } | null>(null)
  /** A page of older messages is on its way. */
  loadingOlder = $state(false)
  /** Why the last page could not be loaded. */
  olderError = $state<string | null>(null)
  /** The entry to bring into view and mark (a search result, a quoted message). */
  focus = $state.raw<{ key: string; nonce: number } | null>(null)

  readonly #bridge: LanRoomApi
  #listeners: Listener[] = []
  /** Patches that brought older entries, counted. */
  #pages = 0
  /** Failed pages asked again in a row. */
  #olderRetries = 0

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  apply(patch: TimelinePatch): void {
    const change = this.buffer.apply(patch)
    const colliding = this.buffer.collidingNames
    if (!sameNames(colliding, this.collisions)) this.collisions = copyNames(colliding)
    if (patch.older && patch.older.length > 0) this.#pages++
    for (const listener of this.#listeners) listener(change)
    if (this.start !== this.buffer.start) this.start = this.buffer.start
    this.version++
  }

  /**
   * Asks main for the page before the first entry (one at a time). Main sends it as `older` in
   * a patch; the answer says whether the start is reached, in case no patch comes.
   */
  async loadOlder(): Promise<void> {
    // A full window takes no older pages (the buffer would refuse them): stop asking.
    if (this.loadingOlder || this.start || this.buffer.confirmedLength >= this.buffer.max) return
    this.loadingOlder = true
    this.olderError = null
    const pages = this.#pages
    const result = await this.#bridge.loadOlder()
    // The page itself comes as a patch, usually just after the answer: until it is here the
    // top is still the top, and asking again would ask for the same page.
    if (result.ok && result.value.added > 0) {
      await this.#waitFor(() => this.#pages !== pages, PAGE_WAIT_MS)
    }
    this.loadingOlder = false
    if (!result.ok) {
      this.olderError = errorText(result.error)
      // The hub paces requests (two a second): a person scrolling fast gets there first.
      // Asked again by itself a few times, then the Try again button is theirs.
      if (this.#olderRetries < OLDER_RETRIES) {
        this.#olderRetries++
        setTimeout(() => {
          this.olderError = null
          void this.loadOlder()
        }, OLDER_RETRY_MS)
      }
      return
    }
    this.#olderRetries = 0
    if (result.value.first) {
      this.buffer.markStart(result.value.trimmed)
      this.start = this.buffer.start
    }
  }

  /**
   * Brings the chat with this seq into view: asks main to load the timeline back to it when
   * it is not here, then waits for it to arrive (a patch may come just after the answer).
   * Returns a sentence when it cannot be shown.
   */
  async openAt(seq: number): Promise<string | null> {
    if (this.buffer.indexOfSeq(seq) < 0) {
      const result = await this.#bridge.openAt({ seq })
      if (!result.ok) return errorText(result.error)
    }
    const index = await this.#waitForSeq(seq, OPEN_WAIT_MS)
    if (index < 0) return 'That message is no longer in the room’s history.'
    const entry = this.buffer.at(index)
    if (entry) this.focus = { key: entry.key, nonce: (this.focus?.nonce ?? 0) + 1 }
    return null
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
    else this.error = errorText(result.error)
    return unsubscribe
  }

  async #waitForSeq(seq: number, ms: number): Promise<number> {
    await this.#waitFor(() => this.buffer.indexOfSeq(seq) >= 0, ms)
    return this.buffer.indexOfSeq(seq)
  }

  /** Resolves once `done()` holds after a change (or at once), or after `ms` regardless. */
  #waitFor(done: () => boolean, ms: number): Promise<void> {
    if (done()) return Promise.resolve()
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer)
        stop()
        resolve()
      }
      const timer = setTimeout(finish, ms)
      const stop = this.onChange(() => {
        // After the other listeners (the view) have taken the change in.
        queueMicrotask(() => {
          if (done()) finish()
        })
      })
    })
  }
}

export const timeline = new TimelineState(bridge)
