import { eventsSubject, roomStream } from './names'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { connect, credsAuthenticator, nanos, type NatsConnection } from '@nats-io/transport-node'
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream'
import { ERROR_CODES, type Schemas } from '../../shared/protocol'
import type { Logger } from '../hub/logger'
import type { MemberLink, Origin } from '../hub/room'
import { stampProposal, type LogSink, type Proposal, type RoomLog } from '../hub/room-log'
import { readStreamEvent } from './event-record'

/** How long JetStream drops a second message with the same id: the longest a client's
 * unacknowledged op may wait to be sent again (a laptop asleep over lunch is a new room day). */
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 60 * 1000
/** What a proposal waits for the stream's acknowledgement before it is refused for now. */
const PUBLISH_TIMEOUT_MS = 5_000
/** Proposals waiting to come back from the stream, at most (the rest are acknowledged by the
 * broadcast alone, as on any other hub). */
const MAX_PENDING = 10_000
/** When a proposal could not reach the stream: the sender resends after this. */
const RETRY_AFTER_MS = 1_000

export interface JetStreamLogOptions {
  /** NATS server URLs (nats://host:port), tried in turn. */
  servers: readonly string[]
  /** A NATS credentials file (a user JWT and its NKey seed). */
  credsFile?: string | undefined
  /** The room's name: it names the stream until the room identity lives in the cluster. */
  roomName: string
  /** Copies of the stream on the cluster's servers (1–5). Default 1. */
  replicas?: number | undefined
  duplicateWindowMs?: number | undefined
  /** The largest message read from the stream (bytes): a hub's largest frame. */
  maxMessageBytes: number
  schemas: Schemas
  logger: Logger
}

/** A room id (a token) made from a name, the same on every hub. */
export function clusterRoomId(roomName: string): string {
  const digest = createHash('sha256').update(`lanroom-cluster-room\u0000${roomName}`).digest()
  return digest.toString('base64url').slice(0, 22)
}

/**
 * A clustered room's timeline in a JetStream stream, `LANROOM_<roomId>` with the one subject
 * `lanroom.<roomId>.events`. Every hub of the room publishes the ops it accepts there (the
 * message id is `clientId:msgId`, so JetStream's duplicate window drops a resend), and applies
 * every op from one ordered consumer, in stream order: the stream sequence is the room's seq,
 * the same on every hub. The proposing hub's time stamp travels inside the message.
 *
 * Everything read from the stream is bounded and validated (event-record.ts): anything that
 * is not a hub's op is dropped and logged, and its seq is never used.
 */
export class JetStreamLog {
  /** The last stream seq this hub has read (applied or dropped). */
  private position = 0
  private messages: ConsumerMessages | null = null
  private readonly caughtUpWaiters: Array<() => void> = []
  private target = 0
  private closing: Promise<void> | null = null

  private constructor(
    private readonly options: JetStreamLogOptions,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    readonly roomId: string,
    readonly stream: string,
    readonly subject: string,
    /** The epoch of the room's seqs: a new stream (deleted, made again) is a new epoch. */
    readonly epoch: string,
    /** The stream's last seq when the hub connected: what it catches up to before serving. */
    lastSeqAtStart: number,
  ) {
    this.target = lastSeqAtStart
  }

  /** Connects, and creates the room's stream unless it exists. */
  static async connect(options: JetStreamLogOptions): Promise<JetStreamLog> {
    const roomId = clusterRoomId(options.roomName)
    const stream = roomStream(roomId)
    const subject = eventsSubject(roomId)
    const nc = await connect({
      servers: [...options.servers],
      name: `lanroom hub ${roomId}`,
      maxReconnectAttempts: -1,
      ...(options.credsFile
        ? { authenticator: credsAuthenticator(new Uint8Array(readFileSync(options.credsFile))) }
        : {}),
    })
    try {
      const jsm = await jetstreamManager(nc)
      const config = {
        name: stream,
        subjects: [subject],
        num_replicas: options.replicas ?? 1,
        duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
        max_msg_size: options.maxMessageBytes,
      }
      const info = await jsm.streams.info(stream).catch(async (error: unknown) => {
        if (!isNotFound(error)) throw error
        return jsm.streams.add(config)
      })
      const epoch = createHash('sha256')
        .update(`${stream}\u0000${info.created}`)
        .digest('base64url')
        .slice(0, 16)
      return new JetStreamLog(
        options,
        nc,
        jetstream(nc),
        roomId,
        stream,
        subject,
        epoch,
        info.state.last_seq,
      )
    } catch (error) {
      await nc.close()
      throw error
    }
  }

  /**
   * The room's log on this stream: reads from the seq after the room's last, and hands each op
   * to the sink in stream order.
   */
  open<L extends MemberLink>(sink: LogSink<Origin<L>>): RoomLog<Origin<L>> {
    const pending = new Map<string, Origin<L>>()
    this.position = sink.lastSeq
    void this.consume(sink, pending)
    return {
      propose: (proposal, origin) => this.publish(proposal, origin, pending),
      close: () => void this.close(),
    }
  }

  /** Resolves once every op that was in the stream when the hub connected has been read. */
  caughtUp(): Promise<void> {
    if (this.position >= this.target) return Promise.resolve()
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve))
  }

  /** The hub's NATS connection, for the room's other parts in the cluster (presence, typing). */
  get connection(): NatsConnection {
    return this.nc
  }

  /** The last stream seq this hub has read. */
  get read(): number {
    return this.position
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.messages?.close()
      await this.nc.close().catch(() => {})
    })()
    return this.closing
  }

  private publish<L extends MemberLink>(
    proposal: Proposal,
    origin: Origin<L>,
    pending: Map<string, Origin<L>>,
  ): void {
    // The seq is the stream's: the message carries everything else, the time stamp too.
    const { seq: _seq, ...event } = stampProposal(proposal, 0, Date.now())
    const key = msgId(proposal.from, proposal.message.id)
    if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string)
    pending.set(key, origin)
    this.js
      .publish(this.subject, JSON.stringify(event), { msgID: key, timeout: PUBLISH_TIMEOUT_MS })
      .catch((error: unknown) => {
        pending.delete(key)
        this.options.logger.warn(
          { key, error: error instanceof Error ? error.message : String(error) },
          'could not publish to the room stream',
        )
        origin.link.reject(
          ERROR_CODES.rateLimited,
          "the room's log cannot be reached right now; send it again",
          { id: proposal.message.id, retryAfterMs: RETRY_AFTER_MS },
        )
      })
  }

  private async consume<L extends MemberLink>(
    sink: LogSink<Origin<L>>,
    pending: Map<string, Origin<L>>,
  ): Promise<void> {
    const { logger } = this.options
    try {
      const consumer = await this.js.consumers.get(this.stream, {
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: sink.lastSeq + 1,
      })
      this.messages = await consumer.consume()
      if (this.closing) await this.messages.close()
      this.reached()
      for await (const message of this.messages) {
        this.receive(message, sink, pending)
        this.reached()
      }
    } catch (error) {
      if (!this.closing) {
        logger.error(
          { error: error instanceof Error ? error.message : String(error) },
          'the room stream could not be read',
        )
      }
    }
  }

  private receive<L extends MemberLink>(
    message: JsMsg,
    sink: LogSink<Origin<L>>,
    pending: Map<string, Origin<L>>,
  ): void {
    if (this.closing) return
    const seq = message.seq
    this.position = Math.max(this.position, seq)
    if (seq <= sink.lastSeq) return
    const read = readStreamEvent(message, seq, this.options)
    if (!read.ok) {
      this.options.logger.warn(
        { seq, reason: read.reason },
        'dropped a message from the room stream',
      )
      return
    }
    const key = msgId(read.event.from, read.event.id)
    const origin = pending.get(key)
    pending.delete(key)
    try {
      sink.apply(read.event, origin)
    } catch (error) {
      this.options.logger.error(
        { seq, error: error instanceof Error ? error.message : String(error) },
        'could not apply an op from the room stream',
      )
    }
  }

  private reached(): void {
    if (this.position < this.target) return
    for (const resolve of this.caughtUpWaiters.splice(0)) resolve()
  }
}

/** The JetStream message id of an op: its sender and its own id. */
export function msgId(clientId: string, messageId: string): string {
  return `${clientId}:${messageId}`
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && /not found/i.test(error.message)
}
