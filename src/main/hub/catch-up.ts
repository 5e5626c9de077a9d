interface Waiter {
  readonly seq: number
  readonly resolve: () => void
  readonly timer: NodeJS.Timeout
}

/**
 * Members waiting for this hub to have applied the room up to a seq: a clustered hub reads the
 * room's stream a little behind the others at times (a stalled consumer, a NATS server that
 * went away), and a member that moved to it from a hub further on resumes from a seq it has
 * not reached yet. Each waits until the hub reaches its seq, or `ms` at most
 * (LIMITS.resumeCatchUpMs). One waiter per
 * connection between its hello and its welcome, so as many as the hub lets connections wait.
 */
export class CatchUp {
  private waiters: Waiter[] = []

  /** Resolves once `reached` is told of `seq` or more, `ms` from now at the latest, or on close. */
  until(seq: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.release((waiter) => waiter.timer === timer), ms)
      timer.unref()
      this.waiters.push({ seq, resolve, timer })
    })
  }

  /** The hub has applied the room up to `lastSeq`. */
  reached(lastSeq: number): void {
    if (this.waiters.length > 0) this.release((waiter) => waiter.seq <= lastSeq)
  }

  /** The room closes: nobody waits any more. */
  close(): void {
    this.release(() => true)
  }

  private release(done: (waiter: Waiter) => boolean): void {
    const still: Waiter[] = []
    for (const waiter of this.waiters) {
      if (!done(waiter)) {
        still.push(waiter)
        continue
      }
      clearTimeout(waiter.timer)
      waiter.resolve()
    }
    this.waiters = still
  }
}
