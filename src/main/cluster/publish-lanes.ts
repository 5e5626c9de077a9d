/**
 * Each member's ops go to the room's stream one at a time, in the order the hub took them: the
 * next is published once the stream has acknowledged the one before, or refused it.
 *
 * Published side by side, an op refused for now (its stream had no leader for a moment) could
 * be overtaken by a later op of the same member that reached the stream once it was back, and
 * the member's resend would then put the two out of order. So when an op cannot be published,
 * the member's ops already waiting behind it are refused too (the caller says how), except a
 * resend of the refused op itself. Ops that reach the hub after the refusal are the pace's to
 * hold (src/main/hub/pace.ts): the caller tells it of every refusal, so one hold covers them.
 * A client that resends from the refused op on, in order, keeps its ops in the order it wrote
 * them (docs/protocol.md, Clustered rooms), as the single hub's rule for `rate_limited` does.
 */
export class PublishLanes {
  private readonly lanes = new Map<string, Lane>()

  /** Members with ops waiting (for tests). */
  get size(): number {
    return this.lanes.size
  }

  /**
   * Runs `publish` for op `id` of member `from` once the member's earlier ops are through; it
   * resolves false when the op could not be published. Runs `refuse` with the id of the op to
   * send again first instead, when an op of the member taken before this one could not be
   * published.
   */
  run(
    from: string,
    id: string,
    publish: () => Promise<boolean>,
    refuse: (sendFirst: string) => void,
  ): void {
    let lane = this.lanes.get(from)
    if (!lane) {
      lane = { tail: Promise.resolve(), queued: 0, refused: null }
      this.lanes.set(from, lane)
    }
    const own = lane
    own.queued += 1
    own.tail = own.tail
      .then(async () => {
        if (own.refused !== null) {
          if (own.refused !== id) {
            refuse(own.refused)
            return
          }
          own.refused = null
        }
        if (!(await publish())) own.refused = id
      })
      .catch(() => {})
      .finally(() => {
        own.queued -= 1
        // The ops behind a refused one are refused in one run of microtasks, before the hub
        // reads anything new: a lane that is empty holds nothing more.
        if (own.queued === 0 && this.lanes.get(from) === own) this.lanes.delete(from)
      })
  }
}

interface Lane {
  /** Settles when the member's last op taken is through. */
  tail: Promise<void>
  /** Ops taken and not yet through. */
  queued: number
  /** The op the stream could not take: the ops taken behind it are refused. */
  refused: string | null
}
