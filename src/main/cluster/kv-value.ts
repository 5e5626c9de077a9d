import type { z } from 'zod'
import type { KV, KvEntry } from '@nats-io/kv'
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream'

/** How long a bucket just made may take to answer through every server: its stream's leader is
 * elected a moment after the create returns (~0.1 s here; a safety net far above). */
const BUCKET_READY_MS = 15_000

/**
 * A value read from a cluster's KV bucket, parsed against `schema`; null when it is larger
 * than `maxBytes`, not JSON, or not of the schema. Whoever holds credentials to the NATS account
 * can write there, so what is read is as hostile as a frame from the network: bounded before
 * it is parsed, validated before it is used.
 */
export function readKvValue<T>(
  entry: Pick<KvEntry, 'value'>,
  schema: z.ZodType<T>,
  maxBytes: number,
): T | null {
  if (entry.value.byteLength > maxBytes) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry.value))
  } catch {
    return null
  }
  const result = schema.safeParse(parsed)
  return result.success ? result.data : null
}

/** How many bytes `value` takes as JSON. */
export function kvSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength
}

/** The JSON bytes of `value`, refused (an Error) above `maxBytes`: what this hub writes obeys
 * the bound every reader applies. */
export function kvBytes(value: unknown, maxBytes: number): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(value))
  if (bytes.byteLength > maxBytes) {
    throw new Error(
      `a cluster value of ${bytes.byteLength} bytes is over its ${maxBytes}-byte bound`,
    )
  }
  return bytes
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound
}

/**
 * Resolves once `kv` answers reads. Right after a replicated bucket is made, a read through
 * another server can still be told "stream not found" until the bucket's stream has a leader:
 * a hub that made the bucket then reads it must not take that for an empty cluster.
 */
export async function bucketReady(kv: KV): Promise<KV> {
  const deadline = performance.now() + BUCKET_READY_MS
  for (;;) {
    try {
      await kv.get('ready')
      return kv
    } catch (error) {
      if (!isStreamNotFound(error) || performance.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
