/**
 * What main sends the window (event payloads, command results) must match the contract, and
 * what main sends is built from what peers say. A field that is too long is clipped and logged
 * once per kind; a value that cannot be made valid is dropped and logged once per kind. Never
 * a throw: a throw here happened inside the batcher's timer, and from then on every publish
 * failed and the window stopped updating.
 */
import type { z } from 'zod'
import {
  eventChannel,
  payloadSchema,
  type EventChannel,
  type EventName,
  type EventPayload,
} from '../../shared/bridge'
import { clipToSchema } from './clip'
import { consoleBridgeLog, type BridgeLog } from './dispatch'

/** Log codes (main's log only; nothing here crosses to the renderer). */
export const FIT_LOG_CODES = {
  clipped: 'BRIDGE_WARN_CLIPPED',
  dropped: 'BRIDGE_ERR_INVALID_PAYLOAD',
} as const

/** Distinct kinds remembered as logged: schemas have few paths, this is only a backstop. */
const MAX_REMEMBERED = 1_000

export class PayloadFitter {
  private readonly logged = new Set<string>()

  constructor(private readonly log: BridgeLog) {}

  /** `value` as the schema outputs it, clipped where too long; null when it cannot fit. */
  fit<T>(what: string, schema: z.ZodType<T>, value: unknown): T | null {
    const result = clipToSchema(schema, value)
    if (result.ok) {
      for (const field of result.clipped) {
        this.once(`${what} clip ${field.origin} ${field.path}`, () =>
          this.log({
            level: 'warn',
            command: what,
            code: FIT_LOG_CODES.clipped,
            message: `${what}: ${field.path || 'the value'} was too long and was clipped (${field.origin}); logged once.`,
          }),
        )
      }
      return result.value
    }
    const first = result.issues[0]
    const where = first ? first.path.map((k) => (typeof k === 'number' ? '*' : String(k))) : []
    this.once(`${what} drop ${first?.code ?? '?'} ${where.join('.')}`, () =>
      this.log({
        level: 'error',
        command: what,
        code: FIT_LOG_CODES.dropped,
        message: `${what} does not match the contract and was not sent; logged once per kind.`,
        detail: result.issues.slice(0, 5),
      }),
    )
    return null
  }

  private once(key: string, write: () => void): void {
    if (this.logged.has(key)) return
    if (this.logged.size >= MAX_REMEMBERED) this.logged.clear()
    this.logged.add(key)
    write()
  }
}

const fitters = new WeakMap<BridgeLog, PayloadFitter>()

/** One fitter per log, so that "once" holds across calls that share a log. */
export function fitterFor(log: BridgeLog): PayloadFitter {
  let fitter = fitters.get(log)
  if (!fitter) {
    fitter = new PayloadFitter(log)
    fitters.set(log, fitter)
  }
  return fitter
}

/**
 * The channel and checked payload for an event, clipped to the contract's bounds; null (and
 * logged) when the payload cannot be made to match it. Never throws.
 */
export function prepareEvent<K extends EventName>(
  name: K,
  payload: EventPayload<K>,
  fitter: PayloadFitter = fitterFor(consoleBridgeLog),
): { channel: EventChannel<K>; payload: EventPayload<K> } | null {
  const fitted = fitter.fit(name, payloadSchema(name), payload)
  return fitted === null ? null : { channel: eventChannel(name), payload: fitted }
}
