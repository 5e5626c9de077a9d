import { z } from 'zod'
import type { Schemas, TimelineEvent } from '../../shared/protocol'

/** What the log needs to read a message from the stream. */
export interface RecordLimits {
  /** The largest message accepted (bytes): a hub's largest frame. */
  maxMessageBytes: number
  schemas: Schemas
}

/** A message as the stream hands it (the fields of a JsMsg this reads). */
export interface StreamMessage {
  readonly subject: string
  readonly data: Uint8Array
  readonly headers?: { get(key: string): string } | undefined
}

export type ReadEvent = { ok: true; event: TimelineEvent } | { ok: false; reason: string }

const recordSchemas = new WeakMap<Schemas, z.ZodType<TimelineEvent>>()

/**
 * The schema of an op as a hub publishes it (a live event: never `edited`, `deleted` nor
 * `reactions`, which only a materialized chat carries), made once per set of limits.
 */
function recordSchema(schemas: Schemas): z.ZodType<TimelineEvent> {
  let schema = recordSchemas.get(schemas)
  if (!schema) {
    const chat = schemas.chatEvent.omit({ edited: true, deleted: true, reactions: true }).strict()
    schema = z.discriminatedUnion('type', [
      chat,
      schemas.reactEvent.strict(),
      schemas.unreactEvent.strict(),
      schemas.editEvent.strict(),
      schemas.deleteEvent.strict(),
    ]) as unknown as z.ZodType<TimelineEvent>
    recordSchemas.set(schemas, schema)
  }
  return schema
}

/**
 * Reads one op from the room's stream, stamped with the stream's `seq`. The stream is the
 * network: whatever is on the subject may come from anyone who can publish there, so the
 * message is bounded, parsed and checked against the event schema, and its JetStream message
 * id must be the one a hub gives the op (`clientId:msgId`, see msgId in event-log.ts).
 */
export function readStreamEvent(
  message: StreamMessage,
  seq: number,
  limits: RecordLimits,
): ReadEvent {
  if (message.data.length > limits.maxMessageBytes) {
    return { ok: false, reason: `larger than ${limits.maxMessageBytes} bytes` }
  }
  let value: unknown
  try {
    value = JSON.parse(
      Buffer.from(message.data.buffer, message.data.byteOffset, message.data.length).toString(
        'utf8',
      ),
    )
  } catch {
    return { ok: false, reason: 'not JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'seq' in value) {
    return { ok: false, reason: 'not an op' }
  }
  const parsed = recordSchema(limits.schemas).safeParse({ ...value, seq })
  if (!parsed.success) return { ok: false, reason: 'not an op' }
  const event = parsed.data
  if (message.headers?.get('Nats-Msg-Id') !== `${event.from}:${event.id}`) {
    return { ok: false, reason: 'message id is not the op’s' }
  }
  return { ok: true, event }
}
