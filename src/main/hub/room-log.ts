import type { TimelineEvent } from '../../shared/protocol'
import { stamped, type TimelineMessage } from './timeline-rules'

/**
 * A timeline op the receiving hub has judged (schema, resend, pace, rules) and wants in the
 * room's order. `from` and `name` are the sender's proven client id and current name.
 */
export interface Proposal {
  readonly message: TimelineMessage
  readonly from: string
  readonly name: string
  /** The sender's @room pace let this chat notify the whole room. */
  readonly mentionsRoom: boolean
}

/** What the hub that proposed an op keeps until the op comes back from the log. */
export interface Origin<L> {
  readonly link: L
  /** Milliseconds before the sender may notify the room again; 0: this chat did (or none). */
  readonly roomMentionWait: number
  /**
   * The log refused the op for now (a clustered room's stream could not take it), telling the
   * sender to resend after `retryAfterMs`: the sender's pace holds its other new ops until it
   * is sent again (see Pace.refusedLater).
   */
  readonly refusedLater: (retryAfterMs: number) => void
}

/** How a log hands ops back to the room, in the room's order. */
export interface LogSink<O> {
  /** The seq of the last event applied (0 before the first). */
  readonly lastSeq: number
  /** Stamps the proposal with the room's next seq and the time now, and applies it. */
  stamp(proposal: Proposal, origin: O): void
  /**
   * Applies an event the log has stamped (its seq above every seq applied before). `origin`
   * is what the proposing hub passed with it, when that hub is this one; undefined otherwise.
   */
  apply(event: TimelineEvent, origin: O | undefined): void
}

/**
 * Where a room's timeline is ordered. The room proposes each op it has accepted; the log gives
 * it its place and hands it back through the sink, on every hub that serves the room (the
 * proposing one too). Single-hub rooms use LocalLog; clustered rooms a JetStream stream
 * (src/main/cluster/event-log.ts).
 */
export interface RoomLog<O> {
  propose(proposal: Proposal, origin: O): void
  close(): void
}

/** Opens the room's log, given the room's sink. */
export type OpenRoomLog<O> = (sink: LogSink<O>) => RoomLog<O>

/**
 * The single-hub log: the hub is the only one proposing, so a proposal is stamped and applied
 * at once, on the call stack of the op that made it (the order and the path of a room without
 * a cluster).
 */
export class LocalLog<O> implements RoomLog<O> {
  constructor(private readonly sink: LogSink<O>) {}

  propose(proposal: Proposal, origin: O): void {
    this.sink.stamp(proposal, origin)
  }

  close(): void {}
}

/** The event of a proposal, stamped with `seq` and `ts`. */
export function stampProposal(proposal: Proposal, seq: number, ts: number): TimelineEvent {
  return stamped(proposal.message, proposal, seq, ts, proposal.mentionsRoom)
}
