/**
 * Typing indicators between the hubs of a clustered room: core NATS on the subject
 * `lanroom.<roomId>.typing`, never stored (a lost one ends by itself, typingTimeoutMs). Each hub
 * publishes what its room already relays for its own members (throttled there) and hands the
 * other hubs' signals to its room, after checking them: bounded, validated, and rate-bounded
 * per member and per hub as a member's own typing frames are.
 */
import { z } from 'zod'
import type { NatsConnection, Subscription } from '@nats-io/transport-node'
import { LIMITS, SCHEMAS } from '../../shared/protocol'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { BucketTable, TokenBucket } from '../hub/token-bucket'
import { kvBytes, readKvValue } from './kv-value'
import { MAX_HUBS, MAX_REMOTE_MEMBERS } from './presence'
import { CLUSTER_TOKEN, typingSubject } from './names'

/** A signal is ~80 bytes. */
export const MAX_TYPING_BYTES = 256
/** What one hub may send in all: every member of a full hub changing state once per relay
 * interval, twice over. Sized by maxMembers, not maxRoomMembers: a hub publishes its own
 * members' typing only, and it holds at most maxMembers of them. */
const HUB_TYPING_PER_SECOND = (2 * LIMITS.maxMembers * 1000) / LIMITS.typingThrottleMs
/** What all the other hubs together may send: every member of a full room (maxRoomMembers),
 * as above. Without it, MAX_HUBS hubs of their full rate (64 × 1,024 a second) would each
 * become a frame to every member here; a real room of 8,192 has a few dozen typing at once. */
const ROOM_TYPING_PER_SECOND = (2 * LIMITS.maxRoomMembers * 1000) / LIMITS.typingThrottleMs

const signalSchema = z.object({
  hubId: z.string().regex(CLUSTER_TOKEN),
  clientId: SCHEMAS.clientId,
  active: z.boolean(),
})
export type TypingSignal = z.infer<typeof signalSchema>

export interface TypingOptions {
  roomId: string
  hubId: string
  /** A member of another hub started or stopped typing. */
  onTyping: (signal: TypingSignal) => void
  log?: Logger
  /** Per-member rate (tests inject smaller ones); default LIMITS'. */
  perSecond?: number
  burst?: number
  /** The rate of all the other hubs together (tests inject smaller ones); default sized by
   * maxRoomMembers. */
  room?: { perSecond: number; burst: number }
}

export class ClusterTyping {
  private readonly subscription: Subscription
  private readonly members: BucketTable<TokenBucket>
  private readonly hubs: BucketTable<TokenBucket>
  private readonly room: TokenBucket
  private readonly subject: string
  private readonly log: Logger
  /** Signals dropped since the last warning (rate, size, shape), logged at most once a minute. */
  private dropped = 0
  private lastWarning = -Infinity

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: TypingOptions,
  ) {
    this.subject = typingSubject(options.roomId)
    this.log = options.log ?? SILENT_LOGGER
    const perSecond = options.perSecond ?? LIMITS.typingPerSecond
    const burst = options.burst ?? LIMITS.typingBurst
    this.members = new BucketTable(() => new TokenBucket(perSecond, burst), MAX_REMOTE_MEMBERS)
    const room = options.room ?? { perSecond: ROOM_TYPING_PER_SECOND, burst: LIMITS.maxRoomMembers }
    this.room = new TokenBucket(room.perSecond, room.burst)
    this.hubs = new BucketTable(
      () => new TokenBucket(HUB_TYPING_PER_SECOND, LIMITS.maxMembers),
      MAX_HUBS,
    )
    this.subscription = nc.subscribe(this.subject, {
      callback: (error, message) => {
        if (error === null) this.received(message.data)
      },
    })
  }

  private received(data: Uint8Array): void {
    const signal = readKvValue({ value: data }, signalSchema, MAX_TYPING_BYTES)
    if (signal === null) return this.drop('not a typing signal')
    if (signal.hubId === this.options.hubId) return
    if (!this.hubs.get(signal.hubId).take()) return this.drop('hub over its rate')
    if (!this.room.take()) return this.drop('the other hubs over their rate')
    if (!this.members.get(signal.clientId).take()) return this.drop('member over its rate')
    this.options.onTyping(signal)
  }

  private drop(why: string): void {
    this.dropped += 1
    const now = performance.now()
    if (now - this.lastWarning < 60_000) return
    this.log.warn({ dropped: this.dropped, why }, 'cluster typing: signals dropped')
    this.lastWarning = now
    this.dropped = 0
  }

  /** Tells the other hubs that a member of this hub started or stopped typing. */
  publish(clientId: string, active: boolean): void {
    const signal: TypingSignal = { hubId: this.options.hubId, clientId, active }
    try {
      this.nc.publish(this.subject, kvBytes(signal, MAX_TYPING_BYTES))
    } catch (error) {
      // The connection is closing (the hub is stopping): a lost signal ends by itself.
      this.log.debug({ error: String(error) }, 'cluster typing: could not publish')
    }
  }

  stop(): void {
    this.subscription.unsubscribe()
  }
}
