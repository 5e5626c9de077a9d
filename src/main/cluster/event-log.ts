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
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream'
import { ERROR_CODES, type Schemas } from '../../shared/protocol'
import type { Logger } from '../hub/logger'
import type { MemberLink } from '../hub/room'
import {
  stampProposal,
  type LogSink,
  type Origin,
  type Proposal,
  type RoomLog,
} from '../hub/room-log'
import { readStreamEvent } from './event-record'
import { PublishLanes } from './publish-lanes'

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
/** How long one pull for the stream's ops waits, and the heartbeat asked for meanwhile: two
 * missed (4 s) end the consumer, as a server's death does. */
const CONSUME_EXPIRES_MS = 10_000
const CONSUME_HEARTBEAT_MS = 2_000
/** Every this often, a hub that has read nothing asks the stream whether there is more. */
const STALL_CHECK_MS = 2_000
/** Checks in a row with more in the stream and nothing read: the consumer is taken for dead. */
const STALL_CHECKS = 3
/** The first pause before a consumer that failed is made again, doubling up to the most. */
const REREAD_MS = 100
const REREAD_MAX_MS = 5_000

/** How to reach the cluster (`--nats`, `--nats-creds`). */
export interface NatsOptions {
  /** NATS server URLs (nats://host:port), tried in turn. */
  servers: readonly string[]
  /** A NATS credentials file (a user JWT and its NKey seed). */
  credsFile?: string | undefined
}

export interface JetStreamLogOptions {
  /** The room's id (the cluster's identity of the room, identity.ts): it names the stream. */
  roomId: string
  /** Copies of the stream on the cluster's servers (1–5), when this hub makes it. Default 1. */
  replicas?: number | undefined
  duplicateWindowMs?: number | undefined
  /** The largest message read from the stream (bytes): a hub's largest frame. */
  maxMessageBytes: number
  schemas: Schemas
  logger: Logger
}

/** A connection to the cluster that keeps trying to reconnect for as long as the hub runs. */
export async function connectNats(options: NatsOptions, name: string): Promise<NatsConnection> {
  return connect({
    servers: [...options.servers],
    name,
    maxReconnectAttempts: -1,
    ...(options.credsFile
      ? { authenticator: credsAuthenticator(new Uint8Array(readFileSync(options.credsFile))) }
      : {}),
  })
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
  /** For the stall check (made when first needed). */
  private manager: JetStreamManager | null = null
  /** Each member's ops are published one at a time, in order (publish-lanes.ts). */
  private readonly lanes = new PublishLanes()

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
    /** Copies of the stream in the cluster (its own setting, whoever made it). */
    readonly replicas: number,
  ) {
    this.target = lastSeqAtStart
  }

  /**
   * Opens the room's stream through `nc` (which the log then owns and closes), and creates it
   * unless it exists. The epoch is the stream's: the same on every hub, new when the stream is.
   */
  static async open(nc: NatsConnection, options: JetStreamLogOptions): Promise<JetStreamLog> {
    const { roomId } = options
    const stream = roomStream(roomId)
    const subject = eventsSubject(roomId)
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
        info.config.num_replicas,
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
    const { id } = proposal.message
    const key = msgId(proposal.from, id)
    const refuse = (message: string): void => {
      origin.refusedLater(RETRY_AFTER_MS)
      origin.link.reject(ERROR_CODES.rateLimited, message, { id, retryAfterMs: RETRY_AFTER_MS })
    }
    this.lanes.run(
      proposal.from,
      id,
      async () => {
        // The seq is the stream's: the message carries everything else, the time stamp too.
        const { seq: _seq, ...event } = stampProposal(proposal, 0, Date.now())
        if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string)
        pending.set(key, origin)
        try {
          await this.js.publish(this.subject, JSON.stringify(event), {
            msgID: key,
            timeout: PUBLISH_TIMEOUT_MS,
          })
          return true
        } catch (error) {
          pending.delete(key)
          this.options.logger.warn(
            { key, error: error instanceof Error ? error.message : String(error) },
            'could not publish to the room stream',
          )
          refuse("the room's log cannot be reached right now; send it again")
          return false
        }
      },
      (sendFirst) =>
        refuse(`the room's log cannot be reached right now; send ${sendFirst} again first`),
    )
  }

  /**
   * Reads the stream for as long as the log is open. One ordered consumer does the reading;
   * when it ends, fails or stalls (see watch), a new one starts after the last seq read. The
   * client library mends most breaks by itself, but not all: a consumer whose server died while
   * its connection moved to another server is asked after with requests that time out, forever,
   * and its heartbeats are no longer watched, so the hub would quietly stop applying the room.
   */
  private async consume<L extends MemberLink>(
    sink: LogSink<Origin<L>>,
    pending: Map<string, Origin<L>>,
  ): Promise<void> {
    let failures = 0
    while (!this.closing) {
      const before = this.position
      try {
        await this.readOnce(sink, pending)
      } catch (error) {
        if (!this.closing) {
          this.options.logger.warn(
            { read: this.position, error: error instanceof Error ? error.message : String(error) },
            'reading the room stream failed; reading it again',
          )
        }
      }
      if (this.closing) break
      failures = this.position > before ? 0 : failures + 1
      await delay(Math.min(REREAD_MAX_MS, REREAD_MS * 2 ** Math.min(failures, 6)))
    }
  }

  /** One ordered consumer from the seq after the last one read, until it ends. */
  private async readOnce<L extends MemberLink>(
    sink: LogSink<Origin<L>>,
    pending: Map<string, Origin<L>>,
  ): Promise<void> {
    const consumer = await this.js.consumers.get(this.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.position + 1,
    })
    const messages = await consumer.consume({
      expires: CONSUME_EXPIRES_MS,
      idle_heartbeat: CONSUME_HEARTBEAT_MS,
    })
    this.messages = messages
    if (this.closing) {
      await messages.close()
      return
    }
    const unwatch = this.watch(messages)
    try {
      this.reached()
      for await (const message of messages) {
        this.receive(message, sink, pending)
        this.reached()
      }
    } finally {
      unwatch()
    }
  }

  /**
   * Ends a consumer that no longer delivers: its heartbeats were missed, or the stream holds ops
   * past the last one read and nothing has been read for STALL_CHECKS checks in a row. Returns
   * how to stop watching.
   */
  private watch(messages: ConsumerMessages): () => void {
    let watching = true
    let seen = this.position
    let stalled = 0
    const end = (why: string, fields: object): void => {
      if (!watching || this.closing) return
      watching = false
      this.options.logger.warn({ read: this.position, ...fields }, why)
      messages.stop()
    }
    void (async () => {
      for await (const status of messages.status()) {
        if (!watching) break
        if (status.type === 'heartbeats_missed') {
          end('the room stream stopped answering; reading it again', { missed: status.count })
        }
      }
    })().catch(() => {})
    const check = async (): Promise<void> => {
      if (this.position !== seen) {
        seen = this.position
        stalled = 0
        return
      }
      const last = await this.streamLastSeq()
      if (last === null || last <= this.position) {
        stalled = 0
        return
      }
      stalled += 1
      if (stalled >= STALL_CHECKS) {
        end('reading the room stream stalled; reading it again', { stream: last })
      }
    }
    const timer = setInterval(() => void check(), STALL_CHECK_MS)
    timer.unref()
    return () => {
      watching = false
      clearInterval(timer)
    }
  }

  /** The stream's last seq, or null when the stream cannot be asked now. */
  private async streamLastSeq(): Promise<number | null> {
    try {
      this.manager ??= await jetstreamManager(this.nc, {
        checkAPI: false,
        timeout: STALL_CHECK_MS,
      })
      return (await this.manager.streams.info(this.stream)).state.last_seq
    } catch {
      return null
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

/** A pause that keeps no process alive (the connection does, while the log is open). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
