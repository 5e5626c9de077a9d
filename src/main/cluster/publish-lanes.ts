/**
 * Each member's ops go to the room's stream one at a time, in the order the hub took them: the
 * next is published once the stream has acknowledged the one before, or refused it.
 *
 * Published side by side, an op refused for now (its stream had no leader for a moment) could
 * be overtaken by a later op of the same member that reached the stream once it was back, and
 * the member's resend would then put the two out of order. So when an op cannot be published,
 * the member's later ops waiting behind it, and any new op of that member, are refused too
 * (the caller says how), until the refused op is sent again or `holdMs` has passed: a client
 * that resends from the refused op on, in order, keeps its ops in the order it wrote them
 * (docs/protocol.md, Clustered rooms), as the single hub's rule for `rate_limited` does.
 */
export class PublishLanes {
  private readonly lanes = new Map<string, Lane>()

  constructor(
    private readonly holdMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Members with ops waiting, or held after a refusal (for tests). */
  get size(): number {
    return this.lanes.size
  }

  /**
   * Runs `publish` for op `id` of member `from` once the member's earlier ops are through; it
   * resolves false when the op could not be published. Runs `refuse` with the id of the op to
   * send again first instead, while an earlier op of the member is refused and not sent again.
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
        const refused = own.refused
        if (refused !== null) {
          if (refused.id !== id && this.now() - refused.at < this.holdMs) {
            refuse(refused.id)
            return
          }
          own.refused = null
        }
        if (!(await publish())) own.refused = { id, at: this.now() }
      })
      .catch(() => {})
      .finally(() => {
        own.queued -= 1
        if (own.queued > 0 || this.lanes.get(from) !== own) return
        if (own.refused === null) {
          this.lanes.delete(from)
          return
        }
        // Held after a refusal: forgotten once the hold is over, if nothing came meanwhile.
        setTimeout(() => {
          if (own.queued === 0 && this.lanes.get(from) === own) this.lanes.delete(from)
        }, this.holdMs).unref()
      })
  }
}

interface Lane {
  /** Settles when the member's last op taken is through. */
  tail: Promise<void>
  /** Ops taken and not yet through. */
  queued: number
  /** The op the stream could not take, and when: the member's next ops wait for its resend. */
  refused: { id: string; at: number } | null
}
