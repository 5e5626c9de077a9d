import type { z } from 'zod'
import type { KvEntry } from '@nats-io/kv'

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
