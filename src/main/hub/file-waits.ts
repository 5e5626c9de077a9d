/** What an op refused for now by the order is told to wait before it is sent again. */
export const BEHIND_RETRY_MS = 1_000

/** What became of an op judged: taken (on its way to the log, or waiting in order), refused
 * for good, or refused for now with the wait its member was told (it sends it again). */
export type Judged = 'taken' | 'refused' | { retryAfterMs: number }

/** What FileWaits asks of the room about an op. */
export interface WaitingOps<O> {
  /** The member the op is from. */
  member(op: O): string
  id(op: O): string
  /** The upload check a file chat must wait for (after a restart, or a clustered room's store
   * put), or null when it can be judged now. */
  check(op: O): Promise<unknown> | null
  /** Judges the op now (rules, then the log). */
  judge(op: O): Judged
  /** Still to be judged once the wait is over: its connection still speaks for its member,
   * and it was not stamped meanwhile (a resend is answered then). */
  stillWanted(op: O): boolean
  /** Refuses the op for now (rate_limited), telling its member's pace. */
  refuse(op: O, message: string, retryAfterMs: number): void
  /** Tells the member's pace the op, dropped with its connection, is refused for now: its
   * member will send it again, and nothing it sent later may pass before it. */
  dropped(op: O): void
}

/**
 * Keeps each member's ops in the order it sent them while one of its file chats waits for its
 * upload check: the hub checks every finished upload again after a restart, and a clustered
 * hub puts the bytes into the room's file store before it proposes the chat. The member's ops
 * that arrive meanwhile wait behind the file chat (at most `max`, LIMITS.maxBehindFile) and are judged
 * after it, in order; other members' ops do not wait. Once one of them is refused for now, the
 * rest are refused too, and the member's pace holds its newer ones, so that its resends keep
 * the order it wrote (docs/protocol.md, Files).
 */
export class FileWaits<O> {
  private readonly waits = new Map<string, O[]>()

  constructor(
    private readonly max: number,
    private readonly ops: WaitingOps<O>,
  ) {}

  /** Takes an op that passed its member's pace. */
  take(op: O): Judged {
    const ops = this.ops
    const member = ops.member(op)
    const waiting = this.waits.get(member)
    // The file chat and the ops behind it.
    if (waiting && waiting.length <= this.max) {
      waiting.push(op)
      return 'taken'
    }
    if (waiting) {
      const message = 'too many messages wait behind a file being checked; send it again'
      ops.refuse(op, message, BEHIND_RETRY_MS)
      return { retryAfterMs: BEHIND_RETRY_MS }
    }
    const checking = ops.check(op)
    if (!checking) return ops.judge(op)
    const started = [op]
    this.waits.set(member, started)
    // Resumed however the check ended: a check that failed outright (its upload could not be
    // removed) must not leave the member's ops waiting, nor go unheard.
    const resume = (): void => {
      this.waits.delete(member)
      this.resume(started)
    }
    void checking.then(resume, resume)
    return 'taken'
  }

  /**
   * The ops `gone` says went with their connection (it closed, or another took its place) are
   * dropped, and their member's pace told: it sends them again on its next connection, and
   * an op it sent after them that was refused meanwhile must not pass before them.
   */
  forget(member: string, gone: (op: O) => boolean): void {
    const waiting = this.waits.get(member)
    if (!waiting) return
    const kept = waiting.filter((op) => {
      if (!gone(op)) return true
      this.ops.dropped(op)
      return false
    })
    waiting.splice(0, waiting.length, ...kept)
  }

  /** Ops that waited behind a file chat (the file chat first, unless it went with its
   * connection), judged in order. */
  private resume(ops: readonly O[]): void {
    let first: { id: string; retryAfterMs: number } | null = null
    for (const op of ops) {
      if (!this.ops.stillWanted(op)) continue
      if (first) {
        this.ops.refuse(op, `send ${first.id} again first`, first.retryAfterMs)
        continue
      }
      // Judged anew: it may be a file chat that waits in turn, and the rest behind it.
      const judged = this.take(op)
      if (typeof judged === 'object') first = { id: this.ops.id(op), ...judged }
    }
  }
}
