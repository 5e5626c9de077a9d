import { tryAgainText } from '../lib/retry'
import { snapshot, type SnapshotState } from './snapshot.svelte'

/**
 * The wait after too many wrong passphrases (snapshot.joinFailure of kind `throttled`), as a
 * sentence that counts down while it is on screen. Main gives the time joining may succeed
 * again; the clock ticks only while there is a wait.
 */
export class JoinWait {
  #now = $state(Date.now())
  readonly #snapshot: SnapshotState

  constructor(state: SnapshotState) {
    this.#snapshot = state
    $effect.root(() => {
      $effect(() => {
        const retryAt = this.#retryAt
        if (retryAt === null) return
        this.#now = Date.now()
        const timer = setInterval(() => {
          this.#now = Date.now()
          if (this.#now >= retryAt) clearInterval(timer)
        }, 1000)
        return () => clearInterval(timer)
      })
    })
  }

  get #retryAt(): number | null {
    const failure = this.#snapshot.joinFailure
    return failure?.kind === 'throttled' ? failure.retryAt : null
  }

  /** The room the wait was announced for (null when joined by address). */
  get roomId(): string | null {
    return this.#snapshot.joinFailure?.roomId ?? null
  }

  /** True while joining would be refused again. */
  get active(): boolean {
    const retryAt = this.#retryAt
    return retryAt !== null && this.#now < retryAt
  }

  /** "Try again in 25 s", counting down; null when there is no wait. */
  get text(): string | null {
    const retryAt = this.#retryAt
    return retryAt === null ? null : tryAgainText(retryAt, this.#now)
  }
}

export const joinWait = new JoinWait(snapshot)
